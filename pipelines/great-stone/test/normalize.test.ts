// one BELTA-style table → rows or coded rejects: encodings, header, every failure a record can have
import { describe, expect, it } from "vitest";
import { ISSUE_CODES, SnapshotMeta } from "@bycn/core";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import { GreatStoneRow, normalize, pipeline } from "@bycn/pipeline-great-stone";
import { repoRoot } from "../../../packages/core/test-support/real.js";
import { COMMITTED, committed, HEADER, line, sha256, snapshotOf, URL_B } from "./_table.js";

const utf8 = new TextEncoder();

describe("the committed snapshot", () => {
  const snap = committed();
  const result = normalize(snap);

  it("cp1251-decimal-comma-table: every line is a valid row or an undated reject", () => {
    expect(result.issues.find((i) => i.code === "encoding_detected")).toMatchObject({ encoding: "windows-1251" });
    for (const r of result.rows) expect(GreatStoneRow.safeParse(r).success).toBe(true);
    expect(result.rejects.map((r) => r.code)).toEqual(["undated", "undated", "undated", "undated"]);
    const lines = new TextDecoder("windows-1251").decode(snap.bytes).split("\r\n").filter((l) => l !== "").length - 1;
    expect(result.rows.length + result.rejects.length).toBe(lines);
  });

  it("meta-matches-bytes: sha256, size and schema", () => {
    const meta = SnapshotMeta.parse(JSON.parse(readFileSync(path.join(repoRoot, `${COMMITTED}.meta.json`), "utf8")));
    expect(meta.sha256).toBe(sha256(snap.bytes));
    expect(meta.bytes).toBe(snap.bytes.length);
    expect(meta).toMatchObject({ source: "belta", encoding: "windows-1251", format: "csv" });
  });

  it("three-encodings-same-rows: windows-1251, utf-8 with BOM and utf-8 without BOM read identically", () => {
    const text = new TextDecoder("windows-1251").decode(snap.bytes);
    const plain = utf8.encode(text);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    const as = (bytes: Uint8Array) => normalize({ ...snap, bytes, sha256: sha256(bytes) });
    const variants = [as(snap.bytes), as(bom), as(plain)];
    const encodings = variants.map((v) => v.issues.find((i) => i.code === "encoding_detected"));
    expect(encodings.map((e) => e && "encoding" in e && e.encoding)).toEqual(["windows-1251", "utf-8", "utf-8"]);
    expect(variants[1]?.rows).toEqual(variants[0]?.rows);
    expect(variants[2]?.rows).toEqual(variants[0]?.rows);
    expect(variants[1]?.rejects).toEqual(variants[0]?.rejects);
    expect(variants[2]?.rejects).toEqual(variants[0]?.rejects);
    expect(variants[0]?.rows.length).toBeGreaterThan(0);
  });

  it("amounts-in-base-units: 1,35 млрд долл. and 526,4 млн долл. in the committed table", () => {
    const values = new Set(result.rows.map((r) => r.value));
    expect(values.has(1_350_000_000)).toBe(true);
    expect(values.has(526_400_000)).toBe(true);
    expect(values.has(1_700_000_000)).toBe(true);
  });

  it("rows-sorted-by-primary-key", () => {
    const keys = result.rows.map((r) => `${r.as_of} ${r.measure} ${String(r.raw_line).padStart(5, "0")}`);
    expect(keys).toEqual([...keys].sort());
  });
});

