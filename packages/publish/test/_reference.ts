// csvLine and jsonLine as they were before their fast paths (csv.ts and json.ts at b91e382): the reference the property
// tests hold the fast ones to, and the "before" of bench/src/render-bench.ts
import { formatCell, quoteField, type CsvColumn } from "../src/csv.js";
import { PublishError } from "../src/errors.js";
import type { JsonKey } from "../src/json.js";


/** csv: formatCell per cell, quoteField on text cells, joined by commas; a lone empty cell is "" */
export function refCsvLine(columns: readonly CsvColumn[], row: Record<string, unknown>): string {
  const cells = new Array<string>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    const text = formatCell(row[c.name], c.type, c.name, c.escape);
    cells[i] = c.type === "string" || c.type === "date" || c.type === "datetime" ? quoteField(text) : text;
  }
  const line = cells.join(",");
  return columns.length === 1 && line === "" ? '""' : line;
}

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
const orderSafe = new WeakMap<readonly JsonKey[], boolean>();

/** json: the object rebuilt in key order and JSON.stringify; keys an object would reorder or drop are written by hand */
export function refJsonLine(keys: readonly JsonKey[], row: Record<string, unknown>): string {
  const nonFinite = (k: string, v: unknown): void => {
    if (typeof v === "number" && !Number.isFinite(v)) throw new PublishError(`column ${k}: cannot publish non-finite number ${v}`);
  };
  let safe = orderSafe.get(keys);
  if (safe === undefined) orderSafe.set(keys, (safe = keys.every(({ k }) => !INDEX_KEY.test(k) && k !== "__proto__")));
  if (safe) {
    const ordered: Record<string, unknown> = {};
    for (const { k } of keys) {
      const v = row[k];
      if (v === undefined) continue;
      nonFinite(k, v);
      ordered[k] = v === "" ? null : v;
    }
    return JSON.stringify(ordered);
  }
  const parts: string[] = [];
  for (const { k, prefix } of keys) {
    const v = row[k];
    if (v === undefined) continue;
    nonFinite(k, v);
    parts.push(prefix + JSON.stringify(v === "" ? null : v));
  }
  return `{${parts.join(",")}}`;
}
