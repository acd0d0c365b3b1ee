// the sorted runs cut at partition keys, so that each part of the key order can be merged on its own thread
import type { RunFile } from "./sorter.js";
import type { RunRange } from "./merge.js";

/**
 * Cut every run at the same partition keys: `cuts` ascending (compared as `compare` orders them); part i of a run
 * holds its items with key in [cuts[i-1], cuts[i]). Needs runs written with `partitionKey`.
 */
export function splitRuns(runs: readonly RunFile[], cuts: readonly (string | number)[], compareKeys: (a: string | number, b: string | number) => number): RunRange[][] {
  const parts: RunRange[][] = Array.from({ length: cuts.length + 1 }, () => []);
  for (const run of runs) {
    let start = 0;
    let e = 0;
    cuts.forEach((cut, i) => {
      while (e < run.ids.length && compareKeys(run.table[run.ids[e]!]!, cut) < 0) e++;
      const end = e < run.ids.length ? run.offsets[e]! : run.bytes;
      parts[i]!.push({ file: run.file, start, end });
      start = end;
    });
    parts[cuts.length]!.push({ file: run.file, start, end: run.bytes });
  }
  return parts;
}

/**
 * Partition keys that cut the runs into `n` parts of about equal bytes (fewer when there are fewer distinct keys):
 * the bytes of each key are summed over all runs from their indexes.
 */
export function balancedCuts(runs: readonly RunFile[], n: number, compareKeys: (a: string | number, b: string | number) => number): (string | number)[] {
  const bytes = new Map<string | number, number>();
  let total = 0;
  for (const run of runs) {
    for (let i = 0; i < run.ids.length; i++) {
      const key = run.table[run.ids[i]!]!;
      const size = (i + 1 < run.ids.length ? run.offsets[i + 1]! : run.bytes) - run.offsets[i]!;
      bytes.set(key, (bytes.get(key) ?? 0) + size);
      total += size;
    }
  }
  const keys = [...bytes.keys()].sort(compareKeys);
  const cuts: (string | number)[] = [];
  let acc = 0;
  for (const k of keys) {
    // a cut goes before the key that would carry the running total past the next share
    if (cuts.length < n - 1 && acc > 0 && acc + bytes.get(k)! / 2 >= (total * (cuts.length + 1)) / n) cuts.push(k);
    acc += bytes.get(k)!;
  }
  return cuts;
}

