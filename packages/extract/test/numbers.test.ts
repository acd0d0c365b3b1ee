// number forms, operator words and false friends, in English and Russian: one case per quirk
import { describe, expect, it } from "vitest";
import { findNumbers, registryValue } from "../src/index.js";

const figure = (text: string) => {
  const f = findNumbers(text).filter((t) => t.kind === "figure");
  return f.map((t) => ({ value: t.value, unit: t.unit, operator: t.operator }));
};
const kinds = (text: string) => findNumbers(text).map((t) => [t.printed, t.kind]);

describe("number forms", () => {
  it.each([
    ["decimal-point", "The score reached 84.4 points.", "84.4", ""],
    ["decimal-comma-ru", "Индекс составил 84,4 балла.", "84.4", ""],
    ["thousands-comma-en", "Fixed traffic was 2,575.1 GB per subscription.", "2,575.1", "GB"],
    ["thousands-space-ru", "Фиксированный трафик составил 2 575,1 ГБ на подписку.", "2,575.1", "GB"],
    ["thousands-nbsp-ru", "Трафик составил 2\u00a0575,1 ГБ.", "2,575.1", "GB"],
    ["thousands-comma-integer-en", "It created 3,000 jobs.", "3,000", ""],
    ["comma-three-digits-is-decimal-in-russian", "Доля составила 0,125 от общего числа.", "0.125", ""],
    ["percent-sign", "Now 75.6% of people use it.", "75.6", "%"],
    ["percent-word-en", "Use rose to 75.6 per cent of people.", "75.6", "%"],
    ["percent-word-ru", "Пользуются 75,6 процента жителей.", "75.6", "%"],
    ["percentage-points-ru", "Доля выросла на 2,5 п. п. за год.", "2.5", "pp"],
    ["scale-thousand-en", "The park employs 3 thousand people.", "3", "thousand"],
    ["scale-million-en", "Sales reached 12.5 million units.", "12.5", "million"],
    ["scale-billion-en", "Exports reached 2 billion this year.", "2", "billion"],
    ["scale-tys-ru", "В парке работают 12 тыс. человек.", "12", "thousand"],
    ["scale-mln-ru", "Продано 1,5 млн устройств.", "1.5", "million"],
    ["scale-mlrd-ru", "Оборот составил 2 млрд в год.", "2", "billion"],
    ["currency-sign-before", "Investment reached $1.5 billion.", "1.5", "USD bn"],
    ["currency-code-before", "Investment reached USD 200 million.", "200", "USD m"],
    ["currency-words-after-en", "Investment reached 200 million US dollars.", "200", "USD m"],
    ["currency-dollar-abbrev-ru", "Инвестиции составили 1,5 млрд долл. США.", "1.5", "USD bn"],
    ["currency-dollars-word-ru", "Инвестиции составили 1,5 млрд долларов США.", "1.5", "USD bn"],
    ["currency-yuan", "The fund holds 300 million yuan.", "300", "CNY m"],
    ["minus-sign", "Prices changed by \u22122.5% last year.", "-2.5", "%"],
    ["hyphen-minus-after-a-word", "Growth was -2.5% last year.", "-2.5", "%"],
  ])("%s", (_name, text, value, unit) => {
    expect(figure(text)).toEqual([{ value, unit, operator: "=" }]);
  });

  it.each([
    ["range-dash-en", "Prices fell by 10–15% a year.", "%"],
    ["range-from-to-en", "Traffic grew from 10 to 15 GB per month.", "GB"],
    ["range-ot-do-ru", "Цены снизились от 10 до 15 % в год.", "%"],
  ])("%s: two ends, ≥ the first and ≤ the second", (_name, text, unit) => {
    expect(figure(text)).toEqual([
      { value: "10", unit, operator: "≥" },
      { value: "15", unit, operator: "≤" },
    ]);
  });

  it("a hyphen between two numbers is a range, not a minus", () => {
    expect(figure("Prices fell by 10 - 15% a year.").map((f) => f.value)).toEqual(["10", "15"]);
  });

  it("the registry notation keeps the printed precision: 1 and 1.0 stay apart", () => {
    expect(registryValue("1", false)).toBe("1");
    expect(registryValue("1.0", false)).toBe("1.0");
    expect(registryValue("1,0", true)).toBe("1.0");
    expect(registryValue("1502,10", true)).toBe("1502.10");
  });
});

