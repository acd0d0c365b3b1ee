// the sorter of one dataset's candidates, every streaming path uses it: rows rendered once, carried as bytes
import type { Candidate, DatasetSpec, StreamingPipeline } from "@bycn/core";
import { columnsOf, csvLine, jsonKeysOf, jsonLine } from "@bycn/publish";
import { ExternalSorter, renderedCodec, type RenderedCodec } from "@bycn/sort";

/** the columns `keep` of a row (what the sort reads), nothing else */
function pick(row: Record<string, unknown>, keep: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keep) out[k] = row[k];
  return out;
}

/** the dataset's codec: rows rendered by csvLine and jsonLine, or not at all (`render` false: no output files) */
export function datasetCodec(spec: DatasetSpec, keep: readonly string[], render: boolean): RenderedCodec {
  if (!render) return renderedCodec(spec.name, keep, undefined);
  const columns = columnsOf(spec);
  const keys = jsonKeysOf(spec);
  return renderedCodec(spec.name, keep, { csv: (row) => csvLine(columns, row), json: (row) => jsonLine(keys, row) });
}

/** a candidate's order: the pipeline's, then file order */
export function candidateOrder(stream: StreamingPipeline, dataset: string): (a: Candidate, b: Candidate) => number {
  const compare = stream.compare(dataset);
  return (a, b) => compare(a, b) || a.file - b.file || a.line - b.line;
}

/**
 * Each row rendered when added (csvLine, jsonLine) and carried through the sort as bytes with the columns the sort
 * and the key-ordered step read; read back, a row holds those columns and its rendered bytes (renderedOf).
 * `partition`: runs indexed by the pipeline's partition column.
 */
export function renderedSorter(
  spec: DatasetSpec,
  stream: StreamingPipeline,
  o: { dir: string; name: string; runItems?: number | undefined; render: boolean; partition: boolean },
): ExternalSorter<Candidate> {
  const keep = stream.sortColumns(spec.name);
  const codec = datasetCodec(spec, keep, o.render);
  const column = o.partition ? stream.partitionColumn?.(spec.name) : undefined;
  return new ExternalSorter<Candidate>({
    compare: candidateOrder(stream, spec.name),
    dir: o.dir,
    name: o.name,
    ...(o.runItems !== undefined ? { runItems: o.runItems } : {}),
    encodeInto: codec.encodeInto,
    decodeBytes: codec.decodeBytes,
    ...(column !== undefined ? { partitionKey: (c: Candidate) => c.rows[0]![column] as string | number } : {}),
    light: (c: Candidate): Candidate => ({ dataset: c.dataset, file: c.file, line: c.line, raw: "", rows: c.rows.map((r) => pick(r, keep)) }),
  });
}
