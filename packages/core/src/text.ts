// data shown to people: control characters made visible for terminals and CI logs, and one Markdown cell escape
// every Markdown renderer shares (report.md, check --format markdown, diff --format markdown)

// C0 and C1 controls, DEL, line/paragraph separators, and the bidi embedding, override and isolate marks: each can
// end a line early, hide text or reorder what a reader sees ("Trojan Source")
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
}

/**
 * A path or value for one line of text output: every control character shown as an escape (\n, \x00, \u202e), so a
 * file name holding a newline cannot start a forged `file:line:col: error` line. Backslashes stay as they are.
 */
export function escapeControls(s: string): string {
  return s.replace(CONTROLS, visible);
}

/**
 * One line of a plain-text report: controls escaped, and a line that would start with `::` (a GitHub Actions
 * workflow command when CI prints it) gets its first colon escaped, so data can never issue `::error::` or
 * `::add-mask::` through a text report.
 */
export function textLine(s: string): string {
  const line = escapeControls(s);
  return /^\s*::/.test(line) ? line.replace(":", "\\x3a") : line;
}

/**
 * Text for one GitHub table cell: pipes and backslashes escaped, line breaks flattened, html and markdown
 * syntax neutralised so a value is shown as the text it is (a tag, a link, a comment or emphasis in the data
 * stays text), other controls made visible.
 */
export function mdCell(s: string): string {
  return escapeControls(s.replace(/[\r\n\t]+/g, " "))
    .replace(/[\\`*_[\]~|#!]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** an identifier as Markdown inline code: backticks dropped (they would close the span), then as safe as a cell */
export function mdCode(s: string): string {
  const body = escapeControls(s.replace(/[\r\n\t]+/g, " ")).replace(/`/g, "").replace(/\|/g, "\\|");
  return `\`${body}\``;
}
