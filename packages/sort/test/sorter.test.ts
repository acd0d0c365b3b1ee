// the external sort = a stable sort in memory (stableSorted), in every mode, at every run size, cut into any parts
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { balancedCuts, ExternalSorter, frameEnd, mergeRuns, splitRuns, stableSorted, type SorterOptions } from "../src/index.js";

interface Item {
  k: number;
  i: number;
  text: string;
}

const dir = mkdtempSync(path.join(tmpdir(), "bycn-sorter-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const byK = (a: Item, b: Item): number => a.k - b.k;
const byKey = (a: string | number, b: string | number): number => Number(a) - Number(b);
let sorters = 0;

/** the three ways a sorter carries items: whole in memory, light keys with text bytes, light keys with framed bytes */
const MODES: Record<string, Partial<SorterOptions<Item>>> = {
  whole: {},
  light: { light: (x) => ({ k: x.k, i: x.i, text: "" }) },
  bytes: {
    light: (x) => ({ k: x.k, i: x.i, text: "" }),
    encodeInto: (x, out) => out.frame(JSON.stringify(x)),
    decodeBytes: (bytes, start) => JSON.parse(bytes.toString("utf8", start + 4, frameEnd(bytes, start))) as Item,
  },
};

function sorter(mode: Partial<SorterOptions<Item>>, runItems: number, partition = false): ExternalSorter<Item> {
  return new ExternalSorter<Item>({ compare: byK, dir, name: `s${sorters++}`, runItems, ...mode, ...(partition ? { partitionKey: (x: Item) => x.k } : {}) });
}

const items = fc.array(fc.record({ k: fc.integer({ min: 0, max: 40 }), text: fc.string({ unit: "binary" }) }), { maxLength: 300 }).map((xs) => xs.map((x, i) => ({ ...x, i })));

describe("external sort", () => {
  it("merges spilled runs into one stable order, whatever the run size", () => {
    const xs = Array.from({ length: 5000 }, (_, i) => ({ k: (i * 7919) % 613, i, text: `line\n${i}\u2028"é"` }));
    const expected = stableSorted(xs, byK);
    for (const runItems of [1, 7, 1000, 10_000]) {
      const s = sorter({}, runItems);
      for (const x of xs) s.add(x);
      expect(s.spills).toBe(Math.floor(5000 / runItems));
      expect([...s.sorted()]).toEqual(expected);
    }
  });

  it.each(Object.keys(MODES))("%s-mode-equals-the-reference: any items, any run size, the stable in-memory order", (mode) => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 50 }), (xs, runItems) => {
        const s = sorter(MODES[mode]!, runItems);
        for (const x of xs) s.add(x);
        expect([...s.sorted()]).toEqual(stableSorted(xs, byK));
      }),
      { numRuns: 60 },
    );
  });

  it("parts-cut-at-partition-keys-concatenate-to-the-whole-order: finish, balancedCuts, splitRuns, mergeRuns", () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 5 }), (xs, runItems, n) => {
        const s = sorter(MODES.bytes!, runItems, true);
        for (const x of xs) s.add(x);
        const runs = s.finish();
        const cuts = balancedCuts(runs, n, byKey);
        expect(cuts.length).toBeLessThanOrEqual(n - 1);
        const parts = splitRuns(runs, cuts, byKey);
        const merged = parts.flatMap((ranges, p) => [...mergeRuns(ranges, { compare: byK, dir, name: `p${sorters}-${p}`, decodeBytes: MODES.bytes!.decodeBytes! })]);
        expect(merged).toEqual(stableSorted(xs, byK));
        for (const r of runs) rmSync(r.file);
      }),
      { numRuns: 60 },
    );
    // every group merge's file went with its merge
    expect(readdirSync(dir).filter((f) => f.includes("-g"))).toEqual([]);
  });
});
