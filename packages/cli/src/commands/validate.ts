// bycn validate FILE: a user's own file through the matching pipeline → normalized rows, rejects and issues, streamed
import { closeSync, fstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { makeIssue, SEVERITY_RANK, textLine, escapeControls, type Candidate, type Issue, type Pipeline, type Reject, type SourceId, type StreamingPipeline } from "@bycn/core";
import { readTable, TableReader, type RawRecord, type TableInfo, type TableSummary } from "@bycn/ingest";
import { DatasetWriter, ExternalSorter, REJECTS_SPEC, removeDir, renderedOf } from "@bycn/publish";
import type { Command } from "../command.js";
import { CliError, issueLine, type Io } from "../output.js";
import { KIND_ALIASES, PIPELINES } from "../pipelines.js";
import { sha256Hex } from "../raw.js";
import { openInput } from "../input.js";
import { byReject, FATAL, PARALLEL_MIN_BYTES, renderedSorter, validateInRanges } from "./validate-parallel.js";

/** bytes read from the file at a time; the reader works them in 64 KiB pieces */
const READ_BYTES = 1 << 20;
/** non-info issues printed by the text format; the rest are counted (`--format json` lists every one) */
export const TEXT_ISSUE_LIMIT = 1000;
const UNKNOWN_LAYOUT = "a layout bycn knows (itu-datahub, wdi, owid, itu-price-baskets, itu-idi, great-stone); pass --kind";

export interface ValidateOptions {
  /** the file as named in issues and messages */
  file: string;
  /** the path read, when it is not `file`: standard input or a pipe, read once into a temp file (input.ts) */
  source?: string | undefined;
  /** "auto" or a KIND_ALIASES name */
  kind: string;
  out?: string | undefined;
  format: "text" | "json";
  /** candidates, rejects or issues held in memory before a sorted run goes to disk (default 50,000) */
  runItems?: number;
  /** parent of the run's temp folder (default the system's); the folder is removed at the end, also on error */
  tmp?: string;
  /** false: read the whole file and call pipeline.run, the path every kind without a streaming form takes */
  streaming?: boolean;
  /** threads that read and merge a big file's ranges (default: the machine's cores); 1 keeps to one thread */
  threads?: number;
  /** with threads > 1: run the ranges' tasks one after another in this thread (same cuts and bytes; for tests) */
  inline?: boolean;
  /** the smallest file read in ranges (default PARALLEL_MIN_BYTES) */
  parallelMinBytes?: number;
}

/** what either path leaves for the report: counts, and the issues in file order (streamed from disk when many) */
interface Outcome {
  kind: SourceId | undefined;
  encoding: string | null;
  dataRecords: number;
  datasets: { name: string; rows: number }[];
  rejects: number;
  issues: Iterable<Issue>;
  fatal: boolean;
}

interface Numbered {
  n: number;
  issue: Issue;
}

/** issues in file order: by line (file-level ones first), then in the order they were found */
function byLine(a: Numbered, b: Numbered): number {
  return (a.issue.at?.line ?? 0) - (b.issue.at?.line ?? 0) || a.n - b.n;
}


export const validateCommand: Command = {
  name: "validate",
  summary: "validate your own file (ITU DataHub, WDI, OWID, price baskets, IDI, Great Stone): rows, rejects, issues",
  args: [{ name: "FILE", description: "your file; - or /dev/stdin reads standard input" }],
  options: {
    kind: { type: "enum", choices: ["auto", ...Object.keys(KIND_ALIASES)], default: "auto", placeholder: "KIND", description: "the file's layout; auto detects it from the header" },
    out: { type: "string", placeholder: "DIR", description: "write DIR/<dataset>.csv, DIR/<dataset>.json and DIR/rejects.csv" },
    format: { type: "enum", choices: ["text", "json"], default: "text", description: "issues as lines, or one JSON document" },
    json: { type: "boolean", description: "the same as --format json" },
    threads: { type: "number", description: "worker threads for a big file (default: the machine's cores; 1 keeps to one)" },
  },
  examples: ["bycn validate my-export.csv", "bycn validate - --kind wdi --out checked/ < wdi.csv"],
  async run({ values, positionals }, io) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new CliError(`expected exactly one FILE\nusage: ${this.usage}`, 2);
    const format = values.json ? "json" : String(values.format);
    if (format !== "text" && format !== "json") throw new CliError(`--format must be text or json, not ${format}`, 2);
    const kind = String(values.kind);
    if (kind !== "auto" && !(kind in KIND_ALIASES)) throw new CliError(`--kind must be auto or one of ${Object.keys(KIND_ALIASES).join(", ")}`, 2);
    let threads: number | undefined;
    if (values.threads !== undefined) {
      threads = Number(values.threads);
      if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new CliError(`--threads must be a whole number from 1 to 64, not ${String(values.threads)}`, 2);
    }
    const input = openInput(file);
    try {
      const o: ValidateOptions = { file: input.shown, source: input.read, kind, out: values.out === undefined ? undefined : String(values.out), format };
      if (threads !== undefined) o.threads = threads;
      return await validateRun(o, io);
    } finally {
      input.cleanup();
    }
  },
};

