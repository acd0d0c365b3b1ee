// diff of two dist folders written to temp dirs: keyed rows, precision, provenance, verdict flips, the vanished gate
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffDatasets, diffDists, diffExitCode, DiffError, renderDiff, samePrinted, printedDecimals, type DistDiff } from "../src/index.js";

const tmp = mkdtempSync(path.join(os.tmpdir(), "bycn-diff-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface TableFixture {
  name: string;
  path: string;
  fields: [string, string][];
  primaryKey?: string[];
  lines: string[];
}

/** a dist folder shaped like @bycn/publish writes it: csv resources with a Table Schema and a sha256 hash, json twins */
function writeDist(name: string, tables: TableFixture[], tamper?: (dir: string) => void): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const resources: unknown[] = [];
  for (const t of tables) {
    const bytes = Buffer.from(`${t.fields.map(([f]) => f).join(",")}\n${t.lines.map((l) => `${l}\n`).join("")}`);
    mkdirSync(path.dirname(path.join(dir, t.path)), { recursive: true });
    writeFileSync(path.join(dir, t.path), bytes);
    const schema = { fields: t.fields.map(([n, type]) => ({ name: n, type })), missingValues: [""], ...(t.primaryKey ? { primaryKey: t.primaryKey } : {}) };
    const hash = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
    resources.push({ name: t.name, path: t.path, type: "table", format: "csv", dialect: { delimiter: "," }, schema, hash });
    resources.push({ name: `${t.name}-json`, path: t.path.replace(/\.csv$/, ".json"), type: "table", format: "json", schema });
  }
  resources.push({ name: "check", path: "check.json", format: "json" });
  writeFileSync(path.join(dir, "datapackage.json"), JSON.stringify({ name: "bycn", resources }, null, 2));
  tamper?.(dir);
  return dir;
}

const INDICATOR_FIELDS: [string, string][] = [
  ["entity", "string"],
  ["indicator", "string"],
  ["year", "integer"],
  ["value", "number"],
  ["vintage", "date"],
  ["raw_line", "integer"],
];
const CLAIM_FIELDS: [string, string][] = [
  ["id", "string"],
  ["verdict", "string"],
  ["data_value", "number"],
];

const OLD = writeDist("old", [
  {
    name: "indicators",
    path: "data/indicators.csv",
    fields: INDICATOR_FIELDS,
    primaryKey: ["entity", "indicator", "year"],
    lines: [
      "BLR,i911mw,2023,101.619,2026-11-01,7",
      "BLR,i99H,2019,79.1,2026-11-01,2",
      "BLR,i99H,2022,89.5,2026-11-01,3",
      "BLR,i99H,2023,91.3,2026-11-01,4",
      "CHN,i99H,2022,75.6,2026-11-01,5",
      "CHN,i99H,2023,77.4827,2026-11-01,6",
      "ZWE,i99H,2023,38.4266,2026-11-01,8",
    ],
  },
  { name: "claims", path: "claims.csv", fields: CLAIM_FIELDS, primaryKey: ["id"], lines: ["c01,confirmed,88.5", "c02,contradicted,90.6"] },
  { name: "park", path: "data/park.csv", fields: [["date", "date"], ["residents", "integer"]], primaryKey: ["date"], lines: ["2024-01-01,126"] },
]);

const NEW = writeDist("new", [
  {
    name: "indicators",
    path: "data/indicators.csv",
    fields: INDICATOR_FIELDS,
    primaryKey: ["entity", "indicator", "year"],
    lines: [
      "BLR,i911mw,2023,101.619,2026-11-28,8", // provenance only
      "BLR,i99H,2022,89.5,2026-11-28,3",
      "BLR,i99H,2023,91.4,2026-11-28,4", // changed
      "BLR,i99H,2024,92,2026-11-28,5", // added
      "CHN,i99H,2022,75.60001,2026-11-28,6", // below the precision the old side printed
      "CHN,i99H,2023,77.48270,2026-11-28,7", // same value, one more zero printed
    ],
  },
  {
    name: "claims",
    path: "claims.csv",
    fields: CLAIM_FIELDS,
    primaryKey: ["id"],
    lines: ["c01,contradicted,90.6", "c02,contradicted,90.6", "c03,unverifiable,"],
  },
]);

let diff: DistDiff;

