// reader quirks, one case each, named after the quirk; every case is also read in 1- and 5-byte chunks and must agree
import { describe, expect, it } from "vitest";
import { readTable, type ReadOptions, type Table } from "@bycn/ingest";
import { cp1251, every, readChunked, utf16, utf8 } from "./_helpers.js";

interface Case {
  name: string;
  bytes: Uint8Array;
  opts?: Partial<ReadOptions>;
  /** expected info fields (subset) */
  info?: Record<string, unknown>;
  /** [line, fields] of every published record */
  records?: [number, string[]][];
  /** [code, line] of every issue, in order */
  issues: [string, number | undefined][];
  /** [code, line] of every reject */
  rejects?: [string, number][];
}

const ITU_HEAD = '"seriesCode","entityIso","dataValue","dataYear","dataSource"\n';

const cases: Case[] = [
  {
    name: "cr-file-whose-only-break-ends-the-file",
    // found by the conservation fuzzer (issue 16): a whole file ending in its first and only CR is a CR file, not the
    // first half of a CRLF cut off by the sniff window; read as LF, the quoted last name never closed
    bytes: utf8('"Entity","Code","Year","Value"\r'),
    info: { lineBreak: "\r", headerLine: 1, header: ["Entity", "Code", "Year", "Value"] },
    records: [],
    issues: [["encoding_detected", undefined], ["header_only", 1]],
  },
  {
    name: "bom-and-embedded-newlines",
    // ITU DataHub: BOM, LF records, a quoted dataSource spanning lines (MEX 2010: "...México\r\n8,406,608\r\n")
    bytes: utf8(`\uFEFF${ITU_HEAD}"i271mw","MEX","4.82093e+006",2010,"IFT México\n8,406,608\n"\n"i271mw","BLR","1",2011,""\n`),
    info: { encoding: "utf-8", bom: true, delimiter: ",", lineBreak: "\n", headerLine: 1 },
    records: [
      [2, ["i271mw", "MEX", "4.82093e+006", "2010", "IFT México\n8,406,608\n"]],
      [5, ["i271mw", "BLR", "1", "2011", ""]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "crlf-inside-quoted-field",
    // LKA 2010 in the subscriptions export: "TRCSL.\r\n\r\n\r\nTRCSL" inside an LF file
    bytes: utf8(`${ITU_HEAD}"i271mw","LKA","294000",2010,"TRCSL.\r\n\r\n\r\nTRCSL"\n"i271mw","LKA","1.2e+006",2011,""\n`),
    info: { lineBreak: "\n" },
    records: [
      [2, ["i271mw", "LKA", "294000", "2010", "TRCSL.\r\n\r\n\r\nTRCSL"]],
      [6, ["i271mw", "LKA", "1.2e+006", "2011", ""]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "trailing-comma-empty-column",
    // WDI: CRLF, every line ends with a comma; a filled last field is a real extra field
    bytes: utf8(`"Country Name","Country Code","2023",\r\n"Belarus","BLR","89.5",\r\n"China","CHN","90.6","oops"\r\n"World","WLD",""\r\n`),
    info: { lineBreak: "\r\n", header: ["Country Name", "Country Code", "2023"], trailingEmptyColumn: true },
    records: [
      [2, ["Belarus", "BLR", "89.5"]],
      [4, ["World", "WLD", ""]],
    ],
    issues: [["encoding_detected", undefined], ["ragged_row", 3]],
    rejects: [["ragged_row", 3]],
  },
  {
    name: "wdi-preamble-before-header",
    // older WDI downloads: two preamble lines, each followed by a blank line, before the header
    bytes: utf8(
      `\uFEFF"Data Source","World Development Indicators",\r\n\r\n"Last Updated Date","2024-06-28",\r\n\r\n"Country Name","Country Code","Indicator Name","Indicator Code","1960",\r\n"Aruba","ABW","Individuals using the Internet (% of population)","IT.NET.USER.ZS","",\r\n`,
    ),
    opts: { isHeader: (f) => f.includes("Country Code") },
    info: { headerLine: 5, header: ["Country Name", "Country Code", "Indicator Name", "Indicator Code", "1960"] },
    records: [[6, ["Aruba", "ABW", "Individuals using the Internet (% of population)", "IT.NET.USER.ZS", ""]]],
    issues: [["encoding_detected", undefined], ["preamble_skipped", 1]],
  },
  {
    name: "wdi-blank-first-line",
    // the current WDI file starts with BOM + CRLF: the default header is the first non-blank line
    bytes: utf8(`\uFEFF\r\n"Country Name","Country Code","2024",\r\n"Belarus","BLR","",\r\n`),
    info: { headerLine: 2, bom: true, trailingEmptyColumn: true },
    records: [[3, ["Belarus", "BLR", ""]]],
    issues: [["encoding_detected", undefined], ["preamble_skipped", 1]],
  },
  {
    name: "no-trailing-newline",
    // OWID: LF, unquoted, empty Code for aggregates, no newline at end of file
    bytes: utf8("Entity,Code,Year,Individuals using the Internet (% of population)\nBelarus,BLR,2023,94.0\nWorld,,2023,67.4"),
    records: [
      [2, ["Belarus", "BLR", "2023", "94.0"]],
      [3, ["World", "", "2023", "67.4"]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "blank-lines-between-records",
    // blank lines are neither records nor rejects; line numbers still count them
    bytes: utf8("a,b\n\n1,2\n\n\n3,4\n"),
    records: [
      [3, ["1", "2"]],
      [6, ["3", "4"]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "semicolon-delimiter",
    // BELTA-style table: ";" with decimal commas and a quoted field holding a comma
    bytes: utf8('Дата;Резиденты;Инвестиции, млрд USD\n01.01.2024;"131";1,35\n"Парк, всего";; 1,7\n'),
    info: { delimiter: ";" },
    records: [
      [2, ["01.01.2024", "131", "1,35"]],
      [3, ["Парк, всего", "", " 1,7"]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "tab-delimiter",
    bytes: utf8("iso3\tyear\tvalue\nBLR\t2023\t1,5\nCHN\t2023\t2,5\n"),
    info: { delimiter: "\t" },
    records: [
      [2, ["BLR", "2023", "1,5"]],
      [3, ["CHN", "2023", "2,5"]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "pipe-delimiter",
    bytes: utf8("a|b|c\n1|2|3\n"),
    info: { delimiter: "|" },
    records: [[2, ["1", "2", "3"]]],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "forced-delimiter",
    // sniffing would pick ","; the caller knows better
    bytes: utf8("a;b\n1,5;2,5\n3,5;4,5\n"),
    opts: { delimiter: ";" },
    info: { delimiter: ";" },
    records: [
      [2, ["1,5", "2,5"]],
      [3, ["3,5", "4,5"]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "cp1251-headers",
    // Great Stone tables: Russian headers in windows-1251, ";" and decimal commas, CRLF
    bytes: cp1251("Показатель;Значение;Ед. изм.\r\nКоличество резидентов;131;ед.\r\nОбъём инвестиций;1,35;млрд долл. США\r\n"),
    info: { encoding: "windows-1251", bom: false, delimiter: ";", lineBreak: "\r\n", header: ["Показатель", "Значение", "Ед. изм."] },
    records: [
      [2, ["Количество резидентов", "131", "ед."]],
      [3, ["Объём инвестиций", "1,35", "млрд долл. США"]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "cp1251-belarusian-letters",
    // Belarusian ў and і sit outside cp1251's 0xC0–0xFF letter block
    bytes: cp1251("Назва;Колькасць\nВялікі камень;131\nЎзровень;2\n"),
    info: { encoding: "windows-1251" },
    records: [
      [2, ["Вялікі камень", "131"]],
      [3, ["Ўзровень", "2"]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "utf16le-bom",
    bytes: utf16("iso3\tvalue\r\nBLR\t88,5\r\nCHN\t86,2\r\n", "le"),
    info: { encoding: "utf-16le", bom: true, delimiter: "\t", lineBreak: "\r\n", header: ["iso3", "value"] },
    records: [
      [2, ["BLR", "88,5"]],
      [3, ["CHN", "86,2"]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "utf16be-bom",
    bytes: utf16("Страна,Значение\nБеларусь,88.5\n", "be"),
    info: { encoding: "utf-16be", bom: true, header: ["Страна", "Значение"] },
    records: [[2, ["Беларусь", "88.5"]]],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "lone-cr-line-endings",
    // classic Mac line endings: tolerated, each CR is a line
    bytes: utf8("a,b\r1,2\r3,4\r"),
    info: { lineBreak: "\r" },
    records: [
      [2, ["1", "2"]],
      [3, ["3", "4"]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "crlf-line-in-lf-file",
    // mixed endings: an LF file with one CRLF line; the CR is part of the line break, not of the last field
    bytes: utf8('a,b\n1,2\r\n3,"4"\r\n5,6\n'),
    info: { lineBreak: "\n" },
    records: [
      [2, ["1", "2"]],
      [3, ["3", "4"]],
      [4, ["5", "6"]],
    ],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "escaped-quotes",
    bytes: utf8('name,note\n"Hong Kong, China","the ""HKG"" entity"\n'),
    records: [[2, ["Hong Kong, China", 'the "HKG" entity']]],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "header-names-trimmed",
    bytes: utf8(" a , b\n1,2\n"),
    info: { header: ["a", "b"] },
    records: [[2, ["1", "2"]]],
    issues: [["encoding_detected", undefined]],
  },
  {
    name: "malformed-quote-is-a-parse-error",
    // "1"x: text after a closing quote; papaparse reads on to the next quote that closes ("3"), so lines 2–3 are one
    // record with an InvalidQuotes error: rejected whole, not trusted
    bytes: utf8('a,b\n"1"x,2\n"3",4\n5,6\n'),
    records: [[4, ["5", "6"]]],
    issues: [["encoding_detected", undefined], ["parse_error", 2]],
    rejects: [["parse_error", 2]],
  },
  {
    name: "invalid-utf8-after-the-sniffed-head",
    // the head is valid utf-8, a stray 0xFF comes later: reported with its byte offset and line, the record kept
    bytes: (() => {
      const head = utf8(`a,b\n${"x,1\n".repeat(20_000)}`);
      const tail = utf8("y,2\nz,3\n");
      const out = new Uint8Array(head.length + tail.length);
      out.set(head);
      out.set(tail, head.length);
      out[head.length + 2] = 0xff; // "y,\xff"
      return out;
    })(),
    info: { encoding: "utf-8" },
    issues: [["encoding_detected", undefined], ["invalid_utf8", 20_002]],
  },
  {
    name: "latin1-is-not-guessed",
    // windows-1252 "Café" (isolated high byte): neither utf-8 nor Cyrillic-looking, so no guess
    bytes: Uint8Array.from([...utf8("name,city\nx,Caf"), 0xe9, ...utf8("\n")]),
    issues: [["encoding_undetermined", undefined]],
  },
  {
    name: "latin1-words-are-not-cyrillic",
    // windows-1252 Portuguese: "informações", "situações", "coração" have runs of high bytes (çõ, çã), but inside Latin words
    bytes: Uint8Array.from([
      ...utf8("informa"), 0xe7, 0xf5, ...utf8("es,situa"), 0xe7, 0xf5, ...utf8("es\ncora"), 0xe7, 0xe3, ...utf8("o,1\n"),
    ]),
    issues: [["encoding_undetermined", undefined]],
  },
];

const pairs = (t: Table): [string, number | undefined][] => t.issues.map((i) => [i.code, i.at.line]);
const sortIssues = (t: Table) => t.issues.map((i) => JSON.stringify(i)).sort();

describe("reader quirks", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const opts: ReadOptions = { file: "case.csv", ...c.opts };
    const t = readTable(c.bytes, opts);
    if (c.info) expect(t.info).toMatchObject(c.info);
    if (c.records) expect(t.records.map((r) => [r.line, r.fields])).toEqual(c.records);
    expect(pairs(t)).toEqual(c.issues);
    expect(t.rejects.map((r) => [r.code, r.raw_line])).toEqual(c.rejects ?? []);
    expect(t.records.length + t.rejects.length).toBe(t.dataRecords);
    for (const r of t.rejects) expect(r.raw_file).toBe("case.csv");

    // the same bytes streamed in tiny pieces, with the dialect the one-shot read found, give the same table
    const dialect: Partial<ReadOptions> = t.info
      ? { encoding: t.info.encoding, delimiter: t.info.delimiter, lineBreak: t.info.lineBreak, sniffBytes: 8 }
      : {};
    for (const size of [1, 5]) {
      const s = readChunked(c.bytes, { ...opts, ...dialect }, every(size, c.bytes.length));
      expect(s.records).toEqual(t.records);
      expect(s.rejects).toEqual(t.rejects);
      expect(s.info).toEqual(t.info);
      expect(s.dataRecords).toBe(t.dataRecords);
      expect(sortIssues(s)).toEqual(sortIssues(t));
    }
  });

  it("invalid-utf8 issue names the byte offset", () => {
    const c = cases.find((x) => x.name === "invalid-utf8-after-the-sniffed-head")!;
    const t = readTable(c.bytes, { file: "case.csv" });
    const issue = t.issues.find((i) => i.code === "invalid_utf8");
    expect(issue).toMatchObject({ offset: c.bytes.indexOf(0xff) });
    expect(t.records.at(-2)).toMatchObject({ line: 20_002, fields: ["y", "\uFFFD"] });
  });

  it("raw keeps the record's text without its line break", () => {
    const t = readTable(utf8('a,b\r\n"x\r\ny",2\r\n'), { file: "case.csv" });
    expect(t.records[0]!.raw).toBe('"x\r\ny",2');
  });
});
