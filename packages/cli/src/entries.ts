// what a path in raw/ or dist/ is before bycn reads it: a regular file or folder, or refused (devices, FIFOs, links out)
import { lstatSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";

export type Entry = { kind: "file" | "dir" } | { refused: string };

function describe(st: Stats): string | undefined {
  if (st.isFile() || st.isDirectory()) return undefined;
  if (st.isFIFO()) return "a FIFO";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

const within = (outer: string, inner: string): boolean => {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/**
 * Classify abs, which lies under root. links: "inside" follows a symlink whose target stays under root (and is a
 * regular file or folder); "none" refuses every symlink (bycn never writes one into dist/).
 */
export function entryOf(abs: string, root: string, links: "inside" | "none"): Entry {
  const st = lstatSync(abs);
  if (st.isSymbolicLink()) {
    if (links === "none") return { refused: "a symlink" };
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      return { refused: "a dangling symlink" };
    }
    if (!within(realpathSync(root), real)) return { refused: `a symlink leaving ${path.basename(root)}/ (to ${real})` };
    const target = describe(statSync(real));
    if (target !== undefined) return { refused: `a symlink to ${target}` };
    return { kind: statSync(real).isDirectory() ? "dir" : "file" };
  }
  const d = describe(st);
  return d === undefined ? { kind: st.isDirectory() ? "dir" : "file" } : { refused: d };
}
