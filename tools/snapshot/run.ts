// the snapshot tool's I/O edge: read the real files, build every snapshot, write them atomically
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { SourceManifest, type SourceId } from "@bycn/core";
import { writeFileAtomic } from "@bycn/publish";
import { buildFile, buildManifest, renderJson, type BuiltFile } from "./build.js";
import { PLAN } from "./plan.js";

export interface RunOptions {
  from: string;
  out: string;
  /** source id → folder date, replacing the plan's date */
  dates?: Partial<Record<SourceId, string>>;
  /** only these sources (default: all in the plan) */
  only?: SourceId[];
}

export interface Written {
  path: string;
  bytes: number;
  kept: number;
  total: number;
}

export function runSnapshot(opts: RunOptions): Written[] {
  const plan = PLAN.filter((s) => !opts.only || opts.only.includes(s.source));
  // build everything first, so a failure in any source writes nothing
  const built: BuiltFile[] = [];
  for (const spec of plan) {
    const date = opts.dates?.[spec.source] ?? spec.date;
    for (const file of spec.files) {
      const input = path.join(opts.from, file.input);
      if (!existsSync(input)) throw new Error(`${input}: real source file not found`);
      built.push(buildFile(spec, file, new Uint8Array(readFileSync(input)), date));
    }
  }
  const manifestPath = path.join(opts.out, "sources.json");
  const existing = existsSync(manifestPath) ? SourceManifest.parse(JSON.parse(readFileSync(manifestPath, "utf8"))) : undefined;
  // every entry of the plan, whatever --only says: the manifest lists sources, not this run's work
  const manifest = buildManifest(PLAN, existing);

  const written: Written[] = [];
  for (const b of built) {
    writeFileAtomic(path.join(opts.out, b.path), b.bytes);
    writeFileAtomic(path.join(opts.out, `${b.path}.meta.json`), b.metaBytes);
    written.push({ path: b.path, bytes: b.bytes.length, kept: b.kept, total: b.total });
  }
  const manifestBytes = renderJson(manifest);
  writeFileAtomic(manifestPath, manifestBytes);
  written.push({ path: "sources.json", bytes: manifestBytes.length, kept: manifest.sources.length, total: manifest.sources.length });
  return written;
}
