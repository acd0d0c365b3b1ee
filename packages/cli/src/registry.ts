// a user's claims registry (bycn claims lint, check|build --claims): read, parsed by the article pipeline, linted
import { readFileSync } from "node:fs";
import { type DatasetRows, type Issue, formatIssue, sha256Hex } from "@bycn/core";
import { runArticle } from "@bycn/pipeline-article";
import { CliError } from "./output.js";

/** the registry's rows and every problem in it, in file order; decoding notes (info) are left out */
export function lintRegistry(file: string, bytes: Buffer): { datasets: DatasetRows[]; issues: Issue[] } {
  const result = runArticle([{ file, bytes, vintage: "", sha256: sha256Hex(bytes) }]);
  const issues = result.issues
    .filter((i) => i.severity !== "info")
    .sort((a, b) => (a.at.line ?? 0) - (b.at.line ?? 0) || (a.at.column ?? 0) - (b.at.column ?? 0));
  return { datasets: result.datasets, issues };
}

/** the file's bytes; a file that cannot be read is "cannot run" (exit 2) */
export function readRegistryBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new CliError(`cannot read claims registry ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 2);
  }
}

/** the registry as the article-claims dataset; a registry with any error cannot be checked (exit 2, every error listed) */
export function readUserRegistry(file: string): { datasets: DatasetRows[]; issues: Issue[] } {
  const linted = lintRegistry(file, readRegistryBytes(file));
  const errors = linted.issues.filter((i) => i.severity === "error");
  if (errors.length > 0) {
    throw new CliError(`claims registry ${file} is malformed (bycn claims lint ${file} lists every problem):\n${errors.map(formatIssue).join("\n")}`, 2);
  }
  return linted;
}
