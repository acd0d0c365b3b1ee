// bycn: command dispatch, --help and --version; every command returns its exit code
import { parseArgs, type ParseArgsConfig } from "node:util";
import { textLine } from "@bycn/core";
import { CliError, processIo, type Io } from "./output.js";
import { VERSION } from "./version.js";
import { buildCommand } from "./commands/build.js";
import { validateCommand } from "./commands/validate.js";
import { checkCommand } from "./commands/check.js";
import { reportCommand } from "./commands/report.js";
import { refreshCommand } from "./commands/refresh.js";
import { diffCommand } from "./commands/diff.js";
import { releaseCommand } from "./commands/release.js";
import { CLAIMS_SUBCOMMANDS } from "./commands/claims.js";

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, io: Io): Promise<number>;
}

const COMMANDS: Command[] = [buildCommand, checkCommand, validateCommand, refreshCommand, reportCommand, diffCommand, releaseCommand];

// commands with subcommands (`bycn claims lint FILE`): each subcommand is parsed with its own options and defaults
const GROUPS: Record<string, { summary: string; subcommands: Command[] }> = {
  claims: { summary: "work on a claims registry of your own: lint it, print its JSON Schema, draft one from an article", subcommands: CLAIMS_SUBCOMMANDS },
};

function groupHelp(name: string): string {
  const { summary, subcommands } = GROUPS[name]!;
  const width = Math.max(...subcommands.map((c) => c.name.length));
  return [`usage: bycn ${name} <subcommand> [options]`, "", summary, "", ...subcommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${" ".repeat(width)}  usage: ${c.usage}`)].join("\n");
}

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), ...Object.entries(GROUPS).flatMap(([g, { subcommands }]) => subcommands.map((c) => g.length + 1 + c.name.length)));
  return [
    `bycn ${VERSION}: Belarus–China digital-economy data, validated and checked against an article`,
    "",
    "usage: bycn <command> [options]",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    ...Object.entries(GROUPS).flatMap(([g, { subcommands }]) => subcommands.map((c) => `  ${`${g} ${c.name}`.padEnd(width)}  ${c.summary}`)),
    "",
    "bycn <command> --help shows a command's options. Exit codes: 0 ok, 1 findings/differences, 2 could not run.",
  ].join("\n");
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(topHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.out(VERSION);
    return 0;
  }
  let command = COMMANDS.find((c) => c.name === name);
  const group = GROUPS[name];
  if (group) {
    const first = rest[0];
    if (first === "--help" || first === "-h") {
      io.out(groupHelp(name));
      return 0;
    }
    const sub = group.subcommands.find((c) => c.name === first);
    if (!sub) {
      const what = first === undefined ? "a subcommand is needed" : `unknown subcommand ${JSON.stringify(first)}`;
      io.err(`${textLine(`bycn ${name}: ${what}`)}\n\n${groupHelp(name)}`);
      return 2;
    }
    command = { ...sub, name: `${name} ${sub.name}` };
    rest.shift();
  }
  if (!command) {
    io.err(`bycn: unknown command ${JSON.stringify(name)}\n\n${topHelp()}`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" }, version: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    io.err(`${textLine(`bycn ${command.name}: ${(e as Error).message}`)}\n\nusage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  if (parsed.values.version) {
    io.out(VERSION);
    return 0;
  }
  try {
    return await command.run(parsed as never, io);
  } catch (e) {
    if (e instanceof CliError) {
      // a message is one or more lines by design; a path inside one is escaped where it is written (escapeControls)
      io.err(`bycn ${command.name}: ${e.message}`.split("\n").map(textLine).join("\n"));
      return e.exitCode;
    }
    // a bug, not bad input: say so plainly; the stack helps whoever fixes it
    io.err(`bycn ${command.name}: internal error: ${(e as Error).stack ?? String(e)}`);
    return 2;
  }
}
