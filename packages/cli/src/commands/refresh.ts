// bycn refresh: fetch the sources of raw/sources.json into new dated snapshots; a failed source keeps its last one
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_FETCH_POLICY as POLICY } from "@bycn/refresh/policy";
import type { Command } from "../command.js";
import { CliError, issueLine } from "../output.js";
import { JSON_FORMAT, RAW } from "./options.js";

export const refreshCommand: Command = {
  name: "refresh",
  summary: "fetch the sources in raw/sources.json into new dated snapshots (conditional, retried, atomic, locked)",
  options: {
    raw: RAW,
    source: { type: "string", placeholder: "ID", description: "fetch this source of sources.json only (default: every http source)" },
    "dry-run": { type: "boolean", description: "fetch and check, but write no snapshot" },
    "accept-shrink": { type: "boolean", description: "keep a snapshot with far fewer rows than the last one" },
    "file-deadline": { type: "number", placeholder: "S", description: `seconds one file may take, retries included (default: sources.json's limits, else ${POLICY.fileDeadlineMs / 1000})` },
    "run-deadline": { type: "number", placeholder: "S", description: `seconds the whole run may take (default: sources.json's limits, else ${POLICY.runDeadlineMs / 1000})` },
    "min-rate": { type: "number", placeholder: "BYTES_PER_S", description: `slowest transfer accepted, 0 for any (default: sources.json's limits, else ${POLICY.minBytesPerSecond})` },
    format: { type: "enum", choices: ["text", "markdown", "json"], default: "text", description: "how the run's report is printed" },
    json: JSON_FORMAT,
  },
  examples: ["bycn refresh --dry-run", "bycn refresh --source wdi --run-deadline 600"],
  async run({ values }, io) {
    const format = values.json ? "json" : values.format === "json" || values.format === "markdown" ? values.format : "text";
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
    // the HTTP client is loaded only for a refresh
    const { refresh, renderRefreshReport } = await import("@bycn/refresh");
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
