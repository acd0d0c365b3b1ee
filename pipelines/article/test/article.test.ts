// the claims registry: the committed file reads clean, with one row per figure; bad rows are rejected with codes
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SnapshotMeta } from "@bycn/core";
import type { Snapshot } from "@bycn/core";
import { repoRoot } from "../../../packages/core/test-support/real.js";
import { Claim, pipeline, runArticle } from "../src/index.js";

const REGISTRY = "raw/article/2025-06-16/claims.csv";

function snapshot(file: string, text: string | Uint8Array): Snapshot {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return { file, bytes, vintage: "2025-06-16", sha256: createHash("sha256").update(bytes).digest("hex") };
}

const HEADER = "id,subject,measure,edition,reference_year,printed,unit,operator,tolerance,citation,section,paraphrase,readings,derived_from,as_of";
const row = (over: Record<string, string> = {}): string => {
  const base: Record<string, string> = {
    id: "X_1",
    subject: "CHN",
    measure: "i99H",
    edition: "IDI 2024",
    reference_year: "2022",
    printed: "75.6",
    unit: "%",
    operator: "=",
    tolerance: "",
    citation: "2",
    section: "s",
    paraphrase: "p",
    readings: "",
    derived_from: "",
    as_of: "",
    ...over,
  };
  return HEADER.split(",").map((k) => (/[",]/.test(base[k]!) ? `"${base[k]!.replaceAll('"', '""')}"` : base[k]!)).join(",");
};
const file = (...rows: string[]): Snapshot => snapshot("raw/article/2025-06-16/claims.csv", [HEADER, ...rows].join("\n") + "\n");

describe("the committed registry", () => {
  const bytes = readFileSync(path.join(repoRoot, REGISTRY));
  const result = runArticle([snapshot(REGISTRY, bytes)]);
  const rows = result.datasets[0]!.rows as Claim[];

  it("registry-counts-the-article's-26-figures, one row each, listed by id", () => {
    // the article's figures: 11 on China (IDI 2023 and 2024, their growth, 8 indicators), 10 on Belarus, 5 on the park
    expect(rows.map((r) => r.id).sort()).toEqual(
      [
        "CHN_IDI_2023",
        "CHN_IDI_2024",
        "CHN_IDI_GROWTH",
        "CHN_INTERNET_USERS",
        "CHN_HH_INTERNET",
        "CHN_COVERAGE",
        "CHN_MBB_SUBS",
        "CHN_MOBILE_TRAFFIC",
        "CHN_FIXED_TRAFFIC",
        "CHN_MOBILE_PRICE",
        "CHN_FIXED_PRICE",
        "BLR_IDI_2023",
        "BLR_IDI_2024",
        "BLR_INTERNET_USERS",
        "BLR_HH_INTERNET",
        "BLR_COVERAGE",
        "BLR_MBB_SUBS",
        "BLR_MOBILE_TRAFFIC",
        "BLR_FIXED_TRAFFIC",
        "BLR_MOBILE_PRICE",
        "BLR_FIXED_PRICE",
        "GS_RESIDENTS",
        "GS_COUNTRIES",
        "GS_DECLARED_INVESTMENT",
        "GS_JOBS",
        "GS_NEW_RESIDENTS_2024",
      ].sort(),
    );
    expect(rows).toHaveLength(26);
    expect(result.rejects).toEqual([]);
    expect(result.issues.filter((i) => i.severity !== "info")).toEqual([]);
    expect(result.dataRecords).toBe(26);
  });

  it("every-row-fits-the-published-schema and keeps printed as text", () => {
    for (const r of rows) expect(Claim.safeParse(r).success).toBe(true);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get("CHN_FIXED_TRAFFIC")!.printed).toBe("2,575.1");
    expect(byId.get("CHN_MOBILE_PRICE")!.printed).toBe("1");
    expect(byId.get("GS_JOBS")).toMatchObject({ printed: "3,000", operator: ">" });
    // "exceeding" is strict: the registry said ≥ until issue 12
    expect(byId.get("GS_DECLARED_INVESTMENT")).toMatchObject({ printed: "1.5", operator: ">", unit: "USD bn" });
    // "about" carries its tolerance and the note that justifies it
    expect(byId.get("CHN_IDI_GROWTH")).toMatchObject({ operator: "≈", tolerance: 0.5, derived_from: "CHN_IDI_2023;CHN_IDI_2024" });
    expect(byId.get("CHN_IDI_GROWTH")!.note).toContain("0.5");
    // the article calls the Belarus mobile traffic monthly
    expect(byId.get("BLR_MOBILE_TRAFFIC")!.per).toBe("month");
    // a figure "as per IDI 2024" describes 2022; the IDI scores themselves are keyed by edition
    expect(byId.get("CHN_MBB_SUBS")).toMatchObject({ edition: "IDI 2024", reference_year: 2022 });
    expect(byId.get("CHN_IDI_2024")!.reference_year).toBe(2024);
    expect(byId.get("CHN_COVERAGE")!.readings).toContain("mean(i271G,i271GA)");
    expect(byId.get("GS_NEW_RESIDENTS_2024")).toMatchObject({ reference_year: 2024, citation: 5 });
    // raw_line is the physical line: header on line 1
    expect(byId.get(rows.map((r) => r.id).sort()[0]!)!.raw_line).toBeGreaterThan(1);
  });

  it("meta-names-the-article-and-matches-the-bytes", () => {
    const meta = JSON.parse(readFileSync(path.join(repoRoot, `${REGISTRY}.meta.json`), "utf8")) as Record<string, unknown>;
    const parsed = SnapshotMeta.safeParse(meta);
    expect(parsed.success).toBe(true);
    expect(parsed.data!.source).toBe("article");
    expect(parsed.data!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(parsed.data!.bytes).toBe(bytes.length);
    expect(meta["article"]).toMatchObject({ date: "2025-06-16", authors: [{ name: "S. O. Sidorova" }, { name: "Li Jun" }] });
  });

  it("detect-recognises-the-registry-header-only", () => {
    expect(pipeline.detect(HEADER.split(","))).toBe(true);
    expect(pipeline.detect(["iso3", "idi_2024"])).toBe(false);
  });
});

describe("bad rows are rejects with codes", () => {
  it.each([
    ["printed-with-two-points", { printed: "1.2.3" }, "printed"],
    ["printed-with-misplaced-comma", { printed: "25,75.1" }, "printed"],
    ["operator-not-in-the-list", { operator: "~" }, "operator"],
    ["subject-not-iso3", { subject: "China" }, "subject"],
    ["year-not-four-digits", { reference_year: "22" }, "reference_year"],
    ["tolerance-not-a-number", { tolerance: "abc" }, "tolerance"],
    ["readings-without-label", { readings: "i271G" }, "readings"],
    ["as-of-not-a-date", { as_of: "June 2025" }, "as_of"],
  ])("%s → invalid_row", (_name, over, field) => {
    const r = runArticle([file(row(over))]);
    expect(r.datasets[0]!.rows).toEqual([]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ code: "invalid_row", raw_line: 2, dataset: "article-claims" });
    expect(r.rejects[0]!.message).toContain(field);
  });

  it("duplicate-id → duplicate_key, the first one kept", () => {
    const r = runArticle([file(row(), row({ printed: "75.7" }))]);
    expect((r.datasets[0]!.rows as Claim[]).map((c) => c.printed)).toEqual(["75.6"]);
    expect(r.rejects).toMatchObject([{ code: "duplicate_key", raw_line: 3 }]);
  });

  it("derived-from-an-unknown-claim → invalid_row naming it", () => {
    const r = runArticle([file(row(), row({ id: "G", measure: "growth_pct", derived_from: "X_1;NOPE" }))]);
    expect(r.rejects).toMatchObject([{ code: "invalid_row", raw_line: 3 }]);
    expect(r.rejects[0]!.message).toContain("NOPE");
  });

  it("unknown-iso3 is kept with an unknown_economy warning", () => {
    const r = runArticle([file(row({ subject: "QQQ" }))]);
    expect(r.datasets[0]!.rows).toHaveLength(1);
    expect(r.issues.map((i) => i.code)).toContain("unknown_economy");
  });

  it("tolerance-and-quoted-thousands parse to typed values", () => {
    const r = runArticle([file(row({ printed: "2,575.1", operator: "≈", tolerance: "0.5" }))]);
    expect(r.datasets[0]!.rows[0]).toMatchObject({ printed: "2,575.1", tolerance: 0.5, reference_year: 2022, citation: 2 });
  });

  it("missing-column → column_missing and every record rejected", () => {
    const text = "id,subject,printed\nA,CHN,1\nB,CHN,2\n";
    const r = runArticle([snapshot("raw/article/x/claims.csv", text)]);
    expect(r.issues.map((i) => i.code)).toContain("column_missing");
    expect(r.rejects).toHaveLength(2);
    expect(r.datasets[0]!.rows).toEqual([]);
  });

  it("every-record-lands-in-rows-or-rejects", () => {
    const r = runArticle([file(row(), row({ id: "B", printed: "x" }), row(), row({ id: "C" }))]);
    expect(r.datasets[0]!.rows.length + r.rejects.length).toBe(r.dataRecords);
    expect(r.dataRecords).toBe(4);
  });
});

describe("rules between cells (bycn claims lint)", () => {
  const header = "id,subject,measure,edition,reference_year,printed,unit,operator,tolerance,citation,section,paraphrase,readings,derived_from,as_of";
  const run = (line: string) => runArticle([{ file: "mine.csv", bytes: Buffer.from(`${header}\n${line}\n`), vintage: "", sha256: "0".repeat(64) }]);

  it("tolerance-without-about → invalid_row at the tolerance column", () => {
    const r = run("A,KAZ,IDI,IDI 2024,2024,90,score,=,0.5,1,s,p,,,");
    expect(r.issues.filter((i) => i.code === "invalid_row").map((i) => i.at)).toEqual([{ file: "mine.csv", line: 2, column: 9, field: "tolerance" }]);
    expect(r.rejects).toHaveLength(1);
  });

  it("as_of-before-the-reference-year → invalid_row at the as_of column", () => {
    const r = run("A,KAZ,IDI,IDI 2024,2024,90,score,=,,1,s,p,,,2023-12-31");
    expect(r.issues.find((i) => i.code === "invalid_row")!.at).toMatchObject({ line: 2, column: 15, field: "as_of" });
  });
});