async function validateRun(o: ValidateOptions, io: Io): Promise<number> {
  // from source (tsx, the tests) a worker could not load this module's TypeScript: the same work runs in-process
  if (import.meta.url.endsWith(".ts")) return validateFile(o, io);
  // a big file: this thread coordinates the range workers (its own work is small); otherwise one capped worker
  // BYCN_RANGE_MIN_BYTES lowers the size from which a file is read in ranges (the tests cut small files)
  const min = Number(process.env.BYCN_RANGE_MIN_BYTES);
  if (process.env.BYCN_RANGE_MIN_BYTES !== undefined && Number.isInteger(min) && min >= 0) o.parallelMinBytes = min;
  return (await validateRanged(o, io)) ?? validateInWorker({ ...o, threads: 1 }, io);
}

/**
 * V8 lets a busy heap fill with garbage long before it collects (measured: 0.9 GB peak RSS for 1M rows whose live data
 * stayed under 50 MB). The work runs in a worker thread with a capped heap, so V8 collects instead and the peak stays
 * flat whatever the file's size; a small young generation measured no slower here and ~30 MB lighter.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };

interface WorkerMessage {
  out?: string;
  err?: string;
  done?: number;
  cliError?: { message: string; exitCode: number };
  crash?: string;
}

async function validateInWorker(o: ValidateOptions, io: Io): Promise<number> {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { bycnValidate: o, color: io.color },
    resourceLimits: WORKER_HEAP,
  });
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void): void => {
      if (!settled) f();
      settled = true;
    };
    worker.on("message", (m: WorkerMessage) => {
      if (m.out !== undefined) io.out(m.out);
      else if (m.err !== undefined) io.err(m.err);
      else if (m.done !== undefined) settle(() => resolve(m.done!));
      else if (m.cliError !== undefined) settle(() => reject(new CliError(m.cliError!.message, m.cliError!.exitCode)));
      else if (m.crash !== undefined) settle(() => reject(new Error(m.crash)));
    });
    worker.on("error", (e) => settle(() => reject(e)));
    worker.on("exit", (code) => settle(() => reject(new Error(`validate worker stopped with code ${code}`))));
  });
}


/**
 * Validate one file and report. A kind with a streaming form (itu-datahub) is read in 1 MiB chunks, its candidates,
 * rejects and issues sorted on disk when they outgrow memory, and rows written as they come out of the merge, so
 * memory does not grow with the file. Other kinds read the whole file and call pipeline.run. Both write the same bytes.
 */
export async function validateFile(o: ValidateOptions, io: Io): Promise<number> {
  return (await validateWith(o, io, true))!;
}

/**
 * Only the ranged path (the compiled CLI's main thread, which coordinates the worker threads): undefined, and nothing
 * written, when the file is not read in ranges; the caller then runs the one-thread path.
 */
export async function validateRanged(o: ValidateOptions, io: Io): Promise<number | undefined> {
  return validateWith(o, io, false);
}

