// argv → a command's values, driven by its declaration: node:util parseArgs reads the words, then each option's
// declared type, choices and default apply; a mistake comes back as one line, never an exception
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Command, OptionSpec, OptionValue, ParsedArgs } from "./command.js";
import { didYouMean } from "./suggest.js";

export type ParseOutcome = { ok: true; args: ParsedArgs; help: boolean; version: boolean } | { ok: false; message: string };

/** every command also takes these; they are answered before its own options are checked */
export const BUILTIN_OPTIONS: Record<"help" | "version", OptionSpec> = {
  help: { type: "boolean", short: "h", description: "show this help" },
  version: { type: "boolean", description: "print bycn's version" },
};

export function parseCommandArgs(command: Command, argv: string[]): ParseOutcome {
  const declared = { ...command.options, ...BUILTIN_OPTIONS };
  const options: NonNullable<ParseArgsConfig["options"]> = {};
  for (const [name, o] of Object.entries(declared)) options[name] = { type: o.type === "boolean" ? "boolean" : "string", ...(o.short ? { short: o.short } : {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    return { ok: false, message: parseError(e as Error & { code?: string }, Object.keys(declared)) };
  }
  const raw = parsed.values as Record<string, string | boolean | undefined>;
  const help = raw.help === true;
  const version = raw.version === true;
  const values: Record<string, OptionValue | undefined> = {};
  for (const [name, spec] of Object.entries(command.options)) {
    const v = raw[name];
    if (v === undefined) {
      values[name] = spec.default;
      continue;
    }
    const checked = typeof v === "boolean" ? { value: v } : checkValue(name, spec, v);
    if ("message" in checked) {
      if (help || version) continue;
      return { ok: false, message: checked.message };
    }
    values[name] = checked.value;
  }
  return { ok: true, args: { values, positionals: parsed.positionals }, help, version };
}

function checkValue(name: string, spec: OptionSpec, v: string): { value: OptionValue } | { message: string } {
  if (spec.type === "number") {
    const n = Number(v);
    return v.trim() === "" || !Number.isFinite(n) ? { message: `--${name} must be a number, not ${JSON.stringify(v)}` } : { value: n };
  }
  if (spec.type === "enum" && !spec.choices.includes(v)) {
    return { message: `--${name} must be one of ${spec.choices.join(", ")}, not ${JSON.stringify(v)}${didYouMean(v, spec.choices)}` };
  }
  return { value: v };
}

/** parseArgs' own messages, shortened to one line; an unknown option gets the nearest declared one */
function parseError(e: Error & { code?: string }, names: string[]): string {
  const unknown = /^Unknown option '([^']*)'/.exec(e.message);
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) {
    const typed = unknown[1]!;
    return `unknown option ${typed}${typed.startsWith("--") ? didYouMean(typed, names.map((n) => `--${n}`)) : ""}`;
  }
  return e.message.split(/\.\s/)[0]!;
}
