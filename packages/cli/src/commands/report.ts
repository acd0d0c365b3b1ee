// bycn report: regenerate report.md and report/index.html from an existing dist/ (reads dist/ only)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { addToDist, DIST_MARKER } from "@bycn/publish";
import { renderReport } from "@bycn/report";
import { formatIssue, makeIssue } from "@bycn/core";
import type { Command } from "../main.js";
import { CliError } from "../output.js";
import { entryOf } from "../entries.js";
import { openOut } from "../out.js";

/** every file of dist/; bycn writes no links, devices or FIFOs there, so one is refused rather than followed or read */
function readTree(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (r === DIST_MARKER) continue;
      const e = entryOf(path.join(dir, r), dir, "none");
      if ("refused" in e) throw new CliError(formatIssue(makeIssue("not_regular_file", { file: path.join(dir, r) }, { path: path.join(dir, r), kind: e.refused })), 2);
      if (e.kind === "dir") walk(r);
      else files.set(r, readFileSync(path.join(dir, r)));
    }
  };
  walk("");
  return files;
}

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
        throw new CliError(`cannot read ${dist}: ${(e as Error).message}`, 2);
      }
      if (!files.has("datapackage.json")) throw new CliError(`${dist} has no datapackage.json: run bycn build first`, 2);
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
