// decoding, markup stripping, sentences and subjects: the steps before a number becomes a proposal
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeArticle, extractClaims, findMentions, splitSentences, stripMarkup } from "../src/index.js";

const cp1251 = (s: string): Uint8Array => {
  // windows-1251 for the Russian letters used here: А–я map to 0xC0–0xFF, Ё/ё to 0xA8/0xB8, « » to 0xAB/0xBB
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
    else if (ch === "Ё") out.push(0xa8);
    else if (ch === "ё") out.push(0xb8);
    else if (ch === "«") out.push(0xab);
    else if (ch === "»") out.push(0xbb);
    else throw new Error(`no cp1251 byte for ${ch}`);
  }
  return Uint8Array.from(out);
};

const subjects = (text: string) => findMentions(text).map((m) => [text.slice(m.start, m.end), m.subject]);

describe("decode", () => {
  it("windows-1251 Russian text decodes like its utf-8 twin", () => {
    const text = "В Беларуси 89,5% домохозяйств имеют доступ к интернету.";
    const a = decodeArticle(cp1251(text), "a.txt");
    const b = decodeArticle(new TextEncoder().encode(text), "b.txt");
    expect(a).toEqual({ ok: true, text, encoding: "windows-1251" });
    expect(b).toEqual({ ok: true, text, encoding: "utf-8" });
  });

  it("an empty or binary file is a coded issue, not text", () => {
    const empty = decodeArticle(new Uint8Array(), "empty.txt");
    const binary = decodeArticle(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]), "paper.pdf");
    expect(empty.ok ? "" : empty.issue.code).toBe("file_empty");
    expect(binary.ok ? "" : binary.issue.code).toBe("binary_content");
    expect(binary.ok ? "" : binary.issue.at.file).toBe("paper.pdf");
  });
});

describe("markup", () => {
  it("html tags and entities go, and every plain character maps back to its offset in the html", () => {
    const html = "<html><body><h2>Access</h2><p>In <b>China</b>, 75.6&nbsp;% of people use the internet.</p></body></html>";
    const p = stripMarkup(html);
    expect(p.text).not.toContain("<");
    const at = p.text.indexOf("75.6");
    expect(html.slice(p.origin[at]!, p.origin[at]! + 4)).toBe("75.6");
    expect(p.text).toContain("75.6\u00a0%");
    expect(p.headings.length).toBe(1);
    const [claim] = extractClaims(html).proposals;
    expect(claim).toMatchObject({ subject: "CHN", measure: "i99H", printed: "75.6", unit: "%" });
    expect(html.slice(claim!.number_offset, claim!.number_offset + 4)).toBe("75.6");
  });

  it("markdown emphasis, escapes, links and # headings go; the text stays", () => {
    const md = "# Park\n\n**China**'s [park](https://example.org/1) drew \\$1.5 billion.";
    const p = stripMarkup(md);
    expect(p.text).toBe("Park\n\nChina's park drew $1.5 billion.");
    expect(p.headings).toEqual([0]);
  });

  it("fenced code blocks are not prose: their numbers are never proposed", () => {
    const md = "Intro.\n\n```sh\nbycn check --fail-on 2\n```\n\nIn China, 75.6% of people use the internet.";
    expect(extractClaims(md).proposals.map((p) => p.printed)).toEqual(["75.6"]);
  });
});

