// hostile values and what "inert" means for each output format: one assertion per format, shared by the tests
import { parse } from "csv-parse/sync";
import { XMLValidator } from "fast-xml-parser";
import { expect } from "vitest";

/** values that have broken renderers: markup, links, comments, table pipes, forged lines, formulas, CI commands */
export const HOSTILE = {
  script: "<script>alert(1)</script>",
  link: "[x](javascript:alert(1))",
  autolink: "<javascript:alert(2)>",
  comment: "<!-- hidden",
  pipe: "a | b",
  newline: "one\nraw/x.csv:1:1: error forged_line: forged",
  formula: "=cmd|' /C calc'!A0",
  workflow: "::error::forged_annotation",
  cdata: "]]>",
  percent: "%0A::error::forged_percent",
  bidi: "abc\u202edcb\u2066x\u2069",
  nul: "nul\u0000byte",
} as const;

export type Payload = keyof typeof HOSTILE;

/** a file name holding a newline, a forged diagnostic, workflow commands and a bidi override (no NUL or / on disk) */
export const HOSTILE_FILE = "hostile\nx.csv:9:9: error forged_file: forged ::error::forged_gh %0A ]]> <!-- | [y](javascript:1) \u202eevil.csv";

// raw control characters other than the line feed ending each line, and bidi controls
const RAW_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const FORGED_LINE = /^\s*(raw\/)?x\.csv:\d+:\d+: error forged/;

export const counts = new Map<string, number>();
const tally = (format: string): void => {
  counts.set(format, (counts.get(format) ?? 0) + 1);
};

/** plain text (terminal, CI log): one line per item, no control character, no forged diagnostic, no workflow command */
export function expectInertText(text: string, format: string): void {
  tally(format);
  const lines = text.split("\n");
  for (const line of lines) {
    expect(line, format).not.toMatch(RAW_CONTROLS);
    expect(line, format).not.toMatch(FORGED_LINE);
    expect(line.trimStart().startsWith("::"), `${format}: ${line}`).toBe(false);
  }
}

/** GitHub workflow commands: each line one command of the known kinds, properties free of : and , */
export function expectInertGithub(text: string): void {
  tally("github");
  for (const line of text.trimEnd().split("\n")) {
    expect(line).toMatch(/^::(error|warning|notice) ([a-z]+=[^,:\n]*)(,[a-z]+=[^,:\n]*)*::[^\n]*$/);
    expect(line).not.toMatch(RAW_CONTROLS);
    // the data part cannot open a second command or carry an encoded line break GitHub would decode
    const data = line.slice(line.indexOf("::", 2) + 2);
    expect(data).not.toMatch(/%0A|%0D/i);
  }
}

export function expectInertJunit(xml: string): void {
  tally("junit");
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(RAW_CONTROLS);
  expect(xml).not.toContain("<script");
  expect(xml).not.toContain("<!-- hidden");
}

// markup from data that a Markdown renderer (GitHub) would act on
function unescapedMarkdown(line: string): string | undefined {
  // a code span shows its text literally (mdCode drops backticks from the value, so the span cannot be closed early)
  const outside = line.replace(/(^|[^\\])`[^`]*`/g, "$1");
  if (/<(script|!--|javascript:)/i.test(outside)) return "raw html";
  if (/(^|[^\\])\]\(javascript:/i.test(outside)) return "link";
  if (RAW_CONTROLS.test(line)) return "control character";
  return undefined;
}

const pipes = (line: string): number => (line.match(/(^|[^\\])(\\\\)*\|/g) ?? []).length;

/** Markdown: no live html, link or control character; every table row has its header's number of cells */
export function expectInertMarkdown(md: string, format: string): void {
  tally(format);
  let columns: number | undefined;
  for (const line of md.split("\n")) {
    expect(unescapedMarkdown(line), `${format}: ${line}`).toBeUndefined();
    if (!line.startsWith("|")) {
      columns = undefined;
      continue;
    }
    columns ??= pipes(line);
    expect(pipes(line), `${format}: ${line}`).toBe(columns);
  }
}

/** the HTML report: data never adds an element, a comment or a javascript: URL */
export function expectInertHtml(html: string, clean: string): void {
  tally("html");
  const elements = (s: string): number => (s.match(/<script|<img|<iframe|<a /gi) ?? []).length;
  expect(elements(html)).toBe(elements(clean));
  expect(html).not.toContain("<!-- hidden");
  expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
  expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
}

/** published CSV: parses (to as many rows as its JSON twin, if any); text cells that start a formula carry the apostrophe */
export function expectInertCsv(csv: string, jsonRows?: number): Record<string, string>[] {
  tally("csv");
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  if (jsonRows !== undefined) expect(rows).toHaveLength(jsonRows);
  for (const row of rows) for (const v of Object.values(row)) expect(/^[=+\-@\t\r]/.test(v) && !/^-?\d/.test(v), v).toBe(false);
  return rows;
}
