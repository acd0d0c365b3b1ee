// buildDist: the file map, datapackage.json (v2) with bytes and hashes that match, SHA256SUMS, order, invariants
import { createHash } from "node:crypto";
import { ECONOMY_FOREIGN_KEY, economiesDataset, Observation, type DatasetSpec, type Reject } from "@bycn/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { addToDist, buildDist, PublishError, type DistInput } from "../src/index.js";

const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);

const spec: DatasetSpec = {
  name: "itu-indicators",
  title: "ITU indicators",
  description: "ITU DataHub series, long format.",
  schema: Observation,
  primaryKey: ["source", "entity", "indicator", "year", "vintage"],
  sources: ["itu-datahub"],
};

function obs(entity: string, year: number, value: number, extra: Partial<Observation> = {}): Observation {
  return {
    entity,
    economy: entity,
    entity_name: entity === "BLR" ? "Belarus" : "China",
    is_aggregate: false,
    indicator: "i911mw",
    indicator_name: "Active mobile-broadband subscriptions per 100 inhabitants",
    year,
    value,
    unit: "per 100 inhabitants",
    source: "itu-datahub",
    vintage: "2025-12-28",
    note: "",
    source_text: "",
    raw_file: "raw/itu-datahub/2025-12-28/active_mobile_broadband_subscriptions.csv",
    raw_line: year - 1990,
    ...extra,
  };
}

const ClaimRow = z.object({
  claim: z.string().min(1).meta({ description: "Claim id." }),
  printed: z.string().min(1),
  verdict: z.enum(["confirmed", "contradicted", "unverifiable"]),
});
const claimsSpec: DatasetSpec = { name: "claims", title: "Claims", description: "Verdicts.", schema: ClaimRow, primaryKey: ["claim"], sources: ["article"] };

const rejects: Reject[] = [
  { dataset: "itu-indicators", raw_file: "raw/itu-datahub/2025-12-28/a.csv", raw_line: 12, code: "invalid_number", message: '"n/a" is not a number', raw_record: '"i911mw","BLR","n/a"' },
  { dataset: "itu-indicators", raw_file: "raw/itu-datahub/2025-12-28/a.csv", raw_line: 9, code: "unknown_economy", message: '"XKX" is not in the economy registry', raw_record: "=cmd|' /C calc'!A0" },
];

function input(): DistInput {
  return {
    datasets: [{ spec, rows: [obs("CHN", 2022, 1.87001e9), obs("BLR", 2022, 89.4918), obs("BLR", 2010, 1.5e-7)] }],
    rejects,
    check: { version: 1, summary: { errors: 0 }, findings: [] },
    claims: { spec: claimsSpec, rows: [{ claim: "c2", printed: "84.4", verdict: "confirmed" }, { claim: "c10", printed: "1", verdict: "unverifiable" }] },
    sources: [
      {
        id: "itu-datahub",
        title: "ITU DataHub",
        path: "https://datahub.itu.int/",
        licence: "© ITU; ITU DataHub terms of use",
        retrieved: "2025-12-28",
        files: [{ path: "raw/itu-datahub/2025-12-28/a.csv", sha256: "a".repeat(64) }],
      },
      { id: "wdi", title: "World Development Indicators", path: "https://databank.worldbank.org/", licence: "CC BY 4.0", retrieved: "2025-11-02", files: [] },
    ],
    package: { name: "bycn", title: "Belarus–China digital economy figures", version: "0.1.0" },
  };
}

type Resource = { name: string; path: string; bytes: number; hash: string; type?: string; format: string; schema?: { fields: { name: string; type?: string }[]; primaryKey?: string[] } };
const pkgOf = (files: Map<string, Uint8Array>): { resources: Resource[]; [k: string]: unknown } => JSON.parse(text(files.get("datapackage.json")));

