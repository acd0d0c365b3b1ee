// bycn refresh: fetch every manifest file, check it, and add a new dated snapshot only when something changed
import { stat } from "node:fs/promises";
import path from "node:path";
import { makeIssue, nextSnapshotFolder, sha256Hex, SnapshotMeta, type Issue, type SourceEntry, type SourceId } from "@bycn/core";
import { acquireLock } from "@bycn/publish";
import type { Dispatcher } from "undici";
import { checkBody, countRows, endsWithLineBreak } from "./content.js";
import { createDispatcher, fetchWithPolicy, type FetchPolicy, type FetchResult } from "./http.js";
import { isSharpShrink, resolveLimits } from "./limits.js";
import { planRefresh, type PlannedFile, type PlannedSource } from "./manifest.js";
import { isoDate, readPrevious, removeStaleTemps, writeSnapshot, type NewFile, type Previous } from "./snapshot.js";

export const LOCK_FILE = ".refresh.lock";
export const DERIVATION = "fetched by bycn refresh";

export interface RefreshOptions {
  /** project root: raw/ lives here */
  root: string;
  /** the parsed JSON of raw/sources.json; validated here (ids, file names, http(s) URLs) before any fetch */
  manifest: unknown;
  /** refresh only this source */
  sourceId?: string | undefined;
  /** plan only: read the latest snapshots, log the requests that would be made; no network, no writes, no lock */
  dryRun?: boolean | undefined;
  /** clock for the snapshot folder date (UTC) and the lock's start time */
  now: () => Date;
  /** network policy; missing fields come from the manifest's "limits" block, then DEFAULT_FETCH_POLICY */
  fetch?: Partial<FetchPolicy> | undefined;
  /** land files that look cut against their previous snapshot: rows fell by more than maxShrinkPercent, or the
   *  final line break the previous snapshot had is gone */
  acceptShrink?: boolean | undefined;
  /** the shrink that needs acceptShrink, in percent of the previous rows (default: the manifest's, else 10) */
  maxShrinkPercent?: number | undefined;
  /** progress lines (the CLI sends them to stderr) */
  log?: ((line: string) => void) | undefined;
}

/** skipped_manual: the manifest marks the source `refresh: "manual"` (transcriptions, the claims registry): the
 *  project's own tools write its snapshots, there is nothing to fetch */
export type RefreshStatus = "unchanged" | "new" | "not_modified" | "failed" | "skipped_dry_run" | "skipped_manual";

export interface FileReport {
  name: string;
  url: string;
  status: RefreshStatus;
  /** last HTTP status seen (absent for network failures and dry runs) */
  httpStatus?: number;
  attempts: number;
  /** size and sha256 of the (unzipped) file, when a body was accepted */
  bytes?: number;
  sha256?: string;
  /** the zip member the file was taken from */
  zipMember?: string;
  /** data rows of the accepted file and of its previous snapshot, when countable */
  rows?: number;
  previousRows?: number;
}

export interface SourceReport {
  id: SourceId;
  /** new: a snapshot folder was added; unchanged: same bytes as the latest (some or all 200); not_modified: every
   *  file answered 304; failed: some file failed, nothing written; skipped_dry_run */
  status: RefreshStatus;
  /** the current snapshot folder, relative to root (the new one, or the kept latest one), e.g. raw/wdi/2026-11-28 */
  snapshot?: string;
  files: FileReport[];
  issues: Issue[];
}

export interface RefreshReport {
  /** ok: every selected source ok; source_failed: one or more failed (their snapshots kept); could_not_run: invalid
   *  manifest or --source, raw/ missing, or another run holds the lock (nothing fetched) */
  outcome: "ok" | "source_failed" | "could_not_run";
  /** the CLI exit code: 0 ok, 1 source_failed, 2 could_not_run */
  exitCode: 0 | 1 | 2;
  dryRun: boolean;
  sources: SourceReport[];
  /** run-level issues: manifest_invalid, raw_missing, refresh_locked */
  issues: Issue[];
}

interface Context {
  root: string;
  rawDir: string;
  policy: FetchPolicy;
  maxShrinkPercent: number;
  acceptShrink: boolean;
  dispatcher?: Dispatcher;
  /** aborted when the run deadline passes */
  signal?: AbortSignal;
  date: string;
  log: (line: string) => void;
  cache: Map<string, Promise<FetchResult>>;
}

