// dates and periods as the table prints them: 26.05.2018, 10.2019, 2023, "1 пол. 2023", "2024 (на дату)"
import type { Precision } from "./schemas.js";

/** A named calendar period: its first and last day (ISO) and how wide it is. */
export interface Span {
  start: string;
  end: string;
  precision: Exclude<Precision, "unknown">;
  /** compact English label: 2023-06-30, 2019-10, 2023-H1, 2023 */
  label: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
const iso = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validYear(y: number): boolean {
  return y >= 1990 && y <= 2100;
}

/** one calendar period from its printed form; undefined when the text is not one of the forms */
export function parseSpan(text: string): Parsed<Span> | undefined {
  const t = text.replace(/\s+/g, " ").trim();
  let m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(t);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validYear(y) || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return { ok: false, reason: "no such day" };
    const day = iso(y, mo, d);
    return { ok: true, value: { start: day, end: day, precision: "day", label: day } };
  }
  m = /^(\d{2})\.(\d{4})$/.exec(t);
  if (m) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    if (!validYear(y) || mo < 1 || mo > 12) return { ok: false, reason: "no such month" };
    return { ok: true, value: { start: iso(y, mo, 1), end: iso(y, mo, daysIn(y, mo)), precision: "month", label: `${pad(y, 4)}-${pad(mo)}` } };
  }
  m = /^(\d{4})$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    if (!validYear(y)) return { ok: false, reason: "year out of range 1990–2100" };
    return { ok: true, value: { start: iso(y, 1, 1), end: iso(y, 12, 31), precision: "year", label: String(y) } };
  }
  // "1 пол. 2023", "I пол. 2023", "1-е полугодие 2023"
  m = /^(1|2|I|II)(?:-?е)? ?(?:пол\.|полугодие) ?(\d{4})(?: ?г\.?)?$/iu.exec(t);
  if (m) {
    const half = m[1] === "1" || m[1]?.toUpperCase() === "I" ? 1 : 2;
    const y = Number(m[2]);
    if (!validYear(y)) return { ok: false, reason: "year out of range 1990–2100" };
    return {
      ok: true,
      value: half === 1
        ? { start: iso(y, 1, 1), end: iso(y, 6, 30), precision: "half-year", label: `${y}-H1` }
        : { start: iso(y, 7, 1), end: iso(y, 12, 31), precision: "half-year", label: `${y}-H2` },
    };
  }
  return undefined;
}

/** the report date: the "Дата" cell and its "Точность даты" word, which must agree with the form */
export function parseReportDate(text: string, precisionWord: Precision | undefined): Parsed<{ as_of: string; start: string; precision: Precision }> {
  const span = parseSpan(text);
  if (span === undefined) return { ok: false, reason: "not dd.mm.yyyy, mm.yyyy, yyyy or \"1 пол. yyyy\"" };
  if (!span.ok) return span;
  if (precisionWord === undefined) return { ok: false, reason: "the date precision is not one of день, месяц, полугодие, год, неизвестна" };
  // "неизвестна" with a date: an approximate date ("at the beginning of the year") of unstated width
  if (precisionWord !== "unknown" && precisionWord !== span.value.precision) {
    return { ok: false, reason: `the form is a ${span.value.precision} but the precision column says ${precisionWord}` };
  }
  return { ok: true, value: { as_of: span.value.end, start: span.value.start, precision: precisionWord } };
}

/**
 * The "Период" of a flow. Besides the calendar forms, "yyyy (на дату)" is the year up to the report date
 * (sb.by, 2022-10-10: ten new residents "this year"), which must then lie inside that year.
 */
export function parsePeriod(text: string, reportDate: string): Parsed<{ label: string; start: string; end: string }> {
  const t = text.replace(/\s+/g, " ").trim();
  const toDate = /^(\d{4}) ?\(на дату\)$/u.exec(t);
  if (toDate) {
    const y = toDate[1] ?? "";
    if (reportDate.slice(0, 4) !== y) return { ok: false, reason: `"${y} (на дату)" needs a report date in ${y}, not ${reportDate}` };
    const start = `${y}-01-01`;
    return { ok: true, value: { label: `${start}/${reportDate}`, start, end: reportDate } };
  }
  const span = parseSpan(t);
  if (span === undefined) return { ok: false, reason: "not dd.mm.yyyy, mm.yyyy, yyyy, \"1 пол. yyyy\" or \"yyyy (на дату)\"" };
  if (!span.ok) return span;
  return { ok: true, value: { label: span.value.label, start: span.value.start, end: span.value.end } };
}

/** ISO date arithmetic for the checks (UTC, whole days) */
export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
