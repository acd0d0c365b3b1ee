// terminal output: colour only on a TTY without NO_COLOR, progress only when stderr is a TTY
import type { Issue } from "@bycn/core";
import { formatIssue } from "@bycn/core";

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** progress lines: dropped unless stderr is a terminal */
  progress: (s: string) => void;
  color: boolean;
}

export function processIo(): Io {
  const color = Boolean(process.stdout.isTTY) && !("NO_COLOR" in process.env);
  return {
    out: (s) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`),
    err: (s) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`),
    progress: (s) => {
      if (process.stderr.isTTY) process.stderr.write(`${s}\n`);
    },
    color,
  };
}

const SGR: Record<Issue["severity"], string> = { error: "31", warning: "33", info: "36" };

export function issueLine(i: Issue, color: boolean): string {
  const line = formatIssue(i);
  return color ? `\u001b[${SGR[i.severity]}m${line}\u001b[0m` : line;
}

/** a usage or run failure the user can act on: printed as one line, never with a stack */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