async function validateWith(o: ValidateOptions, io: Io, fallback: boolean): Promise<number | undefined> {
  let mtime: Date;
  try {
    const st = statSync(o.source ?? o.file);
    if (st.isDirectory()) throw new Error("it is a directory");
    mtime = st.mtime;
  } catch (e) {
    throw new CliError(`cannot read ${escapeControls(o.file)}: ${escapeControls((e as Error).message.replace(/^[A-Z]+: /, ""))}`, 2);
  }
  const vintage = mtime.toISOString().slice(0, 10);
  if (o.out !== undefined) mkdirSync(o.out, { recursive: true });
  const tmp = mkdtempSync(path.join(o.tmp ?? tmpdir(), "bycn-validate-"));
  try {
    const ranged = o.streaming === false ? undefined : await rangedFile(o, vintage, tmp);
    if (ranged === undefined && !fallback) return undefined;
    const outcome = ranged ?? (o.streaming === false ? undefined : streamFile(o, vintage, tmp)) ?? wholeFile(o, vintage);
    return report(outcome, o, io);
  } finally {
    removeDir(tmp);
  }
}

function forcedKind(o: ValidateOptions): SourceId | undefined {
  return o.kind === "auto" ? undefined : KIND_ALIASES[o.kind];
}

function detectKind(header: string[]): SourceId | undefined {
  return (Object.keys(PIPELINES) as SourceId[]).find((id) => id !== "article" && PIPELINES[id].detect(header));
}

function outFile(o: ValidateOptions, name: string): string {
  return path.join(o.out!, name);
}

/** the non-streaming path: the whole file in memory through pipeline.run, written with the same writers and orders */
function wholeFile(o: ValidateOptions, vintage: string): Outcome {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(o.source ?? o.file);
  } catch (e) {
    throw new CliError(`cannot read ${escapeControls(o.file)}: ${escapeControls((e as Error).message.replace(/^[A-Z]+: /, ""))}`, 2);
  }
  const table = readTable(bytes, { file: o.file });
  const fatal = table.issues.some((i) => FATAL.has(i.code));
  let kind = forcedKind(o);
  if (!kind && table.info) kind = detectKind(table.info.header);
  let result: { datasets: { spec: Pipeline["datasets"][number]; rows: Record<string, unknown>[] }[]; rejects: Reject[]; issues: Issue[]; dataRecords: number };
  const extra: Issue[] = [];
  if (fatal || !table.info || !kind) {
    result = { datasets: [], rejects: table.rejects, issues: table.issues, dataRecords: table.dataRecords };
    if (!fatal && table.info && !kind) {
      extra.push(makeIssue("header_unrecognized", { file: o.file, line: table.info.headerLine }, { expected: UNKNOWN_LAYOUT, found: table.info.header }));
    }
  } else {
    result = PIPELINES[kind].run([{ file: o.file, bytes, vintage, sha256: sha256Hex(bytes) }]);
  }
  if (o.out !== undefined) {
    for (const d of result.datasets) {
      const w = new DatasetWriter(d.spec, outFile(o, `${d.spec.name}.csv`), outFile(o, `${d.spec.name}.json`));
      for (const row of d.rows) w.write(row);
      w.close();
    }
    const w = new DatasetWriter(REJECTS_SPEC, outFile(o, "rejects.csv"));
    for (const r of [...result.rejects].sort(byReject)) w.write(r as unknown as Record<string, unknown>);
    w.close();
  }
  const numbered = [...result.issues, ...extra].map((issue, n) => ({ n, issue }));
  return {
    kind,
    encoding: table.info?.encoding ?? null,
    dataRecords: result.dataRecords,
    datasets: result.datasets.map((d) => ({ name: d.spec.name, rows: d.rows.length })),
    rejects: result.rejects.length,
    issues: numbered.sort(byLine).map((x) => x.issue),
    fatal,
  };
}

/**
 * A big file of a kind with a streaming form, read in ranges on several threads (validate-parallel.ts); undefined
 * when it cannot be (small file, one thread, utf-16, a header that is not the kind's, a cut that did not hold).
 */
