// the README's dataset dictionary is the zod schemas, and its command table the commands' declarations, rendered:
// a schema or command change without `npm run readme` fails here
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@bycn/core/test-support/real";
import { datasetSpecs, withDictionary } from "../readme/dictionary.js";
import { everyCommand, withCommands } from "../readme/commands.js";

describe("README", () => {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");

  it("dataset-dictionary-matches-the-schemas", () => {
    expect(withDictionary(readme)).toBe(readme);
  });

  it("command-table-matches-the-declarations", () => {
    expect(withCommands(readme)).toBe(readme);
  });

  it("names every command, with a paragraph on each below the table", () => {
    for (const { command, prefix } of everyCommand()) {
      const name = `bycn ${prefix ? `${prefix} ` : ""}${command.name}`;
      expect(readme, name).toContain(`| \`${name}`);
      expect(readme, name).toContain(`- \`${name}\`: `);
    }
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
