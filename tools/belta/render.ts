// pure: the research helper's transcription → a BELTA-style table (russian, ';', decimal comma, cp1251) and its meta
import { SnapshotMeta, sha256Hex } from "@bycn/core";
import { parseNumber, readTable } from "@bycn/ingest";
import {
  BELTA_COLUMNS,
  MEASURE_LABELS,
  MEASURE_UNIT,
  PRECISION_LABELS,
  STATUS_LABELS,
  normalize,
  type Measure,
  type Qualifier,
  type Status,
} from "@bycn/pipeline-great-stone";
import { ANNOTATIONS, type ExtraFigure, type FigureNote } from "./annotations.js";
import { encodeCp1251 } from "./cp1251.js";

export const FILE_NAME = "great-stone-figures.csv";
/** the day the research helper transcribed the pages: the snapshot's retrieval date unless --date says otherwise */
export const TRANSCRIBED = "2026-11-28";
export const REGENERATE =
  "node --conditions=@bycn/source --import tsx tools/belta/main.ts --from ../shared/data/real/transcribed/great_stone_reported_figures.csv --out raw";
const MISSING = "–";

/** one line of the table: one figure of one report */
export interface BeltaLine {
  /** 0-based index of the report (transcription record) it comes from */
  report: number;
  /** a value column of the transcription, or a number its notes column states */
  origin: "column" | "note";
  date: string;
  precision: string;
  measure: Measure;
  /** base units: USD or count */
  value: number;
  qualifier: Qualifier;
  status: Status;
  period: string;
  horizon: string;
  source: string;
  note: string;
}

/** a transcription column that holds a figure, and the factor to base units */
const VALUE_COLUMNS: readonly (readonly [string, Measure, number])[] = [
  ["residents_total", "residents_total", 0],
  ["countries", "countries", 0],
  ["declared_investment_usd_bn", "declared_investment_usd", 9],
  ["actual_investment_usd_m", "actual_investment_usd", 6],
  ["jobs", "jobs", 0],
  ["new_residents", "new_residents", 0],
];
export const TRANSCRIPTION_COLUMNS = [
  "as_of",
  "as_of_precision",
  ...VALUE_COLUMNS.map((c) => c[0]),
  "new_residents_period",
  "source_url",
  "source_excerpt",
  "notes",
] as const;

export class TranscriptionError extends Error {
  override name = "TranscriptionError";
}

/** the transcription's date and precision words → the table's date form and precision word */
export function russianDate(asOf: string, precision: string): { text: string; precision: string } {
  let m: RegExpExecArray | null;
  if (precision === "day" && (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf))) return { text: `${m[3]}.${m[2]}.${m[1]}`, precision: PRECISION_LABELS.day };
  if (precision === "month" && (m = /^(\d{4})-(\d{2})$/.exec(asOf))) return { text: `${m[2]}.${m[1]}`, precision: PRECISION_LABELS.month };
  if (precision === "year" && /^\d{4}$/.test(asOf)) return { text: asOf, precision: PRECISION_LABELS.year };
  // "half-year end (H1 2023)" with as_of 2023-06-30
  if (precision.startsWith("half-year") && (m = /^(\d{4})-(06-30|12-31)$/.exec(asOf))) {
    return { text: `${m[2] === "06-30" ? 1 : 2} пол. ${m[1]}`, precision: PRECISION_LABELS["half-year"] };
  }
  // "approx (start of 2021)": a date the page gives no width for
  if (precision.startsWith("approx") && (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf))) return { text: `${m[3]}.${m[2]}.${m[1]}`, precision: PRECISION_LABELS.unknown };
  if (precision === "unknown" && asOf === "undated") return { text: MISSING, precision: PRECISION_LABELS.unknown };
  throw new TranscriptionError(`date ${JSON.stringify(asOf)} with precision ${JSON.stringify(precision)} has no table form`);
}

/** the transcription's new_residents_period → the table's period form */
export function russianPeriod(period: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period))) return `${m[3]}.${m[2]}.${m[1]}`;
  if (/^\d{4}$/.test(period)) return period;
  if ((m = /^(\d{4})-H([12])$/.exec(period))) return `${m[2]} пол. ${m[1]}`;
  // "2022 (to date)", "2024 (about one month)": the year up to the report date
  if ((m = /^(\d{4}) \((?:to date|about one month)\)$/.exec(period))) return `${m[1]} (на дату)`;
  throw new TranscriptionError(`new_residents_period ${JSON.stringify(period)} has no table form`);
}

function number(text: string, where: string): number {
  const parsed = parseNumber(text, { decimal: "." });
  if (parsed.kind !== "number") throw new TranscriptionError(`${where}: ${JSON.stringify(text)} is not a number`);
  return parsed.value;
}

