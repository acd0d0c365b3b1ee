// bycn report: regenerate report.md and report/index.html from an existing dist/ (reads dist/ only)
import { addToDist } from "@bycn/publish";
import { escapeControls } from "@bycn/core";
import type { Command } from "../command.js";
import { CliError } from "../output.js";
import { openOut } from "../out.js";
import { readTree } from "../tree.js";
import { DIST } from "./options.js";

/** what this command writes: the report, the per-indicator and per-economy downloads, the site */
const OUTPUTS = /^(report\.md|report\/index\.html|site\/.*|data\/indicators\/.*|data\/economies\/.*|SHA256SUMS)$/;

export const reportCommand: Command = {
  name: "report",
  summary: "write report.md, report/index.html, the downloads and the site from the files in dist/",
  options: { dist: DIST },
  examples: ["bycn report", "bycn report --dist build/dist"],
  async run({ values }, io) {
    const dist = String(values.dist);
    const [{ renderReport }, { renderSite }] = await Promise.all([import("@bycn/report"), import("@bycn/site")]);
    // the lock first: a build swapping dist/ meanwhile would leave this report on the old files
    const out = await openOut(dist, undefined, io);
    let report: Map<string, Uint8Array>;
    let siteFiles: number;
    try {
      let files: Map<string, Uint8Array>;
      try {
        files = readTree(dist);
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(`cannot read ${escapeControls(dist)}: ${escapeControls((e as Error).message)}`, 2);
      }
      if (!files.has("datapackage.json")) throw new CliError(`${escapeControls(dist)} has no datapackage.json: run bycn build first`, 2);
      // the previous report, downloads and site are output, not input: drop them so the new ones replace them
      for (const p of [...files.keys()]) if (OUTPUTS.test(p)) files.delete(p);
      report = renderReport((p) => files.get(p));
      let next = addToDist(files, report);
      const site = renderSite((p) => next.get(p));
      siteFiles = site.size;
      next = addToDist(next, site);
      await out.write(next);
    } finally {
      await out.release();
    }
    io.err(`bycn report: ${[...report.keys()].map((k) => `${dist}/${k}`).join(", ")}, ${dist}/site/ and ${dist}/data/{indicators,economies}/ (${siteFiles} files)`);
    return 0;
  },
};
