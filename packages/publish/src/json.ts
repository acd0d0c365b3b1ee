// json rendering of published rows: one compact row object per line, keys in schema order, lossless (no formula escape)
import type { DatasetSpec } from "@bycn/core";
import { PublishError } from "./errors.js";

const encoder = new TextEncoder();

export interface JsonKey {
  k: string;
  prefix: string;
}

export function jsonKeysOf(spec: Pick<DatasetSpec, "schema">): JsonKey[] {
  return Object.keys(spec.schema.shape).map((k) => ({ k, prefix: `${JSON.stringify(k)}:` }));
}

// an array-index key ("2020") would move to the front of a plain object (and __proto__ is no key at all): such schemas build the text by hand
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
const orderSafe = new WeakMap<readonly JsonKey[], boolean>();

/** one row as a compact JSON object on one line: what renderJson and the streaming writer both write */
export function jsonLine(keys: readonly JsonKey[], row: Record<string, unknown>): string {
  let safe = orderSafe.get(keys);
  if (safe === undefined) orderSafe.set(keys, (safe = keys.every(({ k }) => !INDEX_KEY.test(k) && k !== "__proto__")));
  if (safe) {
    // one native stringify of the row rebuilt in schema order (~20% faster than one stringify per cell); same text
    const ordered: Record<string, unknown> = {};
    for (const { k } of keys) {
      const v = row[k];
      if (v === undefined) continue;
      if (typeof v === "number" && !Number.isFinite(v)) throw new PublishError(`column ${k}: cannot publish non-finite number ${v}`);
      ordered[k] = v;
    }
    return JSON.stringify(ordered);
  }
  const parts: string[] = [];
  for (const { k, prefix } of keys) {
    const v = row[k];
    if (v === undefined) continue;
    if (typeof v === "number" && !Number.isFinite(v)) throw new PublishError(`column ${k}: cannot publish non-finite number ${v}`);
    parts.push(prefix + JSON.stringify(v));
  }
  return `{${parts.join(",")}}`;
}

/**
 * Rows → a JSON array of row objects, one row per line: compact enough for tens of thousands of rows,
 * diffable line by line like the csv, and still readable. Absent optional values are omitted, null stays null.
 */
export function renderJson(spec: Pick<DatasetSpec, "schema">, rows: readonly Record<string, unknown>[]): Uint8Array {
  const keys = jsonKeysOf(spec);
  const lines = rows.map((row) => jsonLine(keys, row));
  return encoder.encode(lines.length === 0 ? "[]\n" : `[\n${lines.join(",\n")}\n]\n`);
}
