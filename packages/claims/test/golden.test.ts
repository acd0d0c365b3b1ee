// the 26 article figures against the committed raw/ snapshots: verdicts and explanations in a reviewed golden file
import { describe, expect, it } from "vitest";
import { ClaimVerdict, checkClaims, claimFindings } from "../src/index.js";
import { committed } from "./_committed.js";

describe("the article's 26 figures against the committed snapshots", () => {
  const { data, claims } = committed();
  const verdicts = checkClaims(claims, data);

  it("golden-explanations: verdict, data value and the explanation of every figure (reviewed by hand)", async () => {
    const text = verdicts
      .map((v) => {
        const value = v.data_value === null ? "no data value" : `${v.data_value} (${v.data_year}, ${v.evidence_tier ?? "derived"})`;
        return `${v.id}: ${v.verdict}; ${value}\n  ${v.explanation}\n`;
      })
      .join("\n");
    await expect(text).toMatchFileSnapshot("golden/article-explanations.txt");
  });

  it("every row fits the published schema, and the claim finding says what the explanation says", () => {
    expect(verdicts).toHaveLength(26);
    for (const v of verdicts) expect(ClaimVerdict.safeParse(v).success).toBe(true);
    for (const [i, f] of claimFindings(verdicts).entries()) expect(f.message).toContain(verdicts[i]!.explanation);
  });

  it("explanations-are-one-or-two-sentences and never name a day the source does not give", () => {
    for (const v of verdicts) {
      // a sentence ends at ". " followed by a capital letter (decimals and file names never do)
      expect(v.explanation.split(/\.\s+(?=[A-Z])/).length, v.id).toBeLessThanOrEqual(2);
      expect(v.explanation, v.id).not.toMatch(/reported 20\d\d-12-31; .*year only/);
    }
  });
});
