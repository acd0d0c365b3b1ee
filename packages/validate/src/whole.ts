// the whole-file path: the file in memory through pipeline.run, written with the same writers and orders as streaming
import { readFileSync } from "node:fs";
import path from "node:path";
import { makeIssue, sha256Hex, type Issue, type Pipeline, type Reject } from "@bycn/core";
import { readTable } from "@bycn/ingest";
import { REJECTS_SPEC } from "@bycn/publish";
import { DatasetWriter } from "./dataset-writer.js";
import { cannotRead, type ValidateOptions, type ValidateOutcome } from "./options.js";
import { byLine, byReject, FATAL } from "./order.js";
import { kindOf, type Pipelines } from "./pipelines.js";

/** an outcome before its temp folder is handed over */
export type Found = Omit<ValidateOutcome, "dispose">;

export const UNKNOWN_LAYOUT = "a layout bycn knows (itu-datahub, wdi, owid, itu-price-baskets, itu-idi, great-stone); pass --kind";

/** the file `fd` (opened by the caller, at its start) read whole and run */
export function wholeFile(o: ValidateOptions, pipelines: Pipelines, vintage: string, fd: number): Found {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(fd);
  } catch (e) {
    throw cannotRead(o.file, e);
  }
  const table = readTable(bytes, { file: o.file });
  const fatal = table.issues.some((i) => FATAL.has(i.code));
  const kind = table.info ? kindOf(o, pipelines, table.info.header) : o.kind;
  let result: { datasets: { spec: Pipeline["datasets"][number]; rows: Record<string, unknown>[] }[]; rejects: Reject[]; issues: Issue[]; dataRecords: number };
  const extra: Issue[] = [];
  if (fatal || !table.info || !kind) {
    result = { datasets: [], rejects: table.rejects, issues: table.issues, dataRecords: table.dataRecords };
    if (!fatal && table.info && !kind) {
      extra.push(makeIssue("header_unrecognized", { file: o.file, line: table.info.headerLine }, { expected: UNKNOWN_LAYOUT, found: table.info.header }));
    }
  } else {
    result = pipelines[kind]!.run([{ file: o.file, bytes, vintage, sha256: sha256Hex(bytes) }]);
  }
  if (o.out !== undefined) {
    for (const d of result.datasets) {
      const w = new DatasetWriter(d.spec, path.join(o.out, `${d.spec.name}.csv`), path.join(o.out, `${d.spec.name}.json`));
      for (const row of d.rows) w.write(row);
      w.close();
    }
    const w = new DatasetWriter(REJECTS_SPEC, path.join(o.out, "rejects.csv"));
    for (const r of [...result.rejects].sort(byReject)) w.write(r as unknown as Record<string, unknown>);
    w.close();
  }
  const numbered = [...result.issues, ...extra].map((issue, n) => ({ n, issue }));
  return {
    kind,
    encoding: table.info?.encoding ?? null,
    dataRecords: result.dataRecords,
    datasets: result.datasets.map((d) => ({ name: d.spec.name, rows: d.rows.length })),
    rejects: result.rejects.length,
    issues: numbered.sort(byLine).map((x) => x.issue),
    fatal,
  };
}
