// bycn: command dispatch, --help and --version from the declarations in commands/; every command returns its exit code
import { textLine } from "@bycn/core";
import type { Command } from "./command.js";
import { COMMANDS, GROUPS } from "./commands/index.js";
import { commandHelp, groupHelp, topHelp, usageLine } from "./help.js";
import { CliError, processIo, type Io } from "./output.js";
import { parseCommandArgs } from "./parse.js";
import { didYouMean } from "./suggest.js";
import { VERSION } from "./version.js";

const TITLE = `bycn ${VERSION}: Belarus–China digital-economy data, validated and checked against an article`;

/** a usage mistake: one line naming what was wrong (and the nearest right word), then where help is */
function usageError(io: Io, where: string, what: string, help: string): number {
  io.err(`${textLine(`${where}: ${what}`)}\nRun \`${help}\` for help.`);
  return 2;
}

type Found = { command: Command; prefix?: string; rest: string[] } | { exit: number };

/** the command (or group subcommand) argv names, or the exit code of having said why there is none */
function find(argv: string[], io: Io): Found {
  const [name = "", ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return { command, rest };
  const group = GROUPS.find((g) => g.name === name);
  if (!group) {
    const what = name.startsWith("-")
      ? `unknown option ${name}${didYouMean(name, ["--help", "--version"])}`
      : `unknown command ${JSON.stringify(name)}${didYouMean(name, [...COMMANDS, ...GROUPS].map((c) => c.name))}`;
    return { exit: usageError(io, "bycn", what, "bycn --help") };
  }
  const [first, ...after] = rest;
  if (first === "--help" || first === "-h") {
    io.out(groupHelp(group));
    return { exit: 0 };
  }
  const sub = group.subcommands.find((c) => c.name === first);
  if (sub) return { command: sub, prefix: group.name, rest: after };
  const what = first === undefined ? "a subcommand is needed" : `unknown subcommand ${JSON.stringify(first)}${didYouMean(first, group.subcommands.map((c) => c.name))}`;
  return { exit: usageError(io, `bycn ${group.name}`, what, `bycn ${group.name} --help`) };
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || (name === "help" && (rest[0] === undefined || rest[0] === "help" || rest[0].startsWith("-")))) {
    io.out(topHelp(TITLE, COMMANDS, GROUPS));
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.out(VERSION);
    return 0;
  }
  // `bycn help check` is `bycn check --help`, `bycn help claims lint` is `bycn claims lint --help`
  const found = name === "help" ? find([...rest, "--help"], io) : find(argv, io);
  if ("exit" in found) return found.exit;
  const { command, prefix } = found;
  const full = prefix ? `${prefix} ${command.name}` : command.name;
  const parsed = parseCommandArgs(command, found.rest);
  if (!parsed.ok) return usageError(io, `bycn ${full}`, parsed.message, `bycn ${full} --help`);
  if (parsed.help) {
    io.out(commandHelp(command, prefix));
    return 0;
  }
  if (parsed.version) {
    io.out(VERSION);
    return 0;
  }
  try {
    return await command.run.call({ usage: usageLine(command, prefix) }, parsed.args, io);
  } catch (e) {
    if (e instanceof CliError) {
      // a message is one or more lines by design; a path inside one is escaped where it is written (escapeControls)
      io.err(`bycn ${full}: ${e.message}`.split("\n").map(textLine).join("\n"));
      return e.exitCode;
    }
    // a bug, not bad input: say so plainly; the stack helps whoever fixes it
    io.err(`bycn ${full}: internal error: ${(e as Error).stack ?? String(e)}`);
    return 2;
  }
}