async function rangedFile(o: ValidateOptions, vintage: string, tmp: string): Promise<Outcome | undefined> {
  const threads = o.threads ?? availableParallelism();
  // a spooled pipe is read on one thread: the ranges would name the temp copy
  if (threads < 2 || o.source !== undefined) return undefined;
  let fd: number;
  try {
    fd = openSync(o.file, "r");
  } catch {
    return undefined; // the one-thread path words the error
  }
  let info: TableInfo | undefined;
  try {
    if (fstatSync(fd).size < (o.parallelMinBytes ?? PARALLEL_MIN_BYTES)) return undefined;
    const reader = new TableReader({ file: o.file });
    const buf = Buffer.allocUnsafe(READ_BYTES);
    for (let pos = 0; !reader.info && !reader.issues.some((i) => FATAL.has(i.code)); ) {
      const n = readSync(fd, buf, 0, READ_BYTES, pos);
      if (n === 0) break;
      pos += n;
      reader.push(Buffer.from(buf.subarray(0, n)));
    }
    info = reader.info;
  } finally {
    closeSync(fd);
  }
  if (info === undefined) return undefined;
  const kind = forcedKind(o) ?? detectKind(info.header);
  if (kind === undefined || PIPELINES[kind].stream === undefined || !PIPELINES[kind].detect(info.header)) return undefined;
  const r = await validateInRanges({
    file: o.file,
    kind,
    info,
    vintage,
    tmp,
    out: o.out,
    threads,
    // a worker runs compiled JavaScript; from source (tsx, the tests) the tasks run in this thread
    inline: o.inline === true || import.meta.url.endsWith(".ts"),
    runItems: o.runItems,
    minBytes: o.parallelMinBytes,
  });
  if (r === undefined) return undefined;
  return { kind, encoding: info.encoding, dataRecords: r.dataRecords, datasets: r.datasets, rejects: r.rejects, issues: r.issues, fatal: false };
}

/** the reader's issues and rejects so far, handed on and cleared (a big file's structural findings never pile up) */
function drain(reader: TableReader, issue: (i: Issue) => void, reject: (r: Reject) => void): boolean {
  let fatal = false;
  for (const i of reader.issues.splice(0)) {
    if (FATAL.has(i.code)) fatal = true;
    issue(i);
  }
  for (const r of reader.rejects.splice(0)) reject(r);
  return fatal;
}

/**
 * The streaming path: undefined when the file needs the whole-file path after all (a kind without a streaming form,
 * or invalid utf-8 found mid-file, which publishes nothing). Nothing is written to --out before the last byte is read.
 */