describe("rejects", () => {
  const cases: [string, string, string][] = [
    ["unknown-measure", line({ measure: "Выручка", value: "5" }), "unknown_series"],
    ["missing-value", line({ measure: "Количество резидентов", value: "–" }), "missing_value"],
    ["undated", line({ date: "–", precision: "неизвестна", measure: "Количество резидентов", value: "120" }), "undated"],
    ["date-form", line({ date: "2024-01-01", measure: "Количество резидентов", value: "5" }), "invalid_date"],
    ["precision-disagrees", line({ date: "12.2019", precision: "день", measure: "Количество резидентов", value: "5" }), "invalid_date"],
    ["unknown-precision-word", line({ date: "2019", precision: "примерно", measure: "Количество резидентов", value: "5" }), "invalid_date"],
    ["status-word", line({ measure: "Количество резидентов", value: "5", status: "прогноз" }), "invalid_row"],
    ["flow-without-period", line({ measure: "Новые резиденты", value: "5" }), "invalid_row"],
    ["period-form", line({ measure: "Новые резиденты", value: "5", period: "весна 2024" }), "invalid_date"],
    ["actual-flow-after-report", line({ date: "01.01.2024", measure: "Новые резиденты", value: "5", period: "2025" }), "invalid_date"],
    ["actual-with-horizon", line({ measure: "Количество резидентов", value: "5", horizon: "2030" }), "invalid_row"],
    ["dot-decimal-in-comma-table", line({ measure: "Заявленный объём инвестиций", value: "1.35 млрд долл." }), "invalid_number"],
    ["count-in-dollars", line({ measure: "Количество резидентов", value: "5 млн долл." }), "unit_mismatch"],
    ["fractional-count", line({ measure: "Количество стран", value: "14,5" }), "invalid_number"],
    ["rubles", line({ measure: "Привлечённые инвестиции", value: "1 млрд руб." }), "invalid_number"],
    ["not-a-url", line({ measure: "Количество резидентов", value: "5", source: "БелТА" }), "invalid_row"],
  ];
  // one decimal-comma cell declares the table's convention
  const table = [HEADER, line({ measure: "Заявленный объём инвестиций", value: "1,2 млрд долл." }), ...cases.map((c) => c[1])];
  const result = normalize(snapshotOf(table));

  it.each(cases.map((c, i) => [c[0], c[2], i + 3] as const))("%s → %s", (_name, code, lineNo) => {
    const reject = result.rejects.find((r) => r.raw_line === lineNo);
    expect(reject?.code).toBe(code);
    expect(result.issues.some((i) => i.code === code && i.at.line === lineNo)).toBe(true);
  });

  it("every-record-is-a-row-or-a-reject", () => {
    expect(result.rows.length).toBe(1);
    expect(result.rows.length + result.rejects.length).toBe(table.length - 1);
    expect(pipeline.run([snapshotOf(table)]).dataRecords).toBe(table.length - 1);
  });

  it("reject-names-field-and-column", () => {
    const issue = result.issues.find((i) => i.code === "undated");
    expect(issue?.at).toMatchObject({ field: "Дата", column: 1 });
  });

  it("duplicate-figure-from-one-page", () => {
    const row = line({ measure: "Количество резидентов", value: "5" });
    const r = normalize(snapshotOf([HEADER, row, row, line({ measure: "Количество резидентов", value: "6" })]));
    expect(r.rows.map((x) => x.value)).toEqual([5, 6]);
    expect(r.rejects).toMatchObject([{ code: "duplicate_key", raw_line: 3 }]);
  });

  it("ragged-record-rejected-by-ingest", () => {
    const r = normalize(snapshotOf([HEADER, line({ measure: "Количество резидентов", value: "5" }), "01.01.2024;день;Количество резидентов"]));
    expect(r.rows).toHaveLength(1);
    expect(r.rejects.map((x) => [x.code, x.dataset])).toEqual([["ragged_row", "great-stone"]]);
  });
});

describe("decimal convention", () => {
  it("ambiguous-without-declaration: 1,500 in a table of integers is flagged, not guessed", () => {
    const r = normalize(snapshotOf([HEADER, line({ measure: "Количество резидентов", value: "35" }), line({ measure: "Заявленный объём инвестиций", value: "1,500 млрд долл." })]));
    expect(r.rows).toHaveLength(1);
    expect(r.rejects).toMatchObject([{ code: "ambiguous_number", raw_line: 3 }]);
    expect(r.issues.find((i) => i.code === "ambiguous_number")).toMatchObject({ readings: [1.5e9, 1.5e12] });
  });

  it("declared-by-the-table: another cell's 1,35 makes 1,500 one and a half", () => {
    const r = normalize(
      snapshotOf([HEADER, line({ measure: "Заявленный объём инвестиций", value: "1,35 млрд долл." }), line({ measure: "Заявленный объём инвестиций", value: "1,500 млрд долл.", source: URL_B })]),
    );
    expect(r.rejects).toEqual([]);
    expect(r.rows.map((x) => x.value).sort()).toEqual([1.35e9, 1.5e9]);
  });

  it("space-thousands-group-needs-no-declaration", () => {
    const r = normalize(snapshotOf([HEADER, line({ measure: "Рабочие места", value: "14 000" })]));
    expect(r.rows.map((x) => x.value)).toEqual([14000]);
  });
});