/** plain value × 10^exp, exactly for decimal text (Number("1.35e9")) */
function toBase(value: number, exp: number): number {
  return exp === 0 ? value : Number(`${value}e${exp}`);
}

/** read the transcription (utf-8 csv) into table lines: value columns first (in column order), then note figures */
export function transcriptionLines(bytes: Uint8Array, file = "great_stone_reported_figures.csv"): BeltaLine[] {
  const table = readTable(bytes, { file });
  if (!table.info) throw new TranscriptionError(`${file}: not a table (${table.issues.map((i) => i.message).join("; ")})`);
  if (table.rejects.length > 0) throw new TranscriptionError(`${file}: ${table.rejects[0]?.message} (line ${table.rejects[0]?.raw_line})`);
  const header = table.info.header;
  const want = [...TRANSCRIPTION_COLUMNS];
  if (header.join(",") !== want.join(",")) throw new TranscriptionError(`${file}: header ${header.join(",")} is not ${want.join(",")}`);
  const col = (fields: string[], name: (typeof TRANSCRIPTION_COLUMNS)[number]): string => (fields[want.indexOf(name)] ?? "").trim();

  const lines: BeltaLine[] = [];
  const used = new Set<string>();
  table.records.forEach((rec, report) => {
    const where = `${file}:${rec.line}`;
    const url = col(rec.fields, "source_url");
    const ann = ANNOTATIONS[url] ?? {};
    if (ANNOTATIONS[url]) used.add(url);
    const date = russianDate(col(rec.fields, "as_of"), col(rec.fields, "as_of_precision"));
    const suffix = (note: string | undefined): string => [note, ann.report].filter((n) => n !== undefined && n !== "").join("; ");
    const line = (measure: Measure, value: number, fig: FigureNote | ExtraFigure, status: Status, period: string, origin: BeltaLine["origin"]): BeltaLine => {
      const horizon = fig.horizon ?? "";
      const d = "date" in fig && fig.date ? fig.date : date;
      return { report, origin, date: d.text, precision: d.precision, measure, value, qualifier: fig.qualifier ?? "exact", status, period, horizon, source: url, note: suffix(fig.note) };
    };
    for (const [column, measure, exp] of VALUE_COLUMNS) {
      const text = col(rec.fields, column as (typeof TRANSCRIPTION_COLUMNS)[number]);
      const fig = ann.figures?.[measure];
      if (text === "") {
        if (fig) throw new TranscriptionError(`${where}: an annotation for ${measure} but no ${column} value`);
        continue;
      }
      const value = toBase(number(text, `${where} ${column}`), exp);
      const periodText = measure === "new_residents" ? col(rec.fields, "new_residents_period") : "";
      const period = periodText !== "" ? russianPeriod(periodText) : (fig?.period ?? "");
      lines.push(line(measure, value, fig ?? {}, fig?.status ?? "actual", period, "column"));
    }
    for (const extra of ann.extra ?? []) lines.push(line(extra.measure, extra.value, extra, extra.status, extra.period ?? "", "note"));
  });
  const stale = Object.keys(ANNOTATIONS).filter((u) => !used.has(u));
  if (stale.length > 0) throw new TranscriptionError(`annotations for pages the transcription does not have: ${stale.join(", ")}`);
  return lines;
}

/** 1350000000 → "1,35"; 14000 → "14 000": decimal comma, space between thousand groups */
export function russianNumber(value: number): string {
  const [whole = "", fraction] = String(value).split(".");
  const grouped = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+$)/g, " ") : whole;
  return fraction === undefined ? grouped : `${grouped},${fraction}`;
}

const QUALIFIER_PREFIX: Record<Qualifier, string> = { exact: "", about: "около ", more_than: "более ", less_than: "менее ", almost: "почти " };

/** a figure as the table prints it: "1,35 млрд долл.", "526,4 млн долл.", "более 1 000" */
export function russianAmount(measure: Measure, value: number, qualifier: Qualifier): string {
  let body: string;
  if (MEASURE_UNIT[measure] === "USD") {
    body = value >= 1e9 ? `${russianNumber(value / 1e9)} млрд долл.` : value >= 1e6 ? `${russianNumber(value / 1e6)} млн долл.` : `${russianNumber(value)} долл.`;
  } else {
    body = russianNumber(value);
  }
  return `${QUALIFIER_PREFIX[qualifier]}${body}`;
}

