// a folder read into memory as dist-relative "/" paths → bytes, in sorted order
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export function readTree(dir: string): Map<string, Uint8Array> {
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
