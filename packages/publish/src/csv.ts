// rfc 4180 csv of published rows: utf-8 without bom, lf, minimal quoting, plain numbers, formula guard on text cells
import type { DatasetSpec } from "@bycn/core";
import { PublishError } from "./errors.js";
import { escapeFormula } from "./formula.js";
import { tableSchemaFromZod, type TableFieldType } from "./table-schema.js";

const encoder = new TextEncoder();

/**
 * `String(n)` without exponent notation, exact to the digit: the shortest round-trip digits of `n`
 * with the decimal point moved, so `Number(plainNumber(n)) === n`. `1.87001e9` → `1870010000`,
 * `1.5e-7` → `0.00000015`, `1e21` → `1000000000000000000000`. -0 prints as 0.
 */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) throw new PublishError(`cannot publish non-finite number ${n}`);
  if (n === 0) return "0";
  const s = String(n);
  const e = s.indexOf("e");
  if (e < 0) return s;
  const sign = s.startsWith("-") ? "-" : "";
  const mantissa = s.slice(sign.length, e);
  const exponent = Number(s.slice(e + 1));
  const [int = "", frac = ""] = mantissa.split(".");
  const digits = int + frac;
  const point = int.length + exponent;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const NEEDS_QUOTES = /[",\r\n]|^[ \t]|[ \t]$/;

/** quote only when a reader could misread the field: delimiter, quote, line breaks, edge whitespace */
export function quoteField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// a lone surrogate cannot be encoded as utf-8: TextEncoder would swap it for U+FFFD and lose the value
const LONE_SURROGATE = /\p{Cs}/u;

export function formatCell(value: unknown, type: TableFieldType, column: string, escape = true): string {
  if (value === undefined || value === null) return "";
  switch (type) {
    case "integer":
    case "number":
    case "year":
      if (typeof value !== "number") throw new PublishError(`column ${column}: ${typeof value} in a ${type} column`);
      return plainNumber(value);
    case "boolean":
      if (typeof value !== "boolean") throw new PublishError(`column ${column}: ${typeof value} in a boolean column`);
      return value ? "true" : "false";
    case "date":
    case "datetime":
    case "string":
      if (typeof value !== "string") throw new PublishError(`column ${column}: ${typeof value} in a ${type} column`);
      if (LONE_SURROGATE.test(value)) throw new PublishError(`column ${column}: text holds a lone surrogate, not encodable as utf-8`);
      return type === "string" && escape ? escapeFormula(value) : value;
  }
}

export interface CsvColumn {
  name: string;
  type: TableFieldType;
  /** false for closed enums: the schema admits only its listed values (an operator "=" say), which no attacker
   *  chooses, and escaping them would turn a documented code into "'=" */
  escape: boolean;
}

// schemas are immutable once built: the json schema round trip runs once per schema, not once per render
const columnCache = new WeakMap<object, CsvColumn[]>();

export function columnsOf(spec: Pick<DatasetSpec, "schema">): CsvColumn[] {
  let cols = columnCache.get(spec.schema);
  if (!cols) {
    cols = tableSchemaFromZod(spec.schema, []).fields.map(({ name, type, constraints }) => ({
      name,
      type,
      escape: constraints?.enum === undefined,
    }));
    columnCache.set(spec.schema, cols);
  }
  return cols;
}

/** the header line of a dataset's csv, without its line break */
export function csvHeader(columns: readonly CsvColumn[]): string {
  return columns.map((c) => quoteField(c.name)).join(",");
}

/** one row as a csv line, without its line break: the cell formatting renderCsv and the streaming writer share */
export function csvLine(columns: readonly CsvColumn[], row: Record<string, unknown>): string {
  // numbers and booleans never need quotes; join() builds one flat string, where += left a rope of ~30 pieces a
  // row for the garbage collector
  const cells = new Array<string>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    const text = formatCell(row[c.name], c.type, c.name, c.escape);
    cells[i] = c.type === "string" || c.type === "date" || c.type === "datetime" ? quoteField(text) : text;
  }
  const line = cells.join(",");
  // a one-column row with an empty cell would be a blank line, which readers skip
  return columns.length === 1 && line === "" ? '""' : line;
}

/** Rows → CSV bytes, in the given order; the header is the schema's keys in schema order. */
export function renderCsv(spec: Pick<DatasetSpec, "schema">, rows: readonly Record<string, unknown>[]): Uint8Array {
  const columns = columnsOf(spec);
  const lines: string[] = [csvHeader(columns)];
  for (const row of rows) lines.push(csvLine(columns, row));
  return encoder.encode(`${lines.join("\n")}\n`);
}
