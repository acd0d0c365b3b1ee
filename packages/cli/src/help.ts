// --help text, usage lines and the command list, all rendered from the commands' declarations
import type { Command, CommandGroup, OptionSpec } from "./command.js";
import { BUILTIN_OPTIONS } from "./parse.js";

/** `--format text|json`, `--out DIR`, `--dry-run`; an enum with a placeholder (`--only SOURCE`) lists its choices in help */
export function optionSyntax(name: string, o: OptionSpec): string {
  if (o.type === "boolean") return `--${name}`;
  if (o.type === "enum" && o.placeholder === undefined) return `--${name} ${o.choices.join("|")}`;
  return `--${name} ${o.placeholder ?? (o.type === "number" ? "N" : "VALUE")}`;
}

/** the one-line usage: `bycn validate FILE [--kind auto|…] [--out DIR]` (prefix: `claims` for a subcommand) */
export function usageLine(command: Command, prefix?: string): string {
  const words = ["bycn", ...(prefix ? [prefix] : []), command.name, ...(command.args ?? []).map((a) => a.name)];
  for (const [name, o] of Object.entries(command.options)) words.push(`[${optionSyntax(name, o)}]`);
  return words.join(" ");
}

/** what an option's help says after its description: its choices and its default */
export function optionNote(o: OptionSpec): string {
  const notes: string[] = [];
  if (o.type === "enum" && o.placeholder !== undefined) notes.push(`one of: ${o.choices.join(", ")}`);
  if (o.default !== undefined) notes.push(`default: ${String(o.default)}`);
  return notes.length ? ` (${notes.join("; ")})` : "";
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`);
}

/** `bycn <command> --help`: usage, summary, arguments, every option with its description and default, examples */
export function commandHelp(command: Command, prefix?: string): string {
  const left = (name: string, o: OptionSpec) => `${o.short ? `-${o.short}, ` : ""}${optionSyntax(name, o)}`;
  const lines = [`usage: ${usageLine(command, prefix)}`, "", command.summary];
  if (command.args?.length) lines.push("", "arguments:", ...table(command.args.map((a) => [a.name, a.description])));
  const options = Object.entries({ ...command.options, ...BUILTIN_OPTIONS });
  lines.push("", "options:", ...table(options.map(([name, o]) => [left(name, o), `${o.description}${optionNote(o)}`])));
  if (command.examples.length) lines.push("", "examples:", ...command.examples.map((e) => `  ${e}`));
  return lines.join("\n");
}

/** `bycn claims --help`: the group's subcommands, each with its usage */
export function groupHelp(group: CommandGroup): string {
  return [
    `usage: bycn ${group.name} <subcommand> [options]`,
    "",
    group.summary,
    "",
    "subcommands:",
    ...table(group.subcommands.map((c) => [c.name, c.summary])),
    "",
    `bycn ${group.name} <subcommand> --help shows a subcommand's arguments and options.`,
  ].join("\n");
}

/** `bycn --help`: every command and subcommand on one line each */
export function topHelp(title: string, commands: readonly Command[], groups: readonly CommandGroup[]): string {
  const rows: [string, string][] = [
    ...commands.map((c): [string, string] => [c.name, c.summary]),
    ...groups.flatMap((g) => g.subcommands.map((c): [string, string] => [`${g.name} ${c.name}`, c.summary])),
  ];
  return [
    title,
    "",
    "usage: bycn <command> [options]",
    "",
    ...table(rows),
    "",
    "bycn help <command> or bycn <command> --help shows a command's arguments, options and examples.",
    "Exit codes: 0 ok, 1 findings/differences, 2 could not run.",
  ].join("\n");
}
