// run by open-files.test.ts under a low open-file limit: an external sort of more runs than the process may open
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ExternalSorter, stableSorted } from "../src/index.js";

const runs = Number(process.argv[2]);
const dir = mkdtempSync(path.join(tmpdir(), "bycn-merge-many-"));
try {
  const byK = (a: { k: number; i: number }, b: { k: number; i: number }): number => a.k - b.k;
  const xs = Array.from({ length: runs }, (_, i) => ({ k: (i * 7919) % 613, i }));
  const s = new ExternalSorter({ compare: byK, dir, name: "many", runItems: 1 });
  for (const x of xs) s.add(x);
  const sorted = [...s.sorted()];
  const same = JSON.stringify(sorted) === JSON.stringify(stableSorted(xs, byK));
  process.stdout.write(`${s.spills} runs, ${same ? "in order" : "out of order"}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