describe("operator words", () => {
  it.each([
    ["more than 3,000 jobs", ">"],
    ["over 3,000 jobs", ">"],
    ["exceeding $1.5 billion", ">"],
    ["in excess of 3,000 jobs", ">"],
    ["at least 3,000 jobs", "≥"],
    ["not less than 3,000 jobs", "≥"],
    ["3,000 or more jobs", "≥"],
    ["about 3,000 jobs", "≈"],
    ["approximately 3,000 jobs", "≈"],
    ["around 3,000 jobs", "≈"],
    ["nearly 3,000 jobs", "≈"],
    ["up to 3,000 jobs", "≤"],
    ["at most 3,000 jobs", "≤"],
    ["less than 3,000 jobs", "<"],
    ["fewer than 3,000 jobs", "<"],
    ["~3,000 jobs", "≈"],
    ["более 3000 рабочих мест", ">"],
    ["свыше 3000 рабочих мест", ">"],
    ["превысил 3000 рабочих мест", ">"],
    ["превышающие 1,5 млрд долл.", ">"],
    ["не менее 3000 рабочих мест", "≥"],
    ["3000 и более рабочих мест", "≥"],
    ["около 3000 рабочих мест", "≈"],
    ["порядка 3000 рабочих мест", "≈"],
    ["примерно 3000 рабочих мест", "≈"],
    ["почти 3000 рабочих мест", "≈"],
    ["менее 3000 рабочих мест", "<"],
    ["не более 3000 рабочих мест", "≤"],
  ])("%s → %s", (phrase, op) => {
    const [f] = figure(`The park reports ${phrase} this year.`);
    expect(f?.operator).toBe(op);
  });

  it("\"до\" after a verb of change means \"to\", not \"up to\"", () => {
    expect(figure("Индекс вырос с 86,9 в 2023 году до 88,5 в 2024 году.").map((f) => f.operator)).toEqual(["=", "="]);
  });

  it("an operator word inside another word is not one (\"moreover 5\", \"доход 5\")", () => {
    expect(figure("Moreover 5 firms joined.")[0]?.operator).toBe("=");
    expect(figure("Доход 5 млн в год.")[0]?.operator).toBe("=");
  });
});

describe("false friends: numbers that are not figures", () => {
  it.each([
    ["date-month-name-en", "On February 2nd, 2021, the council met.", [["2021", "date"]]],
    ["date-day-month-en", "Approved on 2 February 2021 by the council.", [["2", "date"], ["2021", "date"]]],
    ["date-numeric", "Accessed 16.06.2025 online.", [["16.06", "date"]]],
    ["date-iso", "Accessed 2025-06-16 online.", [["2025", "date"], ["06", "date"], ["16", "date"]]],
    ["date-ru", "Утверждена 2 февраля 2021 г. советом.", [["2", "date"], ["2021", "date"]]],
    ["date-month-year-ru", "Принята в феврале 2021 года.", [["2021", "date"]]],
    ["year-as-date-en", "The score rose in 2023.", [["2023", "year"]]],
    ["year-as-date-ru", "Индекс вырос в 2023 году.", [["2023", "year"]]],
    ["citation-en", "as reported [12].", [["12", "citation"]]],
    ["citation-with-page-en", "as reported [6, p. 62].", [["6", "citation"], ["62", "citation"]]],
    ["citation-with-page-ru", "как сообщалось [6, с. 62].", [["6", "citation"], ["62", "citation"]]],
    ["section-number-heading", "2.1 Methods of measurement", [["2.1", "section_number"]]],
    ["section-label-en", "See Table 3 for details.", [["3", "section_number"]]],
    ["section-label-ru", "См. раздел 2 и таблица 3.", [["2", "section_number"], ["3", "section_number"]]],
    ["programme-period-en", "The State Programme for 2021–2025 began.", [["2021", "programme"], ["2025", "programme"]]],
    ["programme-period-ru", "Госпрограмма на 2021–2025 годы начата.", [["2021", "programme"], ["2025", "programme"]]],
    ["programme-name-with-year", "the Made in China 2025 plan", [["2025", "year"]]],
    ["format-name-17-plus-1", "the 17+1 initiative", [["17", "name"], ["1", "name"]]],
    ["list-numbering-en", "1. Liu, I. Digital Silk Road.", [["1", "list_number"]]],
    ["list-numbering-ru", "2) Иванов И. Цифровая экономика.", [["2", "list_number"]]],
    ["list-numbering-inline-en", "for two reasons: 1) cost, 2) skills", [["1", "list_number"], ["2", "list_number"]]],
    ["list-numbering-inline-ru", "по двум причинам: 1) цена; 2) кадры", [["1", "list_number"], ["2", "list_number"]]],
    ["per-100-denominator-en", "subscriptions per 100 inhabitants", [["100", "denominator"]]],
    ["per-100-denominator-ru", "подписок на 100 жителей", [["100", "denominator"]]],
    ["pages-and-issue-en", "Bulletin. – 2023. – No. 1. – PP. 59-64.", [["2023", "year"], ["1", "reference"], ["59", "reference"], ["64", "reference"]]],
    ["pages-and-issue-ru", "Вестник. – 2023. – № 1. – С. 59–64.", [["2023", "year"], ["1", "reference"], ["59", "reference"], ["64", "reference"]]],
    ["url", "URL: https://example.org/news-697242-2025/ read", [["697242", "url"], ["2025", "url"]]],
    ["quarter-ru", "во 2 квартале выросло", [["2", "date"]]],
  ])("%s", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("technology names glued to letters are no numbers at all (5G, 4G/LTE, e-CNY, COVID-19)", () => {
    expect(kinds("5G and 4G/LTE networks, e-CNY and COVID-19")).toEqual([["19", "name"]]);
  });
});
