// bycn check: every finding (integrity, schema, consistency, cross-source, claims) rendered for people and CI
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { escapeControls, type Severity, type SourceId } from "@bycn/core";
import type { Command } from "../main.js";
import { CliError } from "../output.js";
import { analyze } from "../analyze.js";
import { applyBaseline, parseBaseline } from "../check/baseline.js";
import { buildCheckReport, fingerprintOf, type CheckReport } from "../check/report.js";
import { FORMATS, renderCheck, renderGithubOutput, type CheckFormat } from "../check/render.js";
import { VERSION } from "../version.js";

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

export const checkCommand: Command = {
  name: "check",
  summary: "run every check on raw/ and report findings; known findings in the baseline don't fail",
  usage: "bycn check [--raw DIR] [--claims FILE] [--format text|json|junit|github|markdown] [--fail-on error|warning] [--baseline FILE]",
  options: {
    claims: { type: "string" },
    raw: { type: "string", default: "raw" },
    format: { type: "string", default: "text" },
    "fail-on": { type: "string", default: "error" },
    baseline: { type: "string" },
    json: { type: "boolean" },
  },
  async run({ values }, io) {
    const format = (values.json ? "json" : String(values.format)) as CheckFormat;
    if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(", ")}`, 2);
    const failOn = String(values["fail-on"]);
    if (failOn !== "error" && failOn !== "warning") throw new CliError("--fail-on must be error or warning", 2);
    const { report } = runCheck({
      rawDir: String(values.raw),
      failOn,
      progress: io.progress,
      ...(values.baseline !== undefined ? { baseline: String(values.baseline) } : {}),
      ...(values.claims !== undefined ? { claims: String(values.claims) } : {}),
    });
    if (format === "github") {
      // GitHub drops annotations past ten per level: the full list goes to the step summary when the runner gives one
      const summaryFile = process.env.GITHUB_STEP_SUMMARY;
      const gh = renderGithubOutput(report, summaryFile !== undefined && summaryFile !== "");
      if (summaryFile) {
        try {
          appendFileSync(summaryFile, gh.summary);
        } catch (e) {
          throw new CliError(`cannot write the step summary $GITHUB_STEP_SUMMARY (${summaryFile}): ${(e as Error).message}`, 2);
        }
      }
      io.out(gh.commands.replace(/\n$/, ""));
    } else io.out(renderCheck(report, format, io.color).replace(/\n$/, ""));
    return report.summary.failing > 0 ? 1 : 0;
  },
};