describe("buildDist", () => {
  it("layout-exactly-as-design-describes", () => {
    expect([...buildDist(input()).keys()]).toEqual([
      "SHA256SUMS",
      "check.json",
      "claims.csv",
      "claims.json",
      "claims.schema.json",
      "data/itu-indicators.csv",
      "data/itu-indicators.json",
      "data/itu-indicators.schema.json",
      "datapackage.json",
      "rejects/itu-indicators.csv",
    ]);
  });

  it("deterministic-byte-identical-and-independent-of-input-order", () => {
    const a = buildDist(input());
    const b = buildDist(input());
    expect(b).toEqual(a);
    const shuffled = input();
    shuffled.datasets[0]?.rows.reverse();
    shuffled.rejects = [...rejects].reverse();
    shuffled.sources.reverse();
    shuffled.claims?.rows.reverse();
    expect(buildDist(shuffled)).toEqual(a);
  });

  it("resources-bytes-and-hash-match-the-files", () => {
    const files = buildDist(input());
    const pkg = pkgOf(files);
    expect(pkg.$schema).toBe("https://datapackage.org/profiles/2.0/datapackage.json");
    expect(pkg.resources.map((r) => r.name)).toEqual(["itu-indicators", "itu-indicators-json", "itu-indicators-rejects", "claims", "claims-json", "check"]);
    for (const r of pkg.resources) {
      const bytes = files.get(r.path);
      expect(bytes, r.path).toBeDefined();
      expect(r.bytes).toBe(bytes?.byteLength);
      expect(r.hash).toBe(`sha256:${sha(bytes as Uint8Array)}`);
      if (r.type === "table") for (const f of r.schema?.fields ?? []) expect(f.type, `${r.name}.${f.name}`).toBeDefined();
    }
  });

  it("sha256sums-every-other-file-sorted-lf", () => {
    const files = buildDist(input());
    const lines = text(files.get("SHA256SUMS")).split("\n");
    expect(lines.pop()).toBe("");
    const paths = [...files.keys()].filter((p) => p !== "SHA256SUMS");
    expect(lines).toEqual(paths.sort().map((p) => `${sha(files.get(p) as Uint8Array)}  ${p}`));
  });

  it("rows-sorted-by-primary-key-years-as-numbers", () => {
    const csv = text(buildDist(input()).get("data/itu-indicators.csv")).split("\n");
    expect(csv.slice(1, 4).map((l) => l.split(",").slice(0, 1).concat(l.split(",")[6] ?? "", l.split(",")[7] ?? ""))).toEqual([
      ["BLR", "2010", "0.00000015"],
      ["BLR", "2022", "89.4918"],
      ["CHN", "2022", "1870010000"],
    ]);
    // text keys compare by code unit (no locale, no natural sort): c10 before c2
    const claims = text(buildDist(input()).get("claims.csv")).split("\n");
    expect(claims.slice(1, 3).map((l) => l.split(",")[0])).toEqual(["c10", "c2"]);
  });

  it("numeric-key-column-sorts-9-before-10", () => {
    const S = z.object({ n: z.number().int(), v: z.string() });
    const i = input();
    i.datasets = [{ spec: { ...spec, name: "n", schema: S, primaryKey: ["n"] }, rows: [{ n: 10, v: "b" }, { n: 9, v: "a" }, { n: 100, v: "c" }] }];
    const files = buildDist(i);
    expect(text(files.get("data/n.csv"))).toBe("n,v\n9,a\n10,b\n100,c\n");
  });

  it("rejects-file-sorted-with-formula-guard-and-documented", () => {
    const files = buildDist(input());
    expect(text(files.get("rejects/itu-indicators.csv"))).toBe(
      [
        "raw_file,raw_line,code,message,raw_record",
        `raw/itu-datahub/2025-12-28/a.csv,9,unknown_economy,"""XKX"" is not in the economy registry",'=cmd|' /C calc'!A0`,
        `raw/itu-datahub/2025-12-28/a.csv,12,invalid_number,"""n/a"" is not a number","""i911mw"",""BLR"",""n/a"""`,
        "",
      ].join("\n"),
    );
    const r = pkgOf(files).resources.find((x) => x.name === "itu-indicators-rejects") as Record<string, unknown>;
    expect(r["bycn:formula_escape"]).toMatch(/= \+ - @ TAB CR/);
  });

  it("every-dataset-gets-a-rejects-file-and-unassigned-rejects-are-kept", () => {
    const i = input();
    i.rejects = [{ raw_file: "raw/wdi/2025-11-02/x.csv", raw_line: 1, code: "header_unrecognized", message: "m", raw_record: "" }];
    const files = buildDist(i);
    expect(text(files.get("rejects/itu-indicators.csv"))).toBe("raw_file,raw_line,code,message,raw_record\n");
    expect(text(files.get("rejects/unassigned.csv"))).toContain("raw/wdi/2025-11-02/x.csv,1,header_unrecognized,m,");
  });

  it("formula-guard-in-csv-but-not-in-json", () => {
    const i = input();
    i.datasets = [{ spec, rows: [obs("BLR", 2022, -5, { note: "-5 is a revision", source_text: "@ITU" })] }];
    const files = buildDist(i);
    expect(text(files.get("data/itu-indicators.csv"))).toContain(",-5,per 100 inhabitants,itu-datahub,2025-12-28,'-5 is a revision,'@ITU,");
    const json = JSON.parse(text(files.get("data/itu-indicators.json"))) as Observation[];
    expect(json[0]?.note).toBe("-5 is a revision");
    expect(json[0]?.value).toBe(-5);
  });

  it("datapackage-licenses-sources-created-and-json-schema-reference", () => {
    const pkg = pkgOf(buildDist(input())) as Record<string, unknown> & { resources: Record<string, unknown>[] };
    expect(pkg.created).toBeUndefined();
    // every licence named, with a path to its text (not the source's home page); the package's own work is MIT
    expect((pkg.licenses as { name: string }[]).map((l) => l.name)).toEqual(["LicenseRef-ITU-terms-of-use", "CC-BY-4.0", "MIT"]);
    expect((pkg.licenses as { path: string }[]).map((l) => l.path)).not.toContain("https://datahub.itu.int/");
    expect(pkg.resources.find((r) => r.name === "check")?.licenses).toEqual([expect.objectContaining({ name: "MIT" })]);
    expect((pkg.sources as { "bycn:id": string }[]).map((s) => s["bycn:id"])).toEqual(["itu-datahub", "wdi"]);
    const csv = pkg.resources[0] as Record<string, unknown>;
    expect(csv["bycn:json_schema"]).toBe("data/itu-indicators.schema.json");
    expect(csv.sources).toEqual([{ title: "ITU DataHub", path: "https://datahub.itu.int/", version: "2025-12-28" }]);
    expect(csv.encoding).toBe("utf-8");
    expect((csv.schema as { primaryKey: string[] }).primaryKey).toEqual(spec.primaryKey);
    const withCreated = input();
    withCreated.package.created = "2025-12-28T00:00:00Z";
    expect(pkgOf(buildDist(withCreated)).created).toBe("2025-12-28T00:00:00Z");
    withCreated.package.created = "2025-12-28";
    expect(pkgOf(buildDist(withCreated)).created).toBe("2025-12-28T00:00:00Z");
    withCreated.package.created = "28.12.2025";
    expect(() => buildDist(withCreated)).toThrow(PublishError);
  });

  it("foreign-key-declared-and-checked: an economy missing from the economies table stops the build", () => {
    const withFk = { ...spec, foreignKeys: [ECONOMY_FOREIGN_KEY] };
    const economies = (codes: string[]) => ({
      spec: economiesDataset,
      rows: codes.map((iso3) => ({ iso3, name: iso3, itu_name: "", name_ru: iso3, name_be: iso3, name_zh: iso3, other_codes: "" })),
    });
    const rows = [obs("CHN", 2022, 1), obs("BLR", 2022, 2), obs("WLD", 2022, 3, { economy: "", is_aggregate: true })];
    const ok = input();
    ok.datasets = [{ spec: withFk, rows }, economies(["BLR", "CHN"])];
    const csv = pkgOf(buildDist(ok)).resources.find((r) => r.name === "itu-indicators") as unknown as { schema: { foreignKeys: unknown } };
    // an aggregate's empty economy is a missing value, which a foreign key lets through
    expect(csv.schema.foreignKeys).toEqual([{ fields: ["economy"], reference: { resource: "economies", fields: ["iso3"] } }]);
    const missing = input();
    missing.datasets = [{ spec: withFk, rows }, economies(["CHN"])];
    expect(() => buildDist(missing)).toThrow(/economy \["BLR"\], no key of economies/);
    const absent = input();
    absent.datasets = [{ spec: withFk, rows }];
    expect(() => buildDist(absent)).toThrow(PublishError);
  });

  it("claims-at-top-level-with-their-schema", () => {
    const files = buildDist(input());
    expect(text(files.get("claims.csv"))).toBe("claim,printed,verdict\nc10,1,unverifiable\nc2,84.4,confirmed\n");
    // the schema says it describes one row of claims.json, not the file
    expect(JSON.parse(text(files.get("claims.schema.json"))).title).toBe("One row of claims.json: Claims");
  });

  it("report-files-added-later-are-covered-by-sha256sums", () => {
    const files = addToDist(buildDist(input()), new Map([["report.md", new TextEncoder().encode("# report\n")]]));
    expect(text(files.get("SHA256SUMS"))).toContain(`${sha(new TextEncoder().encode("# report\n"))}  report.md\n`);
    expect([...files.keys()]).toEqual([...files.keys()].sort());
    expect(() => addToDist(files, new Map([["check.json", new Uint8Array()]]))).toThrow(PublishError);
  });

  it.each([
    ["duplicate-primary-key", (i: DistInput) => i.datasets[0]?.rows.push(obs("BLR", 2022, 1))],
    ["row-fails-its-own-schema", (i: DistInput) => i.datasets[0]?.rows.push({ ...obs("BLR", 2023, 1), unit: "furlongs" })],
    ["dataset-given-twice", (i: DistInput) => i.datasets.push({ spec, rows: [] })],
    ["unsafe-dataset-name", (i: DistInput) => i.datasets.push({ spec: { ...spec, name: "../x" }, rows: [] })],
    ["reject-code-outside-the-catalogue", (i: DistInput) => i.rejects.push({ ...rejects[0], code: "oops" } as Reject)],
  ])("%s-is-a-programming-error", (_name, mutate) => {
    const i = input();
    mutate(i);
    expect(() => buildDist(i)).toThrow(PublishError);
  });
});
