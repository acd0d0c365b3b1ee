// npm run bench: synthetic ITU DataHub files of 1M and 5M rows through bycn validate --out, DuckDB, pandas and bare parsers → bench/RESULTS.md
// env: BENCH_ROWS (default 1000000,5000000), BENCH_RUNS (default 3), BENCH_SEED (default 1), BENCH_TURBO=0 to skip npm start,
// BENCH_BEFORE=<git rev,…> to run those commits' CLIs in the same rounds, BENCH_TOOLS=<name,…> to run only some tools,
// BENCH_RESULTS=<file> to write the table somewhere other than bench/RESULTS.md (CI's smoke run)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { economies, sha256Hex } from "@bycn/core";
import { writeDatahub } from "./generate.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = path.join(root, "bench/out");
const ROWS = (process.env.BENCH_ROWS ?? "1000000,5000000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const TIME = "/usr/bin/time";
// Debian's python3-pandas, run by the system python so a virtualenv on PATH cannot swap in another pandas
const PYTHON = "/usr/bin/python3";
const ECONOMIES = path.join(OUT, "economies.json");
const THREADS = os.availableParallelism();
const BEFORE = process.env.BENCH_BEFORE?.split(",").map((s) => s.trim()).filter((s) => s !== "") ?? [];
const ONLY = process.env.BENCH_TOOLS?.split(",").map((s) => s.trim().toLowerCase());

interface Sample {
  wall: number;
  rss: number;
  status: number;
}

interface Tool {
  name: string;
  /** what it does, for the table */
  job: string;
  argv: (file: string, out: string) => string[];
  /** exit codes that mean it ran (bycn validate exits 1 when the file has issues, as these do) */
  ok: number[];
}

const node = process.execPath;
const BYCN_JOB = "read, validate, normalize, sort, write CSV + JSON + rejects";
/** `bycn validate` of the tree at `dir` (this one, or another commit's checkout) on `threads` threads */
const bycnTool = (name: string, dir: string, threads: number): Tool => ({
  name,
  job: BYCN_JOB,
  argv: (f, o) => [node, path.join(dir, "packages/cli/bin/bycn.js"), "validate", f, "--out", o, "--format", "json", "--threads", String(threads)],
  ok: [0, 1],
});
const MAIN = "bycn validate";
const TOOLS: Tool[] = [
  bycnTool(MAIN, root, THREADS),
  bycnTool("bycn validate, 1 thread", root, 1),
  {
    name: "DuckDB",
    job: "read, validate (SQL), dedupe, write sorted CSV + rejects",
    argv: (f, o) => [node, "bench/workers/duckdb.mjs", f, o],
    ok: [0],
  },
  {
    name: "pandas",
    job: "read_csv (declared dtypes), the same checks, dedupe, sort, to_csv rows + rejects",
    argv: (f, o) => [PYTHON, "bench/workers/pandas_worker.py", f, o, ECONOMIES],
    ok: [0],
  },
  { name: "papaparse, bare", job: "parse only (Papa.Parser + step), rows dropped", argv: (f) => [node, "bench/workers/parse.mjs", "papaparse", f], ok: [0] },
  { name: "bycn TableReader, bare", job: "read only (decode, parse, line numbers), records dropped", argv: (f) => [node, "bench/workers/parse.mjs", "reader", f], ok: [0] },
];

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "";
}