function streamFile(o: ValidateOptions, vintage: string, tmp: string): Outcome | undefined {
  let fd: number;
  try {
    fd = openSync(o.source ?? o.file, "r");
  } catch (e) {
    throw new CliError(`cannot read ${escapeControls(o.file)}: ${escapeControls((e as Error).message.replace(/^[A-Z]+: /, ""))}`, 2);
  }
  try {
    const reader = new TableReader({ file: o.file });
    let eof = false;
    const read = (): RawRecord[] => {
      if (eof) return [];
      // a fresh buffer each time: the reader may keep views of the bytes it has not decoded yet
      const buf = Buffer.allocUnsafe(READ_BYTES);
      const n = readSync(fd, buf, 0, READ_BYTES, null);
      if (n === 0) {
        eof = true;
        return reader.end();
      }
      return reader.push(buf.subarray(0, n));
    };
    const hasFatal = (): boolean => reader.issues.some((i) => FATAL.has(i.code));
    const head: RawRecord[] = [];
    while (!reader.info && !eof && !hasFatal()) for (const r of read()) head.push(r);
    if (hasFatal() && reader.info) return undefined;

    let kind = forcedKind(o);
    if (!kind && reader.info) kind = detectKind(reader.info.header);
    const stream = kind === undefined ? undefined : PIPELINES[kind].stream;
    if (reader.info && kind !== undefined && stream === undefined) return undefined;

    const runItems = o.runItems;
    const sorter = <T>(name: string, compare: (a: T, b: T) => number): ExternalSorter<T> =>
      new ExternalSorter<T>({ compare, dir: tmp, name, ...(runItems !== undefined ? { runItems } : {}) });
    const issues = sorter<Numbered>("issues", byLine);
    const rejects = sorter<Reject>("rejects", byReject);
    let n = 0;
    // copies: an issue's or reject's strings are slices of the reader's text, and thousands of them held for the
    // final sort would keep as many 64 KiB pieces alive (measured: 74 MB at 1M rows with 0.2 % bad records)
    const issue = (i: Issue): void => issues.add({ n: n++, issue: JSON.parse(JSON.stringify(i)) as Issue });
    const reject = (r: Reject): void => rejects.add(JSON.parse(JSON.stringify(r)) as Reject);
    const outcome = (datasets: Outcome["datasets"], dataRecords: number, fatal = false): Outcome => {
      if (o.out !== undefined) {
        const w = new DatasetWriter(REJECTS_SPEC, outFile(o, "rejects.csv"));
        for (const r of rejects.sorted()) w.write(r as unknown as Record<string, unknown>);
        w.close();
      }
      return {
        kind,
        encoding: reader.info?.encoding ?? null,
        dataRecords,
        datasets,
        rejects: rejects.count,
        issues: (function* () {
          for (const x of issues.sorted()) yield x.issue;
        })(),
        fatal,
      };
    };

    if (!reader.info) {
      // binary, undetermined encoding (the reader stopped reading), or no header before the end
      const fatal = hasFatal();
      if (!eof) reader.end();
      const summary: TableSummary = reader.summary();
      drain(reader, issue, reject);
      return outcome([], summary.dataRecords, fatal);
    }

    if (stream === undefined) {
      // a layout bycn does not know: read to the end anyway, so every record is counted and structural rejects kept
      if (drain(reader, issue, reject)) return undefined;
      while (!eof) {
        read();
        if (drain(reader, issue, reject)) return undefined;
      }
      issue(makeIssue("header_unrecognized", { file: o.file, line: reader.info.headerLine }, { expected: UNKNOWN_LAYOUT, found: reader.info.header }));
      return outcome([], reader.dataRecords);
    }
    return streamPipeline(o, vintage, reader, head, read, () => eof, stream, PIPELINES[kind!], { tmp, issue, reject, issues, rejects, sorter, outcome });
  } finally {
    closeSync(fd);
  }
}

function streamPipeline(
  o: ValidateOptions,
  vintage: string,
  reader: TableReader,
  head: RawRecord[],
  read: () => RawRecord[],
  atEnd: () => boolean,
  stream: StreamingPipeline,
  pipeline: Pipeline,
  s: {
    tmp: string;
    issue: (i: Issue) => void;
    reject: (r: Reject) => void;
    issues: ExternalSorter<Numbered>;
    rejects: ExternalSorter<Reject>;
    sorter: <T>(name: string, compare: (a: T, b: T) => number) => ExternalSorter<T>;
    outcome: (datasets: Outcome["datasets"], dataRecords: number, fatal?: boolean) => Outcome;
  },
): Outcome | undefined {
  const info = reader.info!;
  // each row is rendered once, when it is found, and carried through the sort as bytes that the merge copies out
  const candidates = new Map<string, ExternalSorter<Candidate>>();
  for (const spec of pipeline.datasets) {
    candidates.set(spec.name, renderedSorter(spec, stream, { dir: s.tmp, name: `rows-${spec.name}`, runItems: o.runItems, render: o.out !== undefined, partition: false }));
  }
  const addCandidate = (c: Candidate): void => candidates.get(c.dataset)!.add(c);

  // the header's own issues wait until the reader's are handed on: run() lists the table's issues first
  const early: Issue[] = [];
  let issue = (i: Issue): void => void early.push(i);
  const step = stream.begin({ file: o.file, vintage }, 0, info, {
    candidate: addCandidate,
    reject: s.reject,
    issue: (i) => issue(i),
  });
  if (step === undefined) {
    // not this source's header after all (a forced --kind): run() reports that alone and counts nothing
    for (const i of early) s.issue(i);
    return s.outcome(
      pipeline.datasets.map((d) => ({ name: d.name, rows: 0 })),
      0,
    );
  }
  if (drain(reader, s.issue, s.reject)) return undefined;
  for (const i of early) s.issue(i);
  issue = s.issue;
  for (const r of head) step(r);
  head.length = 0;
  while (!atEnd()) {
    const batch = read();
    if (drain(reader, s.issue, s.reject)) return undefined;
    for (const r of batch) step(r);
  }

  const datasets: Outcome["datasets"] = [];
  for (const spec of pipeline.datasets) {
    const w = o.out !== undefined ? new DatasetWriter(spec, outFile(o, `${spec.name}.csv`), outFile(o, `${spec.name}.json`)) : undefined;
    let rows = 0;
    const sorted = stream.sorted(spec.name, [o.file], {
      row: (row) => {
        w?.writeRendered(renderedOf(row)!);
        rows++;
      },
      reject: s.reject,
      issue: s.issue,
    });
    for (const c of candidates.get(spec.name)!.sorted()) sorted.push(c);
    sorted.end();
    w?.close();
    datasets.push({ name: spec.name, rows });
  }
  return s.outcome(datasets, reader.dataRecords);
}

