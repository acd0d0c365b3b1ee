// bycn report: regenerate report.md and report/index.html from an existing dist/ (reads dist/ only)
import { addToDist, writeDistAtomic } from "@bycn/publish";
import { renderReport } from "@bycn/report";
import { escapeControls } from "@bycn/core";
import type { Command } from "../main.js";
import { CliError } from "../output.js";
import { readTree } from "../tree.js";

export const reportCommand: Command = {
  name: "report",
  summary: "write report.md and report/index.html from the files in dist/",
  usage: "bycn report [--dist DIR]",
  options: { dist: { type: "string", default: "dist" } },
  async run({ values }, io) {
    const dist = String(values.dist);
    let files: Map<string, Uint8Array>;
    try {
      files = readTree(dist);
    } catch (e) {
      throw new CliError(`cannot read ${escapeControls(dist)}: ${escapeControls((e as Error).message)}`, 2);
    }
    if (!files.has("datapackage.json")) throw new CliError(`${escapeControls(dist)} has no datapackage.json: run bycn build first`, 2);
    // the previous report is output, not input: drop it so the new one replaces it
    for (const p of ["report.md", "report/index.html"]) files.delete(p);
    const report = renderReport((p) => files.get(p));
    await writeDistAtomic(dist, addToDist(files, report));
    io.err(`bycn report: ${[...report.keys()].map((k) => `${dist}/${k}`).join(", ")}`);
    return 0;
  },
};
