// the published verdict row (dist/claims.csv|json) and the claim fields the checker reads
import { z } from "zod";
import { IsoDate, type DatasetSpec } from "@bycn/core";

export const ClaimOperator = z.enum(["=", ">", "≥", "<", "≤", "≈"]);
export type ClaimOperator = z.infer<typeof ClaimOperator>;

/** The fields of a registry claim the checker reads; the article pipeline's Claim rows have these and more. */
export interface Claim {
  id: string;
  /** ISO3 code, or GREAT_STONE for the park */
  subject: string;
  /** series code or named measure; for derived claims the formula (growth_pct) */
  measure: string;
  edition: string;
  reference_year: number;
  /** the value exactly as printed ("2,575.1") */
  printed: string;
  unit: string;
  operator: ClaimOperator;
  /** allowed distance for ≈, in the claim's unit; null → the rounding of the printed last digit */
  tolerance: number | null;
  /** `label=series;label=mean(a,b)` when the wording fits several series; "" → the measure */
  readings: string;
  /** ";"-separated ids of the claims a derived claim is computed from; "" for direct claims */
  derived_from: string;
  /** latest date the figure can describe (yyyy-mm-dd), "" when any date in the reference year will do */
  as_of: string;
  /** the period the wording makes the figure a total over ("month" for "monthly"); "" or absent when it names none */
  per?: string;
  /** "target" for a plan or target figure: only plans and targets in the data can confirm it; absent → actual */
  status?: string;
  raw_file: string;
  raw_line: number;
}

export const VerdictKind = z.enum(["confirmed", "matches_other_year", "contradicted", "unverifiable", "consistent", "inconsistent"]);
export type VerdictKind = z.infer<typeof VerdictKind>;

const d = (description: string) => ({ description });

export const EvidenceTier = z.enum(["primary", "secondary"]);

/** One verdict per registry claim, with the evidence that decided it. */
export const ClaimVerdict = z.object({
  id: z.string().min(1).meta(d("Claim id from the registry.")),
  subject: z.string().min(1).meta(d("ISO3 code of the economy, or GREAT_STONE for the park.")),
  measure: z.string().min(1).meta(d("Series code or named measure the claim reports.")),
  edition: z.string().meta(d("Edition of the publication the figure is taken from, e.g. IDI 2024.")),
  printed: z.string().min(1).meta(d("The value exactly as the article prints it.")),
  operator: ClaimOperator.meta(d("How the printed value relates to the data: =, >, ≥, <, ≤ or ≈.")),
  unit: z.string().meta(d("Unit of the printed value.")),
  reference_year: z.number().int().meta(d("Year the figure describes.")),
  verdict: VerdictKind.meta(d("confirmed, matches_other_year, contradicted, unverifiable, consistent or inconsistent.")),
  data_value: z.number().nullable().meta(d("The data value that decided the verdict, in the printed unit (USD bn, not USD); the recomputed value for derived claims.")),
  data_year: z.number().int().nullable().meta(d("Year of that data value.")),
  difference: z.number().nullable().meta(d("Data value minus the printed value, in the printed unit.")),
  relative_difference: z.number().nullable().meta(d("Difference divided by the printed value.")),
  would_match_truncated: z.boolean().nullable().meta(d("Whether truncating the data value (instead of rounding) gives the printed figure.")),
  reading: z.string().nullable().meta(d("Which series or reading of the wording the evidence is for.")),
  explanation: z.string().min(1).meta(d("Plain-language account of the verdict, generated from the numbers.")),
  evidence_dataset: z.string().nullable().meta(d("Published dataset holding the evidence row.")),
  evidence_file: z.string().nullable().meta(d("Raw file the evidence value was read from.")),
  evidence_line: z.number().int().positive().nullable().meta(d("Physical line of the evidence record in the raw file.")),
  evidence_sha256: z.string().nullable().meta(d("sha256 of the raw snapshot holding the evidence.")),
  evidence_vintage: IsoDate.nullable().meta(d("Retrieval date of that snapshot (the data vintage).")),
  evidence_value: z.number().nullable().meta(d("The evidence value as the dataset publishes it, in evidence_unit (the mean, for a mean reading).")),
  evidence_unit: z.string().nullable().meta(d("Unit of evidence_value as the dataset publishes it (USD, %, count…).")),
  evidence_tier: EvidenceTier.nullable().meta(d("primary: the publisher's own file or its official republication; secondary: a third party's transcription.")),
  claim_file: z.string().min(1).meta(d("The registry file the claim is read from.")),
  claim_line: z.number().int().positive().meta(d("Physical line of the claim in the registry file.")),
});
export type ClaimVerdict = z.infer<typeof ClaimVerdict>;

export const claimsDataset: DatasetSpec = {
  name: "claims",
  title: "Article claims checked against the data",
  description:
    "One verdict per figure the article reports: confirmed, matches another year, contradicted, unverifiable, or for derived figures consistent/inconsistent, with the raw file, line, checksum and vintage of the evidence.",
  schema: ClaimVerdict,
  primaryKey: ["id"],
  sources: ["article", "itu-datahub", "itu-idi", "itu-price-baskets", "wdi", "owid", "belta"],
};