describe("diffDists", () => {
  it("added-removed-changed-exactly", async () => {
    diff = await diffDists(OLD, NEW);
    const ind = diff.datasets.find((d) => d.name === "indicators");
    expect(ind?.added).toEqual([{ entity: "BLR", indicator: "i99H", year: "2024", value: "92", vintage: "2026-11-28", raw_line: "5" }]);
    expect(ind?.removed.map((r) => `${r.entity} ${r.year}`)).toEqual(["BLR 2019", "ZWE 2023"]);
    expect(ind?.changed).toEqual([{ key: { entity: "BLR", indicator: "i99H", year: "2023" }, changes: [{ column: "value", old: "91.3", new: "91.4" }] }]);
    expect(ind?.summary).toEqual({ old: 7, new: 6, added: 1, removed: 2, changed: 1, unchanged: 4, belowPrecision: 2, provenanceOnly: 4 });
    expect(diff.same).toBe(false);
    expect(diffExitCode(diff)).toBe(1);
  });

  it("below-precision-change-ignored", () => {
    const ind = diff.datasets.find((d) => d.name === "indicators");
    expect(ind?.changed.some((c) => c.key.entity === "CHN")).toBe(false);
  });

  it("verdict-flip-reported", () => {
    expect(diff.verdicts).toEqual([{ id: "c01", old: "confirmed", new: "contradicted" }]);
    const claims = diff.datasets.find((d) => d.name === "claims");
    expect(claims?.added.map((r) => r.id)).toEqual(["c03"]);
  });

  it("vanished-economy-year-and-dataset-detected", () => {
    expect(diff.vanished).toEqual([
      { dataset: "indicators", column: "entity", value: "ZWE" },
      { dataset: "indicators", column: "year", value: "2019" },
      { dataset: "park", column: "dataset", value: "park" },
    ]);
    expect(diff.datasets.find((d) => d.name === "park")?.status).toBe("removed");
  });

  it("json-twins-and-non-table-resources-skipped", () => {
    expect(diff.datasets.map((d) => d.name)).toEqual(["claims", "indicators", "park"]);
  });

  it("identical-dists-are-the-same", async () => {
    const same = await diffDists(OLD, OLD);
    expect(same).toMatchObject({ same: true, verdicts: [], vanished: [] });
    expect(diffExitCode(same)).toBe(0);
    expect(renderDiff(same, "text")).toMatch(/: no data changes\n/);
  });

  it("provenance-only-release-is-the-same", async () => {
    const moved = writeDist("moved", [
      { name: "t", path: "data/t.csv", fields: INDICATOR_FIELDS, primaryKey: ["entity", "indicator", "year"], lines: ["BLR,i99H,2022,89.5,2026-11-28,9"] },
    ]);
    const base = writeDist("base", [
      { name: "t", path: "data/t.csv", fields: INDICATOR_FIELDS, primaryKey: ["entity", "indicator", "year"], lines: ["BLR,i99H,2022,89.5,2026-11-01,3"] },
    ]);
    const d = await diffDists(base, moved);
    expect(d.same).toBe(true);
    expect(d.datasets[0]?.summary.provenanceOnly).toBe(1);
  });

  const broken: [string, (dir: string) => void, RegExp][] = [
    ["hash-mismatch", (dir) => writeFileSync(path.join(dir, "data/t.csv"), "entity\nXXX\n"), /differs from datapackage.json/],
    [
      "unsafe-resource-path",
      (dir) =>
        writeFileSync(
          path.join(dir, "datapackage.json"),
          JSON.stringify({ resources: [{ name: "t", path: "../../etc/passwd", format: "csv", schema: { fields: [] } }] }),
        ),
      /unsafe path/,
    ],
    ["missing-datapackage", (dir) => rmSync(path.join(dir, "datapackage.json")), /missing \(not a dist folder\?\)/],
    ["listed-csv-missing", (dir) => rmSync(path.join(dir, "data/t.csv")), /not readable \(ENOENT\)/],
  ];
  for (const [name, tamper, message] of broken) {
    it(`cannot-run-${name}`, async () => {
      const dir = writeDist(`broken-${name}`, [{ name: "t", path: "data/t.csv", fields: [["entity", "string"]], primaryKey: ["entity"], lines: ["BLR"] }], tamper);
      const err = await diffDists(OLD, dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DiffError);
      expect((err as Error).message).toMatch(message);
    });
  }
});

