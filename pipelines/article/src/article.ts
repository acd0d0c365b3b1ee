// read the claims registry (raw/article/<date>/claims.csv) into typed claims, rejecting bad rows with codes (pure)
import { economyByIso3, makeIssue } from "@bycn/core";
import type { Issue, PipelineResult, Reject, Snapshot } from "@bycn/core";
import { readTable } from "@bycn/ingest";
import type { RawRecord } from "@bycn/ingest";
import { ArticleClaims, CLAIM_COLUMNS, Claim, ClaimRecord, OPTIONAL_CLAIM_COLUMNS } from "./schemas.js";

const DATASET = ArticleClaims.name;

/** the registry's header: every registry column present */
export function detectClaims(header: readonly string[]): boolean {
  return CLAIM_COLUMNS.every((c) => header.includes(c));
}

function details(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string[] {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "(record)"}: ${i.message}`);
}

function rejectFor(s: Snapshot, rec: RawRecord, issue: Issue): Reject {
  return { dataset: DATASET, raw_file: s.file, raw_line: rec.line, code: issue.code, message: issue.message, raw_record: rec.raw };
}

/** the 1-based column of a registry field in this file's header, when it has one */
function columnOf(header: readonly string[], field: string): { column?: number; field: string } {
  const i = header.indexOf(field);
  return i >= 0 ? { column: i + 1, field } : { field };
}

/** rules between cells of one record: a tolerance only for ≈, and an as_of no earlier than the year described */
function crossFieldIssues(r: ClaimRecord): [field: string, message: string][] {
  const out: [string, string][] = [];
  if (r.tolerance !== "" && r.operator !== "≈") out.push(["tolerance", `a tolerance belongs to ≈ (about), not to ${r.operator}`]);
  if (r.as_of !== "" && r.as_of.slice(0, 4) < r.reference_year) out.push(["as_of", `${r.as_of} is before the reference year ${r.reference_year} the figure describes`]);
  return out;
}

interface Read {
  claims: { claim: Claim; rec: RawRecord; snapshot: Snapshot; header: readonly string[] }[];
  rejects: Reject[];
  issues: Issue[];
  dataRecords: number;
}

function readRegistry(s: Snapshot): Read {
  const table = readTable(s.bytes, { file: s.file });
  const out: Read = { claims: [], rejects: table.rejects.map((r) => ({ ...r, dataset: DATASET })), issues: [...table.issues], dataRecords: table.dataRecords };
  if (table.info === undefined) return out;
  const header = table.info.header;
  const missing = CLAIM_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    const at = { file: s.file, line: table.info.headerLine };
    out.issues.push(
      missing.length === CLAIM_COLUMNS.length
        ? makeIssue("header_unrecognized", at, { expected: "the claims registry (id, subject, measure, … printed, operator …)", found: header })
        : makeIssue("column_missing", at, { column: missing.join(", ") }),
    );
    // without the registry's columns no record can become a claim: each one is a reject with that reason
    const issue = out.issues[out.issues.length - 1]!;
    for (const rec of table.records) out.rejects.push(rejectFor(s, rec, issue));
    return out;
  }
  for (const rec of table.records) {
    const obj: Record<string, string> = Object.fromEntries(OPTIONAL_CLAIM_COLUMNS.map((c) => [c, ""]));
    header.forEach((h, i) => {
      if (h !== "") obj[h] = (rec.fields[i] ?? "").trim();
    });
    const parsed = ClaimRecord.safeParse(obj);
    if (!parsed.success) {
      // one issue per bad cell, at its column, so a user's editor can jump to each; the reject keeps the first
      const issues = parsed.error.issues.map((i) => {
        const field = i.path.map(String).join(".");
        const col = header.indexOf(field);
        const at = col >= 0 ? { file: s.file, line: rec.line, column: col + 1, field } : { file: s.file, line: rec.line };
        return makeIssue("invalid_row", at, { details: [`${field || "(record)"}: ${i.message}`] });
      });
      out.issues.push(...issues);
      out.rejects.push(rejectFor(s, rec, issues[0]!));
      continue;
    }
    const r = parsed.data;
    const crossed = crossFieldIssues(r).map(([field, message]) =>
      makeIssue("invalid_row", { file: s.file, line: rec.line, ...columnOf(header, field) }, { details: [`${field}: ${message}`] }),
    );
    if (crossed.length > 0) {
      out.issues.push(...crossed);
      out.rejects.push(rejectFor(s, rec, crossed[0]!));
      continue;
    }
    const claim = Claim.safeParse({
      id: r.id,
      subject: r.subject,
      measure: r.measure,
      edition: r.edition,
      reference_year: Number(r.reference_year),
      printed: r.printed,
      unit: r.unit,
      operator: r.operator,
      tolerance: r.tolerance === "" ? null : Number(r.tolerance),
      citation: Number(r.citation),
      section: r.section,
      paraphrase: r.paraphrase,
      readings: r.readings,
      derived_from: r.derived_from,
      as_of: r.as_of,
      per: r.per,
      status: r.status === "" ? "actual" : r.status,
      note: r.note,
      raw_file: s.file,
      raw_line: rec.line,
    });
    if (!claim.success) {
      const issue = makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: details(claim.error) });
      out.issues.push(issue);
      out.rejects.push(rejectFor(s, rec, issue));
      continue;
    }
    out.claims.push({ claim: claim.data, rec, snapshot: s, header });
  }
  return out;
}

/** Every claims registry in the snapshot folder → the article-claims dataset. */
export function runArticle(snapshots: readonly Snapshot[]): PipelineResult {
  const rejects: Reject[] = [];
  const issues: Issue[] = [];
  const read: Read["claims"] = [];
  let dataRecords = 0;
  for (const s of [...snapshots].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const r = readRegistry(s);
    read.push(...r.claims);
    rejects.push(...r.rejects);
    issues.push(...r.issues);
    dataRecords += r.dataRecords;
  }

  const kept: Read["claims"] = [];
  const first = new Map<string, { file: string; line: number }>();
  for (const c of read) {
    const seen = first.get(c.claim.id);
    if (seen !== undefined) {
      const key = seen.file === c.snapshot.file ? `id=${c.claim.id}` : `id=${c.claim.id} (first in ${seen.file})`;
      const issue = makeIssue("duplicate_key", { file: c.snapshot.file, line: c.rec.line, ...columnOf(c.header, "id") }, { key, first_line: seen.line });
      issues.push(issue);
      rejects.push(rejectFor(c.snapshot, c.rec, issue));
      continue;
    }
    first.set(c.claim.id, { file: c.snapshot.file, line: c.rec.line });
    kept.push(c);
  }

  // a derived claim must name claims that made it into the registry (and not itself)
  const ids = new Set(kept.map((c) => c.claim.id));
  const rows: Claim[] = [];
  for (const c of kept) {
    const parts = c.claim.derived_from === "" ? [] : c.claim.derived_from.split(";");
    const bad = parts.filter((p) => p === c.claim.id || !ids.has(p));
    if (bad.length > 0) {
      const issue = makeIssue("invalid_row", { file: c.snapshot.file, line: c.rec.line, ...columnOf(c.header, "derived_from") }, {
        details: bad.map((p) => (p === c.claim.id ? `derived_from: ${p} is the claim itself` : `derived_from: ${p} is not a claim in the registry`)),
      });
      issues.push(issue);
      rejects.push(rejectFor(c.snapshot, c.rec, issue));
      continue;
    }
    if (c.claim.subject !== "GREAT_STONE" && economyByIso3(c.claim.subject) === undefined) {
      // kept: the checker will call it unverifiable if no dataset knows the code
      issues.push(makeIssue("unknown_economy", { file: c.snapshot.file, line: c.rec.line, ...columnOf(c.header, "subject") }, { value: c.claim.subject }));
    }
    rows.push(c.claim);
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { datasets: [{ spec: ArticleClaims, rows }], rejects, issues, dataRecords };
}

/** One user file (`bycn validate FILE`). */
export function normalizeArticle(snapshot: Snapshot): PipelineResult {
  return runArticle([snapshot]);
}
