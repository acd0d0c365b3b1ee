// bycn report: regenerate report.md and report/index.html from an existing dist/ (reads dist/ only)
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { addToDist, writeDistAtomic } from "@bycn/publish";
import { renderReport } from "@bycn/report";
import { renderSite } from "@bycn/site";
import type { Command } from "../main.js";
import { CliError } from "../output.js";

function readTree(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else files.set(r, readFileSync(path.join(dir, r)));
    }
  };
  walk("");
  return files;
}

/** what this command writes: the report, the per-indicator and per-economy downloads, the site */
const OUTPUTS = /^(report\.md|report\/index\.html|site\/.*|data\/indicators\/.*|data\/economies\/.*|SHA256SUMS)$/;

export const reportCommand: Command = {
  name: "report",
  summary: "write report.md, report/index.html, the downloads and the site from the files in dist/",
  usage: "bycn report [--dist DIR]",
  options: { dist: { type: "string", default: "dist" } },
  async run({ values }, io) {
    const dist = String(values.dist);
    let files: Map<string, Uint8Array>;
    try {
      files = readTree(dist);
    } catch (e) {
      throw new CliError(`cannot read ${dist}: ${(e as Error).message}`, 2);
    }
    if (!files.has("datapackage.json")) throw new CliError(`${dist} has no datapackage.json: run bycn build first`, 2);
    // the previous report, downloads and site are output, not input: drop them so the new ones replace them
    for (const p of [...files.keys()]) if (OUTPUTS.test(p)) files.delete(p);
    const report = renderReport((p) => files.get(p));
    let next = addToDist(files, report);
    const site = renderSite((p) => next.get(p));
    next = addToDist(next, site);
    await writeDistAtomic(dist, next);
    io.err(`bycn report: ${[...report.keys()].map((k) => `${dist}/${k}`).join(", ")}, ${dist}/site/ and ${dist}/data/{indicators,economies}/ (${site.size} files)`);
    return 0;
  },
};
