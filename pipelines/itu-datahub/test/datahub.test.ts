// itu-datahub: quirk cases on small inline exports, then the real DataHub files in ../shared/data/real
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { CategoricalObservation, Issue, Observation, PipelineResult, Snapshot } from "@bycn/core";
import { describe, expect, it } from "vitest";
import { describeReal } from "../../../packages/core/test-support/real.js";
import { detectDatahub, normalize, pipeline, seriesKind, suspiciousTextReason } from "../src/index.js";

const HEADER =
  '\uFEFF"seriesID","seriesCode","seriesName","seriesParent","seriesUnits","entityID","entityIso","entityName","dataValue","dataYear","dataNote","dataSource","seriesDescription"';
const POLICY_HEADER = `${HEADER},"dataValue 1","dataValue 2","dataValue 3"`;

function snap(file: string, text: string, vintage = "2025-12-28"): Snapshot {
  const bytes = new TextEncoder().encode(text);
  return { file, bytes, vintage, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** one ITU record line; values as the file quotes them */
function line(id: number, code: string, name: string, units: string, iso: string, entity: string, value: string, year: number, note = "", source = ""): string {
  return `${id},"${code}","${name}",,"${units}",1,"${iso}","${entity}","${value}",${year},"${note}","${source}","desc"`;
}

const indicators = (r: PipelineResult): Observation[] => r.datasets.find((d) => d.spec.name === "itu-indicators")!.rows as Observation[];
const policy = (r: PipelineResult): CategoricalObservation[] => r.datasets.find((d) => d.spec.name === "itu-policy")!.rows as CategoricalObservation[];
const codes = (issues: Issue[]): string[] => issues.map((i) => i.code).filter((c) => c !== "encoding_detected");

/** every data record is rows or one reject, never both, never neither */
function expectAccounted(r: PipelineResult): void {
  const rowLines = new Set<string>();
  for (const d of r.datasets) for (const row of d.rows) rowLines.add(`${String(row.raw_file)}:${String(row.raw_line)}`);
  const rejectLines = new Set(r.rejects.map((x) => `${x.raw_file}:${x.raw_line}`));
  expect(r.rejects.length).toBe(rejectLines.size);
  for (const k of rejectLines) expect(rowLines.has(k)).toBe(false);
  expect(rowLines.size + rejectLines.size).toBe(r.dataRecords);
}

describe("itu-datahub quirks", () => {
  it("exponent-with-three-digits: %g values read exactly", () => {
    const cases: [string, number][] = [
      ["9.32177e+006", 9321770],
      ["1.87001e+009", 1870010000],
      ["1.2e+006", 1200000],
      ["101.619", 101.619],
      ["0", 0],
    ];
    const text = [HEADER, ...cases.map(([v], i) => line(11632, "i271mw", "Active mobile-broadband subscriptions", "count", "BLR", "Belarus", v, 2010 + i))].join("\n");
    const r = normalize(snap("raw/itu-datahub/2025-12-28/subs.csv", text));
    expect(indicators(r).map((o) => o.value)).toEqual(cases.map(([, n]) => n));
    expect(r.rejects).toEqual([]);
  });

  it("series-units-lie-for-i911mw: the unit comes from the code; one unit_mismatch per series per file", () => {
    const text = [
      HEADER,
      line(11632, "i271mw", "Active mobile-broadband subscriptions", "count", "BLR", "Belarus", "9.32177e+006", 2021),
      line(12066, "i911mw", "Active mobile-broadband subscriptions", "count", "BLR", "Belarus", "99.5", 2021),
      line(12066, "i911mw", "Active mobile-broadband subscriptions", "count", "BLR", "Belarus", "101.619", 2022),
    ].join("\n");
    const r = normalize(snap("subs.csv", text));
    const units = Object.fromEntries(indicators(r).map((o) => [`${o.indicator} ${o.year}`, o.unit]));
    expect(units).toEqual({ "i271mw 2021": "count", "i911mw 2021": "per 100 inhabitants", "i911mw 2022": "per 100 inhabitants" });
    const mismatches = r.issues.filter((i) => i.code === "unit_mismatch");
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatchObject({ series: "i911mw", declared: "count", used: "per 100 inhabitants", at: { line: 3, field: "seriesUnits" } });
  });

  it("series-name-not-unique: two series with one name stay apart by seriesCode", () => {
    const text = [
      HEADER,
      line(33330, "i154_FBB5$", "Fixed-broadband Internet 5GB", "% GNI per capita", "CHN", "China", "8.5", 2024),
      line(33331, "i154_FBB5_GNI", "Fixed-broadband Internet 5GB", "% GNI per capita", "CHN", "China", "0.77", 2024),
      line(33332, "i154_FBB5_PPP", "Fixed-broadband Internet 5GB", "% GNI per capita", "CHN", "China", "14.2", 2024),
    ].join("\n");
    const r = normalize(snap("fbb.csv", text));
    expect(indicators(r).map((o) => [o.indicator, o.unit, o.value])).toEqual([
      ["i154_FBB5$", "USD", 8.5],
      ["i154_FBB5_GNI", "% of GNI per capita", 0.77],
      ["i154_FBB5_PPP", "PPP$", 14.2],
    ]);
    expect(codes(r.issues).filter((c) => c === "duplicate_key")).toEqual([]);
    // $ and _PPP declare "% GNI per capita"; _GNI agrees
    expect(r.issues.filter((i) => i.code === "unit_mismatch").map((i) => (i as Extract<Issue, { code: "unit_mismatch" }>).series)).toEqual(["i154_FBB5$", "i154_FBB5_PPP"]);
  });

  it("categorical-answers-in-numbered-columns: one row per answer, dataValue is answer 0", () => {
    const text = [
      POLICY_HEADER,
      '2802,"trUS_DataServices","Data services part of UAS definition","trUSAdopted",,37,"BLR","Belarus","Broadband",2018,"","","",,,',
      '2802,"trUS_DataServices","Data services part of UAS definition","trUSAdopted",,50,"CHN","China",,2005,"","","","Dial-up or unspecified Internet access","Fax",',
      '2802,"trUS_DataServices","Data services part of UAS definition","trUSAdopted",,50,"CHN","China",,2006,"","","",,,',
    ].join("\n");
    const r = normalize(snap("uas.csv", text));
    expect(policy(r).map((p) => [p.entity, p.year, p.answer_index, p.answer, p.parent])).toEqual([
      ["BLR", 2018, 0, "Broadband", "trUSAdopted"],
      ["CHN", 2005, 1, "Dial-up or unspecified Internet access", "trUSAdopted"],
      ["CHN", 2005, 2, "Fax", "trUSAdopted"],
    ]);
    expect(indicators(r)).toEqual([]);
    expect(r.rejects.map((x) => [x.raw_line, x.code, x.dataset])).toEqual([[4, "missing_value", "itu-policy"]]);
    expect(r.issues.filter((i) => i.code === "categorical_value")).toHaveLength(1);
    expect(r.dataRecords).toBe(3);
    expectAccounted(r);
  });

  it("junk-free-text-kept-as-text: foreign text is published verbatim and flagged, legitimate Russian is not", () => {
    const junk = "нет))) отсутствие дел на работе\n\n*закатала губу обратно\n\nITU estimate.";
    const kgzNote = "Сделан запрос операторам связи";
    const text = [
      HEADER,
      line(12047, "xHH6_IDI", "Households with Internet access at home", "%", "ISL", "Iceland", "76.9615", 2002, "", junk),
      line(12047, "xHH6_IDI", "Households with Internet access at home", "%", "KGZ", "Kyrgyzstan", "50", 2022, kgzNote, "Regulator"),
      line(12047, "xHH6_IDI", "Households with Internet access at home", "%", "NER", "Niger", "5", 2018, "", "TRCSL.\r\n\r\n\r\nTRCSL"),
    ].join("\n");
    const r = normalize(snap("hh.csv", text));
    const rows = indicators(r);
    expect(rows.find((o) => o.entity === "ISL")?.source_text).toBe(junk);
    expect(rows.find((o) => o.entity === "KGZ")?.note).toBe(kgzNote);
    expect(rows.find((o) => o.entity === "NER")?.source_text).toBe("TRCSL.\r\n\r\n\r\nTRCSL");
    const flagged = r.issues.filter((i) => i.code === "suspicious_text");
    expect(flagged.map((i) => [i.at.line, i.at.field])).toEqual([[2, "dataSource"]]);
    expect(flagged[0]?.severity).toBe("warning");
    // physical lines: the ISL record spans 5 lines, so KGZ starts on line 7
    expect(rows.find((o) => o.entity === "KGZ")?.raw_line).toBe(7);
    expect(rows.find((o) => o.entity === "NER")?.raw_line).toBe(8);
  });

  it("unit-break-i147dl: a factor ≥ 500 between adjacent years is reported, never rescaled", () => {
    const text = [
      HEADER,
      line(34237, "i147dl", "Average Download Throughput for Fixed Broadband", "bits", "CHN", "China", "257331", 2020),
      line(34237, "i147dl", "Average Download Throughput for Fixed Broadband", "bits", "CHN", "China", "3.15621e+008", 2021),
      line(34237, "i147dl", "Average Download Throughput for Fixed Broadband", "bits", "CHN", "China", "3.72978e+008", 2022),
      line(34237, "i147dl", "Average Download Throughput for Fixed Broadband", "bits", "BLR", "Belarus", "0", 2020),
      line(34237, "i147dl", "Average Download Throughput for Fixed Broadband", "bits", "BLR", "Belarus", "1.00824e+012", 2021),
    ].join("\n");
    const r = normalize(snap("tp.csv", text));
    const breaks = r.issues.filter((i): i is Extract<Issue, { code: "unit_break" }> => i.code === "unit_break");
    expect(breaks.map((b) => [b.series, b.economy, b.year, b.at.line])).toEqual([["i147dl", "CHN", 2021, 3]]);
    expect(breaks[0]!.ratio).toBeCloseTo(315621000 / 257331, 6);
    expect(indicators(r).filter((o) => o.entity === "CHN").map((o) => o.value)).toEqual([257331, 315621000, 372978000]);
    expect(indicators(r)[0]?.unit).toBe("bit/s");
  });

  it("duplicate-key-row: the second record of a key is rejected, naming the first line", () => {
    const text = [
      HEADER,
      line(12066, "i911mw", "Active mobile-broadband subscriptions", "count", "BLR", "Belarus", "101.619", 2022),
      line(12066, "i911mw", "Active mobile-broadband subscriptions", "count", "CHN", "China", "95", 2022),
      line(12066, "i911mw", "Active mobile-broadband subscriptions", "count", "BLR", "Belarus", "99", 2022),
    ].join("\n");
    const r = normalize(snap("dup.csv", text));
    expect(indicators(r).map((o) => [o.entity, o.value])).toEqual([
      ["BLR", 101.619],
      ["CHN", 95],
    ]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ code: "duplicate_key", raw_line: 4, dataset: "itu-indicators" });
    expect(r.issues.find((i) => i.code === "duplicate_key")).toMatchObject({ first_line: 2, at: { line: 4 } });
    expectAccounted(r);
  });

  it("unknown-series-and-economy-rejected: one issue per code per file, one reject per record", () => {
    const text = [
      HEADER,
      line(1, "i999zz", "Mystery", "count", "BLR", "Belarus", "1", 2020),
      line(1, "i999zz", "Mystery", "count", "BLR", "Belarus", "2", 2021),
      line(12066, "i911mw", "Active mobile-broadband subscriptions", "count", "ZZZ", "Nowhere", "3", 2021),
      line(12066, "i911mw", "Active mobile-broadband subscriptions", "count", "ZZZ", "Nowhere", "4", 2022),
      // ITU's own code for Kosovo resolves to the registry's XKX
      line(12066, "i911mw", "Active mobile-broadband subscriptions", "count", "KSO", "Kosovo", "5", 2022),
    ].join("\n");
    const r = normalize(snap("odd.csv", text));
    expect(r.rejects.map((x) => x.code)).toEqual(["unknown_series", "unknown_series", "unknown_economy", "unknown_economy"]);
    expect(codes(r.issues).filter((c) => c.startsWith("unknown_"))).toEqual(["unknown_series", "unknown_economy"]);
    expect(indicators(r).map((o) => o.entity)).toEqual(["XKX"]);
    expectAccounted(r);
  });

  it("missing-and-invalid-values-rejected-with-codes", () => {
    const text = [
      HEADER,
      line(12047, "xHH6_IDI", "Households", "%", "BLR", "Belarus", "", 2020),
      line(12047, "xHH6_IDI", "Households", "%", "BLR", "Belarus", "abc", 2021),
      line(12047, "xHH6_IDI", "Households", "%", "BLR", "Belarus", "50", 20222),
      line(12047, "xHH6_IDI", "Households", "%", "BLR", "Belarus", "88.5", 2023),
    ].join("\n");
    const r = normalize(snap("bad.csv", text));
    expect(r.rejects.map((x) => [x.raw_line, x.code])).toEqual([
      [2, "missing_value"],
      [3, "invalid_number"],
      [4, "invalid_year"],
    ]);
    expect(indicators(r).map((o) => o.value)).toEqual([88.5]);
    expectAccounted(r);
  });

  it("foreign-file-is-header_unrecognized-not-silently-dropped", () => {
    const r = pipeline.run([snap("other.csv", "Entity,Code,Year,Value\nWorld,,2020,1\n")]);
    expect(codes(r.issues)).toEqual(["header_unrecognized"]);
    expect(r.dataRecords).toBe(0);
    expect(r.datasets.every((d) => d.rows.length === 0)).toBe(true);
  });

  it("order-of-files-does-not-matter-and-duplicates-across-files-are-caught", () => {
    const a = snap("a.csv", [HEADER, line(12066, "i911mw", "S", "count", "BLR", "Belarus", "1", 2020)].join("\n"));
    const b = snap("b.csv", [HEADER, line(12066, "i911mw", "S", "count", "BLR", "Belarus", "2", 2020), line(12066, "i911mw", "S", "count", "CHN", "China", "3", 2020)].join("\n"));
    const ab = pipeline.run([a, b]);
    expect(pipeline.run([b, a])).toEqual(ab);
    expect(indicators(ab).map((o) => [o.entity, o.value, o.raw_file])).toEqual([
      ["BLR", 1, "a.csv"],
      ["CHN", 3, "b.csv"],
    ]);
    expect(ab.rejects).toMatchObject([{ code: "duplicate_key", raw_file: "b.csv", raw_line: 2 }]);
  });

  it("unit table: codes and suffixes", () => {
    expect(seriesKind("i911mw")).toEqual({ kind: "numeric", unit: "per 100 inhabitants" });
    expect(seriesKind("i911mw_IDI")).toEqual({ kind: "numeric", unit: "per 100 inhabitants" });
    expect(seriesKind("i271mb_high_ts_GNI_IDI")).toEqual({ kind: "numeric", unit: "% of GNI per capita" });
    expect(seriesKind("i271mb_5GB$")).toEqual({ kind: "numeric", unit: "USD" });
    expect(seriesKind("trUSAdopted")).toEqual({ kind: "categorical" });
    expect(seriesKind("i4213tfbb")).toBeUndefined();
    expect(detectDatahub(HEADER.replace("\uFEFF", "").split(",").map((h) => h.replaceAll('"', "")))).toBe(true);
    expect(suspiciousTextReason("ITU estimate.", "ISL")).toBeUndefined();
  });
});

describeReal("itu-datahub on the real DataHub exports", (real) => {
  const dir = path.join(real, "itu-datahub-csv");
  const files = readdirSync(dir).filter((f) => f.endsWith(".csv")).sort();
  const text = (f: string): string => readFileSync(path.join(dir, f), "utf8");
  const runFile = (f: string): PipelineResult => normalize(snap(`raw/itu-datahub/2025-12-28/${f}`, text(f)));

  it.each(files)("%s: every record is rows or one reject", (f) => {
    const r = runFile(f);
    // records counted independently: each starts a line with seriesID then a quoted seriesCode
    expect(r.dataRecords).toBe(text(f).match(/^\d+,"[^"]*","/gm)?.length);
    expectAccounted(r);
  });

  it("subscriptions: %g values exact, BLR i911mw per 100 inhabitants, one unit_mismatch", () => {
    const f = "active_mobile_broadband_subscriptions.csv";
    const raw = text(f);
    const r = runFile(f);
    const rows = indicators(r);
    // "9.32177e+006": wherever it occurs, the row is 9321770
    const m = /^\d+,"(\w+)",[^\n]*?,"([A-Z]{3})","[^"]*","9\.32177e\+006",(\d{4}),/m.exec(raw)!;
    expect(rows.find((o) => o.indicator === m[1] && o.entity === m[2] && o.year === Number(m[3]))?.value).toBe(9321770);
    const blr = [...raw.matchAll(/^12066,"i911mw",[^\n]*?,"BLR","Belarus","([^"]*)",(\d{4}),/gm)].map((x) => [Number(x[2]), Number(x[1])]);
    expect(blr.length).toBeGreaterThan(5);
    expect(blr).toContainEqual([2022, 101.619]);
    const got = rows.filter((o) => o.entity === "BLR" && o.indicator === "i911mw");
    expect(got.map((o) => [o.year, o.value])).toEqual(blr.sort((a, b) => a[0]! - b[0]!));
    expect(new Set(got.map((o) => o.unit))).toEqual(new Set(["per 100 inhabitants"]));
    expect(r.issues.filter((i) => i.code === "unit_mismatch").map((i) => (i as Extract<Issue, { code: "unit_mismatch" }>).series)).toEqual(["i911mw"]);
  });

  it("households: CHN xHH6_IDI values exact; ISL 2002 chat text published and flagged", () => {
    const f = "households_with_internet_access_at_home.csv";
    const raw = text(f);
    const r = runFile(f);
    const rows = indicators(r);
    const chn = [...raw.matchAll(/^12047,"xHH6_IDI",[^\n]*?,"CHN","China","([^"]*)",(\d{4}),/gm)].map((x) => [Number(x[2]), Number(x[1])]);
    expect(chn.length).toBeGreaterThan(5);
    expect(rows.filter((o) => o.entity === "CHN").map((o) => [o.year, o.value])).toEqual(chn.sort((a, b) => a[0]! - b[0]!));
    const isl = rows.find((o) => o.entity === "ISL" && o.year === 2002)!;
    expect(isl.value).toBe(76.9615);
    expect(isl.source_text).toContain("нет)))");
    const flagged = r.issues.filter((i) => i.code === "suspicious_text");
    expect(flagged.map((i) => i.at.line)).toEqual([isl.raw_line]);
  });

  it("throughput: i147dl CHN 2021 unit break reported, values untouched", () => {
    const r = runFile("average_download_throughput_fixed_broadband.csv");
    const breaks = r.issues.filter((i): i is Extract<Issue, { code: "unit_break" }> => i.code === "unit_break");
    expect(breaks.find((b) => b.economy === "CHN")).toMatchObject({ series: "i147dl", year: 2021 });
    expect(indicators(r).find((o) => o.entity === "CHN" && o.year === 2020)?.value).toBe(257331);
    expect(indicators(r).find((o) => o.entity === "CHN" && o.year === 2021)?.value).toBe(315621000);
  });

  it("uas_policy: answers from dataValue and numbered columns, one row each", () => {
    const f = "uas_policy.csv";
    const r = runFile(f);
    // answers counted independently: non-empty dataValue (field 9) plus non-empty fields after seriesDescription (14+)
    let answers = 0;
    for (const l of text(f).split("\n").slice(1)) {
      if (l.trim() === "") continue;
      const fields = [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((x) => x[1]!.replace(/^"|"$/g, ""));
      answers += fields.filter((v, i) => (i === 8 || i >= 13) && v !== "").length;
    }
    expect(policy(r)).toHaveLength(answers);
    expect(r.rejects).toEqual([]);
    expect(policy(r).filter((p) => p.entity === "CHN" && p.indicator === "trUS_DataServices" && p.year === 2005).map((p) => p.answer)).toEqual([
      "Dial-up or unspecified Internet access",
      "Fax",
    ]);
  });

  it("the whole folder at once: no duplicates across files, sorted and deterministic", () => {
    const snaps = files.map((f) => snap(`raw/itu-datahub/2025-12-28/${f}`, text(f)));
    const r = pipeline.run(snaps);
    expectAccounted(r);
    expect(r.rejects.filter((x) => x.code === "duplicate_key")).toEqual([]);
    const rows = indicators(r);
    const keys = rows.map((o) => `${o.entity}\u0000${o.indicator}\u0000${String(o.year).padStart(4, "0")}`);
    expect(keys).toEqual([...keys].sort());
    expect(pipeline.run([...snaps].reverse())).toEqual(r);
  });
});
