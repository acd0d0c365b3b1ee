// the one table reader every source uses: bytes (whole or in chunks) → records with physical line numbers, issues, rejects
import Papa from "papaparse";
import { makeIssue, type Issue, type IssueCode, type IssueDetails, type Location, type Reject } from "@bycn/core";
import type { Delimiter, Encoding, LineBreak, RawRecord, ReadOptions, ResumePoint, TableInfo, TableSummary } from "./api.js";
import { ByteDecoder, concatBytes, controlCharAt, detectEncoding, forcedDetection, utf8Length, type Decoded } from "./encoding.js";
import { DEFAULT_MAX_RECORD_BYTES, PIECE_BYTES, REJECT_PREVIEW_CHARS, SNIFF_BYTES } from "./limits.js";
import { countBreaks, CR, LF } from "./lines.js";
import { RecordSkipper } from "./skipper.js";
import { headerNames } from "./header.js";
import { RecordScanner } from "./scan.js";
import { sniffDelimiter, sniffLineBreak } from "./sniff.js";

export { DEFAULT_MAX_RECORD_BYTES, PIECE_BYTES, REJECT_PREVIEW_CHARS, SNIFF_BYTES } from "./limits.js";
export { countBreaks } from "./lines.js";

const MAX_INVALID_UTF8_ISSUES = 10;

type Phase = "sniff" | "parse" | "skip" | "dead" | "ended";
type StepResult = Papa.ParseStepResult<string[][]>;
const NO_ERRORS: Papa.ParseError[] = [];

/**
 * Streaming reader: `push(chunk)` returns the data records the chunk completed, `end()` the rest; `info`, `issues`,
 * `rejects` and `dataRecords` fill in as it goes. Records never become one whole-file string: only the unfinished
 * record is carried between chunks, and one that outgrows `maxRecordBytes` is skipped, not buffered.
 *
 * papaparse's core Parser does the CSV work (quotes, escaped quotes, delimiters); it is run over the carried text with
 * ignoreLastRow until `end()`, and its per-row cursor gives each record's raw text, hence its physical line.
 */
export class TableReader {
  /** set once the header row is found */
  info: TableInfo | undefined = undefined;
  readonly issues: Issue[] = [];
  readonly rejects: Reject[] = [];
  /** data records seen after the header, published or rejected */
  dataRecords = 0;

  private readonly file: string;
  private readonly maxRecord: number;
  private readonly isHeader: (fields: string[]) => boolean;
  private readonly forced: { encoding?: Encoding; delimiter?: Delimiter; lineBreak?: LineBreak };
  private readonly sniffBytes: number;
  private phase: Phase = "sniff";
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private decoder: ByteDecoder | undefined;
  private encoding: Encoding = "utf-8";
  private bom = false;
  private delimiter: Delimiter = ",";
  private lineBreak: LineBreak = "\n";
  private parser: Papa.Parser | undefined;
  /** the fast path for well-formed records; undefined when the reader runs papaparse alone */
  private scanner: RecordScanner | undefined;
  private readonly reference: boolean;
  /** decoded text not yet consumed: the start of an unfinished record */
  private pending = "";
  /** physical line where `pending` starts */
  private line = 1;
  private prevEndedCR = false;
  /** the string papaparse is parsing and where the next row starts in it */
  private input = "";
  private rowStart = 0;
  private nextLF = -1;
  private nextCR = -1;
  private out: RawRecord[] = [];
  private header: string[] | undefined;
  private trailingEmpty = false;
  private skipper: RecordSkipper | undefined;
  private invalidReported = 0;

  constructor(opts: ReadOptions) {
    this.file = opts.file;
    this.maxRecord = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.isHeader = opts.isHeader ?? (() => true);
    this.forced = {};
    if (opts.encoding) this.forced.encoding = opts.encoding;
    if (opts.delimiter) this.forced.delimiter = opts.delimiter;
    if (opts.lineBreak) this.forced.lineBreak = opts.lineBreak;
    this.sniffBytes = Math.max(1, opts.sniffBytes ?? SNIFF_BYTES);
    this.reference = opts.reference ?? false;
    if (opts.resume) this.resume(opts.resume);
  }

  /** take up the file at a record boundary inside it: the dialect and header are the file start's, nothing is sniffed */
  private resumed = false;

  private resume(at: ResumePoint): void {
    this.resumed = true;
    const info = at.info;
    this.info = info;
    this.encoding = info.encoding;
    this.bom = info.bom;
    this.delimiter = info.delimiter;
    this.lineBreak = info.lineBreak;
    this.header = info.header;
    this.trailingEmpty = info.trailingEmptyColumn;
    this.line = at.line;
    this.decoder = new ByteDecoder(info.encoding, at.offset, true);
    this.startParsing();
  }

