// bycn claims <subcommand>: work on a claims registry of your own; main.ts dispatches the group's subcommands
import { registryJsonSchema } from "@bycn/pipeline-article";
import type { Command, CommandGroup } from "../command.js";
import { CliError, issueLine } from "../output.js";
import { lintRegistry, readRegistryBytes } from "../registry.js";
import { claimsExtractCommand } from "./claims-extract.js";

const lint: Command = {
  name: "lint",
  summary: "report every problem in a claims registry as file:line:col; exit 2 when it is malformed",
  args: [{ name: "FILE", description: "the claims registry (CSV)" }],
  options: { format: { type: "enum", choices: ["text", "json"], default: "text", description: "one line per problem, or one JSON document" } },
  examples: ["bycn claims lint my-claims.csv", "bycn claims lint my-claims.csv --format json"],
  async run({ values, positionals }, io) {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) throw new CliError(`usage: ${this.usage}`, 2);
    const { datasets, issues } = lintRegistry(file, readRegistryBytes(file));
    const errors = issues.filter((i) => i.severity === "error").length;
    const claims = datasets[0]?.rows.length ?? 0;
    if (values.format === "json") io.out(JSON.stringify({ file, claims, errors, warnings: issues.length - errors, issues }, null, 2));
    else {
      for (const i of issues) io.out(issueLine(i, io.color));
      io.err(`bycn claims lint: ${file}: ${claims} claim(s), ${errors} error(s), ${issues.length - errors} warning(s)`);
    }
    return errors > 0 ? 2 : 0;
  },
};

const schema: Command = {
  name: "schema",
  summary: "print the registry format as JSON Schema (generated from its zod schema)",
  options: {},
  examples: ["bycn claims schema > claims-registry.schema.json"],
  async run({ positionals }, io) {
    if (positionals.length > 0) throw new CliError(`usage: ${this.usage}`, 2);
    io.out(JSON.stringify(registryJsonSchema(), null, 2));
    return 0;
  },
};

/** `bycn claims`: a new subcommand is one more entry here */
export const claimsGroup: CommandGroup = {
  name: "claims",
  summary: "work on a claims registry of your own: lint it, print its JSON Schema, draft one from an article",
  subcommands: [lint, schema, claimsExtractCommand],
};
