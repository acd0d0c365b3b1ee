// check's analysis step, shared by `bycn check` and `bycn build`: raw/ → analysis → report, with the baseline applied
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { escapeControls, type Severity, type SourceId } from "@bycn/core";
import { CliError } from "../output.js";
import { analyze } from "../analyze.js";
import { VERSION } from "../version.js";
import { applyBaseline, parseBaseline } from "./baseline.js";
import { buildCheckReport, fingerprintOf, type CheckReport } from "./report.js";

export const DEFAULT_BASELINE = "baseline.json";

/** analysis → report, honouring the baseline (the project's own baseline.json beside raw/ unless --baseline says otherwise) */
export function runCheck(opts: {
  rawDir: string;
  baseline?: string;
  failOn: Severity;
  only?: SourceId;
  claims?: string;
  progress?: (s: string) => void;
}): {
  report: CheckReport;
  analysis: ReturnType<typeof analyze>;
} {
  const analysis = analyze({
    rawDir: opts.rawDir,
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.claims !== undefined ? { claims: opts.claims } : {}),
    ...(opts.progress ? { progress: opts.progress } : {}),
  });
  const baselinePath = opts.baseline ?? path.join(path.dirname(path.resolve(opts.rawDir)), DEFAULT_BASELINE);
  let issues = analysis.issues;
  let accept: ((fp: string) => string | undefined) | undefined;
  if (opts.baseline !== undefined || existsSync(baselinePath)) {
    let text: string;
    try {
      text = readFileSync(baselinePath, "utf8");
    } catch (e) {
      throw new CliError(`cannot read baseline ${escapeControls(baselinePath)}: ${escapeControls((e as Error).message)}`, 2);
    }
    const display = opts.baseline ?? DEFAULT_BASELINE;
    const parsed = parseBaseline(text, display);
    if (!parsed.baseline) throw new CliError(parsed.error ?? "invalid baseline", 2);
    const applied = applyBaseline(parsed.baseline, display, text, issues.map(fingerprintOf));
    accept = applied.accept;
    // the baseline's claim entries are about the article's registry: a user's registry (--claims) leaves them unused
    const stale = opts.claims === undefined ? applied.stale : applied.stale.filter((i) => !(i.code === "baseline_stale" && i.fingerprint.startsWith("claim_")));
    issues = [...issues, ...stale];
  }
  const report = buildCheckReport({
    version: VERSION,
    inputs: analysis.snapshots.map((s) => ({ file: s.file, vintage: s.vintage, sha256: s.sha256 })),
    issues,
    failOn: opts.failOn,
    ...(accept ? { accept } : {}),
  });
  return { report, analysis };
}
