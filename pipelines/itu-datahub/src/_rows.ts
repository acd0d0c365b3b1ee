// small row helpers: entity resolution, rejects, deterministic ordering (copied per pipeline: pipelines do not import each other)
import { entityForSource } from "@bycn/core";
import type { Issue, Reject, Snapshot, SourceKind } from "@bycn/core";

export interface ResolvedEntity {
  entity: string;
  economy: string;
  entity_name: string;
  is_aggregate: boolean;
}

/** the registry's entity for a source's (code, name) under that source's rules (core's entityForSource) */
export function resolveEntity(source: SourceKind, code: string, name: string): ResolvedEntity | undefined {
  const e = entityForSource(source, code, name);
  if (e === undefined) return undefined;
  return e.kind === "economy"
    ? { entity: e.iso3, economy: e.iso3, entity_name: e.name, is_aggregate: false }
    : { entity: e.id, economy: "", entity_name: e.name, is_aggregate: true };
}

export function rejectFor(dataset: string, s: Pick<Snapshot, "file">, line: number, raw: string, issue: Issue): Reject {
  return { dataset, raw_file: s.file, raw_line: line, code: issue.code, message: issue.message, raw_record: raw };
}

/** compare rows column by column: numbers numerically, everything else by code unit (locale-free, so stable) */
export function compareBy(keys: readonly string[]): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k];
      const y = b[k];
      if (x === y) continue;
      if (typeof x === "number" && typeof y === "number") return x - y;
      return String(x) < String(y) ? -1 : 1;
    }
    return 0;
  };
}

export function byFile(a: Snapshot, b: Snapshot): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
