// bycn validate on several threads: a file cut into ranges gives the same bytes as one thread, whatever the cut
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTable, type TableInfo } from "@bycn/ingest";
import { rangesOf } from "@bycn/validate";
import { generateDatahub } from "../../../bench/src/generate.js";
import { validateToIo, type ValidateRunOptions } from "../src/validate-run.js";
import type { Io } from "../src/output.js";
import { builtFresh, repoRoot, tempDir } from "./_cli.js";
import { validateInProcess as run, type ValidateRun as Run } from "./_validate.js";

/** cut into `threads` ranges (inline: the tasks run one after another here, with the same cuts as on threads) */
const ranged = (file: string, threads: number, extra: Partial<ValidateRunOptions> = {}): Promise<Run> =>
  run(file, { threads, inline: true, parallelMinBytes: 0, ...extra });

/** the cuts validate would make of `file` on `threads` threads, whatever its size */
function cutsOf(file: string, info: TableInfo, threads: number): ReturnType<typeof rangesOf> {
  const fd = openSync(file, "r");
  try {
    return rangesOf(fd, info, threads, 0);
  } finally {
    closeSync(fd);
  }
}

function expectSame(a: Run, b: Run): void {
  expect(a.status).toBe(b.status);
  expect(a.stdout).toBe(b.stdout);
  expect(Object.keys(a.files)).toEqual(Object.keys(b.files));
  for (const name of Object.keys(b.files)) expect(a.files[name], name).toBe(b.files[name]);
}

const dir = tempDir("bycn-ranges-");
const big = path.join(dir, "itu-long-20k.csv");
writeFileSync(big, generateDatahub({ rows: 20_000, seed: 7, invalidRate: 0.01 }));

describe("validate in ranges = validate on one thread", () => {
  it("two-three-and-five-ranges: a 20k-row generated file (quoted CRLF, %g, 1 % bad records) gives the same bytes", async () => {
    const one = await run(big, { threads: 1 });
    const report = JSON.parse(one.stdout) as { rows: number; rejects: number; data_records: number };
    expect(report.data_records).toBe(20_000);
    expect(report.rejects).toBeGreaterThan(100);
    for (const threads of [2, 3, 5]) expectSame(await ranged(big, threads, { runItems: 700 }), one);
  });

  it("once-per-file-issues-keep-the-lowest-line: an unknown series in every range is reported once, at its first line", async () => {
    const text = readFileSync(big, "utf8");
    const lines = text.split("\n");
    // the same unknown code on a line in each quarter of the file
    const marked = lines.map((l, i) => (i > 0 && i % 5000 === 17 && l.includes('"i271mw"') ? l.replace('"i271mw"', '"zz_unknown"') : l));
    const hits = marked.filter((l) => l.includes('"zz_unknown"')).length;
    expect(hits).toBeGreaterThanOrEqual(2);
    const file = path.join(dir, "unknown-series.csv");
    writeFileSync(file, marked.join("\n"));
    const one = await run(file, { threads: 1 });
    const four = await ranged(file, 4, { runItems: 900 });
    expectSame(four, one);
    const issues = (JSON.parse(four.stdout) as { issues: { code: string; value?: string }[] }).issues.filter((i) => i.code === "unknown_series" && i.value === "zz_unknown");
    expect(issues).toHaveLength(1);
    expect(four.files["rejects.csv"]!.split("\n").filter((l) => l.includes("unknown_series") && l.includes("zz_unknown"))).toHaveLength(hits);
  });

  it("crlf-records: a CRLF file with CRLF inside quoted fields cuts at CRLF record ends only", async () => {
    const text = readFileSync(big, "utf8").split("\n").join("\r\n");
    const file = path.join(dir, "crlf.csv");
    writeFileSync(file, text);
    expectSame(await ranged(file, 3), await run(file, { threads: 1 }));
  });

  it("refused-cut-falls-back: a cut inside a quote papaparse never closes sends the file to one thread, same result", async () => {
    const header = readFileSync(big, "utf8").split("\n")[0]!;
    const iso = ["ABW", "AFG", "AGO", "ALB", "AND", "ARE", "ARG", "ARM"];
    // past the 64 KiB sniff sample, so a cut can be proposed at all
    const rows = Array.from({ length: 2000 }, (_, i) => `100,i271mw,Active mobile-broadband subscriptions,,count,1,${iso[i % 8]},x,${i + 0.5},${1800 + Math.floor(i / 8)},,,`);
    // "a"b: papaparse keeps this quote open to the end (no other quote follows); the byte scan counts two quotes
    rows.splice(50, 0, '"a"b,i271mw,x,,count,1,ABW,x,1,2000,,,');
    const file = path.join(dir, "open-quote.csv");
    writeFileSync(file, `${header}\n${rows.join("\n")}\n`);
    const one = await run(file, { threads: 1 });
    expect(JSON.parse(one.stdout).issues.map((i: { code: string }) => i.code)).toContain("unclosed_quote");
    const info = readTable(readFileSync(file), { file }).info!;
    expect(cutsOf(file, info, 2)).toHaveLength(2); // a cut is proposed…
    expectSame(await ranged(file, 2), one); // …refused, and the one-thread result stands
  });

  it("stray-quote: a literal quote in an unquoted field misleads the scan's parity; the result is still one thread's", async () => {
    const lines = readFileSync(big, "utf8").split("\n");
    const i = Math.floor(lines.length / 4);
    lines[i] = lines[i]!.replace(/^100,/, '1"00,');
    const file = path.join(dir, "stray-quote.csv");
    writeFileSync(file, lines.join("\n"));
    expectSame(await ranged(file, 2), await run(file, { threads: 1 }));
  });

  it("every-committed-itu-datahub-file: cut in two, the same bytes as one thread", async () => {
    const rawDir = path.join(repoRoot, "raw/itu-datahub");
    const files = readdirSync(rawDir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".csv"))
      .map((f) => path.join(rawDir, f));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) expectSame(await ranged(f, 2), await run(f, { threads: 1 }));
  });

  it("no-out-dir: counts and issues without writing anything", async () => {
    let stdout = "";
    const io: Io = { out: (s) => void (stdout += `${s}\n`), err: () => {}, progress: () => {}, color: false };
    await validateToIo({ file: big, kind: "auto", format: "json", threads: 2, inline: true, parallelMinBytes: 0 }, io);
    expect(stdout).toBe((await run(big, { threads: 1 })).stdout);
  });

  // the compiled CLI runs the ranges on worker threads (npm ci builds it); skipped when lib/ is older than src/
  const fresh = builtFresh(["packages/validate", "ranged/coordinator"], ["packages/cli", "validate-run"]);
  it.skipIf(!fresh)("worker-threads: the compiled CLI with --threads 3 writes what one thread writes", async () => {
    const out = tempDir("bycn-ranges-workers-");
    const r = spawnSync(process.execPath, [path.join(repoRoot, "packages/cli/bin/bycn.js"), "validate", big, "--out", out, "--format", "json", "--threads", "3"], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", BYCN_RANGE_MIN_BYTES: "0" },
      maxBuffer: 64 << 20,
    });
    const one = await run(big, { threads: 1 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(one.status);
    expect(r.stdout).toBe(one.stdout);
    expect(readdirSync(out).sort()).toEqual(Object.keys(one.files));
    for (const name of Object.keys(one.files)) expect(readFileSync(path.join(out, name), "utf8"), name).toBe(one.files[name]);
  });
});
