// bycn build: raw/ → every pipeline → claims → dist/, written atomically (a failed build leaves dist/ as it was)
import path from "node:path";
import { buildDist, addToDist, dataVersion } from "@bycn/publish";
import { SourceId } from "@bycn/core";
import type { Command } from "../command.js";
import type { Io } from "../output.js";
import type { OutWriter } from "../out.js";
import { openOut } from "../out.js";
import { distSources, refuseUnbuildable } from "../build-inputs.js";
import { CLAIMS, RAW } from "./options.js";

export const buildCommand: Command = {
  name: "build",
  summary: "build every dataset, the claim verdicts, check.json, the report, the downloads and the site from raw/ into dist/ (atomic)",
  options: {
    raw: RAW,
    only: { type: "enum", choices: SourceId.options, placeholder: "SOURCE", description: "build one source's datasets only" },
    out: { type: "string", default: "dist", placeholder: "DIR", description: "where dist/ goes; replaced as a whole, and only when empty or written by bycn" },
    claims: CLAIMS,
  },
  examples: ["bycn build", "bycn build --out build/dist --only wdi"],
  async run({ values }, io) {
    const rawDir = String(values.raw);
    const outDir = String(values.out);
    const only = values.only === undefined ? undefined : SourceId.parse(values.only);
    // refuse a target that is not bycn's and take the lock before the work, so a second build fails at once
    const dist = await openOut(outDir, rawDir, io);
    try {
      return await buildInto(dist, { rawDir, outDir, only, claimsFile: values.claims === undefined ? undefined : String(values.claims) }, io);
    } finally {
      await dist.release();
    }
  },
};

interface BuildArgs {
  rawDir: string;
  outDir: string;
  only: SourceId | undefined;
  /** a user's registry (--claims) that stands in for raw/article */
  claimsFile: string | undefined;
}

async function buildInto(dist: OutWriter, { rawDir, outDir, only, claimsFile }: BuildArgs, io: Io): Promise<number> {
  // loaded when a build runs: the other commands, and a big validate's worker threads, start without them
  const [{ runCheck }, { renderReport }, { renderSite }] = await Promise.all([import("../check/run.js"), import("@bycn/report"), import("@bycn/site")]);
  const { report, analysis } = runCheck({
    rawDir,
    failOn: "error",
    progress: io.progress,
    ...(only ? { only } : {}),
    ...(claimsFile !== undefined ? { claims: claimsFile } : {}),
  });
  refuseUnbuildable(analysis.issues);
  const sources = distSources(analysis, only, claimsFile);
  // the package date is the newest snapshot date, never the clock: rebuilds stay byte-identical; the version is
  // the data's (every snapshot read, older vintages included), so it moves with the data and only with it
  const created = sources.map((s) => s.retrieved).sort().at(-1);
  const version = dataVersion(analysis.snapshots.map((s) => ({ file: s.file, sha256: s.sha256, vintage: s.vintage })));
  let files = buildDist({
    datasets: analysis.datasets,
    rejects: analysis.rejects,
    check: report,
    ...(analysis.claims ? { claims: analysis.claims } : {}),
    sources,
    package: {
      name: "bycn",
      title: "Belarus–China digital economy: ITU, World Bank, OWID and Great Stone figures, validated",
      version,
      description:
        "Clean, validated datasets behind Belarus–China digital-economy figures, with every figure of one article checked against them.",
      ...(created ? { created } : {}),
    },
  });
  files = addToDist(files, renderReport((p) => files.get(p)));
  // the downloads and the site read the finished datasets and report, inside the same atomic dist/ (SHA256SUMS covers them)
  files = addToDist(files, renderSite((p) => files.get(p)));
  await dist.write(files);
  const rows = analysis.datasets.reduce((n, d) => n + d.rows.length, 0);
  io.err(
    `bycn build: ${path.normalize(outDir)}/ ← ${analysis.datasets.length} dataset(s), ${rows} row(s), ${analysis.rejects.length} reject(s), ` +
      `${analysis.claims?.rows.length ?? 0} claim verdict(s); check: ${report.summary.error} error(s), ${report.summary.warning} warning(s), ${report.summary.baselined} baselined`,
  );
  return 0;
}
