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
  /** columns whose values must be keys of another published dataset; the publisher checks every row */
  foreignKeys?: ForeignKey[];
}

/** a Table Schema foreign key: `fields` of this dataset → `reference.fields` of the dataset named `reference.resource` */
export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
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
  /** the same steps record by record, for `bycn validate` on files too large to hold (absent: `run` on the whole file) */
  stream?: StreamingPipeline;
}

/** One data record as a table reader yields it (@bycn/ingest's RawRecord; core does not depend on ingest). */
export interface TableRecord {
  /** physical 1-based line where the record starts */
  line: number;
  /** field values, exactly one per header column */
  fields: string[];
  /** the record's raw text, without its line terminator */
  raw: string;
}

/** A record that passed its own checks and waits for those that need its neighbours in key order (duplicates, unit breaks). */
export interface Candidate {
  /** name of the dataset its rows belong to */
  dataset: string;
  /** index of its file among the run's files (sorted by name): of equal keys, the first file and line win */
  file: number;
  line: number;
  raw: string;
  /** the published rows it becomes (one, or several for one record with several answers), in primary-key order */
  rows: Record<string, unknown>[];
}

/** where a streaming step sends what it finds, as it finds it: nothing is collected unless the caller collects it */
export interface RecordSink {
  candidate(c: Candidate): void;
  reject(r: Reject): void;
  /**
   * `once`: the issue is reported once per file for this key (an unknown series repeats on thousands of records).
   * A caller that reads one file in several ranges gets one per range and keeps the one on the lowest line.
   */
  issue(i: Issue, once?: string): void;
}

export interface RowSink {
  row(row: Record<string, unknown>): void;
  reject(r: Reject): void;
  issue(i: Issue): void;
}

/** the consumer of one dataset's candidates in key order (ties: file, then line) */
export interface SortedStep {
  push(c: Candidate): void;
  end(): void;
}

/**
 * The streaming form of a pipeline, for files too large to hold: records one at a time, then each dataset's
 * candidates in key order (the caller sorts, in memory or on disk). Pure like `run`, which is built on it.
 */
export interface StreamingPipeline {
  /** a file's header → the function for its data records; undefined when the header is not this source's (an issue says why) */
  begin(
    file: Pick<Snapshot, "file" | "vintage">,
    fileIndex: number,
    table: { header: string[]; headerLine: number },
    sink: RecordSink,
  ): ((rec: TableRecord) => void) | undefined;
  /** order of one dataset's candidates without the file/line tiebreak; candidates that compare equal are duplicates */
  compare(dataset: string): (a: Candidate, b: Candidate) => number;
  /** consumes one dataset's candidates in key order: duplicates and cross-row checks, rows out in published order */
  sorted(dataset: string, files: readonly string[], sink: RowSink): SortedStep;
  /** the row columns `compare` and `sorted` read: a caller that sorts on disk may keep only these (and the rendered row) */
  sortColumns(dataset: string): readonly string[];
  /**
   * A row column `compare` orders by first and `sorted` never looks across (no duplicate, no cross-row check spans two
   * of its values): a caller may cut the key order at a change of this column and run `sorted` on each part alone.
   */
  partitionColumn?(dataset: string): string;
}
