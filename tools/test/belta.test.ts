// tools/belta: the cp1251 encoder, the russian renderings, and raw/belta as the tool's byte-identical output
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SnapshotMeta } from "@bycn/core";
import { describeReal, repoRoot } from "@bycn/core/test-support/real";
import { CP1251, encodeCp1251, UnencodableError } from "../belta/cp1251.js";
import { buildSnapshot, renderTable, russianAmount, russianDate, russianNumber, russianPeriod, TRANSCRIBED, TranscriptionError, type BeltaLine } from "../belta/render.js";

const decode = (b: Uint8Array) => new TextDecoder("windows-1251").decode(b);

describe("encodeCp1251", () => {
  it("round-trips-all-cyrillic-letters: А–я, Ё/ё, Belarusian Ў/ў and І/і", () => {
    const letters = Array.from({ length: 0x44f - 0x410 + 1 }, (_, i) => String.fromCodePoint(0x410 + i)).join("") + "ЁёЎўІі";
    const bytes = encodeCp1251(letters);
    expect(bytes).toHaveLength(letters.length);
    expect(decode(bytes)).toBe(letters);
  });

  it("punctuation-bytes: №, «», –, —, Ё, ё at their windows-1251 positions", () => {
    expect([...encodeCp1251("№«»–—Ёё")]).toEqual([0xb9, 0xab, 0xbb, 0x96, 0x97, 0xa8, 0xb8]);
    expect([...encodeCp1251("Ая")]).toEqual([0xc0, 0xff]);
    expect(decode(encodeCp1251("№ «Великий камень» – 1,35 млрд долл. — ё"))).toBe("№ «Великий камень» – 1,35 млрд долл. — ё");
  });

  it("inverse-of-the-decoder-over-every-byte", () => {
    expect(CP1251.size).toBe(256);
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...encodeCp1251(decode(all))]).toEqual([...all]);
  });

  it("unencodable-character-is-an-error-not-a-question-mark", () => {
    expect(() => encodeCp1251("парк 中白")).toThrow(UnencodableError);
    try {
      encodeCp1251("ab€ц😀");
    } catch (e) {
      expect(e).toBeInstanceOf(UnencodableError);
      expect((e as UnencodableError).index).toBe(4);
    }
  });
});

describe("russian renderings", () => {
  it.each([
    [1350000000, "declared_investment_usd", "exact", "1,35 млрд долл."],
    [526400000, "actual_investment_usd", "exact", "526,4 млн долл."],
    [1e9, "actual_investment_usd", "almost", "почти 1 млрд долл."],
    [877e6, "actual_investment_usd", "more_than", "более 877 млн долл."],
    [14000, "jobs", "exact", "14 000"],
    [1000, "jobs", "more_than", "более 1 000"],
    [35, "residents_total", "exact", "35"],
  ] as const)("%s %s %s → %s", (value, measure, qualifier, want) => {
    expect(russianAmount(measure, value, qualifier)).toBe(want);
  });

  it("number-grouping-and-decimal-comma", () => {
    expect([russianNumber(999), russianNumber(1000), russianNumber(1234567.5), russianNumber(1.25)]).toEqual(["999", "1 000", "1 234 567,5", "1,25"]);
  });

  it.each([
    ["2018-05-26", "day", "26.05.2018", "день"],
    ["2019-10", "month", "10.2019", "месяц"],
    ["2023", "year", "2023", "год"],
    ["2023-06-30", "half-year end (H1 2023)", "1 пол. 2023", "полугодие"],
    ["2021-01-01", "approx (start of 2021)", "01.01.2021", "неизвестна"],
    ["undated", "unknown", "–", "неизвестна"],
  ])("date %s (%s) → %s %s", (asOf, precision, text, word) => {
    expect(russianDate(asOf, precision)).toEqual({ text, precision: word });
  });

  it("unknown-transcription-forms-stop-the-tool", () => {
    expect(() => russianDate("2019-10", "day")).toThrow(TranscriptionError);
    expect(() => russianPeriod("2024 (spring)")).toThrow(TranscriptionError);
    expect([russianPeriod("2023-H1"), russianPeriod("2022 (to date)"), russianPeriod("2022-11-03")]).toEqual(["1 пол. 2023", "2022 (на дату)", "03.11.2022"]);
  });

  it("csv-quoting: a note with ';' or '\"' is quoted, CRLF after every line", () => {
    const l: BeltaLine = {
      report: 0,
      origin: "column",
      date: "01.01.2024",
      precision: "день",
      measure: "residents_total",
      value: 5,
      qualifier: "exact",
      status: "actual",
      period: "",
      horizon: "",
      source: "https://example.org/",
      note: 'а; «б» "в"',
    };
    const text = renderTable([l]);
    expect(text.split("\r\n")[1]).toBe('01.01.2024;день;Количество резидентов;5;–;факт;–;https://example.org/;"а; «б» ""в"""');
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });
});

