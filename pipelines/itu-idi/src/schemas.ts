// the IDI scores file as written (iso3 plus one idi_<edition> column per edition) and the published idi-scores rows
import { observationDataset } from "@bycn/core";
import type { DatasetSpec } from "@bycn/core";
import { z } from "zod";

/** One record: an economy and its overall IDI score per edition, as text ("88.5"; "" when not scored). */
export const IdiRecord = z.object({ iso3: z.string().min(1) }).catchall(z.string());
export type IdiRecord = z.infer<typeof IdiRecord>;

/** a score column: idi_2023, idi_2024, … (the edition year, not the data year) */
export const EDITION_COLUMN = /^idi_(\d{4})$/;

export const IdiScores: DatasetSpec = observationDataset({
  name: "idi-scores",
  title: "ITU ICT Development Index scores",
  description:
    "Overall ICT Development Index score (0–100) per economy and edition; year is the edition year, and the note " +
    "says which data year the edition mostly uses (IDI 2024: mostly 2022 data).",
  source: "itu-idi",
});
