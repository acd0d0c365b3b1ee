// the README's dataset dictionary is the zod schemas, rendered: a schema change without `npm run readme` fails here
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@bycn/core/test-support/real";
import { datasetSpecs, withDictionary } from "../readme/dictionary.js";

describe("README", () => {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");

  it("dataset-dictionary-matches-the-schemas", () => {
    expect(withDictionary(readme)).toBe(readme);
  });

  it("documents every published dataset and every column", () => {
    for (const spec of datasetSpecs()) {
      expect(readme, spec.name).toContain(`### ${spec.name}`);
      for (const column of Object.keys(spec.schema.shape)) expect(readme, `${spec.name}.${column}`).toContain(`\`${column}\``);
    }
  });

  it("quick start has exactly the two command lines", () => {
    const block = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block?.trim().split("\n")).toEqual(["npm ci && npm start", "npm test"]);
  });
});