describe("header", () => {
  it("missing-required-column: column_missing, every record rejected", () => {
    const header = HEADER.replace(";Статус", ";Состояние");
    const r = normalize(snapshotOf([header, line({ measure: "Количество резидентов", value: "5" })]));
    expect(r.rows).toEqual([]);
    expect(r.issues.some((i) => i.code === "column_missing" && "column" in i && i.column === "Статус")).toBe(true);
    expect(r.rejects.map((x) => x.code)).toEqual(["column_missing"]);
  });

  it("title-line-before-header: skipped as preamble", () => {
    const r = normalize(snapshotOf(["Китайско-белорусский индустриальный парк «Великий камень»", HEADER, line({ measure: "Количество резидентов", value: "5" })]));
    expect(r.rows).toMatchObject([{ value: 5, raw_line: 3 }]);
    expect(r.issues.some((i) => i.code === "preamble_skipped")).toBe(true);
  });

  it("header-case-and-yo: ё/е and case do not matter, column order is free", () => {
    const cols = HEADER.split(";");
    const order = [8, 7, 6, 5, 4, 3, 2, 1, 0];
    const header = order.map((i) => (cols[i] ?? "").toUpperCase()).join(";");
    const cells = line({ measure: "Привлеченные инвестиции", value: "650 млн долл." }).split(";");
    const r = normalize(snapshotOf([header, order.map((i) => cells[i]).join(";")]));
    expect(r.rows).toMatchObject([{ measure: "actual_investment_usd", value: 650e6 }]);
  });

  it("detect: the BELTA header yes, an ITU header no", () => {
    expect(pipeline.detect(HEADER.split(";"))).toBe(true);
    expect(pipeline.detect(["seriesID", "seriesCode", "entityIso", "dataValue", "dataYear"])).toBe(false);
  });
});

describe("row fields", () => {
  it("flow-period-and-plan-horizon", () => {
    const r = normalize(
      snapshotOf([
        HEADER,
        line({ date: "18.05.2024", measure: "Новые резиденты", value: "14", period: "2024 (на дату)" }),
        line({ date: "2025", precision: "год", measure: "Количество резидентов", value: "270", status: "цель", horizon: "2030" }),
        line({ date: "20.02.2024", measure: "Рабочие места", value: "около 3,5 тыс.", status: "цель", period: "2024" }),
      ]),
    );
    expect(r.rejects).toEqual([]);
    expect(r.rows).toMatchObject([
      { as_of: "2024-02-20", measure: "jobs", value: 3500, qualifier: "about", status: "target", period: "2024" },
      { as_of: "2024-05-18", measure: "new_residents", period: "2024-01-01/2024-05-18", period_start: "2024-01-01", period_end: "2024-05-18", horizon: "" },
      { as_of: "2025-12-31", as_of_precision: "year", measure: "residents_total", value: 270, status: "target", horizon: "2030-12-31", period: "" },
    ]);
  });
});

describe("property", () => {
  // each column draws from valid and broken cells, so records mix rows and every kind of reject
  const pools = {
    date: ["26.05.2018", "12.2019", "2023", "1 пол. 2023", "–", "31.02.2023", "весна"],
    precision: ["день", "месяц", "год", "полугодие", "неизвестна", "примерно"],
    measure: ["Количество резидентов", "Новые резиденты", "Привлечённые инвестиции", "Рабочие места", "Выручка"],
    value: ["35", "1 000", "1,35 млрд долл.", "более 877 млн долл.", "1,500", "1.35", "–", "много", "5 млн долл."],
    period: ["–", "2023", "2024 (на дату)", "1 пол. 2023", "весна"],
    status: ["факт", "план", "цель", "прогноз"],
    horizon: ["–", "2030", "зима"],
    source: ["https://example.org/a", "https://example.org/b", "БелТА"],
    note: ["–", "а; б", 'с "кавычками"'],
  };
  const cell = (xs: string[]) => fc.constantFrom(...xs).map((s) => (/[;"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s));
  const record = fc.tuple(...Object.values(pools).map(cell)).map((cells) => cells.join(";"));

  it("every-record-lands-once: rows + rejects = records, each reject coded and on its own line", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 25 }), (lines) => {
        const r = normalize(snapshotOf([HEADER, ...lines]));
        expect(r.rows.length + r.rejects.length).toBe(lines.length);
        const used = [...r.rows.map((x) => x.raw_line), ...r.rejects.map((x) => x.raw_line)].sort((a, b) => a - b);
        expect(used).toEqual(lines.map((_, i) => i + 2));
        for (const j of r.rejects) expect(ISSUE_CODES).toContain(j.code);
        for (const row of r.rows) expect(GreatStoneRow.safeParse(row).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
