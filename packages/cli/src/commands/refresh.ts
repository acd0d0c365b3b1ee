// bycn refresh: fetch the sources of raw/sources.json into new dated snapshots; a failed source keeps its last one
import { readFileSync } from "node:fs";
import path from "node:path";
import { refresh, renderRefreshReport } from "@bycn/refresh";
import type { Command } from "../main.js";
import { CliError, issueLine } from "../output.js";

export const refreshCommand: Command = {
  name: "refresh",
  summary: "fetch the sources in raw/sources.json into new dated snapshots (conditional, retried, atomic, locked)",
  usage:
    "bycn refresh [--raw DIR] [--source ID] [--dry-run] [--accept-shrink] [--file-deadline S] [--run-deadline S] [--min-rate BYTES_PER_S] [--format text|markdown|json]",
  options: {
    raw: { type: "string", default: "raw" },
    source: { type: "string" },
    "dry-run": { type: "boolean" },
    "accept-shrink": { type: "boolean" },
    "file-deadline": { type: "string" },
    "run-deadline": { type: "string" },
    "min-rate": { type: "string" },
    format: { type: "string", default: "text" },
    json: { type: "boolean" },
  },
  async run({ values }, io) {
    const format = values.json ? "json" : String(values.format);
    if (format !== "text" && format !== "markdown" && format !== "json") throw new CliError("--format must be text, markdown or json", 2);
    const fetch = {
      ...number(values["file-deadline"], "--file-deadline", 1000, (ms) => ({ fileDeadlineMs: ms })),
      ...number(values["run-deadline"], "--run-deadline", 1000, (ms) => ({ runDeadlineMs: ms })),
      ...number(values["min-rate"], "--min-rate", 1, (b) => ({ minBytesPerSecond: b }), true),
    };
    const rawDir = path.resolve(String(values.raw));
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(path.join(rawDir, "sources.json"), "utf8"));
    } catch (e) {
      throw new CliError(`cannot read ${path.join(String(values.raw), "sources.json")}: ${(e as Error).message}`, 2);
    }
    const report = await refresh({
      // refresh works on <root>/raw; --raw names the raw folder itself
      root: path.dirname(rawDir),
      manifest,
      sourceId: values.source === undefined ? undefined : String(values.source),
      dryRun: Boolean(values["dry-run"]),
      acceptShrink: Boolean(values["accept-shrink"]),
      fetch,
      now: () => new Date(),
      log: io.progress,
    });
    for (const i of report.issues) io.err(issueLine(i, io.color));
    io.out(renderRefreshReport(report, format).replace(/\n$/, ""));
    return report.exitCode;
  },
};

/** a positive number option (seconds or bytes/s) scaled into the policy's unit; zero only where it turns a check off */
function number<T>(value: unknown, name: string, scale: number, make: (n: number) => T, zeroOk = false): T | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroOk)) throw new CliError(`${name} must be a ${zeroOk ? "non-negative" : "positive"} number, got ${JSON.stringify(value)}`, 2);
  return make(Math.round(n * scale));
}