  /**
   * True when everything pushed so far ended complete records: no unfinished record is carried, none is being
   * skipped. A range read by one thread must end so, or the next range's reader did not start where a record starts.
   */
  atRecordStart(): boolean {
    return this.phase === "parse" && this.pending === "" && this.skipper === undefined;
  }

  /** physical line where the next record starts (after the last record returned) */
  get nextLine(): number {
    return this.line;
  }

  /** Feed the next bytes; returns the data records completed by them. */
  push(chunk: Uint8Array): RawRecord[] {
    if (this.phase === "ended") throw new Error("TableReader.push() after end()");
    // big chunks are worked in PIECE_BYTES slices: megabyte strings would land in V8's large-object space
    for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
      const piece = chunk.length <= PIECE_BYTES ? chunk : chunk.subarray(at, at + PIECE_BYTES);
      if (this.phase === "sniff") {
        this.head.push(piece);
        this.headBytes += piece.length;
        if (this.headBytes >= this.sniffBytes) this.start(false);
      } else if (this.phase !== "dead") {
        this.decodeAndFeed(piece, false);
      }
    }
    return this.take();
  }

  /** No more bytes: returns the last records and adds end-of-file issues (header_missing, header_only). */
  end(): RawRecord[] {
    if (this.phase === "ended") return [];
    if (this.phase === "sniff") this.start(true);
    else if (this.phase !== "dead") this.decodeAndFeed(new Uint8Array(0), true);
    if (this.phase !== "dead") {
      if (!this.info) this.issue("header_missing", undefined, {});
      // a resumed reader holds a later range: its file's header has records in the ranges before
      else if (this.dataRecords === 0 && !this.resumed) this.issue("header_only", this.info.headerLine, {});
    }
    this.phase = "ended";
    return this.take();
  }

  /** Everything but the records, as `streamTable` returns it. */
  summary(): TableSummary {
    return { info: this.info, issues: this.issues, rejects: this.rejects, dataRecords: this.dataRecords };
  }

  /** Drive this reader over an async byte stream (a Node Readable works), yielding non-empty batches; returns the summary. */
  async *stream(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<RawRecord[], TableSummary, undefined> {
    for await (const chunk of chunks) {
      const batch = this.push(chunk);
      if (batch.length) yield batch;
    }
    const last = this.end();
    if (last.length) yield last;
    return this.summary();
  }

  private start(complete: boolean): void {
    const head = concatBytes(this.head);
    this.head = [];
    if (complete && head.length === 0) {
      this.issue("file_empty", undefined, {});
      this.phase = "dead";
      return;
    }
    // decide from the first sniffBytes only: a 100 MB one-shot buffer is not scanned twice
    const sample = head.length > this.sniffBytes ? head.subarray(0, this.sniffBytes) : head;
    const sampleComplete = complete && sample.length === head.length;
    const det = this.forced.encoding ? forcedDetection(sample, this.forced.encoding, sampleComplete) : detectEncoding(sample, sampleComplete);
    if (!det.ok) {
      if (det.code === "binary_content") this.issue("binary_content", undefined, { offset: det.offset });
      else this.issue("encoding_undetermined", undefined, { candidates: det.candidates });
      this.phase = "dead";
      return;
    }
    this.encoding = det.encoding;
    this.bom = det.bom;
    this.decoder = new ByteDecoder(det.encoding);
    // the dialect is sniffed from the sampled bytes alone, so any chunking of the same file decides the same way
    const textSample = new TextDecoder(det.encoding).decode(sample);
    if (det.encoding === "utf-16le" || det.encoding === "utf-16be") {
      // control bytes are only visible after decoding utf-16; each code unit is 2 bytes
      const at = controlCharAt(textSample, sampleComplete);
      if (at >= 0) {
        this.issue("binary_content", undefined, { offset: (det.bom ? 2 : 0) + 2 * at });
        this.phase = "dead";
        return;
      }
    }
    this.issue("encoding_detected", undefined, { encoding: det.encoding, bom: det.bom });
    this.lineBreak = this.forced.lineBreak ?? sniffLineBreak(textSample, sampleComplete);
    this.delimiter = this.forced.delimiter ?? sniffDelimiter(textSample, this.lineBreak, sampleComplete);
    this.startParsing();
    this.decodeAndFeed(head, complete);
  }

  private decodeAndFeed(chunk: Uint8Array, final: boolean): void {
    const decoded = this.decoder!.decode(chunk, final);
    this.reportInvalid(decoded);
    this.feed(decoded.text, final);
  }

  private reportInvalid(decoded: Decoded): void {
    if (!decoded.invalid.length || this.invalidReported >= MAX_INVALID_UTF8_ISSUES) return;
    // line of the decoded text's end so far: the unfinished record's start plus its breaks
    let base = this.skipper ? this.skipper.startLine + this.skipper.breaks : this.line + countBreaks(this.pending);
    if (!this.skipper && this.pending.endsWith("\r") && decoded.text.startsWith("\n")) base--; // one CRLF across two chunks
    for (const { offset, breaksBefore } of decoded.invalid) {
      if (this.invalidReported++ >= MAX_INVALID_UTF8_ISSUES) break;
      this.issue("invalid_utf8", Math.max(base + breaksBefore, 1), { offset });
    }
  }

  private startParsing(): void {
    this.parser = new Papa.Parser({ delimiter: this.delimiter, newline: this.lineBreak, step: this.onStep });
    if (!this.reference) this.scanner = new RecordScanner(this.delimiter, this.lineBreak);
    this.phase = "parse";
  }

  private feed(text: string, final: boolean): void {
    if (this.phase === "skip") {
      const end = this.skipper!.feed(text);
      if (end < 0) {
        if (final) this.finishSkip(true);
        return;
      }
      this.finishSkip(false);
      text = text.slice(end);
    }
    this.pending = this.pending ? this.pending + text : text;
    // a record can only end at a line break: no break in the new text, nothing new to parse
    if (!final && text.indexOf(this.lineBreak === "\r" ? "\r" : "\n") < 0) {
      this.checkOverlong();
      return;
    }
    let input = this.begin(this.pending);
    if (this.scanner) {
      // the fast scanner takes the records it is sure of; papaparse parses the rest (and decides the file's end)
      const stop = this.scanner.scan(input, this.onScanned);
      if (this.scanner.unsure || final) input = this.begin(input.slice(stop));
    }
    if (!this.scanner || this.scanner.unsure || final) this.parser!.parse(input, 0, !final);
    this.pending = final ? "" : input.slice(this.rowStart);
    this.input = "";
    if (!final) this.checkOverlong();
  }

  private checkOverlong(): void {
    // a final CR may be the start of the line break (CRLF split between chunks): not counted, as a one-shot read would not
    const content = this.pending.length - (this.pending.endsWith("\r") ? 1 : 0);
    if (content <= this.maxRecord) return;
    const text = this.pending;
    this.pending = "";
    this.skipper = new RecordSkipper(this.line, this.delimiter, this.lineBreak);
    this.phase = "skip";
    this.feed(text, false);
  }

  private finishSkip(eof: boolean): void {
    const s = this.skipper!;
    this.skipper = undefined;
    this.phase = "parse";
    this.line = s.startLine + s.breaks + (eof ? 0 : 1);
    this.prevEndedCR = false;
    const raw = `${s.preview()}…`;
    if (eof && s.openAtEnd()) this.problem("unclosed_quote", s.quoteLine, {}, raw, s.startLine);
    else this.problem("line_too_long", s.startLine, { bytes: s.bytes, limit: this.maxRecord }, raw);
  }

  /** `input` is the text being parsed from here on: row positions restart at its start */
  private begin(input: string): string {
    this.input = input;
    this.rowStart = 0;
    this.nextLF = input.indexOf("\n");
    this.nextCR = input.indexOf("\r");
    return input;
  }

  private readonly onScanned = (fields: string[], end: number): void => this.onRow(fields, end, NO_ERRORS);

  private readonly onStep = (r: StepResult): void => this.onRow(r.data[0]!, r.meta.cursor, r.errors);

  private onRow(fields: string[], end: number, errors: Papa.ParseError[]): void {
    const input = this.input;
    const start = this.rowStart;
    this.rowStart = end;
    // physical breaks in [start, end): the next LF/CR positions are cached, so each character is searched once
    let breaks = 0;
    while (this.nextLF !== -1 && this.nextLF < end) {
      breaks++;
      this.nextLF = input.indexOf("\n", this.nextLF + 1);
    }
    while (this.nextCR !== -1 && this.nextCR < end) {
      if (input.charCodeAt(this.nextCR + 1) !== LF) breaks++;
      this.nextCR = input.indexOf("\r", this.nextCR + 1);
    }
    if (this.prevEndedCR && input.charCodeAt(start) === LF) breaks--; // a CRLF split across two records (CR-separated files)
    this.prevEndedCR = input.charCodeAt(end - 1) === CR;
    const line = this.line;
    this.line += breaks;
    const nl = this.lineBreak;
    let rawEnd = end;
    // an unclosed quote runs to the end of the file: a final line break is inside it, not a terminator
    const open = errors.length > 0 && errors.some((e) => e.code === "MissingQuotes");
    if (!open && end - nl.length >= start && input.startsWith(nl, end - nl.length)) {
      rawEnd -= nl.length;
      // a CRLF line in an LF file: the CR belongs to the line break, not to the last field
      if (nl === "\n" && rawEnd > start && input.charCodeAt(rawEnd - 1) === CR) {
        rawEnd--;
        const last = fields[fields.length - 1]!;
        if (last.endsWith("\r")) fields[fields.length - 1] = last.slice(0, -1);
      }
    }
    this.onRecord(line, fields, input.slice(start, rawEnd), errors, input, start);
  }

  private onRecord(line: number, fields: string[], raw: string, errors: Papa.ParseError[], input: string, start: number): void {
    const unclosed = errors.length ? errors.find((e) => e.code === "MissingQuotes") : undefined;
    // papaparse's index is just past the opening quote
    const quoteLine = unclosed ? line + countBreaks(input.slice(start, unclosed.index ?? start)) : line;
    const bytes = raw.length * 3 > this.maxRecord ? utf8Length(raw) : 0;
    const tooLong = bytes > this.maxRecord;
    const shown = raw.length > this.maxRecord ? `${raw.slice(0, REJECT_PREVIEW_CHARS)}…` : raw;
    if (unclosed) return this.problem("unclosed_quote", quoteLine, {}, shown, line);
    if (tooLong) return this.problem("line_too_long", line, { bytes, limit: this.maxRecord }, shown);
    // a record of one empty or blank field is a blank line (also in one-column tables: nothing to keep)
    if (fields.length === 1 && fields[0]!.trim() === "") return;
    if (!this.header) {
      if (this.isHeader(fields)) this.setHeader(line, fields);
      return;
    }
    if (errors.length) {
      // InvalidQuotes: a closing quote followed by text ("a"b) — papaparse keeps going, the fields cannot be trusted
      return this.problem("parse_error", line, { cause: errors[0]!.message }, shown);
    }
    const n = this.header.length;
    if (this.trailingEmpty && fields.length === n + 1 && fields[n] === "") fields.pop();
    if (fields.length !== n) return this.problem("ragged_row", line, { expected: n, found: fields.length }, raw);
    this.dataRecords++;
    this.out.push({ line, fields, raw });
  }

  private setHeader(line: number, fields: string[]): void {
    const { names, trailingEmpty, repeated } = headerNames(fields);
    if (line > 1) this.issue("preamble_skipped", 1, { lines: line - 1 });
    for (const r of repeated) this.issue("duplicate_column", line, { column: r.name }, r.index + 1, r.name);
    this.header = names;
    this.trailingEmpty = trailingEmpty;
    this.info = {
      encoding: this.encoding,
      bom: this.bom,
      delimiter: this.delimiter,
      lineBreak: this.lineBreak,
      headerLine: line,
      header: names,
      trailingEmptyColumn: trailingEmpty,
    };
  }

  /**
   * a structural problem: before the header only an issue; after it also a reject, counted as a data record.
   * The issue names `line` (for unclosed_quote the line the quote opened on), the reject the record's first line.
   */
  private problem<C extends "unclosed_quote" | "line_too_long" | "parse_error" | "ragged_row">(
    code: C,
    line: number,
    details: IssueDetails[C],
    raw: string,
    recordLine = line,
  ): void {
    const issue = this.issue(code, line, details);
    if (!this.header) return;
    this.dataRecords++;
    // a copy: `raw` is a slice of the piece being parsed, and a kept slice would keep the whole piece alive
    this.rejects.push({ raw_file: this.file, raw_line: recordLine, code, message: issue.message, raw_record: raw.length < 13 ? raw : ` ${raw}`.slice(1) });
  }

  private issue<C extends IssueCode>(code: C, line: number | undefined, details: IssueDetails[C], column?: number, field?: string): Issue {
    const at: Location = { file: this.file };
    if (line !== undefined) at.line = line;
    if (column !== undefined) at.column = column;
    if (field !== undefined) at.field = field;
    const issue = makeIssue(code, at, details);
    this.issues.push(issue);
    return issue;
  }

  private take(): RawRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}