/** print the report: json (every issue, streamed) or text (at most TEXT_ISSUE_LIMIT issue lines, then a count) */
function report(r: Outcome, o: ValidateOptions, io: Io): number {
  let failing = r.rejects > 0;
  let shown = 0;
  let notInfo = 0;
  const note = (i: Issue): void => {
    if (SEVERITY_RANK[i.severity] >= SEVERITY_RANK.warning) failing = true;
    if (i.severity !== "info") notInfo++;
  };
  const rows = r.datasets.reduce((n, d) => n + d.rows, 0);
  if (o.format === "json") {
    const head = JSON.stringify(
      {
        file: o.file,
        kind: r.kind ?? null,
        encoding: r.encoding,
        data_records: r.dataRecords,
        rows,
        rejects: r.rejects,
        datasets: r.datasets,
        issues: [],
      },
      null,
      2,
    );
    // the same text as JSON.stringify of the whole report, written a few issues at a time
    const open = `${head.slice(0, -"[]\n}".length)}[\n`;
    let text = "";
    let first = true;
    for (const i of r.issues) {
      note(i);
      text += `${first ? open : ",\n"}    ${JSON.stringify(i, null, 2).replaceAll("\n", "\n    ")}`;
      first = false;
      if (text.length >= 1 << 16) {
        const cut = text.lastIndexOf("\n") + 1;
        io.out(text.slice(0, cut));
        text = text.slice(cut);
      }
    }
    io.out(first ? head : `${text}\n  ]\n}`);
  } else {
    for (const i of r.issues) {
      note(i);
      if (i.severity === "info") continue;
      if (shown++ < TEXT_ISSUE_LIMIT) io.out(issueLine(i, io.color));
    }
    if (shown > TEXT_ISSUE_LIMIT) io.out(`… ${shown - TEXT_ISSUE_LIMIT} more issue(s) not shown; --format json lists every one`);
    io.err(textLine(`${o.file}: ${r.kind ?? "unknown kind"}, ${r.dataRecords} data record(s) → ${rows} row(s), ${r.rejects} reject(s), ${notInfo} issue(s)`));
  }
  if (r.fatal) return 2;
  return failing ? 1 : 0;
}

// the worker's side of validateInWorker (last in the module: everything above is initialised by then)
if (!isMainThread && (workerData as { bycnValidate?: ValidateOptions } | null)?.bycnValidate) {
  const data = workerData as { bycnValidate: ValidateOptions; color: boolean };
  const post = (m: WorkerMessage): void => parentPort!.postMessage(m);
  const io: Io = { out: (s) => post({ out: s }), err: (s) => post({ err: s }), progress: () => {}, color: data.color };
  validateFile(data.bycnValidate, io).then(
    (code) => post({ done: code }),
    (e: unknown) => post(e instanceof CliError ? { cliError: { message: e.message, exitCode: e.exitCode } } : { crash: (e as Error).stack ?? String(e) }),
  );
}
