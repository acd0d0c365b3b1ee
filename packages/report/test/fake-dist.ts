// a tiny dist/ in memory, written by @bycn/publish's buildDist, with hostile text in every place the report shows data
import { Observation } from "@bycn/core";
import { buildDist, type DistFiles } from "@bycn/publish";
import { z } from "zod";

export const HOSTILE = {
  script: "<script>alert(1)</script>",
  attr: `"><img src=x onerror=alert(1)>`,
  formula: `=HYPERLINK("http://evil.test","click")`,
  pipe: "a | b \\| c",
} as const;

// the columns the report reads, as the real claims and park datasets publish them (written here, not imported)
const ClaimRow = z.object({
  id: z.string().min(1),
  subject: z.string().min(1),
  measure: z.string().min(1),
  edition: z.string(),
  printed: z.string().min(1),
  operator: z.enum(["=", ">", "≥", "<", "≤", "≈"]),
  unit: z.string(),
  reference_year: z.number().int(),
  verdict: z.string(),
  data_value: z.number().nullable(),
  data_year: z.number().int().nullable(),
  difference: z.number().nullable(),
  relative_difference: z.number().nullable(),
  reading: z.string().nullable(),
  explanation: z.string().min(1),
  evidence_dataset: z.string().nullable(),
  evidence_file: z.string().nullable(),
  evidence_line: z.number().int().positive().nullable(),
  evidence_vintage: z.string().nullable(),
});

const RegistryRow = z.object({
  id: z.string().min(1),
  subject: z.string(),
  measure: z.string(),
  readings: z.string(),
  derived_from: z.string(),
});

const ParkRow = z.object({
  as_of: z.string().min(1),
  as_of_precision: z.string(),
  measure: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  qualifier: z.string(),
  status: z.enum(["actual", "plan", "target"]),
  period: z.string(),
  period_start: z.string(),
  period_end: z.string(),
  horizon: z.string(),
  source_url: z.string(),
  note: z.string(),
  raw_file: z.string().min(1),
  raw_line: z.number().int(),
});

const obs = (entity: string, name: string, indicator: string, year: number, value: number, unit: "%" | "per 100 inhabitants", source: "itu-datahub" | "wdi", line: number) => ({
  entity,
  economy: /^[A-Z]{3}$/.test(entity) ? entity : "",
  entity_name: name,
  is_aggregate: false,
  indicator,
  indicator_name: indicator === "xHH6_IDI" ? "Households with Internet access at home" : indicator === "i911mw" ? "Active mobile-broadband subscriptions" : "Individuals using the Internet (% of population)",
  year,
  value,
  unit,
  source,
  vintage: "2025-01-01",
  note: "",
  source_text: "",
  raw_file: `raw/${source}/2025-01-01/x.csv`,
  raw_line: line,
});

const claim = (over: Partial<z.infer<typeof ClaimRow>> & Pick<z.infer<typeof ClaimRow>, "id" | "subject" | "measure" | "printed" | "verdict">) => ({
  edition: "IDI 2024",
  operator: "=" as const,
  unit: "%",
  reference_year: 2022,
  data_value: null,
  data_year: null,
  difference: null,
  relative_difference: null,
  reading: null,
  explanation: "no data",
  evidence_dataset: null,
  evidence_file: null,
  evidence_line: null,
  evidence_vintage: null,
  ...over,
});

const park = (as_of: string, measure: string, value: number, line: number, over: Partial<z.infer<typeof ParkRow>> = {}) => ({
  as_of,
  as_of_precision: "day",
  measure,
  value,
  unit: "count",
  qualifier: "exact",
  status: "actual" as const,
  period: "",
  period_start: "",
  period_end: "",
  horizon: "",
  source_url: "https://news.example/park",
  note: "",
  raw_file: "raw/belta/2025-01-01/park.csv",
  raw_line: line,
  ...over,
});

/** the hostile economies of the fake dist, passed to the report as its peers */
export const FAKE_PEERS = ["XSA", "XSB", "XSC"];