/** pandas's version, or undefined when Debian's python3-pandas is not installed */
function pandasVersion(): string | undefined {
  if (!existsSync(PYTHON)) return undefined;
  const r = spawnSync(PYTHON, ["-c", "import pandas; print(pandas.__version__)"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function duckdbInstalled(): boolean {
  try {
    createRequire(path.join(root, "bench/package.json")).resolve("@duckdb/node-api");
    return true;
  } catch {
    return false;
  }
}

/** one run: wall time from here, peak RSS from /usr/bin/time -v when present, else from a preload in the child */
function measure(argv: string[], stdoutFile: string): Sample {
  const timeOut = path.join(OUT, "time.txt");
  rmSync(timeOut, { force: true });
  const useTime = existsSync(TIME);
  const rssFile = path.join(OUT, "rss.txt");
  const [cmd, ...args] = useTime ? [TIME, "-v", "-o", timeOut, ...argv] : [argv[0]!, "--import", path.join(root, "bench/workers/maxrss.mjs"), ...argv.slice(1)];
  const t0 = performance.now();
  const r = spawnSync(cmd!, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: "1", BENCH_RSS_FILE: rssFile },
  });
  const wall = (performance.now() - t0) / 1000;
  writeFileSync(stdoutFile, r.stdout ?? "");
  let rss = NaN;
  if (useTime && existsSync(timeOut)) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeOut, "utf8"));
    if (m) rss = Number(m[1]) / 1024;
  } else if (existsSync(rssFile)) {
    rss = Number(readFileSync(rssFile, "utf8")) / 1024;
  }
  if (r.status !== 0 && r.status !== 1) process.stderr.write(String(r.stderr ?? "").slice(-2000));
  return { wall, rss, status: r.status ?? -1 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number, d = 2): string => (Number.isFinite(n) ? n.toFixed(d) : "–");
const label = (rows: number): string => (rows % 1_000_000 === 0 ? `${rows / 1_000_000}M` : rows % 1000 === 0 ? `${rows / 1000}k` : String(rows));

async function fileFor(rows: number): Promise<{ file: string; bytes: number }> {
  const file = path.join(OUT, `itu-long-${label(rows)}.csv`);
  const gen = sha256Hex(readFileSync(path.join(root, "bench/src/generate.ts"))).slice(0, 12);
  const metaFile = `${file}.json`;
  const want = { rows, seed: SEED, generator: gen };
  const have = existsSync(metaFile) && existsSync(file) ? (JSON.parse(readFileSync(metaFile, "utf8")) as typeof want) : undefined;
  if (!have || have.rows !== rows || have.seed !== SEED || have.generator !== gen) {
    process.stderr.write(`bench: generating ${path.relative(root, file)} (${rows} rows, seed ${SEED})\n`);
    const stats = await writeDatahub(file, { rows, seed: SEED });
    writeFileSync(metaFile, `${JSON.stringify({ ...want, ...stats }, null, 2)}\n`);
  }
  return { file, bytes: statSync(file).size };
}

/**
 * A checkout of another commit in bench/out (reused while it exists), installed from npm's cache and built, so its
 * CLI runs in the same rounds as this one's: "no slower than before" is then a ratio within one run.
 */