describeReal("raw/belta is the tool's output", (dir) => {
  const from = path.join(dir, "transcribed/great_stone_reported_figures.csv");
  const committedCsv = path.join(repoRoot, "raw/belta", TRANSCRIBED, "great-stone-figures.csv");
  const out = mkdtempSync(path.join(tmpdir(), "bycn-belta-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("regenerates-byte-identically: the cli writes the committed csv and meta", () => {
    execFileSync(process.execPath, ["--conditions=@bycn/source", "--import", "tsx", "tools/belta/main.ts", "--from", from, "--out", out], { cwd: repoRoot, stdio: "pipe" });
    const written = path.join(out, "belta", TRANSCRIBED, "great-stone-figures.csv");
    expect(Buffer.compare(readFileSync(written), readFileSync(committedCsv))).toBe(0);
    expect(Buffer.compare(readFileSync(`${written}.meta.json`), readFileSync(`${committedCsv}.meta.json`))).toBe(0);
  });

  it("deterministic-and-meta-valid", () => {
    const input = readFileSync(from);
    const a = buildSnapshot(input, TRANSCRIBED);
    const b = buildSnapshot(input, TRANSCRIBED);
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    expect(SnapshotMeta.parse(a.meta)).toEqual(a.meta);
    expect(a.path).toBe(`belta/${TRANSCRIBED}/great-stone-figures.csv`);
  });

  it("style: russian header, ';', decimal comma amounts, dash for missing, no excerpt text", () => {
    const text = decode(readFileSync(committedCsv));
    const [header, ...lines] = text.split("\r\n").filter((l) => l !== "");
    expect(header).toBe("Дата;Точность даты;Показатель;Значение;Период;Статус;Срок;Источник;Примечание");
    expect(text).toContain(";почти 1,35 млрд долл.;");
    expect(text).toContain(";526,4 млн долл.;");
    expect(lines.some((l) => l.startsWith("–;неизвестна;"))).toBe(true);
    for (const p of ["1 пол. 2023", "2024 (на дату)", "2023", "2024"]) expect(lines.some((l) => l.split(";")[4] === p)).toBe(true);
    // the transcription's excerpts are other people's sentences: none may appear
    const transcription = readFileSync(from, "utf8");
    const excerpts = [...transcription.matchAll(/"([^"]{40,})"/g)].map((m) => m[1] ?? "");
    expect(excerpts.length).toBeGreaterThan(5);
    for (const e of excerpts) expect(text).not.toContain(e.slice(0, 30));
  });

  it("both-reports-of-2023-kept: 23 and 26 new residents", () => {
    const lines = decode(readFileSync(committedCsv)).split("\r\n");
    const of2023 = lines.filter((l) => l.split(";")[2] === "Новые резиденты" && l.split(";")[4] === "2023").map((l) => l.split(";")[3]);
    expect(of2023.sort()).toEqual(["23", "26"]);
  });

  it("bad-date-argument-writes-nothing", () => {
    expect(() => buildSnapshot(readFileSync(from), "28.11.2026")).toThrow(TranscriptionError);
  });
});
