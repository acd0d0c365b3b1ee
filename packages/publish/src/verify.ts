// re-read a dist/ folder and check it against its own datapackage.json and SHA256SUMS: findings as issues
import { makeIssue, sha256Hex, type Issue } from "@bycn/core";
import { folderReader, isDistPath, readDist, type DistFinding } from "./read-dist.js";

const SUMS = "SHA256SUMS";
const PACKAGE = "datapackage.json";

function issueOf(f: DistFinding): Issue {
  const at = { file: PACKAGE };
  switch (f.kind) {
    case "package_missing":
      return makeIssue("raw_missing", at, { path: PACKAGE });
    case "package_invalid":
      return makeIssue("meta_invalid", at, { path: PACKAGE, details: [f.message] });
    case "resources_invalid":
      return makeIssue("meta_invalid", at, { path: PACKAGE, details: ["resources is not an array"] });
    case "unsafe_path":
      return makeIssue("meta_invalid", at, { path: PACKAGE, details: [`resources[${f.index}].path ${JSON.stringify(f.path)} is not a relative path inside the folder`] });
    case "missing":
      return makeIssue("raw_missing", at, { path: f.resource.path });
    case "size_mismatch":
      return makeIssue("size_mismatch", at, { path: f.resource.path, expected: f.expected, actual: f.actual });
    case "hash_invalid":
      return makeIssue("meta_invalid", at, { path: PACKAGE, details: [`resources[${f.resource.index}].hash is not sha256:<64 hex>`] });
    case "checksum_mismatch":
      return makeIssue("checksum_mismatch", at, { path: f.resource.path, expected: f.expected, actual: f.actual });
  }
}

/**
 * Check every resource's bytes and sha256 in datapackage.json and every line of SHA256SUMS against the files.
 * Issues: raw_missing (file absent), size_mismatch, checksum_mismatch, meta_invalid (unreadable descriptor or sums line).
 * `at.file` is the descriptor that made the claim (datapackage.json, or SHA256SUMS with its line); `path` is the file.
 */
export async function verifyDist(dir: string): Promise<Issue[]> {
  const readRel = folderReader(dir);
  const dist = readDist(readRel);
  const issues = dist.findings.map(issueOf);
  const read = (rel: string): { bytes: Uint8Array } | { missing: true } => {
    const bytes = dist.files.get(rel)?.bytes ?? readRel(rel);
    return bytes === undefined ? { missing: true } : { bytes };
  };

  const sumsFile = read(SUMS);
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
    if (!m?.[1] || !isDistPath(m[2])) {
      issues.push(makeIssue("meta_invalid", at, { path: SUMS, details: [`line ${i + 1} is not "<sha256>  <relative path>"`] }));
      continue;
    }
    const rel = m[2];
    const file = read(rel);
    if ("missing" in file) {
      issues.push(makeIssue("raw_missing", at, { path: rel }));
      continue;
    }
    const actual = sha256Hex(file.bytes);
    if (actual !== m[1]) issues.push(makeIssue("checksum_mismatch", at, { path: rel, expected: m[1], actual }));
  }
  return issues;
}