function checkoutOf(rev: string): { dir: string; sha: string } {
  const sha = sh("git", ["rev-parse", "--short", `${rev}^{commit}`]);
  if (!sha) throw new Error(`BENCH_BEFORE=${rev} is not a commit here`);
  const dir = path.join(OUT, `before-${sha}`);
  const run = (cmd: string, args: string[], cwd: string): void => {
    const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed in ${path.relative(root, cwd)}`);
  };
  if (!existsSync(path.join(dir, "packages/cli/bin/bycn.js"))) {
    process.stderr.write(`bench: checking out ${sha} into ${path.relative(root, dir)}\n`);
    spawnSync("git", ["worktree", "remove", "--force", dir], { cwd: root, stdio: "ignore" });
    run("git", ["worktree", "add", "--detach", dir, sha], root);
  }
  if (!existsSync(path.join(dir, "node_modules"))) run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], dir);
  run("npx", ["turbo", "run", "build", "--output-logs=errors-only"], dir);
  return { dir, sha };
}

interface Row {
  tool: Tool;
  samples: Sample[];
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const started = new Date();
  const load = os.loadavg();
  const commit = sh("git", ["rev-parse", "--short", "HEAD"]) || "unknown";
  const dirty = sh("git", ["status", "--porcelain", "--untracked-files=no"]) !== "";
  process.stderr.write(`bench: building the CLI (turbo)\n`);
  const build = spawnSync("npx", ["turbo", "run", "build", "--output-logs=errors-only"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("build failed");
  const pandas = pandasVersion();
  if (!pandas) process.stderr.write("bench: python3-pandas is not installed (apt-get install -y python3-pandas): no pandas column\n");
  writeFileSync(ECONOMIES, JSON.stringify(economies.map((e) => ({ iso3: e.iso3, name: e.name }))));
  const befores = BEFORE.map((rev) => {
    const c = checkoutOf(rev);
    return { ...c, name: `bycn validate @${c.sha}` };
  });
  const isBefore = (name: string): boolean => befores.some((b) => b.name === name);
  const all = [TOOLS[0]!, ...befores.map((b) => bycnTool(b.name, b.dir, THREADS)), ...TOOLS.slice(1)];
  const tools = all.filter(
    (t) =>
      (t.name !== "DuckDB" || duckdbInstalled()) &&
      (t.name !== "pandas" || pandas !== undefined) &&
      (!ONLY || t.name === MAIN || isBefore(t.name) || ONLY.some((o) => t.name.toLowerCase().includes(o))),
  );
  const duckVersion = tools.some((t) => t.name === "DuckDB")
    ? (JSON.parse(readFileSync(createRequire(path.join(root, "bench/package.json")).resolve("@duckdb/node-api/package.json"), "utf8")) as { version: string }).version
    : "not installed";

  const sections: string[] = [];
  const verdicts: string[] = [];
  const rssBySize: { rows: number; rss: number }[] = [];
  for (const rows of ROWS) {
    const { file, bytes } = await fileFor(rows);
    const rel = path.relative(root, file);
    const results: Row[] = tools.map((tool) => ({ tool, samples: [] }));
    // round robin, so a burst of load from other jobs on this shared machine spreads over every tool
    for (let run = 1; run <= RUNS; run++) {
      for (const r of results) {
        const out = path.join(OUT, `out-${r.tool.name.replace(/\W+/g, "-")}`);
        rmSync(out, { recursive: true, force: true });
        const s = measure(r.tool.argv(rel, path.relative(root, out)), path.join(OUT, "stdout.txt"));
        if (!r.tool.ok.includes(s.status)) throw new Error(`${r.tool.name} exited ${s.status} on ${rel}`);
        r.samples.push(s);
        process.stderr.write(`bench: ${label(rows)} run ${run}/${RUNS} ${r.tool.name}: ${fmt(s.wall)} s, ${fmt(s.rss, 0)} MB\n`);
      }
    }
    const duck = results.find((r) => r.tool.name === "DuckDB");
    const duckWall = duck ? median(duck.samples.map((s) => s.wall)) : NaN;
    const pd = results.find((r) => r.tool.name === "pandas");
    const pandasWall = pd ? median(pd.samples.map((s) => s.wall)) : NaN;
    const lines = [
      `### ${label(rows)} rows (${rel}, ${fmt(bytes / 1e6, 1)} MB)`,
      "",
      "| tool | job | median wall s | runs (s) | rows/s | MB/s | peak RSS MB | wall / DuckDB | wall / pandas |",
      "|---|---|---|---|---|---|---|---|---|",
    ];
    for (const r of results) {
      const wall = median(r.samples.map((s) => s.wall));
      const rss = Math.max(...r.samples.map((s) => s.rss));
      lines.push(
        `| ${r.tool.name} | ${r.tool.job} | ${fmt(wall)} | ${r.samples.map((s) => fmt(s.wall, 1)).join(", ")} | ${Math.round(rows / wall).toLocaleString("en-US")} | ${fmt(bytes / 1e6 / wall, 1)} | ${fmt(rss, 0)} | ${fmt(wall / duckWall)}× | ${fmt(wall / pandasWall)}× |`,
      );
      const before = befores.find((b) => b.name === r.tool.name);
      if (before) {
        const now = median(results[0]!.samples.map((s) => s.wall));
        verdicts.push(`- ${label(rows)} rows, bycn no slower than at ${before.sha}: **${now <= wall * 1.05 ? "met" : "missed"}** (${fmt(now)} s vs ${fmt(wall)} s, ${fmt(now / wall)}×; within 5 % counts as the same)`);
      }
      if (r.tool.name === MAIN) {
        rssBySize.push({ rows, rss });
        if (rows === 1_000_000 && duck) verdicts.push(`- 1M rows, bycn ≤ 2× DuckDB's wall time: **${wall <= 2 * duckWall ? "met" : "missed"}** (${fmt(wall)} s vs ${fmt(duckWall)} s, ${fmt(wall / duckWall)}×)`);
        if (rows > 1_000_000 && duck) verdicts.push(`- ${label(rows)} rows, bycn ≤ 2× DuckDB's wall time: **${wall <= 2 * duckWall ? "met" : "missed"}** (${fmt(wall / duckWall)}×)`);
        if (pd) verdicts.push(`- ${label(rows)} rows, bycn faster than pandas: **${wall < pandasWall ? "met" : "missed"}** (${fmt(wall)} s vs ${fmt(pandasWall)} s, ${fmt(wall / pandasWall)}×)`);
        else verdicts.push(`- ${label(rows)} rows, bycn faster than pandas: not measured (python3-pandas not installed)`);
        if (rows === 5_000_000) verdicts.push(`- 5M rows, bycn peak RSS ≤ 200 MB: **${rss <= 200 ? "met" : "missed"}** (${fmt(rss, 0)} MB)`);
      }
    }
    sections.push(lines.join("\n"));
  }
  if (rssBySize.length >= 2) {
    const [a, b] = [rssBySize[0]!, rssBySize.at(-1)!];
    verdicts.push(`- peak RSS not growing with row count: **${b.rss <= a.rss * 1.15 ? "met" : "missed"}** (${fmt(a.rss, 0)} MB at ${label(a.rows)}, ${fmt(b.rss, 0)} MB at ${label(b.rows)})`);
  }

  let turbo = "";
  if (process.env.BENCH_TURBO !== "0") {
    process.stderr.write("bench: npm start (warm-up), then timed no-change runs\n");
    spawnSync("npm", ["start"], { cwd: root, stdio: "ignore" });
    const walls: number[] = [];
    let hit = true;
    for (let i = 0; i < Math.max(3, RUNS); i++) {
      const t0 = performance.now();
      const r = spawnSync("npm", ["start"], { cwd: root, encoding: "utf8" });
      walls.push((performance.now() - t0) / 1000);
      hit &&= /FULL TURBO|cache hit/.test(r.stdout);
    }
    const w = median(walls);
    turbo = [
      "### No-change `npm start` (turbo cache)",
      "",
      `median ${fmt(w)} s over ${walls.length} runs (${walls.map((x) => fmt(x)).join(", ")} s); served from the cache: ${hit ? "yes" : "no"}`,
    ].join("\n");
    verdicts.push(`- no-change \`npm start\` ≤ 1 s: **${w <= 1 ? "met" : "missed"}** (${fmt(w)} s)`);
  }

  const cpus = os.cpus();
  const md = [
    "# Bench results",
    "",
    "Written by `npm run bench` (bench/src/run.ts); how it works and what limits the numbers: [bench/README.md](README.md).",
    "",
    `- date: ${started.toISOString().slice(0, 16).replace("T", " ")} UTC, commit ${commit}${dirty ? " (with uncommitted changes)" : ""} at the start`,
    `- machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown cpu"}, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB RAM, ${os.type()} ${os.release()}`,
    `- load average at the start: ${load.map((x) => fmt(x)).join(", ")} (1, 5, 15 min; the machine is shared)`,
    `- node ${process.version}, @duckdb/node-api ${duckVersion}, pandas ${pandas ?? "not installed"} (${PYTHON}); ${RUNS} runs of each tool, interleaved; peak RSS from ${existsSync(TIME) ? "/usr/bin/time -v" : "process.resourceUsage() in the child"}`,
    `- bycn validate runs on ${THREADS} threads (the machine's cores) unless the row says 1 thread${befores.map((b) => `; @${b.sha} is that commit's CLI, built in ${path.relative(root, b.dir)}`).join("")}`,
    `- files: bench/src/generate.ts, seed ${SEED}; ~0.2 % invalid records (bad number, unknown economy, ragged row, duplicate key, bad year)`,
    "",
    "## Targets",
    "",
    ...verdicts,
    "",
    "## Results",
    "",
    ...sections.flatMap((s) => [s, ""]),
    turbo,
    "",
  ].join("\n");
  writeFileSync(path.resolve(root, process.env.BENCH_RESULTS ?? "bench/RESULTS.md"), md);
  process.stdout.write(`${md}\n`);
}

await main();