describe("sentences", () => {
  it("initials, abbreviations and decimals do not end a sentence; a lower-case paragraph continues the last one", () => {
    const text = "Prof. S.O. Sidorova wrote it. Costs were 1.5 bn in the U.S. market.\n\nIt grew.\nCosts account for\n\nonly 1% of income.";
    const s = splitSentences(text).map((x) => text.slice(x.start, x.end));
    expect(s).toEqual(["Prof. S.O. Sidorova wrote it.", "Costs were 1.5 bn in the U.S. market.", "It grew.", "Costs account for\n\nonly 1% of income."]);
  });

  it("a short line without a full stop is a heading and opens a section; a list of cited sources numbers its items", () => {
    const text = "INTRODUCTION\n\nText here.\n\nREFERENCES\n\n1. First source.\n2. Second source.";
    const s = splitSentences(text);
    expect(s.map((x) => [x.section, x.heading, x.references, x.item ?? null])).toEqual([
      [1, true, false, null],
      [1, false, false, null],
      [2, true, true, null],
      [2, false, true, 1],
      [2, false, true, 1],
      [2, false, true, 2],
      [2, false, true, 2],
    ]);
  });
});

describe("subjects", () => {
  it.each([
    ["в Беларуси", "BLR"],
    ["с Беларусью", "BLR"],
    ["Китаю", "CHN"],
    ["в Китае", "CHN"],
    ["с Россией", "RUS"],
    ["России", "RUS"],
    ["Казахстана", "KAZ"],
    ["Республики Беларусь", "BLR"],
    ["Китайской Народной Республики", "CHN"],
    ["China's", "CHN"],
    ["Belarus'", "BLR"],
    ["the People's Republic of China", "CHN"],
    ["Russia", "RUS"],
    ["the Russian Federation", "RUS"],
    ["в «Великом камне»", "GREAT_STONE"],
    ["«Великого камня»", "GREAT_STONE"],
    ["the China-Belarus Industrial Park", "GREAT_STONE"],
    ["Great Stone", "GREAT_STONE"],
  ])("%s → %s", (text, subject) => {
    const found = subjects(text);
    expect(found.map(([, s]) => s)).toEqual([subject]);
  });

  it("an adjective names an economy when no name is nearer: Chinese households, белорусских домохозяйств", () => {
    expect(extractClaims("Some 81.2% of Chinese households have internet access at home.").proposals[0]?.subject).toBe("CHN");
    expect(extractClaims("Доступ к интернету имеют 89,5% белорусских домохозяйств.").proposals[0]?.subject).toBe("BLR");
    // a name in the clause wins over an adjective elsewhere in the sentence
    expect(extractClaims("Chinese firms say that in Belarus 89.5% of households are online.").proposals[0]?.subject).toBe("BLR");
  });

  it("review notes plans and periods in the wording: planned investment, monthly traffic, прогноз", () => {
    const [a] = extractClaims("The Great Stone park reports planned investment exceeding $1.5 billion [5].").proposals;
    const [b] = extractClaims("In Belarus the average monthly mobile traffic per subscription is 143.5 GB [4].").proposals;
    const [c] = extractClaims("По прогнозу, в Беларуси доля домохозяйств с доступом к интернету составит 95%.").proposals;
    expect(a!.review.join("; ")).toMatch(/plan, target or expectation/);
    expect(b!.review.join("; ")).toMatch(/worded as a monthly figure/);
    expect(c!.review.join("; ")).toMatch(/plan, target or expectation/);
  });

  it("common words that spell a country in lower case are not one (turkey, chad)", () => {
    expect(subjects("a turkey and chad")).toEqual([]);
  });

  it("a name the registry gives to several economies names none of them (Congo, Korea)", () => {
    expect(subjects("Congo and Korea")).toEqual([]);
    expect(subjects("the Republic of the Congo")).toEqual([["Republic of the Congo", "COG"]]);
  });

  it("\"the park\" stands for the park only after the park was named in the same section", () => {
    const early = extractClaims("The park has 144 residents.").proposals[0]!;
    expect(early.subject).toBe("");
    const later = extractClaims("Great Stone opened in 2012. Today the park has 144 resident companies.").proposals[0]!;
    expect(later).toMatchObject({ subject: "GREAT_STONE", measure: "residents_total", printed: "144" });
  });
});