/**
 * Refresh the sources of raw/sources.json. Network, content and per-source write problems are in the report;
 * it throws only when the file system fails outside a source's snapshot write (e.g. raw/ not writable for the lock).
 */
export async function refresh(opts: RefreshOptions): Promise<RefreshReport> {
  const dryRun = opts.dryRun ?? false;
  const log = opts.log ?? (() => undefined);
  const cannot = (issues: Issue[]): RefreshReport => ({ outcome: "could_not_run", exitCode: 2, dryRun, sources: [], issues });
  const plan = planRefresh(opts.manifest, opts.sourceId);
  if (!plan.ok) return cannot(plan.issues);
  const limits = resolveLimits(opts.manifest, opts.fetch, opts.maxShrinkPercent);
  if (!limits.ok) return cannot([makeIssue("manifest_invalid", { file: "raw/sources.json" }, { details: limits.details })]);
  const rawDir = path.join(opts.root, "raw");
  if (!(await stat(rawDir).then((s) => s.isDirectory(), () => false))) {
    return cannot([makeIssue("raw_missing", { file: "raw" }, { path: "raw" })]);
  }
  const ctx: Context = {
    root: opts.root,
    rawDir,
    policy: limits.limits.policy,
    maxShrinkPercent: limits.limits.maxShrinkPercent,
    acceptShrink: opts.acceptShrink ?? false,
    date: isoDate(opts.now()),
    log,
    cache: new Map(),
  };
  const manual = plan.sources.filter((s) => s.entry.refresh === "manual");
  const fetched = plan.sources.filter((s) => s.entry.refresh !== "manual");
  const skipped = (s: PlannedSource): SourceReport => {
    log(`${s.entry.id}: manual source (written by the project's own tools), not fetched`);
    const files: FileReport[] = s.files.map((f) => ({ name: f.name, url: f.url, status: "skipped_manual", attempts: 0 }));
    return { id: s.entry.id, status: "skipped_manual", files, issues: [] };
  };
  if (dryRun) {
    const sources: SourceReport[] = manual.map(skipped);
    for (const s of fetched) sources.push(await planOnly(s, ctx));
    return { outcome: "ok", exitCode: 0, dryRun, sources, issues: [] };
  }
  const lockPath = path.join(rawDir, LOCK_FILE);
  const lock = await acquireLock(lockPath, opts.now());
  if (!lock.ok) {
    const unknown = lock.contended ? "unknown" : "unknown (lock file is empty or damaged)";
    const { pid, started } = lock.holder ?? { pid: 0, started: unknown };
    return cannot([makeIssue("refresh_locked", { file: `raw/${LOCK_FILE}` }, { path: `raw/${LOCK_FILE}`, pid, started })]);
  }
  const sources: SourceReport[] = manual.map(skipped);
  const run = new AbortController();
  const deadline = setTimeout(() => run.abort(new Error(`the run deadline of ${ctx.policy.runDeadlineMs / 1000} s passed`)), ctx.policy.runDeadlineMs);
  const dispatcher = createDispatcher(ctx.policy);
  try {
    for (const s of fetched) sources.push(await refreshSource(s, { ...ctx, dispatcher, signal: run.signal }));
  } finally {
    clearTimeout(deadline);
    await dispatcher.destroy();
    await lock.release();
  }
  const failed = sources.some((s) => s.status === "failed");
  return { outcome: failed ? "source_failed" : "ok", exitCode: failed ? 1 : 0, dryRun, sources, issues: [] };
}

async function planOnly(s: PlannedSource, ctx: Context): Promise<SourceReport> {
  const prev = await readPrevious(path.join(ctx.rawDir, s.entry.id), s.files.map((f) => f.name));
  const files: FileReport[] = s.files.map((f) => {
    const meta = prev.files.get(f.name)?.meta;
    const cond = [meta?.etag && `If-None-Match: ${meta.etag}`, meta?.last_modified && `If-Modified-Since: ${meta.last_modified}`].filter(Boolean);
    ctx.log(`${s.entry.id}/${f.name}: would GET ${f.url}${cond.length ? ` (${cond.join(", ")})` : ""}`);
    return { name: f.name, url: f.url, status: "skipped_dry_run", attempts: 0 };
  });
  return { id: s.entry.id, status: "skipped_dry_run", ...folderOf(s.entry.id, prev.folder), files, issues: [] };
}

