// the shapes every pure pipeline step shares
import type { z } from "zod";
import type { Issue } from "./issues.js";
import type { SourceId } from "./schemas.js";

/** A raw snapshot file handed to a pure step: bytes plus where they came from. No I/O happens after this. */
export interface Snapshot {
  /** path relative to the project root (or as the user gave it), e.g. raw/itu-datahub/2025-12-28/households.csv */
  file: string;
  bytes: Uint8Array;
  /** retrieval date of the snapshot folder (yyyy-mm-dd), the data vintage */
  vintage: string;
  sha256: string;
}

/** A record that did not become a published row: kept with its raw text and the issue that stopped it. */
export interface Reject {
  /** dataset whose rejects file holds it (set by the pipeline) */
  dataset?: string;
  raw_file: string;
  raw_line: number;
  code: string;
  message: string;
  raw_record: string;
}

export interface StepResult<Row> {
  rows: Row[];
  rejects: Reject[];
  issues: Issue[];
}

/** A published dataset: its zod schema is the single source of the Table Schema and JSON Schema. */
export interface DatasetSpec {
  /** dist/data/<name>.csv|.json */
  name: string;
  title: string;
  description: string;
  schema: z.ZodObject;
  /** columns that identify a row; rows are sorted by them */
  primaryKey: string[];
  /** source ids the rows come from (for datapackage sources) */
  sources: SourceId[];
}

export interface DatasetRows {
  spec: DatasetSpec;
  rows: Record<string, unknown>[];
}

export interface PipelineResult {
  datasets: DatasetRows[];
  /** every rejected input record, with `dataset` set */
  rejects: Reject[];
  issues: Issue[];
  /** data records read from the input files (each is a published row, several rows, or a reject) */
  dataRecords: number;
}

/** One source family: recognises its files and turns snapshots into datasets, purely. */
export interface Pipeline {
  id: SourceId;
  title: string;
  datasets: DatasetSpec[];
  /** does a header row (already decoded and split) look like this source's layout? used by `validate --kind auto` */
  detect(header: string[]): boolean;
  /** the files of one snapshot folder (or one user file) → datasets, rejects, issues; no I/O */
  run(snapshots: Snapshot[]): PipelineResult;
}