describe("published-precision rule", () => {
  const cases: [string, string, string, boolean][] = [
    ["trailing-zero-is-the-same-value", "77.4827", "77.48270", true],
    ["finer-side-within-half-a-unit-of-the-coarse-print", "90.6", "90.60001", true],
    ["just-under-half-a-unit", "90.6", "90.64999", true],
    ["exactly-half-a-unit-is-a-change", "90.6", "90.65", false],
    ["same-precision-last-digit-differs", "77.48", "77.49", false],
    ["integers", "21000", "21001", false],
    ["exponent-with-three-digits-vs-plain", "1.2e+006", "1200000", true],
    ["exponent-print-is-coarse", "1.2e+006", "1249999", true],
    ["exponent-print-is-coarse-half", "1.2e+006", "1250000", false],
    ["upper-case-exponent", "9.17E-05", "0.0000917", true],
    ["negative-values", "-0.5", "-0.50004", true],
    ["sign-flip", "0.1", "-0.1", false],
    ["text-compares-as-text", "n/a", "n/a ", false],
    ["empty-vs-zero", "", "0", false],
  ];
  for (const [name, a, b, same] of cases) {
    it(name, () => {
      expect(samePrinted(a, b)).toBe(same);
      expect(samePrinted(b, a)).toBe(same);
    });
  }

  it("printed-decimals", () => {
    expect(["77.4827", "90.60", "21000", "1.2e+006", "9.17E-05", "x"].map(printedDecimals)).toEqual([4, 2, 0, -5, 7, undefined]);
  });

  it("numeric-rule-only-on-number-columns", () => {
    const spec = { name: "t", primaryKey: ["id"], numeric: [], ignore: [], entityColumns: [], yearColumns: [] };
    const d = diffDatasets({ header: ["id", "code"], rows: [{ id: "a", code: "1.0" }] }, { header: ["id", "code"], rows: [{ id: "a", code: "1.00" }] }, spec);
    expect(d.changed).toHaveLength(1);
  });

  it("keyless-table-is-a-multiset", () => {
    const spec = { name: "rejects", primaryKey: [], numeric: [], ignore: ["raw_file"], entityColumns: [], yearColumns: [] };
    const old = { header: ["raw_file", "code"], rows: [{ raw_file: "a", code: "x" }, { raw_file: "a", code: "x" }, { raw_file: "a", code: "y" }] };
    const next = { header: ["raw_file", "code"], rows: [{ raw_file: "b", code: "x" }, { raw_file: "b", code: "z" }] };
    const d = diffDatasets(old, next, spec);
    expect([d.added.map((r) => r.code), d.removed.map((r) => r.code), d.summary.provenanceOnly]).toEqual([["z"], ["x", "y"], 1]);
  });
});

describe("renderers", () => {
  it("markdown", () => {
    expect(renderDiff(diff, "markdown")).toMatchInlineSnapshot(`
      "## Data changes: 3 datasets changed

      > [!WARNING]
      > 3 economies, years or datasets present before are missing now:
      > - \`indicators\` entity ZWE
      > - \`indicators\` year 2019
      > - dataset \`park\`

      | dataset | rows before | rows after | added | removed | changed | below precision |
      |---|--:|--:|--:|--:|--:|--:|
      | claims | 2 | 3 | 1 | 0 | 1 | 0 |
      | indicators | 7 | 6 | 1 | 2 | 1 | 2 |
      | park (removed) | 1 | 0 | 0 | 1 | 0 | 0 |

      ### Claim verdicts that changed

      | claim | before | after |
      |---|---|---|
      | c01 | confirmed | contradicted |

      ### claims

      | | id | change |
      |---|---|---|
      | added | c03 | |
      | changed | c01 | verdict confirmed → contradicted, data\\_value 88.5 → 90.6 |

      ### indicators

      | | entity · indicator · year | change |
      |---|---|---|
      | added | BLR · i99H · 2024 | |
      | removed | BLR · i99H · 2019 | |
      | removed | ZWE · i99H · 2023 | |
      | changed | BLR · i99H · 2023 | value 91.3 → 91.4 |
      "
    `);
  });

  it("text", () => {
    const text = renderDiff({ ...diff, old: "old", new: "new" }, "text");
    expect(text.split("\n")).toEqual(
      expect.arrayContaining([
        "bycn diff old → new: 3 datasets changed",
        "  ~ BLR · i99H · 2023: value 91.3 → 91.4",
        "  + BLR · i99H · 2024",
        "claim c01: confirmed → contradicted",
        "vanished: indicators entity ZWE (in old, not in new)",
      ]),
    );
  });

  it("json-round-trips", () => {
    expect(JSON.parse(renderDiff(diff, "json"))).toEqual(diff);
  });

  it("limit-cuts-long-lists", () => {
    const text = renderDiff({ ...diff, old: "old", new: "new" }, "text", { limit: 1 });
    expect(text).toContain("  - BLR · i99H · 2019\n  … and 1 more\n");
  });
});
