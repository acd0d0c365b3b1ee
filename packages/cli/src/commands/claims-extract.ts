// bycn claims extract ARTICLE: propose a draft claims registry from an article's text (UTF-8 or windows-1251;
// plain, Markdown or HTML) for a person to review; the draft carries offsets, never the article's sentences
import { readFileSync } from "node:fs";
import { escapeControls } from "@bycn/core";
import { writeFileAtomic } from "@bycn/publish";
import type { Command } from "../command.js";
import { CliError, issueLine } from "../output.js";

const FORMATS = ["csv", "json"] as const;

export const claimsExtractCommand: Command = {
  name: "extract",
  summary: "propose a draft claims registry (figures, subjects, measures, offsets) from an article's text",
  args: [{ name: "ARTICLE", description: "the article: plain text, Markdown or HTML, in UTF-8 or windows-1251" }],
  options: {
    out: { type: "string", placeholder: "FILE", description: "write the draft here, atomically (default: standard output)" },
    format: { type: "enum", choices: FORMATS, default: "csv", description: "the draft's format" },
  },
  examples: ["bycn claims extract article.md", "bycn claims extract article.html --format json --out draft.json"],
  async run({ values, positionals }, io) {
    const [article, ...extra] = positionals;
    if (article === undefined || extra.length > 0) throw new CliError(`expects one ARTICLE file\n\nusage: ${this.usage}`, 2);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(article);
    } catch (e) {
      throw new CliError(`cannot read ${article}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 2);
    }
    const { decodeArticle, draftRows, extractClaims, renderDraftCsv, renderDraftJson } = await import("@bycn/extract");
    const decoded = decodeArticle(bytes, article);
    if (!decoded.ok) {
      io.err(issueLine(decoded.issue, io.color));
      return 2;
    }
    const extraction = extractClaims(decoded.text);
    const rows = draftRows(extraction.proposals);
    const text = values.format === "json" ? renderDraftJson(rows) : renderDraftCsv(rows);
    if (typeof values.out === "string") {
      try {
        // through a temp file and a rename: a failed run leaves no half-written draft
        writeFileAtomic(values.out, text);
      } catch (e) {
        throw new CliError(`cannot write ${escapeControls(values.out)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 2);
      }
    } else io.out(text.trimEnd());
    const review = rows.filter((r) => r.review !== "").length;
    const leftOut = extraction.numbers.filter((n) => n.kind !== "figure").length;
    io.err(
      `bycn claims extract: ${rows.length} figure(s) proposed, ${review} with notes to review; ` +
        `${leftOut} number(s) left out as dates, years, citations or other non-figures`,
    );
    return 0;
  },
};
