// rfc 4180 csv of published rows: utf-8 without bom, lf, minimal quoting, plain numbers, formula guard on text cells
import type { DatasetSpec } from "@bycn/core";
import { PublishError } from "./errors.js";
import { closeRun, intoRun, runMemo, touched, withMemo, type RunMemo } from "./runs.js";
import { escapeFormula, FORMULA_TRIGGERS, needsFormulaEscape } from "./formula.js";
import { tableSchemaFromZod, type TableFieldType } from "./table-schema.js";
import { numberText } from "./number-text.js";

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

// csvLine does formatCell's and quoteField's work itself, one pass over each text cell, and writes the same text.
// First utf-16 units that trigger the formula escape, as a table (FORMULA_TRIGGERS is the list needsFormulaEscape reads):
const TRIGGER = new Uint8Array(128);
let otherTriggers = false;
for (const t of FORMULA_TRIGGERS) {
  if (t.length === 1 && t.charCodeAt(0) < 128) TRIGGER[t.charCodeAt(0)] = 1;
  else otherTriggers = true;
}

/** a text cell as formatCell then quoteField write it: lone surrogate check, formula escape, quotes */
function textCell(s: string, column: string, escape: boolean): string {
  const n = s.length;
  if (n === 0) return "";
  // one pass: a lone surrogate throws; a quote, comma, CR or LF makes the cell quoted
  let special = false;
  let quote = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x2c) {
      if (c === 0x22) quote = special = true;
      else if (c === 0x2c || c === 0x0a || c === 0x0d) special = true;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          continue;
        }
      }
      throw new PublishError(`column ${column}: text holds a lone surrogate, not encodable as utf-8`);
    }
  }
  const head = s.charCodeAt(0);
  const escaped = escape && (head < 128 ? TRIGGER[head] === 1 : otherTriggers && needsFormulaEscape(s));
  const tail = s.charCodeAt(n - 1);
  // edge whitespace is judged on the written text: an escaped cell starts with the apostrophe
  if (!special && tail !== 0x20 && tail !== 0x09 && (escaped || (head !== 0x20 && head !== 0x09))) return escaped ? `'${s}` : s;
  const body = quote ? s.replaceAll('"', '""') : s;
  return escaped ? `"'${body}"` : `"${body}"`;
}

/**
 * `plainNumber(n)` without its exponent work where there is none: from 1e-6 up to (not including) 1e21 in size,
 * Number::toString never writes an exponent, so `String(n)` is already the plain text.
 */
function numberCell(n: number): string {
  const size = n < 0 ? -n : n;
  return size >= 1e-6 && size < 1e21 ? numberText(n) : plainNumber(n);
}

/** csvLine's memo of one columns array (see runs.ts): per column also the kind of cell its last value made */
interface LineMemo extends RunMemo {
  mode: number[];
  /** the line being written: its text so far */
  line: string;
}
const memos = new WeakMap<readonly CsvColumn[], LineMemo>();
// the memo of the columns array of the last call, without the WeakMap lookup (keeps that one array alive)
let lastColumns: readonly CsvColumn[] | undefined;
let lastMemo: LineMemo | undefined;
// the kinds of remembered cell: empty (an absent value, or a type formatCell has no case for), text, text with the
// formula guard, boolean
const EMPTY = 0;
const TEXT = 1;
const GUARDED_TEXT = 2;
const BOOLEAN = 3;

function newMemo(n: number): LineMemo {
  return { ...runMemo(n), mode: new Array<number>(n).fill(EMPTY), line: "" };
}

const memoFor = (columns: readonly CsvColumn[]): LineMemo => newMemo(columns.length);

/** one row as a csv line, without its line break: the cell formatting renderCsv and the streaming writer share */
export function csvLine(columns: readonly CsvColumn[], row: Record<string, unknown>): string {
  let memo = columns === lastColumns ? lastMemo! : memos.get(columns);
  if (memo === undefined || memo.value.length !== columns.length) memos.set(columns, (memo = newMemo(columns.length)));
  lastColumns = columns;
  lastMemo = memo;
  return withMemo(memo, memoFor, lineOf, columns, row);
}

