// parser bench: a synthetic ITU DataHub long export (BOM, quoted fields, embedded CRLF/LF) through csv-parse, papaparse and TableReader
// run: node --conditions=@bycn/source --import tsx packages/ingest/bench/parsers.ts [rows=1000000] [chunkKiB=1024] [only]
// (only: a label substring, to time one parser alone)
import { parse as csvParseSync } from "csv-parse/sync";
import Papa from "papaparse";
import { readTable, TableReader } from "@bycn/ingest";

const rows = Number(process.argv[2] ?? 1_000_000);
const chunkKiB = Number(process.argv[3] ?? 1024);
const only = process.argv[4];

const HEADER =
  '"seriesID","seriesCode","seriesName","seriesParent","seriesUnits","entityID","entityIso","entityName","dataValue","dataYear","dataNote","dataSource","seriesDescription"';
const ISO = ["BLR", "CHN", "LKA", "MEX", "NER", "TKL", "ISL", "DEU"];
const VALUES = ["0", "21000", "89.4918", "101.619", "1.2e+006", "9.32177e+006", "1.87001e+009", "3.15621e+008"];

/** ~100 bytes a row, as in the real export; every 997th record carries a quoted CRLF (LKA 2010) or LF (MEX 2010) */
export function syntheticItu(n: number): Uint8Array {
  const parts: string[] = ["\uFEFF", HEADER, "\n"];
  for (let i = 0; i < n; i++) {
    const iso = ISO[i % ISO.length]!;
    const source = i % 997 === 0 ? "TRCSL.\r\n\r\nTRCSL" : i % 997 === 500 ? 'IFT ""México""\n8,406,608\n' : "ITU";
    parts.push(
      `11632,"i271mw","Active mobile-broadband subs",,"count",${i % 250},"${iso}","Economy ${iso}","${VALUES[i % VALUES.length]}",${2000 + (i % 25)},"","${source}",""\n`,
    );
  }
  return new TextEncoder().encode(parts.join(""));
}

/** wall and CPU time (user + system, all threads: the GC's helpers count); CPU time is the steadier on a shared machine */
function time<T>(label: string, fn: () => T, count: (t: T) => number): void {
  if (only && !label.includes(only)) return;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(`${label.padEnd(48)} wall ${(ms / 1000).toFixed(2).padStart(6)} s   cpu ${cpuS.toFixed(2).padStart(6)} s   records ${count(out)}`);
}

const bytes = syntheticItu(rows);
console.log(`synthetic ITU long: ${rows} rows, ${(bytes.length / 1e6).toFixed(1)} MB, node ${process.version}`);
const text = new TextDecoder().decode(bytes);

time(
  "csv-parse sync (info: true, raw: true)",
  () => csvParseSync(text, { bom: true, info: true, raw: true, relax_column_count: true }) as unknown[],
  (r) => r.length - 1,
);
time(
  "papaparse string, no step",
  () => Papa.parse<string[]>(text, { delimiter: ",", newline: "\n" }).data,
  (r) => r.length - 2,
);
time(
  "papaparse core Parser + step, rows dropped",
  () => {
    let n = 0;
    let last = 0;
    const parser = new Papa.Parser({
      delimiter: ",",
      newline: "\n",
      step: (r: Papa.ParseStepResult<string[][]>) => {
        n += r.data.length;
        last = r.meta.cursor;
      },
    });
    parser.parse(text, 0, false);
    return last > 0 ? n : 0;
  },
  (n) => n - 2,
);
time(
  "papaparse core Parser + step, rows kept",
  () => {
    const kept: string[][] = [];
    const parser = new Papa.Parser({
      delimiter: ",",
      newline: "\n",
      step: (r: Papa.ParseStepResult<string[][]>) => {
        kept.push(r.data[0]!);
      },
    });
    parser.parse(text, 0, false);
    return kept;
  },
  (r) => r.length - 2,
);
time("TableReader one-shot (readTable)", () => readTable(bytes, { file: "bench.csv" }), (t) => t.records.length);
time(
  `TableReader streamed in ${chunkKiB} KiB chunks`,
  () => {
    const reader = new TableReader({ file: "bench.csv" });
    let n = 0;
    const size = chunkKiB * 1024;
    for (let at = 0; at < bytes.length; at += size) n += reader.push(bytes.subarray(at, at + size)).length;
    return n + reader.end().length;
  },
  (n) => n,
);
