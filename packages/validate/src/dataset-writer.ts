// one dataset written row by row as csv (and json): the bytes renderCsv and renderJson give for the same rows
import type { DatasetSpec } from "@bycn/core";
import { columnsOf, csvHeader, csvLine, jsonKeysOf, jsonLine, type CsvColumn, type JsonKey } from "@bycn/publish";
import { frameEnd, TextSink, type RenderedRef } from "@bycn/sort";

// the bytes between rendered rows: "\n" after a csv line, "[\n" or ",\n" before a json line
const LF = 0x0a;
const COMMA = 0x2c;
const OPEN = 0x5b;

/**
 * One dataset written row by row as `<name>.csv` (and `<name>.json` when asked): the same bytes renderCsv and
 * renderJson give for the same rows in the same order. With `part`, one part of files written by several threads in
 * turn: only the first part writes the csv header and opens the json array, and no part closes it (the caller joins
 * the parts and closes the array).
 */
export class DatasetWriter {
  private readonly columns: CsvColumn[];
  private readonly keys: JsonKey[];
  private readonly csv: TextSink;
  private readonly json: TextSink | undefined;
  rows = 0;

  constructor(
    spec: Pick<DatasetSpec, "schema">,
    csvFile: string,
    jsonFile?: string,
    private readonly part?: { first: boolean },
  ) {
    this.columns = columnsOf(spec);
    this.keys = jsonKeysOf(spec);
    this.csv = new TextSink(csvFile);
    this.json = jsonFile === undefined ? undefined : new TextSink(jsonFile);
    if (part === undefined || part.first) {
      this.csv.write(`${csvHeader(this.columns)}\n`);
      if (part !== undefined) this.json?.write("[\n");
    }
  }

  write(row: Record<string, unknown>): void {
    this.csv.write(csvLine(this.columns, row));
    this.csv.ascii(LF);
    if (this.json !== undefined) {
      this.jsonSeparator();
      this.json.write(jsonLine(this.keys, row));
    }
    this.rows++;
  }

  /** a row rendered earlier (renderedCodec): its csv and json frames copied as they are */
  writeRendered(r: RenderedRef): void {
    this.csv.writeBytes(r.bytes, r.csv + 4, r.json);
    this.csv.ascii(LF);
    if (this.json !== undefined) {
      this.jsonSeparator();
      this.json.writeBytes(r.bytes, r.json + 4, frameEnd(r.bytes, r.json));
    }
    this.rows++;
  }

  /** before a json line: ",\n" after another row, "[\n" before the first one of a whole file (a part's caller opens it) */
  private jsonSeparator(): void {
    if (this.rows > 0) this.json!.ascii(COMMA, LF);
    else if (this.part === undefined) this.json!.ascii(OPEN, LF);
  }

  close(): void {
    this.csv.close();
    if (this.json !== undefined) {
      if (this.part === undefined) this.json.write(this.rows === 0 ? "[]\n" : "\n]\n");
      this.json.close();
    }
  }
}

