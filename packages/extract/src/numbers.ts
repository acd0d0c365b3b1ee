// numbers in plain text: every numeric form in English and Russian, its unit and operator, and the false friends
// (dates, years, citations, section and list numbers, programme periods) that are numbers but not figures
import { findOperator, type Operator } from "./operators.js";

export type NumberKind =
  | "figure"
  | "date"
  | "year"
  | "citation"
  | "section_number"
  | "list_number"
  | "programme"
  | "reference"
  | "denominator"
  | "name"
  | "url";

export interface NumberToken {
  /** offsets of the digits as printed */
  start: number;
  end: number;
  /** the number as the text prints it ("2 575,1") */
  printed: string;
  /** the number in the registry's notation: thousands commas, decimal point ("2,575.1") */
  value: string;
  kind: NumberKind;
  /** %, pp, GB, USD bn, thousand …; "" when nothing follows the number */
  unit: string;
  /** the span the number, its currency sign and its unit words cover */
  spanStart: number;
  spanEnd: number;
  operator: Operator;
  /** the span of the operator words, when there are any */
  operatorStart?: number;
  /** "lower" or "upper" end of a printed range ("10–15%", "from 10 to 15") */
  range?: "lower" | "upper";
}

const DIGITS =
  /(?<![\p{L}\p{N}_/.,])(?:\d{1,3}(?:(?:[ \u00a0\u202f\u2009]\d{3})+|(?:,\d{3})+|(?:\.\d{3}){2,})(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\p{N}_]|\p{L})/gu;

const MONTHS_EN = "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?";
const MONTHS_RU = "январ\\p{L}*|феврал\\p{L}*|март\\p{L}*|апрел\\p{L}*|ма[йяе]|июн\\p{L}*|июл\\p{L}*|август\\p{L}*|сентябр\\p{L}*|октябр\\p{L}*|ноябр\\p{L}*|декабр\\p{L}*";
const ORD = "(?:st|nd|rd|th)?";