function lineOf(columns: readonly CsvColumn[], row: Record<string, unknown>, memo: LineMemo): string {
  // the cells of formatCell, quoted as quoteField quotes them (numbers and booleans never need quotes), joined by ","
  const n = columns.length;
  memo.line = "";
  memo.from = -1;
  let i = 0;
  // a row built in column order (all of them, in practice) is read by for...in, which V8 turns into loads by field
  // index, several times faster than loads by name; from the first key out of place on, the values are read by name.
  // Either way each column's value is read once, in column order.
  for (const k in row) {
    if (i === n) break;
    const c = columns[i]!;
    const name = c.name;
    if (k !== name) break;
    put(memo, c, name, i, row[k]);
    i++;
  }
  for (; i < n; i++) {
    const c = columns[i]!;
    const name = c.name;
    put(memo, c, name, i, row[name]);
  }
  if (memo.from >= 0) memo.line += runOf(memo, n);
  const line = memo.line;
  memo.line = "";
  // a one-column row with an empty cell would be a blank line, which readers skip
  return n === 1 && line === "" ? '""' : line;
}

/** column i's cell onto memo.line: a number cell at once, any other into the open run */
function put(memo: LineMemo, c: CsvColumn, name: string, i: number, v: unknown): void {
  const type = c.type;
  let m = EMPTY;
  if (v !== undefined && v !== null) {
    if (type === "string" || type === "date" || type === "datetime") {
      if (typeof v !== "string") wrongType(name, v, type);
      m = type === "string" && c.escape ? GUARDED_TEXT : TEXT;
    } else if (type === "number" || type === "integer" || type === "year") {
      if (typeof v !== "number") wrongType(name, v, type);
      const cell = numberCell(v);
      if (memo.from >= 0) memo.line += runOf(memo, i);
      memo.line += i === 0 ? cell : `,${cell}`;
      return;
    } else if (type === "boolean") {
      if (typeof v !== "boolean") wrongType(name, v, type);
      m = BOOLEAN;
    }
  }
  intoRun(memo, i);
  if (v !== memo.value[i] || m !== memo.mode[i]) remember(memo, name, i, v, m);
  touched(memo, i);
}

function wrongType(name: string, v: unknown, type: TableFieldType): never {
  throw new PublishError(`column ${name}: ${typeof v} in a ${type} column`);
}

/** a new value for column i: its cell, with the comma before it */
function remember(memo: LineMemo, name: string, i: number, v: unknown, m: number): void {
  const cell = m === TEXT || m === GUARDED_TEXT ? textCell(v as string, name, m === GUARDED_TEXT) : m === BOOLEAN ? (v ? "true" : "false") : "";
  memo.value[i] = v;
  memo.mode[i] = m;
  memo.piece[i] = i === 0 ? cell : `,${cell}`;
  memo.changed[i] = ++memo.tick;
}

/** the open run's text (runs.ts closeRun), from the pieces of its columns */
function runOf(memo: LineMemo, to: number): string {
  return closeRun(memo, to, joinPieces, concatPieces);
}

function joinPieces(memo: LineMemo, from: number, to: number): string {
  return memo.piece.slice(from, to).join("");
}

function concatPieces(memo: LineMemo, from: number, to: number): string {
  const { piece } = memo;
  let text = piece[from]!;
  for (let j = from + 1; j < to; j++) text += piece[j]!;
  return text;
}

/**
 * The readable form of csvLine, which the property tests hold it to (test/render-fast.test.ts) and the bench times it
 * against: formatCell per cell, quoteField on text cells, joined by commas; a lone empty cell is "".
 */
export function csvLineReference(columns: readonly CsvColumn[], row: Record<string, unknown>): string {
  const cells = new Array<string>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    const text = formatCell(row[c.name], c.type, c.name, c.escape);
    cells[i] = c.type === "string" || c.type === "date" || c.type === "datetime" ? quoteField(text) : text;
  }
  const line = cells.join(",");
  return columns.length === 1 && line === "" ? '""' : line;
}

/** Rows → CSV bytes, in the given order; the header is the schema's keys in schema order. */
export function renderCsv(spec: Pick<DatasetSpec, "schema">, rows: readonly Record<string, unknown>[]): Uint8Array {
  const columns = columnsOf(spec);
  const lines: string[] = [csvHeader(columns)];
  for (const row of rows) lines.push(csvLine(columns, row));
  return encoder.encode(`${lines.join("\n")}\n`);
}