/** the fake dist: 2 subject economies, 3 hostile peers, 2 park measures with one conflict, 5 claims */
export function hostileDist(): DistFiles {
  const names: [string, string][] = [["BLR", "Belarus"], ["CHN", "China"], ["XSA", HOSTILE.script], ["XSB", HOSTILE.attr], ["XSC", HOSTILE.formula]];
  const itu = names.flatMap(([code, name], i) => [
    obs(code, name, "xHH6_IDI", 2020, 70 + i, "%", "itu-datahub", 10 * i + 2),
    obs(code, name, "xHH6_IDI", 2021, 75 + i, "%", "itu-datahub", 10 * i + 3),
    ...(code === "CHN" ? [] : [obs(code, name, "xHH6_IDI", 2022, 80 + i, "%", "itu-datahub", 10 * i + 4)]),
  ]);
  itu.push(obs("BLR", "Belarus", "i911mw", 2022, 101.6, "per 100 inhabitants", "itu-datahub", 90));
  const wdi = names.slice(0, 3).flatMap(([code, name], i) => [2019, 2020, 2021, 2022].map((y, k) => obs(code, name, "IT.NET.USER.ZS", y, 60 + 5 * k + i, "%", "wdi", 5 + i)));
  const claims = [
    claim({ id: "BLR_HH", subject: "BLR", measure: "xHH6_IDI", printed: "82.1", verdict: "contradicted", data_value: 80, data_year: 2022, difference: -2.1, relative_difference: -0.0256, reading: "xHH6_IDI", explanation: `value ${HOSTILE.attr} differs ${HOSTILE.pipe}`, evidence_dataset: "itu-indicators", evidence_file: "raw/itu-datahub/2025-01-01/x.csv", evidence_line: 4, evidence_vintage: "2025-01-01" }),
    claim({ id: "CHN_HH", subject: "CHN", measure: "xHH6_IDI", printed: "81", verdict: "unverifiable", explanation: HOSTILE.formula }),
    claim({ id: "BLR_MBB", subject: "BLR", measure: "i911mw", printed: "101.6", unit: "per 100 inhabitants", verdict: "confirmed", data_value: 101.6, data_year: 2022, difference: 0, relative_difference: 0, reading: "i911mw", explanation: HOSTILE.script }),
    claim({ id: "BLR_USERS", subject: "BLR", measure: "i99H", printed: "63", verdict: "matches_other_year", data_value: 60, data_year: 2019, difference: -3, relative_difference: -0.05, reading: "IT.NET.USER.ZS", explanation: "matches 2019" }),
    claim({ id: "GS_RESIDENTS", subject: "GREAT_STONE", measure: "residents_total", printed: "144", unit: "count", reference_year: 2025, verdict: `odd_${HOSTILE.script}`, explanation: "unverifiable" }),
  ];
  const registry = claims.map((c) => ({ id: c.id, subject: c.subject, measure: c.measure, readings: "", derived_from: "" }));
  const parkRows = [
    park("2023-12-31", "residents_total", 118, 2),
    park("2024-02-20", "residents_total", 127, 3, { note: HOSTILE.script, source_url: "javascript:alert(1)" }),
    park("2024-02-20", "residents_total", 129, 4, { source_url: HOSTILE.attr }),
    park("2024-05-18", "residents_total", 133, 5),
    park("2025-12-31", "residents_total", 170, 6, { status: "target", horizon: "2025-12-31" }),
  ];
  const spec = (name: string, schema: z.ZodObject, primaryKey: string[], sources: ("itu-datahub" | "wdi" | "belta" | "article")[]) => ({
    name,
    title: `${name} ${HOSTILE.attr}`,
    description: `rows of ${name}`,
    schema,
    primaryKey,
    sources,
  });
  return buildDist({
    datasets: [
      { spec: spec("itu-indicators", Observation, ["entity", "indicator", "year"], ["itu-datahub"]), rows: itu },
      { spec: spec("wdi-indicators", Observation, ["entity", "indicator", "year"], ["wdi"]), rows: wdi },
      { spec: spec("great-stone", ParkRow, ["as_of", "measure", "raw_file", "raw_line"], ["belta"]), rows: parkRows },
      { spec: spec("article-claims", RegistryRow, ["id"], ["article"]), rows: registry },
    ],
    rejects: [],
    check: {
      version: 1,
      summary: { error: 1, warning: 1, info: 0 },
      findings: [
        { category: "consistency", issue: { code: "source_conflict", severity: "warning", message: `two reports differ ${HOSTILE.script}`, at: { file: "raw/belta/2025-01-01/park.csv", line: 3 } } },
        { category: "claims", issue: { code: "claim_contradicted", severity: "error", message: "claim BLR_HH", at: { file: "raw/article/claims.csv", line: 2 } } },
      ],
    },
    claims: { spec: spec("claims", ClaimRow, ["id"], ["article"]), rows: claims },
    sources: [
      { id: "itu-datahub", title: `ITU ${HOSTILE.script}`, path: "javascript:alert(1)", licence: HOSTILE.attr, retrieved: "2025-01-01", files: [{ path: "raw/itu-datahub/2025-01-01/x.csv", sha256: "0".repeat(64) }] },
      { id: "wdi", title: "WDI", path: "https://data.worldbank.org/", licence: "CC BY 4.0", retrieved: "2025-01-02", files: [] },
      { id: "belta", title: "Park", path: "https://www.belta.by/", licence: "facts", retrieved: "2025-01-03", files: [] },
      { id: "article", title: "Article", path: "https://example.org/article", licence: "facts", retrieved: "2025-01-04", files: [] },
    ],
    package: { name: "fake", title: `Fake dist ${HOSTILE.script}`, version: "0.0.1", description: HOSTILE.attr, created: "2025-01-05" },
  });
}

export function reader(files: ReadonlyMap<string, Uint8Array>): (p: string) => Uint8Array | undefined {
  return (p) => files.get(p);
}
