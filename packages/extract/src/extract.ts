// an article's text → proposed claims: figures with subject, measure, edition, year, operator, citation and offset
import { economyByIso3 } from "@bycn/core";
import { findNumbers, type NumberToken } from "./numbers.js";
import type { Operator } from "./operators.js";
import { MEASURES, type MeasureRule, type Scopes, conceptsIn, coverageReadings, rankMeasures } from "./measures.js";
import { splitSentences, type Sentence } from "./sentences.js";
import { stripMarkup } from "./strip.js";
import { PARK, findMentions, type Mention } from "./subjects.js";

/** One proposed claim: the registry's cells, and how sure the extractor is of them. Never the article's text. */
export interface Proposal {
  subject: string;
  measure: string;
  alternatives: string[];
  edition: string;
  reference_year: number | undefined;
  /** the value in the registry's notation ("2,575.1"); printed_as is how the text wrote it */
  printed: string;
  printed_as: string;
  unit: string;
  operator: Operator;
  citation: number | undefined;
  section: number;
  paraphrase: string;
  readings: string;
  /** indexes (into the proposals) of the figures a derived figure is computed from */
  derived_from: number[];
  as_of: string;
  /** offset of the sentence in the input text, and of the number itself */
  offset: number;
  number_offset: number;
  /** 0–1: how likely the subject, measure and edition are right */
  confidence: number;
  /** what a person should check, in bycn's words */
  review: string[];
}

export interface Extraction {
  proposals: Proposal[];
  /** every number found, with its kind (figure or false friend), for reports and tests */
  numbers: (NumberToken & { offset: number })[];
}

const AFTER_STOP = /[,;:]|\s(?:and|while|whereas|but|и|а|но|тогда как|при этом)\s/giu;
const BEFORE_STOP = /[,;:]|\s(?:while|whereas|but|а|но|тогда как|при этом)\s/giu;
// wording a reviewer must weigh: a plan or target is no reported figure; a period ("monthly") the series may not have
const PLAN = /\b(?:plan(?:ned|s)?|target(?:ed|s)?|forecasts?|projected|expected|goal)\b|(?<![\p{L}])(?:план\p{L}*|прогноз\p{L}*|целев\p{L}*|ожида\p{L}*)/iu;
const PERIOD = /\b(?:monthly|per month|a month|weekly|daily|per day|quarterly)\b|(?<![\p{L}])(?:ежемесячн\p{L}*|в месяц|в день|ежедневн\p{L}*|ежеквартальн\p{L}*)/iu;
const YEAR_CUE = /(?:\b(?:in|for|as of|by|since|during)|(?<![\p{L}])(?:в|на|за|по состоянию на))\s+$/iu;

interface Edition {
  family: string;
  year: number;
  at: number;
}

const EDITION_PATTERNS: readonly { family: string; re: RegExp }[] = [
  { family: "IDI", re: /(?:\bIDI\b|ICT Development Index|Индекс\p{L}* развития ИКТ)[^.\n\d]{0,60}?((?:19|20)\d{2})(?!\d)/giu },
  { family: "IDI", re: /((?:19|20)\d{2})\s+(?:(?:edition|release|report)\s+of\s+(?:the\s+)?)?(?:IDI|ICT Development Index)\b/giu },
];

function findEditions(text: string): Edition[] {
  const out: Edition[] = [];
  for (const { family, re } of EDITION_PATTERNS) for (const m of text.matchAll(re)) out.push({ family, year: Number(m[1]), at: m.index });
  return out.sort((a, b) => a.at - b.at);
}

interface Source {
  year?: number;
  accessed?: string;
}

/** the list of cited sources: item number → the date the author read it (the latest a figure from it can describe) */
function citedSources(text: string, sentences: readonly Sentence[]): Map<number, Source> {
  const out = new Map<number, Source>();
  for (const s of sentences) {
    if (!s.references || s.item === undefined) continue;
    const body = text.slice(s.start, s.end);
    const src = out.get(s.item) ?? {};
    const a = /(?:date of access|accessed|дата обращения)\D{0,5}(\d{1,2})\.(\d{1,2})\.(\d{4})/iu.exec(body);
    if (a) {
      src.accessed = `${a[3]}-${a[2]!.padStart(2, "0")}-${a[1]!.padStart(2, "0")}`;
      src.year = Number(a[3]);
    }
    out.set(s.item, src);
  }
  return out;
}

function entityName(subject: string): string {
  if (subject === PARK) return "the Great Stone park";
  return economyByIso3(subject)?.name ?? subject;
}

