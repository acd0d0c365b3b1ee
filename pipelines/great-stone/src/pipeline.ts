// the belta pipeline: BELTA-style Great Stone tables → the great-stone dataset (checks run separately, over all rows)
import type { Issue, Pipeline, PipelineResult, Reject, Snapshot } from "@bycn/core";
import { detectBelta, normalize, sortRows } from "./normalize.js";
import { GreatStone, type GreatStoneRow } from "./schemas.js";

/** every snapshot file → one great-stone dataset; consistency findings come from checkGreatStone(rows) */
export function runGreatStone(snapshots: Snapshot[]): PipelineResult {
  const rows: GreatStoneRow[] = [];
  const rejects: Reject[] = [];
  const issues: Issue[] = [];
  let dataRecords = 0;
  for (const s of snapshots) {
    const r = normalize(s);
    rows.push(...r.rows);
    rejects.push(...r.rejects.map((x) => ({ ...x, dataset: GreatStone.name })));
    issues.push(...r.issues);
    // every data record is a row or a reject here: one figure per line
    dataRecords += r.rows.length + r.rejects.length;
  }
  return { datasets: [{ spec: GreatStone, rows: sortRows(rows) }], rejects, issues, dataRecords };
}

export const pipeline: Pipeline = {
  id: "belta",
  title: "BELTA-style tables on the Great Stone industrial park",
  datasets: [GreatStone],
  detect: detectBelta,
  run: runGreatStone,
};
