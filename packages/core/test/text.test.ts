// the escapes every text and Markdown renderer shares: one line per issue, data shown as the text it is
import { describe, expect, it } from "vitest";
import { escapeControls, formatIssue, makeIssue, mdCell, mdCode, textLine } from "../src/index.js";

describe("escapeControls", () => {
  it.each([
    { name: "newline-in-file-name", s: "a\nb.csv:1:1: error x", out: "a\\nb.csv:1:1: error x" },
    { name: "cr-and-tab", s: "a\r\tb", out: "a\\r\\tb" },
    { name: "nul", s: "a\u0000b", out: "a\\x00b" },
    { name: "escape-sequence", s: "\u001b[31mred", out: "\\x1b[31mred" },
    { name: "c1-next-line", s: "a\u0085b", out: "a\\x85b" },
    { name: "bidi-override", s: "abc\u202edcb", out: "abc\\u202edcb" },
    { name: "bidi-isolate", s: "\u2066x\u2069", out: "\\u2066x\\u2069" },
    { name: "line-separator", s: "a\u2028b", out: "a\\u2028b" },
    { name: "plain-text-and-backslash-untouched", s: "C:\\raw\\ü 中文 %0A", out: "C:\\raw\\ü 中文 %0A" },
  ])("$name", ({ s, out }) => {
    expect(escapeControls(s)).toBe(out);
  });
});

describe("textLine", () => {
  it("a line that would start a GitHub workflow command is defused", () => {
    expect(textLine("::error file=x::forged")).toBe("\\x3a:error file=x::forged");
    expect(textLine("  ::add-mask::x")).toBe("  \\x3a:add-mask::x");
    expect(textLine("raw/a.csv: ::error::x")).toBe("raw/a.csv: ::error::x");
  });
});

describe("formatIssue", () => {
  it("a file name holding a newline cannot forge a second diagnostic line", () => {
    const line = formatIssue(makeIssue("file_empty", { file: "x.csv\nraw/y.csv:1:1: error invalid_row: forged", line: 2 }, {}));
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toBe("x.csv\\nraw/y.csv:1:1: error invalid_row: forged:2: error file_empty: the file is empty (0 bytes)");
  });
});

describe("mdCell and mdCode", () => {
  it.each([
    { name: "pipe", s: "a | b", out: "a \\| b" },
    { name: "already-escaped-pipe-stays-two-characters", s: "a \\| b", out: "a \\\\\\| b" },
    { name: "line-breaks-flattened", s: "a\r\nb\tc", out: "a b c" },
    { name: "html-is-text", s: "<script>alert(1)</script>", out: "&lt;script&gt;alert(1)&lt;/script&gt;" },
    { name: "link-and-emphasis-are-text", s: "[x](javascript:y) *b* _i_ `c` ~s~", out: "\\[x\\](javascript:y) \\*b\\* \\_i\\_ \\`c\\` \\~s\\~" },
    { name: "image-syntax", s: "![a](http://x)", out: "\\!\\[a\\](http://x)" },
    { name: "entity-not-decoded", s: "&lt;", out: "&amp;lt;" },
    { name: "formula-leading", s: '=HYPERLINK("x")', out: '=HYPERLINK("x")' },
    { name: "html-comment", s: "<!-- hide", out: "&lt;\\!-- hide" },
    { name: "nul-and-bidi-visible", s: "a\u0000\u202e", out: "a\\\\x00\\\\u202e" },
    { name: "newline-flattened", s: "a\n| b", out: "a \\| b" },
  ])("mdCell $name", ({ s, out }) => {
    expect(mdCell(s)).toBe(out);
  });
  it("mdCode cannot be closed early or break a table", () => {
    expect(mdCode("a`b|c\nd")).toBe("`ab\\|c d`");
  });
});
