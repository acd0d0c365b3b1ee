// a command declared as data: what --help, usage errors and the README's command table are rendered from
import type { Io } from "./output.js";

export type OptionValue = string | boolean | number;

interface OptionBase {
  /** one line for --help and the README */
  description: string;
  short?: string;
  /** the value's name in usage lines (`--out DIR`); enums show their choices instead */
  placeholder?: string;
}

export type OptionSpec = OptionBase &
  (
    | { type: "string"; default?: string }
    | { type: "number"; default?: number }
    | { type: "boolean"; default?: boolean }
    | { type: "enum"; choices: readonly string[]; default?: string }
  );

export interface ArgumentSpec {
  name: string;
  description: string;
}

export interface ParsedArgs {
  values: Record<string, OptionValue | undefined>;
  positionals: string[];
}

/** what a run may use besides its arguments: its own rendered usage line, for its own usage errors */
export interface CommandContext {
  usage: string;
}

export interface Command {
  name: string;
  /** one line: the top-level help and the README's command table */
  summary: string;
  args?: readonly ArgumentSpec[];
  options: Record<string, OptionSpec>;
  /** whole command lines, each optionally followed by `  # what it does` */
  examples: readonly string[];
  run(this: CommandContext, args: ParsedArgs, io: Io): Promise<number>;
}

/** a command whose first argument names one of its subcommands (`bycn claims lint FILE`) */
export interface CommandGroup {
  name: string;
  summary: string;
  subcommands: readonly Command[];
}
