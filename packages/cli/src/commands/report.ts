// bycn report: regenerate report.md and report/index.html from an existing dist/ (reads dist/ only)
import { addToDist } from "@bycn/publish";
import { renderReport } from "@bycn/report";
import { escapeControls } from "@bycn/core";
import type { Command } from "../main.js";
import { CliError } from "../output.js";
import { openOut } from "../out.js";
import { readTree } from "../tree.js";

export const reportCommand: Command = {
  name: "report",
  summary: "write report.md and report/index.html from the files in dist/",
  usage: "bycn report [--dist DIR]",
  options: { dist: { type: "string", default: "dist" } },
  async run({ values }, io) {
    const dist = String(values.dist);
    // the lock first: a build swapping dist/ meanwhile would leave this report on the old files
    const out = await openOut(dist, undefined, io);
    let report: Map<string, Uint8Array>;
    try {
      let files: Map<string, Uint8Array>;
      try {
        files = readTree(dist);
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(`cannot read ${escapeControls(dist)}: ${escapeControls((e as Error).message)}`, 2);
      }
      if (!files.has("datapackage.json")) throw new CliError(`${escapeControls(dist)} has no datapackage.json: run bycn build first`, 2);
      // the previous report is output, not input: drop it so the new one replaces it
      for (const p of ["report.md", "report/index.html"]) files.delete(p);
      report = renderReport((p) => files.get(p));
      await out.write(addToDist(files, report));
    } finally {
      await out.release();
    }
    io.err(`bycn report: ${[...report.keys()].map((k) => `${dist}/${k}`).join(", ")}`);
    return 0;
  },
};
