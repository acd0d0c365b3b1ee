// bycn validate's side of the engine: CLI options → @bycn/validate → the report as text or json, and the exit code
import { SEVERITY_RANK, textLine, type Issue, type SourceId } from "@bycn/core";
import { validateFile, ValidateError, type ValidateOptions, type ValidateOutcome } from "@bycn/validate";
import { CliError, issueLine, type Io } from "./output.js";
import { PIPELINE_MODULES } from "./pipeline-loaders.js";
import { KIND_ALIASES, PIPELINES } from "./pipelines.js";

/** non-info issues printed by the text format; the rest are counted (`--format json` lists every one) */
export const TEXT_ISSUE_LIMIT = 1000;

/** the engine's tuning options (run sizes, threads, paths) pass through as they are */
type Tuning = Pick<ValidateOptions, "source" | "out" | "runItems" | "tmp" | "streaming" | "threads" | "inline" | "parallelMinBytes">;

export interface ValidateRunOptions extends Tuning {
  /** the file as named in issues and messages */
  file: string;
  /** "auto" or a KIND_ALIASES name */
  kind: string;
  format: "text" | "json";
}

/** every known kind but the claims registry is tried when --kind is auto */
const DETECT = (Object.keys(PIPELINES) as SourceId[]).filter((id) => id !== "article");

/** validate and report; the exit code: 2 nothing could be published, 1 rejects or warnings, 0 clean */
export async function validateToIo(o: ValidateRunOptions, io: Io): Promise<number> {
  const { kind, format: _format, ...tuning } = o;
  let outcome: ValidateOutcome;
  try {
    outcome = await validateFile({
      ...tuning,
      kind: kind === "auto" ? undefined : KIND_ALIASES[kind],
      detect: DETECT,
      modules: PIPELINE_MODULES,
      pipelines: PIPELINES,
    });
  } catch (e) {
    if (e instanceof ValidateError) throw new CliError(e.message, 2);
    throw e;
  }
  try {
    return report(outcome, o, io);
  } finally {
    outcome.dispose();
  }
}

/** print the report: json (every issue, streamed) or text (at most TEXT_ISSUE_LIMIT issue lines, then a count) */
function report(r: ValidateOutcome, o: ValidateRunOptions, io: Io): number {
  let failing = r.rejects > 0;
  let shown = 0;
  let notInfo = 0;
  const note = (i: Issue): void => {
    if (SEVERITY_RANK[i.severity] >= SEVERITY_RANK.warning) failing = true;
    if (i.severity !== "info") notInfo++;
  };
  const rows = r.datasets.reduce((n, d) => n + d.rows, 0);
  if (o.format === "json") {
    const head = JSON.stringify(
      {
        file: o.file,
        kind: r.kind ?? null,
        encoding: r.encoding,
        data_records: r.dataRecords,
        rows,
        rejects: r.rejects,
        datasets: r.datasets,
        issues: [],
      },
      null,
      2,
    );
    // the same text as JSON.stringify of the whole report, written a few issues at a time
    const open = `${head.slice(0, -"[]\n}".length)}[\n`;
    let text = "";
    let first = true;
    for (const i of r.issues) {
      note(i);
      text += `${first ? open : ",\n"}    ${JSON.stringify(i, null, 2).replaceAll("\n", "\n    ")}`;
      first = false;
      if (text.length >= 1 << 16) {
        const cut = text.lastIndexOf("\n") + 1;
        io.out(text.slice(0, cut));
        text = text.slice(cut);
      }
    }
    io.out(first ? head : `${text}\n  ]\n}`);
  } else {
    for (const i of r.issues) {
      note(i);
      if (i.severity === "info") continue;
      if (shown++ < TEXT_ISSUE_LIMIT) io.out(issueLine(i, io.color));
    }
    if (shown > TEXT_ISSUE_LIMIT) io.out(`… ${shown - TEXT_ISSUE_LIMIT} more issue(s) not shown; --format json lists every one`);
    io.err(textLine(`${o.file}: ${r.kind ?? "unknown kind"}, ${r.dataRecords} data record(s) → ${rows} row(s), ${r.rejects} reject(s), ${notInfo} issue(s)`));
  }
  if (r.fatal) return 2;
  return failing ? 1 : 0;
}
