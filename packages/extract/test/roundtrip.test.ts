// a text the project wrote (examples/extract/neighbours-note.md): extract → draft registry → the registry reader
// (what `bycn claims lint` checks) → the checker against the committed raw/ data, with the verdicts pinned
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Observation, Pipeline, Snapshot } from "@bycn/core";
import { buildClaimData, checkClaims, observationAdapter } from "@bycn/claims";
import { type Claim, runArticle } from "@bycn/pipeline-article";
import { pipeline as datahub } from "@bycn/pipeline-itu-datahub";
import { pipeline as idi } from "@bycn/pipeline-itu-idi";
import { pipeline as wdi } from "@bycn/pipeline-wdi";
import { repoRoot } from "../../core/test-support/real.js";
import { decodeArticle, draftRows, extractClaims, renderDraftCsv, renderDraftJson } from "../src/index.js";

const NOTE = "examples/extract/neighbours-note.md";

function snapshots(source: string): Snapshot[] {
  const dir = path.join(repoRoot, "raw", source);
  const vintage = readdirSync(dir).sort().pop()!;
  return readdirSync(path.join(dir, vintage))
    .filter((f) => !f.endsWith(".meta.json"))
    .map((f) => {
      const file = `raw/${source}/${vintage}/${f}`;
      const bytes = readFileSync(path.join(repoRoot, file));
      return { file, bytes, vintage, sha256: createHash("sha256").update(bytes).digest("hex") };
    });
}

function observations(p: Pipeline, source: string, dataset: string): { rows: Observation[]; sums: [string, string][] } {
  const snaps = snapshots(source);
  const rows = p.run(snaps).datasets.find((d) => d.spec.name === dataset)!.rows as unknown as Observation[];
  return { rows, sums: snaps.map((s) => [s.file, s.sha256]) };
}

describe(`${NOTE}: extract → draft registry → lint → check`, () => {
  const decoded = decodeArticle(readFileSync(path.join(repoRoot, NOTE)), NOTE);
  if (!decoded.ok) throw new Error(decoded.issue.message);
  const rows = draftRows(extractClaims(decoded.text).proposals);
  const csv = renderDraftCsv(rows);
  const registryFile = "examples/extract/neighbours-note.claims.csv";
  const read = runArticle([{ file: registryFile, bytes: new TextEncoder().encode(csv), vintage: "draft", sha256: "" }]);
  const claims = read.datasets[0]!.rows as unknown as Claim[];

  it("proposes the 11 figures of the note and none of its dates, years, citations, programme period, section or list numbers", () => {
    expect(rows.map((r) => r.printed)).toEqual(["95.8", "90.1", "91.6", "94.5", "96.2", "1.8", "97.5", "85", "84.0", "99.7", "61.4"]);
  });

  it("the draft needs no edit to pass the registry reader: no rejects, no issues, every figure kept", () => {
    expect(read.issues.filter((i) => i.severity !== "info")).toEqual([]);
    expect(read.rejects).toEqual([]);
    expect(claims.length).toBe(rows.length);
    expect(JSON.parse(renderDraftJson(rows))).toEqual(rows);
  });

  it("a cell the extractor could not fill is empty, review says so, the reader rejects the row at that column until it is filled", () => {
    const [row] = draftRows(extractClaims("The overall index stood at 84.4 in the 2024 edition of the IDI [1].").proposals);
    expect(row!.subject).toBe("");
    expect(row!.review).toMatch(/fill subject/);
    const readAs = (r: typeof row) =>
      runArticle([{ file: "draft.csv", bytes: new TextEncoder().encode(renderDraftCsv([r!])), vintage: "draft", sha256: "" }]);
    const before = readAs(row);
    expect(before.rejects.map((r) => r.code)).toEqual(["invalid_row"]);
    expect(before.issues.find((i) => i.code === "invalid_row")?.message).toMatch(/subject/);
    const after = readAs({ ...row!, subject: "CHN", id: "CHN_IDI" });
    expect(after.rejects).toEqual([]);
    expect((after.datasets[0]!.rows[0] as unknown as Claim).measure).toBe("IDI");
  });

  it("the checker gives the pinned verdicts", () => {
    const sources = [observations(datahub, "itu-datahub", "itu-indicators"), observations(idi, "itu-idi", "idi-scores"), observations(wdi, "wdi", "wdi-indicators")];
    const names = ["itu-indicators", "idi-scores", "wdi-indicators"];
    const points = sources.flatMap((s, i) => observationAdapter(names[i]!).toPoints(s.rows));
    const data = buildClaimData(points, new Map(sources.flatMap((s) => s.sums)));
    const verdicts = checkClaims(claims, data).map((v) => [v.id, v.verdict, v.data_year]);
    expect(verdicts).toEqual([
      ["ARM_I136MWI_SUBS_IDI", "unverifiable", null],
      ["GEO_I271GA", "confirmed", 2022],
      ["KAZ_GROWTH_PCT", "consistent", 2022],
      ["KAZ_IDI", "confirmed", 2024],
      ["KAZ_XHH6_IDI_2021", "confirmed", 2021],
      ["KAZ_XHH6_IDI_2022", "confirmed", 2022],
      ["LTU_XHH6_IDI", "confirmed", 2022],
      ["POL_IDI", "confirmed", 2024],
      ["RUS_IDI", "contradicted", 2024],
      ["RUS_XHH6_IDI", "matches_other_year", 2021],
      ["UZB_XHH6_IDI", "contradicted", 2022],
    ]);
  });
});
