// the baseline: findings a person has accepted, each with a reason; entries that match nothing are reported stale
import { z } from "zod";
import { makeIssue, type Issue } from "@bycn/core";

export const BaselineEntry = z.object({
  fingerprint: z.string().min(1),
  /** why this finding is accepted: evidence a reviewer can follow */
  reason: z.string().min(10),
});
export const Baseline = z.object({ version: z.literal(1), entries: z.array(BaselineEntry) });
export type Baseline = z.infer<typeof Baseline>;

export function parseBaseline(text: string, file: string): { baseline?: Baseline; error?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `${file}: not valid JSON (${(e as Error).message})` };
  }
  const parsed = Baseline.safeParse(json);
  if (!parsed.success) return { error: `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` };
  return { baseline: parsed.data };
}

/** accept() for buildCheckReport, plus stale-entry findings for entries no finding matched */
export function applyBaseline(baseline: Baseline, file: string, text: string, fingerprints: Iterable<string>): {
  accept: (fp: string) => string | undefined;
  stale: Issue[];
} {
  const reasons = new Map(baseline.entries.map((e) => [e.fingerprint, e.reason]));
  const present = new Set(fingerprints);
  const stale = baseline.entries
    .filter((e) => !present.has(e.fingerprint))
    .map((e) =>
      makeIssue("baseline_stale", { file, line: lineOf(text, e.fingerprint) }, {
        fingerprint: e.fingerprint,
        reason: "the finding is gone: the source was corrected or the check changed; remove the entry",
      }),
    );
  return { accept: (fp) => reasons.get(fp), stale };
}

// the line of the entry's fingerprint in the file, so an editor can jump to it
function lineOf(text: string, fingerprint: string): number {
  const at = text.indexOf(JSON.stringify(fingerprint));
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}
