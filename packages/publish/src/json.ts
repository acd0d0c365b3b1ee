// json rendering of published rows: one compact row object per line, keys in schema order, lossless (no formula escape)
import type { DatasetSpec } from "@bycn/core";
import { PublishError } from "./errors.js";

const encoder = new TextEncoder();

/**
 * Rows → a JSON array of row objects, one row per line: compact enough for tens of thousands of rows,
 * diffable line by line like the csv, and still readable. Absent optional values are omitted, null stays null.
 */
export function renderJson(spec: Pick<DatasetSpec, "schema">, rows: readonly Record<string, unknown>[]): Uint8Array {
  const keys = Object.keys(spec.schema.shape).map((k) => ({ k, prefix: `${JSON.stringify(k)}:` }));
  const lines = rows.map((row) => {
    const parts: string[] = [];
    for (const { k, prefix } of keys) {
      const v = row[k];
      if (v === undefined) continue;
      if (typeof v === "number" && !Number.isFinite(v)) throw new PublishError(`column ${k}: cannot publish non-finite number ${v}`);
      parts.push(prefix + JSON.stringify(v));
    }
    return `{${parts.join(",")}}`;
  });
  return encoder.encode(lines.length === 0 ? "[]\n" : `[\n${lines.join(",\n")}\n]\n`);
}