type Outcome =
  | { status: "new" | "unchanged"; bytes: Uint8Array; encoding: string; etag?: string; lastModified?: string; report: FileReport }
  | { status: "not_modified"; etag?: string; lastModified?: string; report: FileReport }
  | { status: "failed"; issues: Issue[]; report: FileReport };

async function refreshSource(s: PlannedSource, ctx: Context): Promise<SourceReport> {
  const id = s.entry.id;
  const sourceDir = path.join(ctx.rawDir, id);
  const stale = await removeStaleTemps(sourceDir);
  if (stale.length > 0) ctx.log(`${id}: removed ${stale.length} temp dir(s) left by an interrupted run`);
  const prev = await readPrevious(sourceDir, s.files.map((f) => f.name));
  const outcomes: Outcome[] = [];
  for (const f of s.files) outcomes.push(await refreshFile(s.entry, f, prev, ctx));
  const files = outcomes.map((o) => o.report);
  const issues = outcomes.flatMap((o) => (o.status === "failed" ? o.issues : []));
  const kept = folderOf(id, prev.folder);
  if (issues.length > 0) {
    ctx.log(`${id}: failed; ${prev.folder ? `snapshot ${prev.folder} kept` : "no snapshot written"}`);
    return { id, status: "failed", ...kept, files, issues };
  }
  if (outcomes.every((o) => o.status === "not_modified")) return { id, status: "not_modified", ...kept, files, issues };
  if (outcomes.every((o) => o.status !== "new")) return { id, status: "unchanged", ...kept, files, issues };

  const folder = nextSnapshotFolder(ctx.date, prev.entries);
  const target = `raw/${id}/${folder ?? ctx.date}`;
  const notWritten = (cause: string): SourceReport => ({
    id,
    status: "failed",
    ...kept,
    files,
    issues: [makeIssue("snapshot_not_written", { file: target }, { path: target, cause })],
  });
  if (folder === undefined) return notWritten(`the latest snapshot ${prev.folder ?? ""} does not sort before ${ctx.date} (clock behind, or 99 snapshots today)`);
  const newFiles: NewFile[] = [];
  for (const [i, f] of s.files.entries()) {
    const o = outcomes[i];
    const p = prev.files.get(f.name);
    if (!o || o.status === "failed") continue;
    const bytes = o.status === "not_modified" ? p?.bytes : o.bytes;
    if (!bytes) return notWritten(`${f.name} answered 304 but the previous snapshot has no such file`);
    const encoding = o.status === "not_modified" ? (p?.meta?.encoding ?? "utf-8") : o.encoding;
    const meta = buildMeta(s.entry, f, bytes, encoding, ctx.date, p?.meta, o.etag ?? p?.meta?.etag, o.lastModified ?? p?.meta?.last_modified);
    const checked = SnapshotMeta.safeParse(meta);
    if (!checked.success) return notWritten(`meta for ${f.name} is invalid: ${checked.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
    newFiles.push({ name: f.name, bytes, meta: checked.data });
  }
  try {
    await writeSnapshot(sourceDir, folder, newFiles);
  } catch (e) {
    return notWritten((e as Error).message);
  }
  ctx.log(`${id}: new snapshot raw/${id}/${folder}`);
  return { id, status: "new", snapshot: `raw/${id}/${folder}`, files, issues };
}

async function refreshFile(entry: SourceEntry, f: PlannedFile, prev: Previous, ctx: Context): Promise<Outcome> {
  const p = prev.files.get(f.name);
  const conditional = {
    ...(p?.meta?.etag ? { etag: p.meta.etag } : {}),
    ...(p?.meta?.last_modified ? { lastModified: p.meta.last_modified } : {}),
  };
  // several files of one source may come from one URL (a zip holding them all): download it once per run
  const key = `${f.url}\n${conditional.etag ?? ""}\n${conditional.lastModified ?? ""}`;
  let pending = ctx.cache.get(key);
  if (!pending) {
    pending = fetchWithPolicy(f.url, ctx.policy, conditional, {
      log: ctx.log,
      ...(ctx.dispatcher ? { dispatcher: ctx.dispatcher } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    ctx.cache.set(key, pending);
  }
  const r = await pending;
  const where = `raw/${entry.id}/${ctx.date}/${f.name}`;
  const base: FileReport = { name: f.name, url: f.url, status: "failed", attempts: r.attempts, ...(r.status === undefined ? {} : { httpStatus: r.status }) };
  const validators = r.kind === "failed" ? {} : { ...(r.etag ? { etag: r.etag } : {}), ...(r.lastModified ? { lastModified: r.lastModified } : {}) };
  if (r.kind === "failed") {
    ctx.log(`${entry.id}/${f.name}: ${r.cause}`);
    const issue = r.truncated
      ? makeIssue("download_truncated", { file: where }, { url: f.url, reason: `${r.cause} (after ${r.attempts} attempt${r.attempts === 1 ? "" : "s"})` })
      : makeIssue("fetch_failed", { file: where }, { url: f.url, cause: r.cause, attempts: r.attempts });
    return { status: "failed", issues: [issue], report: base };
  }
  if (r.kind === "not_modified") {
    ctx.log(`${entry.id}/${f.name}: 304 not modified`);
    return { status: "not_modified", ...validators, report: { ...base, status: "not_modified" } };
  }
  const body = await checkBody(r.body, {
    file: where,
    url: f.url,
    fileName: f.name,
    format: entry.format,
    maxBytes: ctx.policy.maxBytes,
    // a person who has looked at the file may waive both comparisons with the previous snapshot
    previousEndsWithLineBreak: !ctx.acceptShrink && p !== undefined && endsWithLineBreak(p.bytes),
    ...(r.contentType ? { contentType: r.contentType } : {}),
  });
  if (!body.ok) {
    ctx.log(`${entry.id}/${f.name}: rejected: ${body.issues.map((i) => i.message).join("; ")}`);
    return { status: "failed", issues: body.issues, report: base };
  }
  const sum = sha256Hex(body.bytes);
  const status = p && p.sha256 === sum ? "unchanged" : "new";
  ctx.log(`${entry.id}/${f.name}: ${r.status}, ${body.bytes.length} bytes, ${status}`);
  const previousRows = p && status === "new" && body.rows !== undefined ? countRows(p.bytes, entry.format, where) : undefined;
  const report: FileReport = {
    ...base,
    status,
    bytes: body.bytes.length,
    sha256: sum,
    ...(body.fromZip ? { zipMember: body.fromZip } : {}),
    ...(body.rows === undefined ? {} : { rows: body.rows }),
    ...(previousRows === undefined ? {} : { previousRows }),
  };
  if (body.rows !== undefined && previousRows !== undefined && isSharpShrink(previousRows, body.rows, ctx.maxShrinkPercent)) {
    const percent = Math.round((100 * (previousRows - body.rows)) / previousRows);
    const snapshot = `raw/${entry.id}/${prev.folder ?? ""}/${f.name}`;
    if (!ctx.acceptShrink) {
      ctx.log(`${entry.id}/${f.name}: ${body.rows} rows against ${previousRows}: refused without --accept-shrink`);
      const issue = makeIssue("snapshot_shrank", { file: where }, { url: f.url, rows: body.rows, previous: previousRows, snapshot, percent });
      return { status: "failed", issues: [issue], report: { ...report, status: "failed" } };
    }
    ctx.log(`${entry.id}/${f.name}: ${body.rows} rows against ${previousRows} (${percent}% fewer), accepted by --accept-shrink`);
  }
  return { status, bytes: body.bytes, encoding: body.encoding, ...validators, report };
}

/**
 * The meta of a new snapshot file: title, publisher and licence from the previous meta of that file (else the
 * manifest); origin is the URL fetched (a previous repository/path/commit no longer describes these bytes).
 */
function buildMeta(
  entry: SourceEntry,
  f: PlannedFile,
  bytes: Uint8Array,
  encoding: string,
  date: string,
  prev: SnapshotMeta | undefined,
  etag: string | undefined,
  lastModified: string | undefined,
): SnapshotMeta {
  return {
    source: entry.id,
    file: f.name,
    title: prev?.title ?? entry.title,
    publisher: prev?.publisher ?? entry.publisher,
    origin: { url: f.url },
    licence: prev?.licence ?? entry.licence,
    retrieved: date,
    format: entry.format,
    encoding,
    sha256: sha256Hex(bytes),
    bytes: bytes.length,
    derivation: DERIVATION,
    ...(etag ? { etag } : {}),
    ...(lastModified ? { last_modified: lastModified } : {}),
  };
}

function folderOf(id: string, folder: string | undefined): { snapshot?: string } {
  return folder === undefined ? {} : { snapshot: `raw/${id}/${folder}` };
}