/** spans of text that are dates, links, citations and the like: every number inside gets that kind */
const SPANS: readonly [NumberKind, RegExp][] = [
  ["url", /(?:https?:\/\/|www\.)[^\s<>"»)\]]+/giu],
  ["date", /(?<![\p{N}.])\d{1,2}[./]\d{1,2}[./]\d{2,4}(?![\p{N}])|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b/gu],
  ["date", new RegExp(`\\b(?:${MONTHS_EN})\\.?\\s+\\d{1,2}${ORD}(?:,?\\s+\\d{4})?\\b|\\b\\d{1,2}${ORD}\\s+(?:of\\s+)?(?:${MONTHS_EN})\\b\\.?(?:,?\\s+\\d{4})?|\\b(?:${MONTHS_EN})\\.?,?\\s+\\d{4}\\b`, "gu")],
  ["date", new RegExp(`(?<![\\p{L}\\p{N}])\\d{1,2}\\s+(?:${MONTHS_RU})(?:\\s+\\d{4})?|(?<![\\p{L}])(?:${MONTHS_RU})\\s+\\d{4}`, "giu")],
  // quarters and halves of a year: "1 квартал", "2nd quarter", "Q1 2024"
  ["date", /(?<![\p{L}\p{N}])\d\s*(?:-?(?:st|nd|rd|th|й|м))?\s+(?:quarter|half|квартал\p{L}*|полугоди\p{L}*)|\bQ[1-4]\s+\d{4}/giu],
  ["citation", /\[\s*\d+(?:\s*[-–,;]\s*\d+)*(?:\s*[,;]\s*(?:p|pp|P|PP|с|С|стр|S)\.\s*\d+(?:\s*[-–]\s*\d+)?)?\s*\]/gu],
  ["programme", /(?<![\p{L}\p{N}])(?:19|20)\d{2}\s?[–—-]\s?(?:(?:19|20)\d{2}|\d{2})(?![\p{N}])/gu],
  ["name", /(?<![\p{N}])\d+\+\d+(?![\p{N}])/gu],
  ["reference", /(?:\b(?:p|pp|P|PP|vol|Vol|No|Nos)\.|(?<![\p{L}])(?:с|С|стр|т|вып)\.|№|\bissue\b)\s*\d+(?:\s*[-–]\s*\d+)?/gu],
  ["section_number", /(?<![\p{L}])(?:section|chapter|table|figure|fig\.|appendix|part|раздел|глава|таблица|рисунок|рис\.|приложение|часть)\s+\d+(?:\.\d+)*/giu],
  ["section_number", /^[ \t]*\d+(?:\.\d+)+\.?[ \t]+(?=\p{L})/gmu],
  ["list_number", /^[ \t]*\d{1,3}[.)][ \t]+/gmu],
  // enumerations inside a sentence: "for three reasons: 1) cost, 2) skills"
  ["list_number", /(?<=[:;,][ \t]?|^[ \t]*|\([ \t]?)\d{1,2}\)(?=[ \t]+\p{L})/gmu],
  ["denominator", /(?<![\p{L}])(?:per|на)\s+(?:1[ ,]?000|100)(?:\s+(?:inhabitants|residents|people|persons|population|households|capita|жителей|человек|населения|домохозяйств|домашних хозяйств))?(?![\p{N}])/giu],
];

interface Span {
  kind: NumberKind;
  start: number;
  end: number;
}

function spansOf(text: string): Span[] {
  const out: Span[] = [];
  for (const [kind, re] of SPANS) for (const m of text.matchAll(re)) out.push({ kind, start: m.index, end: m.index + m[0].length });
  return out;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** Russian text writes a decimal comma; English a thousands comma. Decided from the letters around the number. */
export function isRussianAt(text: string, at: number): boolean {
  const window = text.slice(Math.max(0, at - 80), at + 80);
  let cyr = 0;
  let lat = 0;
  for (const ch of window) {
    if (CYRILLIC.test(ch)) cyr++;
    else if (LATIN.test(ch)) lat++;
  }
  return cyr > lat;
}

/** the printed number in the registry's notation, or undefined when it cannot be one */
export function registryValue(printed: string, russian: boolean): string | undefined {
  const p = printed.replace(/[\u00a0\u202f\u2009]/g, " ");
  let int: string;
  let frac: string;
  let grouped = false;
  if (/^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$/.test(p)) {
    const [i, f] = p.split(/[.,]/);
    int = i!.replace(/ /g, "");
    frac = f ?? "";
    grouped = true;
  } else if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(p) && !(russian && /^\d{1,3},\d{3}$/.test(p))) {
    const [i, f] = p.split(".");
    int = i!.replace(/,/g, "");
    frac = f ?? "";
    grouped = true;
  } else if (/^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$/.test(p)) {
    const [i, f] = p.split(",");
    int = i!.replace(/\./g, "");
    frac = f ?? "";
    grouped = true;
  } else if (/^\d+(?:[.,]\d+)?$/.test(p)) {
    const [i, f] = p.split(/[.,]/);
    int = i!;
    frac = f ?? "";
  } else return undefined;
  const intText = grouped ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : int;
  return frac === "" ? intText : `${intText}.${frac}`;
}

const SCALE: readonly [RegExp, string][] = [
  [/^(?:thousand|тыс\.?|тысяч\p{L}*)/iu, "thousand"],
  [/^(?:million|mln|млн\.?|миллион\p{L}*)/iu, "million"],
  [/^(?:billion|bn|млрд\.?|миллиард\p{L}*)/iu, "billion"],
  [/^(?:trillion|трлн\.?|триллион\p{L}*)/iu, "trillion"],
];
const CURRENCY: readonly [RegExp, string][] = [
  [/^(?:US\s?\$|USD|\$|долл\.(?:\s?США)?|доллар\p{L}*(?:\s+США)?|(?:US\s)?dollars?)/u, "USD"],
  [/^(?:€|EUR|euros?|евро)/u, "EUR"],
  [/^(?:CNY|RMB|yuan|юан\p{L}*)/u, "CNY"],
  [/^(?:BYN|Belarusian rubles?|белорусск\p{L}* рубл\p{L}*|руб\.|рубл\p{L}*)/u, "BYN"],
];
const SCALE_SHORT: Readonly<Record<string, string>> = { thousand: "thousand", million: "m", billion: "bn", trillion: "tn" };
const UNITS: readonly [RegExp, string][] = [
  [/^(?:%|per\s?cent\b|percent\b|процент\p{L}*)/iu, "%"],
  [/^(?:percentage points?|п\.\s?п\.|процентн\p{L}*\s+пункт\p{L}*)/iu, "pp"],
  [/^(?:GB|Gbytes?|gigabytes?|ГБ|Гбайт\p{L}*|гигабайт\p{L}*)(?![\p{L}])/u, "GB"],
  [/^(?:TB|терабайт\p{L}*|terabytes?)(?![\p{L}])/u, "TB"],
  [/^(?:Mbit\/s|Mbps|Мбит\/с)/u, "Mbit/s"],
];

function eat(rest: string, table: readonly [RegExp, string][]): { unit: string; length: number } | undefined {
  const lead = /^[ \u00a0\u202f]?/.exec(rest)![0].length;
  for (const [re, unit] of table) {
    const m = re.exec(rest.slice(lead));
    if (m) return { unit, length: lead + m[0].length };
  }
  return undefined;
}

/** the unit after the number (and a currency sign before it): "%", "GB", "USD bn", "million" … */
function unitAround(text: string, start: number, end: number): { unit: string; spanStart: number; spanEnd: number } {
  let spanStart = start;
  let currency: string | undefined;
  const before = /(US\s?\$|\$|€|USD|EUR|CNY|¥)\s?$/u.exec(text.slice(Math.max(0, start - 5), start));
  if (before) {
    currency = CURRENCY.find(([re]) => re.test(before[1]!))?.[1] ?? (before[1] === "¥" ? "CNY" : undefined);
    spanStart = start - before[0].length;
  }
  let at = end;
  const simple = eat(text.slice(at), UNITS);
  if (simple) return { unit: simple.unit, spanStart, spanEnd: at + simple.length };
  const scale = eat(text.slice(at), SCALE);
  if (scale) at += scale.length;
  const cur = eat(text.slice(at), CURRENCY);
  if (cur) {
    currency ??= cur.unit;
    at += cur.length;
  }
  if (currency) return { unit: scale ? `${currency} ${SCALE_SHORT[scale.unit]}` : currency, spanStart, spanEnd: at };
  return { unit: scale?.unit ?? "", spanStart, spanEnd: at };
}

const RANGE_DASH = /^\s?[–—-]\s?$/;
const RANGE_WORDS = /^\s*(?:(?:to|and|до|и)\s+)$/u;
const RANGE_OPEN = /(?:from|between|от|с)\s+$/iu;

/** Find every number in the text and say whether it is a figure or which false friend it is. */
export function findNumbers(text: string): NumberToken[] {
  const spans = spansOf(text);
  const tokens: NumberToken[] = [];
  for (const m of text.matchAll(DIGITS)) {
    const start = m.index;
    const end = start + m[0].length;
    // glued to a word by a hyphen ("Беларусь-2030", "COVID-19"): part of a name
    const glued = text[start - 1] === "-" && /[\p{L}\p{N}]/u.test(text[start - 2] ?? "");
    const russian = isRussianAt(text, start);
    // a minus sign: U+2212, or a hyphen after a space that does not follow a number (that would be a range)
    const minus = text[start - 1] === "\u2212" || (text[start - 1] === "-" && /\s/.test(text[start - 2] ?? " ") && !/[\p{N}%]\s*$/u.test(text.slice(Math.max(0, start - 6), start - 1)));
    const digits = registryValue(m[0], russian);
    const value = digits === undefined ? undefined : minus ? `-${digits}` : digits;
    const around = unitAround(text, minus ? start - 1 : start, end);
    const span = spans.find((s) => s.start <= start && end <= s.end);
    let kind: NumberKind = span?.kind ?? (glued ? "name" : "figure");
    if (value === undefined) kind = "name";
    // a four-digit year with nothing after it that makes it a quantity
    if (kind === "figure" && /^(?:1[89]|20)\d{2}$/.test(m[0]) && around.unit === "") kind = "year";
    const op = findOperator(text, around.spanStart, around.spanEnd);
    const token: NumberToken = {
      start: minus ? start - 1 : start,
      end,
      printed: minus ? text.slice(start - 1, end) : m[0],
      value: value ?? m[0],
      kind,
      unit: around.unit,
      spanStart: around.spanStart,
      spanEnd: op.after ?? around.spanEnd,
      operator: op.operator,
    };
    if (op.start !== undefined) token.operatorStart = op.start;
    tokens.push(token);
  }
  markRanges(text, tokens);
  return tokens;
}

/** "10–15%", "from 10 to 15 GB", "от 10 до 15": the two ends share the unit printed after the second */
function markRanges(text: string, tokens: NumberToken[]): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.kind !== "figure" || b.kind !== "figure") continue;
    const between = text.slice(a.spanEnd, b.spanStart);
    const dash = RANGE_DASH.test(between);
    const words = RANGE_WORDS.test(between) && RANGE_OPEN.test(text.slice(Math.max(0, a.spanStart - 12), a.spanStart));
    if (!dash && !words) continue;
    if (words && /^\s*(?:and|и)\s+$/u.test(between) && !/between\s+$/iu.test(text.slice(Math.max(0, a.spanStart - 12), a.spanStart))) continue;
    if (a.unit === "") a.unit = b.unit;
    a.range = "lower";
    b.range = "upper";
    a.operator = "≥";
    b.operator = "≤";
    i++;
  }
}
