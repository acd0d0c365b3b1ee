// a dist/ folder read into memory as "/" paths → bytes, in sorted order; links, devices and FIFOs are refused, never followed
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DIST_MARKER } from "@bycn/publish";
import { formatIssue, makeIssue } from "@bycn/core";
import { CliError } from "./output.js";
import { entryOf } from "./entries.js";

/** every file of dist/ but bycn's marker; bycn writes no links, devices or FIFOs there, so one is refused rather than read */
export function readTree(dir: string): Map<string, Uint8Array> {
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
