// re-read a dist/ folder and check it against its own datapackage.json and SHA256SUMS: findings as issues
import { readFile } from "node:fs/promises";
import path from "node:path";
import { makeIssue, type Issue } from "@bycn/core";
import { sha256Hex } from "@bycn/core";

const SUMS = "SHA256SUMS";
const PACKAGE = "datapackage.json";

type Read = { bytes: Uint8Array } | { missing: true };

async function readRel(dir: string, rel: string): Promise<Read> {
  try {
    return { bytes: await readFile(path.join(dir, ...rel.split("/"))) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return { missing: true };
    throw e;
  }
}

/** a declared path must stay inside the dist folder: relative, posix, no `..` */
function safeRel(p: unknown): p is string {
  return typeof p === "string" && p.length > 0 && !p.includes("\\") && !/^[a-z][a-z0-9+.-]*:/i.test(p) && p.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

/**
 * Check every resource's bytes and sha256 in datapackage.json and every line of SHA256SUMS against the files.
 * Issues: raw_missing (file absent), size_mismatch, checksum_mismatch, meta_invalid (unreadable descriptor or sums line).
 * `at.file` is the descriptor that made the claim (datapackage.json, or SHA256SUMS with its line); `path` is the file.
 */
export async function verifyDist(dir: string): Promise<Issue[]> {
  const issues: Issue[] = [];
  const cache = new Map<string, Read>();
  const read = async (rel: string): Promise<Read> => {
    let r = cache.get(rel);
    if (!r) {
      r = await readRel(dir, rel);
      cache.set(rel, r);
    }
    return r;
  };

  const pkgFile = await read(PACKAGE);
  if ("missing" in pkgFile) {
    issues.push(makeIssue("raw_missing", { file: PACKAGE }, { path: PACKAGE }));
  } else {
    let pkg: unknown;
    try {
      pkg = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(pkgFile.bytes));
    } catch (e) {
      issues.push(makeIssue("meta_invalid", { file: PACKAGE }, { path: PACKAGE, details: [(e as Error).message] }));
    }
    const resources = (pkg as { resources?: unknown } | undefined)?.resources;
    if (pkg !== undefined && !Array.isArray(resources)) {
      issues.push(makeIssue("meta_invalid", { file: PACKAGE }, { path: PACKAGE, details: ["resources is not an array"] }));
    }
    for (const [i, res] of (Array.isArray(resources) ? resources : []).entries()) {
      const r = res as { path?: unknown; bytes?: unknown; hash?: unknown };
      if (!safeRel(r.path)) {
        issues.push(makeIssue("meta_invalid", { file: PACKAGE }, { path: PACKAGE, details: [`resources[${i}].path ${JSON.stringify(r.path)} is not a relative path inside the folder`] }));
        continue;
      }
      const file = await read(r.path);
      if ("missing" in file) {
        issues.push(makeIssue("raw_missing", { file: PACKAGE }, { path: r.path }));
        continue;
      }
      if (typeof r.bytes === "number" && r.bytes !== file.bytes.byteLength) {
        issues.push(makeIssue("size_mismatch", { file: PACKAGE }, { path: r.path, expected: r.bytes, actual: file.bytes.byteLength }));
      }
      if (typeof r.hash === "string") {
        const m = /^sha256:([0-9a-f]{64})$/.exec(r.hash);
        if (!m?.[1]) {
          issues.push(makeIssue("meta_invalid", { file: PACKAGE }, { path: PACKAGE, details: [`resources[${i}].hash is not sha256:<64 hex>`] }));
        } else {
          const actual = sha256Hex(file.bytes);
          if (actual !== m[1]) issues.push(makeIssue("checksum_mismatch", { file: PACKAGE }, { path: r.path, expected: m[1], actual }));
        }
      }
    }
  }

  const sumsFile = await read(SUMS);
  if ("missing" in sumsFile) {
    issues.push(makeIssue("raw_missing", { file: SUMS }, { path: SUMS }));
    return issues;
  }
  const lines = new TextDecoder().decode(sumsFile.bytes).split("\n");
  for (const [i, line] of lines.entries()) {
    if (line === "" && i === lines.length - 1) continue;
    const at = { file: SUMS, line: i + 1 };
    // sha256sum writes "<hex>  <path>" (text mode) or "<hex> *<path>" (binary mode)
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m?.[1] || !safeRel(m[2])) {
      issues.push(makeIssue("meta_invalid", at, { path: SUMS, details: [`line ${i + 1} is not "<sha256>  <relative path>"`] }));
      continue;
    }
    const rel = m[2];
    const file = await read(rel);
    if ("missing" in file) {
      issues.push(makeIssue("raw_missing", at, { path: rel }));
      continue;
    }
    const actual = sha256Hex(file.bytes);
    if (actual !== m[1]) issues.push(makeIssue("checksum_mismatch", at, { path: rel, expected: m[1], actual }));
  }
  return issues;
}
