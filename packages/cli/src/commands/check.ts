// bycn check: every finding (integrity, schema, consistency, cross-source, claims) rendered for people and CI
import { appendFileSync } from "node:fs";
import type { Command } from "../command.js";
import { CliError } from "../output.js";
import { CLAIMS, JSON_FORMAT, RAW } from "./options.js";
import { FORMATS, renderCheck, renderGithubOutput, type CheckFormat } from "../check/render.js";

export const checkCommand: Command = {
  name: "check",
  summary: "run every check on raw/ and report findings; known findings in the baseline don't fail",
  options: {
    raw: RAW,
    claims: CLAIMS,
    format: { type: "enum", choices: FORMATS, default: "text", description: "how findings are printed" },
    json: JSON_FORMAT,
    "fail-on": { type: "enum", choices: ["error", "warning"], default: "error", description: "the lowest severity that fails the run with exit 1" },
    baseline: { type: "string", placeholder: "FILE", description: "accepted findings, each with a reason (default: baseline.json beside the raw folder, if any)" },
  },
  examples: ["bycn check", "bycn check --format github --fail-on warning", "bycn check --claims my-claims.csv --format markdown"],
  async run({ values }, io) {
    const format = (values.json ? "json" : String(values.format)) as CheckFormat;
    const failOn = values["fail-on"] === "warning" ? "warning" : "error";
    const { runCheck } = await import("../check/run.js");
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