function csvField(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** the table text: header plus one line per figure, ';', CRLF after every line (as Excel writes cp1251 csv) */
export function renderTable(lines: readonly BeltaLine[]): string {
  const header = Object.values(BELTA_COLUMNS);
  const body = lines.map((l) => [
    l.date,
    l.precision,
    MEASURE_LABELS[l.measure],
    russianAmount(l.measure, l.value, l.qualifier),
    l.period || MISSING,
    STATUS_LABELS[l.status],
    l.horizon || MISSING,
    l.source,
    l.note || MISSING,
  ]);
  return [header, ...body].map((fields) => fields.map(csvField).join(";")).join("\r\n") + "\r\n";
}

export interface BuiltSnapshot {
  /** relative to the output root: belta/<date>/<file> */
  path: string;
  bytes: Uint8Array;
  meta: SnapshotMeta;
  metaBytes: Uint8Array;
  lines: BeltaLine[];
}

/**
 * Read the printed table back through the pipeline: every line must become its figure, or (undated) an
 * `undated` reject. A mismatch means the renderer and the parser disagree, and nothing is written.
 */
export function verifyTable(bytes: Uint8Array, lines: readonly BeltaLine[], path: string, date: string): void {
  const result = normalize({ file: path, bytes, vintage: date, sha256: sha256Hex(bytes) });
  const byLine = new Map(result.rows.map((r) => [r.raw_line, r]));
  const rejected = new Map(result.rejects.map((r) => [r.raw_line, r]));
  lines.forEach((l, i) => {
    const at = i + 2;
    const row = byLine.get(at);
    if (l.date === MISSING) {
      if (rejected.get(at)?.code !== "undated") throw new TranscriptionError(`line ${at}: an undated figure should be rejected as undated`);
      return;
    }
    if (!row) throw new TranscriptionError(`line ${at}: rejected on read-back: ${rejected.get(at)?.message ?? "no row"}`);
    if (row.value !== l.value || row.measure !== l.measure || row.status !== l.status || row.qualifier !== l.qualifier || row.source_url !== l.source) {
      throw new TranscriptionError(`line ${at}: reads back as ${row.measure} ${row.value} ${row.status} ${row.qualifier}, printed ${l.measure} ${l.value} ${l.status} ${l.qualifier}`);
    }
  });
  if (result.rows.length + result.rejects.length !== lines.length) throw new TranscriptionError(`read back ${result.rows.length} rows and ${result.rejects.length} rejects for ${lines.length} lines`);
}

const encoder = new TextEncoder();

/** the transcription → raw/belta/<date>/great-stone-figures.csv (cp1251) and its .meta.json; deterministic */
export function buildSnapshot(transcription: Uint8Array, date: string): BuiltSnapshot {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new TranscriptionError(`date ${JSON.stringify(date)} is not yyyy-mm-dd`);
  const lines = transcriptionLines(transcription);
  const bytes = encodeCp1251(renderTable(lines));
  const path = `belta/${date}/${FILE_NAME}`;
  verifyTable(bytes, lines, `raw/${path}`, date);
  const reports = new Set(lines.map((l) => l.report)).size;
  const fromNotes = lines.filter((l) => l.origin === "note").length;
  const meta = SnapshotMeta.parse({
    source: "belta",
    file: FILE_NAME,
    title: "China–Belarus Industrial Park Great Stone: figures reported by BELTA and other news pages, 2016–2025",
    publisher: "BELTA (Belarusian Telegraph Agency) and the news sites that reprint or report the same figures",
    origin: { url: "https://www.belta.by/" },
    licence: "Facts reported by news agencies (BELTA, sb.by, news.by, economy.gov.by, tvr.by, belarus.by and regional sites); figures only, no text of the reports is reproduced",
    retrieved: date,
    format: "csv",
    encoding: "windows-1251",
    sha256: sha256Hex(bytes),
    bytes: bytes.length,
    derivation:
      `Rendered by tools/belta (${REGENERATE}) from the research helper's hand transcription ` +
      `great_stone_reported_figures.csv (shared/data/real/transcribed, sha256 ${sha256Hex(transcription)}) of ${reports} ` +
      `reports found on public news pages; the page of each figure is in the Источник column. One line per figure: ` +
      `${lines.length} lines, ${lines.length - fromNotes} from the value columns and ${fromNotes} from numbers the transcription's notes state ` +
      `(targets, a second value, a flow). Statuses (факт/план/цель), bounds (около, более, почти) and the russian notes are ` +
      `the tool's editorial layer (tools/belta/annotations.ts); the transcription's excerpts and notes are not copied. ` +
      `windows-1251, ';' separator, decimal comma, CRLF, '–' for no value.`,
  });
  return { path, bytes, meta, metaBytes: encoder.encode(`${JSON.stringify(meta, null, 2)}\n`), lines };
}
