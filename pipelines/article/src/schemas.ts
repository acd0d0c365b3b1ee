// the claims registry as written (raw/article/<date>/claims.csv, all strings) and the published claim row
import { IsoDateOrEmpty, type DatasetSpec } from "@bycn/core";
import { z } from "zod";

/** the registry's columns, in file order */
export const CLAIM_COLUMNS = [
  "id",
  "subject",
  "measure",
  "edition",
  "reference_year",
  "printed",
  "unit",
  "operator",
  "tolerance",
  "citation",
  "section",
  "paraphrase",
  "readings",
  "derived_from",
  "as_of",
] as const;

/** columns a registry may leave out (older registries and short user files); absent means empty */
export const OPTIONAL_CLAIM_COLUMNS = ["per", "status", "note"] as const;

/** what the figure is: a reported actual, or a plan/target (checked only against plans and targets) */
export const ClaimStatus = z.enum(["actual", "target"]);

/** periods a figure can be a total over, as the wording names them ("monthly" → month) */
export const Per = z.enum(["", "day", "week", "month", "quarter", "year"]);

const Id = z.string().regex(/^[A-Z][A-Z0-9_]*$/, "upper-case id: letters, digits, underscores");
const Subject = z.string().regex(/^(?:[A-Z]{3}|GREAT_STONE)$/, "ISO3 code or GREAT_STONE");
const Printed = z.string().regex(/^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/, "a number as printed: digits, optional thousands commas and decimals");
const PlainDecimal = /^\d+(?:\.\d+)?$/;
const IsoDate = /^\d{4}-\d{2}-\d{2}$/;
// label=series, label=mean(a,b) or label=rank(series,ISO3,…) / rank_asc(…), separated by ";"
const READING = "[^;=()]+=(?:[^\\s;=(),]+|(?:mean|rank|rank_asc)\\([^\\s;=(),]+(?:,[^\\s;=(),]+)+\\))";
const Readings = new RegExp(`^(?:${READING}(?:;${READING})*)?$`);

export const Operator = z.enum(["=", ">", "≥", "<", "≤", "≈"]);
export type Operator = z.infer<typeof Operator>;

/** One registry record as the file writes it: every cell a string. */
export const ClaimRecord = z.object({
  id: Id,
  subject: Subject,
  measure: z.string().regex(/^\S+$/, "a series code or measure name without spaces"),
  edition: z.string().min(1),
  reference_year: z.string().regex(/^(?:19[6-9]\d|20\d{2})$/, "a four-digit year"),
  printed: Printed,
  unit: z.string().min(1),
  operator: Operator,
  tolerance: z.string().refine((s) => s === "" || PlainDecimal.test(s), "empty or a plain non-negative decimal"),
  citation: z.string().regex(/^\d+$/, "the article's source number"),
  section: z.string().min(1),
  paraphrase: z.string().min(1),
  readings: z.string().regex(Readings, "label=series;label=mean(a,b);label=rank(series,ISO3,ISO3)"),
  derived_from: z.string().regex(/^(?:[A-Z][A-Z0-9_]*(?:;[A-Z][A-Z0-9_]*)*)?$/, "claim ids separated by ;"),
  as_of: z.string().refine((s) => s === "" || IsoDate.test(s), "empty or yyyy-mm-dd"),
  per: Per,
  status: z.union([z.literal(""), ClaimStatus]),
  note: z.string(),
});
export type ClaimRecord = z.infer<typeof ClaimRecord>;

const d = (description: string) => ({ description });

/** One figure the article reports: what it is about, as printed, and where the article says it comes from. */
export const Claim = z.object({
  id: Id.meta(d("Stable claim id.")),
  subject: Subject.meta(d("ISO3 code of the economy, or GREAT_STONE for the China–Belarus Industrial Park.")),
  measure: z.string().min(1).meta(d("ITU series code or IDI code where one exists, else a named measure; for derived claims the formula (growth_pct).")),
  edition: z.string().min(1).meta(d("Publication edition the figure is quoted from, e.g. IDI 2024.")),
  reference_year: z.number().int().meta(d("Year the figure describes (IDI 2024 indicators mostly describe 2022; IDI scores are keyed by edition).")),
  printed: z.string().min(1).meta(d("The value exactly as printed, as text: 1 and 1.0 keep their precision.")),
  unit: z.string().min(1).meta(d("Unit of the printed value (USD bn means the data's USD × 10^9).")),
  operator: Operator.meta(d("Strict as printed: = a plain figure, > more than/over/exceeding, ≥ at least/not less than, < less than, ≤ at most/not more than, ≈ about/approximately.")),
  tolerance: z.number().nonnegative().nullable().meta(d("Allowed distance for ≈, in the printed unit, justified in note; empty means the rounding of the last printed digit.")),
  citation: z.number().int().positive().meta(d("Number of the article's cited source for the figure.")),
  section: z.string().min(1).meta(d("Section of the article the figure is in.")),
  paraphrase: z.string().min(1).meta(d("bycn's own one-line description of the figure (no text of the article).")),
  readings: z.string().meta(d("label=series;label=mean(a,b) when the wording fits several series; empty means the measure itself.")),
  derived_from: z.string().meta(d("Ids of the claims a derived figure is computed from, separated by ;, in order.")),
  as_of: IsoDateOrEmpty.meta(d("Latest date the figure can describe (yyyy-mm-dd), empty when any date in the reference year will do; evidence reported after it is context only.")),
  per: Per.meta(d("The period the wording makes the figure a total over (monthly → month); empty when it names none. A series whose values are totals over another period makes it a finding.")),
  status: ClaimStatus.meta(d("actual (empty in the file) for a reported figure; target for a plan, target or forecast, which only a plan or target in the data can confirm.")),
  note: z.string().meta(d("Why the operator, tolerance, as_of or reading fit the article's wording (bycn's words).")),
  raw_file: z.string().min(1).meta(d("The registry file the claim is read from.")),
  raw_line: z.number().int().positive().meta(d("Physical line of the claim in the registry file.")),
});
export type Claim = z.infer<typeof Claim>;

export const ArticleClaims: DatasetSpec = {
  name: "article-claims",
  title: "The article's figures (claims registry)",
  description:
    "Every figure the article reports, one row each: subject, measure, edition and reference year, the value as " +
    "printed (text), unit, operator, the article's citation number and section, and a paraphrase in bycn's words. " +
    "Derived figures name the claims they are computed from.",
  schema: Claim,
  primaryKey: ["id"],
  sources: ["article"],
};

/** The registry file's format as JSON Schema (one record, every cell a string), generated from ClaimRecord with the
 *  descriptions of the published Claim row; per and note may be left out. */
export function registryJsonSchema(): Record<string, unknown> {
  const record = ClaimRecord.partial({ per: true, status: true, note: true });
  const schema = z.toJSONSchema(record, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<string, unknown> & {
    properties: Record<string, Record<string, unknown>>;
  };
  const published = Claim.shape as Record<string, z.ZodType>;
  for (const [key, prop] of Object.entries(schema.properties)) {
    const description = published[key]?.meta()?.description;
    if (description !== undefined) prop.description = description;
  }
  return {
    title: "bycn claims registry: one record per figure (CSV with a header row; every cell is text)",
    ...schema,
  };
}