/** anaphora ("the park") stand for an entity only after it was named in the same section */
function resolveMentions(mentions: readonly Mention[], sentences: readonly Sentence[]): Mention[] {
  const out: Mention[] = [];
  const named = new Map<number, Set<string>>();
  for (const m of mentions) {
    const section = sentenceAt(sentences, m.start)?.section ?? 0;
    const seen = named.get(section) ?? new Set<string>();
    named.set(section, seen);
    if (m.anaphora && !seen.has(m.subject)) continue;
    if (!m.weak) seen.add(m.subject);
    out.push(m);
  }
  return out;
}

function sentenceAt(sentences: readonly Sentence[], at: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

function lastMatchEnd(re: RegExp, text: string): number {
  let end = -1;
  for (const m of text.matchAll(re)) end = m.index + m[0].length;
  return end;
}

interface Context {
  before: [number, number];
  after: [number, number];
}

/** the words that belong to a figure: back to the previous clause or figure, forward to the next clause or figure */
function contextOf(text: string, s: Sentence, figs: readonly NumberToken[], i: number, afterEnds: number[]): Context {
  const t = figs[i]!;
  const next = figs[i + 1];
  const lead = t.operatorStart ?? t.spanStart;
  let afterEnd = next ? Math.min(next.operatorStart ?? next.spanStart, s.end) : s.end;
  const stop = new RegExp(AFTER_STOP.source, AFTER_STOP.flags).exec(text.slice(t.spanEnd, afterEnd));
  if (stop) afterEnd = t.spanEnd + stop.index;
  afterEnds[i] = afterEnd;
  let beforeStart = Math.max(s.start, i > 0 ? afterEnds[i - 1]! : s.start);
  const b = lastMatchEnd(new RegExp(BEFORE_STOP.source, BEFORE_STOP.flags), text.slice(beforeStart, lead));
  if (b >= 0) beforeStart += b;
  return { before: [beforeStart, lead], after: [t.spanEnd, afterEnd] };
}

function pickSubject(
  mentions: readonly Mention[],
  s: Sentence,
  ctx: Context,
  at: number,
  sentences: readonly Sentence[],
): { subject: string; how: "near" | "sentence" | "carried" } | undefined {
  const inRange = (a: number, z: number, weak: boolean) => mentions.filter((m) => m.start >= a && m.end <= z && m.weak === weak);
  const nearest = (list: Mention[]): Mention | undefined => {
    const before = list.filter((m) => m.end <= at);
    return before.length > 0 ? before[before.length - 1] : list.find((m) => m.start >= at);
  };
  // a name beats an adjective ("Chinese") at the same distance; only names are carried to later sentences
  const near = nearest(inRange(ctx.before[0], ctx.after[1], false)) ?? nearest(inRange(ctx.before[0], ctx.after[1], true));
  if (near) return { subject: near.subject, how: "near" };
  const inSentence = nearest(inRange(s.start, s.end, false)) ?? nearest(inRange(s.start, s.end, true));
  if (inSentence) return { subject: inSentence.subject, how: "sentence" };
  const sectionStart = sentences.find((x) => x.section === s.section)?.start ?? 0;
  const earlier = inRange(sectionStart, s.start, false);
  const carried = earlier[earlier.length - 1];
  return carried ? { subject: carried.subject, how: "carried" } : undefined;
}

/** a year the text ties to the figure: "82.7 in 2023", "as of 2025, … 144" */
function explicitYear(text: string, years: readonly NumberToken[], from: number, to: number, at: number): number | undefined {
  const cued = years.filter((y) => y.start >= from && y.end <= to && YEAR_CUE.test(text.slice(Math.max(0, y.start - 25), y.start)));
  if (cued.length === 0) return undefined;
  const after = cued.find((y) => y.start > at);
  const before = cued.filter((y) => y.end <= at).pop();
  return Number((after ?? before)!.printed);
}

/** Propose the claims of an article from its text (plain, Markdown or HTML). */
export function extractClaims(input: string): Extraction {
  const plain = stripMarkup(input);
  const text = plain.text;
  const sentences = splitSentences(text, plain.headings);
  const tokens = findNumbers(text);
  // a name inside a number's own span is its currency ("долл. США"), not its subject
  const named = findMentions(text).filter((m) => !tokens.some((t) => m.start < t.spanEnd && m.end > t.spanStart));
  const mentions = resolveMentions(named, sentences);
  const editions = findEditions(text);
  const sources = citedSources(text, sentences);
  const years = tokens.filter((t) => t.kind === "year");
  const citations = tokens.filter((t) => t.kind === "citation");
  const origin = (i: number): number => plain.origin[i] ?? i;

  const proposals: Proposal[] = [];
  const bySentence = new Map<Sentence, NumberToken[]>();
  for (const t of tokens) {
    if (t.kind !== "figure") continue;
    const s = sentenceAt(sentences, t.start);
    if (!s) continue;
    bySentence.set(s, [...(bySentence.get(s) ?? []), t]);
  }
  const yearOfSentence = new Map<Sentence, number>();
  sentences.forEach((s, si) => {
    const figs = bySentence.get(s);
    const sYear = explicitYear(text, years, s.start, s.end, s.end);
    if (sYear !== undefined) yearOfSentence.set(s, sYear);
    if (!figs) return;
    const prev = sentences[si - 1];
    const beforeScope = prev && prev.section === s.section && !prev.heading ? conceptsIn(text.slice(prev.start, prev.end)) : new Set<never>();
    const afterEnds: number[] = [];
    figs.forEach((t, i) => {
      const review: string[] = [];
      const ctx = contextOf(text, s, figs, i, afterEnds);
      const scopes: Scopes = {
        own: conceptsIn(text.slice(ctx.before[0], ctx.before[1]) + " " + text.slice(ctx.after[0], ctx.after[1])),
        sentence: conceptsIn(text.slice(s.start, s.end)),
        before: beforeScope,
      };
      const subj = pickSubject(mentions, s, ctx, t.start, sentences);
      let confidence = subj === undefined ? 0.2 : subj.how === "near" ? 1 : subj.how === "sentence" ? 0.85 : 0.7;
      if (subj === undefined) review.push("no economy or park named: fill subject");
      else if (subj.how === "carried") review.push("subject taken from an earlier sentence");
      const kind = subj === undefined ? undefined : subj.subject === PARK ? "park" : "economy";
      const ranked = rankMeasures(scopes, t.unit, kind);
      const first = ranked[0];
      let measure = first?.rule.measure ?? "";
      let readings = "";
      let alternatives = ranked.slice(1, 3).map((r) => r.rule.measure);
      if (measure === "Coverage") {
        const cov = coverageReadings(scopes);
        measure = cov.measure;
        readings = cov.readings;
        alternatives = [...cov.alternatives, ...alternatives];
      }
      if (!first) {
        review.push("no measure matched: fill measure");
        confidence *= 0.4;
      } else if (ranked.length > 1) {
        const margin = (first.score - ranked[1]!.score) / first.score;
        confidence *= 0.6 + 0.4 * Math.min(1, margin * 2);
        review.push(`measure uncertain, alternatives: ${alternatives.join(", ")}`);
      }
      const rule: MeasureRule | undefined = first?.rule;
      const year = explicitYear(text, years, ctx.before[0], ctx.after[1], t.start) ?? explicitYear(text, years, s.start, s.end, t.start);
      const citation = s.item !== undefined && s.references ? s.item : citationAfter(citations, sentences, s, t.start);
      const source = citation === undefined ? undefined : sources.get(citation);
      const { edition, referenceYear } = editionAndYear(rule, editions, s, t.start, {
        printed: year,
        carried: carriedYear(sentences, si, yearOfSentence),
        source: source?.year,
      });
      if (edition === "" && !rule?.derived) review.push("no edition found: fill edition");
      if (referenceYear === undefined && !rule?.derived) review.push("no reference year found: fill reference_year");
      if (citation === undefined) review.push("no citation found: fill citation");
      if (t.range) review.push(`${t.range} end of a printed range`);
      if (t.operator === "≈") review.push("approximate figure: fill tolerance with a distance you can justify, or leave it empty for the rounding of the last digit");
      if (t.printed !== t.printed.replace(/[^\d.,]/g, "") || t.printed !== t.value) review.push("printed in another notation, rewritten in the registry's");
      if (s.heading) review.push("figure in a heading");
      const near = text.slice(ctx.before[0], ctx.after[1]);
      if (PLAN.test(text.slice(s.start, s.end))) review.push("worded as a plan, target or expectation: a plan is no reported figure");
      const period = PERIOD.exec(near);
      if (period) review.push(`worded as a ${period[0].toLowerCase()} figure: check the series has that period`);
      const p: Proposal = {
        subject: subj?.subject ?? "",
        measure,
        alternatives,
        edition,
        reference_year: referenceYear,
        printed: t.value,
        // as the input prints it, markup and all ("2&nbsp;575,1" in HTML)
        printed_as: input.slice(origin(t.start), origin(t.end - 1) + 1),
        unit: claimUnit(rule, t.unit),
        operator: t.operator,
        citation,
        section: s.section,
        paraphrase: rule ? rule.describe.replace("{subject}", subj ? entityName(subj.subject) : "the subject") : "",
        readings,
        derived_from: [],
        as_of: rule?.dated && source?.accessed ? source.accessed : "",
        offset: origin(s.start),
        number_offset: origin(t.start),
        confidence: Math.round(confidence * 100) / 100,
        review,
      };
      if (p.paraphrase === "") review.push("no paraphrase: write one");
      proposals.push(p);
    });
  });
  linkDerived(proposals);
  return { proposals, numbers: tokens.map((t) => ({ ...t, offset: origin(t.start) })) };
}

/** the registry unit: the measure's own, unless the figure printed a scale or currency the measure allows */
function claimUnit(rule: MeasureRule | undefined, printed: string): string {
  if (rule === undefined || rule.unit === "as printed" || (rule.unit === "count" && printed !== "")) return printed === "" ? "count" : printed;
  return rule.unit;
}

/**
 * The edition a figure is quoted from and the year it describes. A family the text names with a year (IDI 2024)
 * takes the edition its own sentence names, else the last one named before; scores are keyed by the edition, and
 * indicators describe the edition year minus the family's lag. Other families (a news agency) are dated by the
 * cited source, the year the text ties to the figure, or one its paragraph gave.
 */
function editionAndYear(
  rule: MeasureRule | undefined,
  editions: readonly Edition[],
  s: Sentence,
  at: number,
  years: { printed: number | undefined; carried: number | undefined; source: number | undefined },
): { edition: string; referenceYear: number | undefined } {
  const family = rule?.edition;
  if (!family) return { edition: "", referenceYear: years.printed };
  if (EDITION_PATTERNS.some((p) => p.family === family.family)) {
    const named = editions.filter((e) => e.family === family.family);
    const ed =
      [...named].reverse().find((e) => e.at >= s.start && e.at < at) ??
      named.find((e) => e.at > at && e.at < s.end) ??
      [...named].reverse().find((e) => e.at < at);
    if (family.keyedByEdition) {
      const y = years.printed ?? ed?.year;
      return { edition: y === undefined ? "" : `${family.family} ${y}`, referenceYear: y };
    }
    return { edition: ed ? `${family.family} ${ed.year}` : "", referenceYear: years.printed ?? (ed ? ed.year - family.lag : undefined) };
  }
  const referenceYear = years.printed ?? years.carried ?? years.source;
  const y = years.source ?? referenceYear;
  return { edition: y === undefined ? "" : `${family.family} ${y}`, referenceYear };
}

/** the year of the nearest earlier sentence of the same paragraph that names one */
function carriedYear(sentences: readonly Sentence[], si: number, years: ReadonlyMap<Sentence, number>): number | undefined {
  const s = sentences[si]!;
  for (let k = si - 1; k >= 0; k--) {
    const p = sentences[k]!;
    if (p.paragraph !== s.paragraph) return undefined;
    const y = years.get(p);
    if (y !== undefined) return y;
  }
  return undefined;
}

/** the first citation mark at or after the figure, in the same section */
function citationAfter(citations: readonly NumberToken[], sentences: readonly Sentence[], s: Sentence, at: number): number | undefined {
  for (const c of citations) {
    if (c.start < at) continue;
    const cs = sentenceAt(sentences, c.start);
    if (!cs || cs.section !== s.section) return undefined;
    return Number(c.printed);
  }
  return undefined;
}

/** a growth rate is computed from the two figures of the same subject and measure printed just before it */
function linkDerived(proposals: Proposal[]): void {
  proposals.forEach((p, i) => {
    const rule = MEASURES.find((r) => r.measure === p.measure);
    if (!rule?.derived) return;
    const parts: number[] = [];
    for (let k = i - 1; k >= 0 && parts.length < 2; k--) {
      const q = proposals[k]!;
      if (q.subject !== p.subject || q.section !== p.section) break;
      if (q.measure === "" || MEASURES.find((r) => r.measure === q.measure)?.derived) continue;
      if (parts.length === 1 && proposals[parts[0]!]!.measure !== q.measure) break;
      parts.push(k);
    }
    if (parts.length === 2) {
      p.derived_from = parts.reverse();
      const later = proposals[p.derived_from[1]!]!;
      p.edition = later.edition;
      p.reference_year = later.reference_year;
      p.paraphrase = `percentage change of ${entityName(p.subject)}'s ${later.measure} between the two figures it is computed from`;
    } else {
      p.review.push("derived figure: name the claims it is computed from in derived_from");
    }
  });
}
