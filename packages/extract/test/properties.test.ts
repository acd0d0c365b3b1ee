// properties over generated texts: extraction never throws, offsets point at the printed number, the draft's ids and
// printed values are what the registry accepts
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClaimRecord } from "@bycn/pipeline-article";
import { draftRows, extractClaims } from "../src/index.js";

const FRAGMENTS = [
  "In China", "в Беларуси", "Kazakhstan's", "the park", "Great Stone", "«Великом камне»", "households", "internet",
  "traffic", "mobile", "fixed", "GB", "%", " per cent", "более", "more than", "about", "около", "[2]", "[6, p. 62]",
  "2,575.1", "2 575,1", "84.4", "84,4", "1.5 billion", "$", "1,5 млрд долл.", "2021–2025", "in 2023", "16.06.2025",
  "1. ", "2) ", "per 100 inhabitants", "17+1", "5G", "−2.5", "-", "–", ",", ".", ". ", "\n", "\n\n", "\r\n", "# ", "**",
  "<p>", "</p>", "<b>", "&nbsp;", "\\$", "IDI 2024", "scored", "rose to", "of households", "subscriptions", " ", " ",
];

const text = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 60 }).map((xs) => xs.join(" "));

describe("extraction on generated text", () => {
  it("never throws; each proposal's number offset points at its printed text; ids and printed values fit the registry", () => {
    fc.assert(
      fc.property(text, (input) => {
        const { proposals } = extractClaims(input);
        for (const p of proposals) {
          expect(input.slice(p.number_offset, p.number_offset + p.printed_as.length)).toBe(p.printed_as);
          expect(p.offset).toBeLessThanOrEqual(p.number_offset);
        }
        const rows = draftRows(proposals);
        expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
        for (const r of rows) {
          expect(ClaimRecord.shape.id.safeParse(r.id).success).toBe(true);
          expect(ClaimRecord.shape.printed.safeParse(r.printed).success).toBe(true);
          expect(ClaimRecord.shape.operator.safeParse(r.operator).success).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
