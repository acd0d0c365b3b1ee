// the shape every pure pipeline step shares
import type { Issue } from "./issues.js";

/** A raw snapshot file handed to a pure step: bytes plus where they came from. No I/O happens after this. */
export interface Snapshot {
  /** path relative to the project root, e.g. raw/itu-datahub/2025-12-28/households.csv */
  file: string;
  bytes: Uint8Array;
  /** retrieval date of the snapshot folder (yyyy-mm-dd), the data vintage */
  vintage: string;
  sha256: string;
}

/** A record that did not become a published row: kept with its raw text and the issue that stopped it. */
export interface Reject {
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