describe("a Russian article in windows-1251, end to end", () => {
  const text =
    "ЦИФРОВАЯ ЭКОНОМИКА\n\nВ 2024 году в Беларуси 89,5% домохозяйств имели доступ к интернету [4]. " +
    "Индустриальный парк «Великий камень» зарегистрировал 144 резидента из 14 стран, а объём заявленных инвестиций " +
    "превысил 1,5 млрд долл. США [5].";
  const decoded = decodeArticle(cp1251(text), "статья.txt");
  const proposals = decoded.ok ? extractClaims(decoded.text).proposals : [];

  it("proposes each figure with subject, measure, printed value in the registry's notation, unit, operator, citation", () => {
    expect(proposals.map((p) => [p.subject, p.measure, p.printed, p.unit, p.operator, p.citation])).toEqual([
      ["BLR", "xHH6_IDI", "89.5", "%", "=", 4],
      ["GREAT_STONE", "residents_total", "144", "count", "=", 5],
      ["GREAT_STONE", "countries", "14", "count", "=", 5],
      ["GREAT_STONE", "declared_investment_usd", "1.5", "USD bn", ">", 5],
    ]);
  });

  it("says when a figure was printed in another notation (decimal comma) and where it sits", () => {
    expect(proposals[0]!.printed_as).toBe("89,5");
    expect(proposals[0]!.review.join(" ")).toMatch(/another notation/);
    expect(text.slice(proposals[3]!.number_offset, proposals[3]!.number_offset + 3)).toBe("1,5");
  });
});

describe("a Russian note (the project's own text) with every kind of figure the registry knows", () => {
  const file = new URL("./cases/ru-digital-note.txt", import.meta.url);
  const proposals = extractClaims(readFileSync(file, "utf8")).proposals;

  it("finds each figure with subject, measure, printed value, unit, operator and citation; no date, year or programme", () => {
    expect(proposals.map((p) => [p.subject, p.measure, p.printed, p.unit, p.operator, p.citation ?? null])).toEqual([
      ["BLR", "IDI", "86.9", "score", "=", 4],
      ["BLR", "IDI", "88.5", "score", "=", 4],
      ["BLR", "i99H", "89.5", "%", "=", 4],
      ["BLR", "xHH6_IDI", "89.5", "%", "=", 4],
      ["BLR", "Coverage", "98.8", "%", "=", 4],
      ["BLR", "i911mw", "65.2", "per 100 inhabitants", "=", 4],
      ["BLR", "i136mwi_subs_IDI", "143.5", "GB", "=", 4],
      ["BLR", "i135tfb_subs_IDI", "1502.1", "GB", "=", 4],
      ["BLR", "i271mb_high_2GB_GNI", "1.6", "% of GNI per capita", "=", 4],
      ["BLR", "i154_FBB5_GNI", "0.7", "% of GNI per capita", "=", 4],
      ["GREAT_STONE", "residents_total", "144", "count", "=", 5],
      ["GREAT_STONE", "countries", "14", "count", "=", 5],
      ["GREAT_STONE", "declared_investment_usd", "1.5", "USD bn", ">", 5],
      ["GREAT_STONE", "jobs", "3", "thousand", ">", 5],
      ["GREAT_STONE", "new_residents", "30", "count", "=", 5],
    ]);
  });

  it("editions and years: IDI scores keyed by the year printed, indicators two years before the edition, park figures dated by the source's access date", () => {
    expect(proposals.map((p) => [p.edition, p.reference_year ?? null, p.as_of])).toEqual([
      ["IDI 2023", 2023, ""],
      ["IDI 2024", 2024, ""],
      ...Array.from({ length: 8 }, () => ["IDI 2024", 2022, ""]),
      ["BELTA 2025", 2025, "2025-06-10"],
      ["BELTA 2025", 2025, "2025-06-10"],
      ["BELTA 2025", 2025, "2025-06-10"],
      ["BELTA 2025", 2025, "2025-06-10"],
      ["BELTA 2025", 2024, "2025-06-10"],
    ]);
  });
});
