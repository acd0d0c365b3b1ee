// vintage tracking: values a source revised between two of its snapshots, as rows of the `revisions` dataset
import { z } from "zod";
import { IsoDate, SourceId, type DatasetSpec, type Observation } from "@bycn/core";
import { samePrinted } from "./precision.js";

const d = (description: string) => ({ description });

/** One value a source revised: the same entity, indicator and year printed differently in two vintages. */
export const Revision = z.object({
  source: SourceId.meta(d("Source id: the raw/<source>/ folder both vintages come from.")),
  entity: z.string().min(1).meta(d("Stable entity key: ISO3 for economies, the source's code or a slug for aggregates.")),
  indicator: z.string().min(1).meta(d("The source's own series code.")),
  year: z.number().int().min(1960).max(2100).meta(d("Reference year the value describes.")),
  old_value: z.number().finite().meta(d("The value in the older vintage.")),
  new_value: z.number().finite().meta(d("The value in the newer vintage.")),
  old_vintage: IsoDate.meta(d("Retrieval date of the older snapshot.")),
  new_vintage: IsoDate.meta(d("Retrieval date of the newer snapshot.")),
});
export type Revision = z.infer<typeof Revision>;

export const revisionsDataset: DatasetSpec = {
  name: "revisions",
  title: "Revisions between data vintages",
  description:
    "Values a source printed differently in two retrievals of the same file: entity, indicator and year, old and new value, and the two vintages. A change smaller than half a unit of the last digit the coarser printing shows is not a revision.",
  schema: Revision,
  primaryKey: ["source", "entity", "indicator", "year", "new_vintage"],
  sources: ["itu-datahub", "itu-idi", "itu-price-baskets", "wdi", "owid", "belta"],
};

export type RevisionInput = Pick<Observation, "source" | "entity" | "indicator" | "year" | "value">;

/**
 * Rows of one source in two vintages → the values that changed, sorted by the primary key. Values present in
 * only one vintage are additions or withdrawals, not revisions, and are left out; a key repeated within one
 * vintage keeps its first value. Precision: the values are printed back (shortest round trip, what the source
 * printed) and compared with the published-precision rule.
 */
export function revisionsFrom(oldRows: RevisionInput[], newRows: RevisionInput[], oldVintage: string, newVintage: string): Revision[] {
  const keyOf = (r: RevisionInput): string => JSON.stringify([r.source, r.entity, r.indicator, r.year]);
  const before = new Map<string, RevisionInput>();
  for (const r of oldRows) if (!before.has(keyOf(r))) before.set(keyOf(r), r);
  const out: Revision[] = [];
  const seen = new Set<string>();
  for (const r of newRows) {
    const k = keyOf(r);
    if (seen.has(k)) continue;
    seen.add(k);
    const o = before.get(k);
    if (!o || samePrinted(String(o.value), String(r.value))) continue;
    out.push({
      source: r.source,
      entity: r.entity,
      indicator: r.indicator,
      year: r.year,
      old_value: o.value,
      new_value: r.value,
      old_vintage: oldVintage,
      new_vintage: newVintage,
    });
  }
  const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(a.source, b.source) || cmp(a.entity, b.entity) || cmp(a.indicator, b.indicator) || cmp(a.year, b.year));
}
