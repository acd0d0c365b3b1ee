// the OWID pipeline's wiring: metadata JSONs merged first, each grapher CSV opened by readRecords, first key wins
import { byFile, makeIssue, runKeyedFiles } from "@bycn/core";
import type { Pipeline, PipelineResult, Snapshot } from "@bycn/core";
import { readRecords } from "@bycn/ingest";
import { beginOwidFile, detectOwid, readOwidMetadata } from "./normalize.js";
import { OwidIndicators, OwidRecord, type OwidMetadata } from "./schemas.js";

const LAYOUT = { dataset: OwidIndicators.name, detect: detectOwid, expected: "an OWID grapher CSV (Entity, Code, Year, value columns)", schema: OwidRecord };
const NOTHING = { candidates: [], rejects: [], issues: [], dataRecords: 0 };

/**
 * All files of one OWID snapshot folder: grapher CSVs and, when present, their metadata JSON (used for column short
 * names, units and citation; it holds no data records). Wide → long: a record is one row per non-empty value cell.
 */
export function runOwid(snapshots: readonly Snapshot[]): PipelineResult {
  const metas = new Map<string, OwidMetadata>();
  for (const s of [...snapshots].sort(byFile)) {
    const m = /\.json$/i.test(s.file) ? readOwidMetadata(s.bytes) : undefined;
    if (m !== undefined) metas.set(s.file, m);
  }
  // one metadata file per chart; columns from several merge (the first file by name wins a title)
  const merged: OwidMetadata = { columns: {} };
  for (const m of metas.values()) for (const [k, v] of Object.entries(m.columns)) merged.columns[k] ??= v;
  const meta = metas.size > 0 ? merged : undefined;
  return runKeyedFiles(snapshots, OwidIndicators, (s, fileIndex) => {
    if (metas.has(s.file)) return NOTHING;
    if (/\.json$/i.test(s.file)) {
      const issue = makeIssue("header_unrecognized", { file: s.file }, { expected: "an OWID grapher CSV or its metadata JSON", found: [] });
      return { ...NOTHING, issues: [issue] };
    }
    return readRecords(s, fileIndex, LAYOUT, (file) => beginOwidFile(s, meta, file));
  });
}

/** One user file (`bycn validate FILE --kind owid`). */
export const normalizeOwid = (snapshot: Snapshot): PipelineResult => runOwid([snapshot]);

export const pipeline: Pipeline = {
  id: "owid",
  title: "Our World in Data",
  datasets: [OwidIndicators],
  detect: detectOwid,
  run: runOwid,
};
