// bycn claims <subcommand>: work on a claims registry of your own; the subcommands are a table that main.ts dispatches
import { registryJsonSchema } from "@bycn/pipeline-article";
import type { Command } from "../main.js";
import { CliError, issueLine, type Io } from "../output.js";
import { lintRegistry, readRegistryBytes } from "../registry.js";
import { claimsExtractCommand } from "./claims-extract.js";

/** One `bycn claims` subcommand: its own usage, options and exit code. */
export interface Subcommand {
  name: string;
  summary: string;
  usage: string;
  options: Command["options"];
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, io: Io): Promise<number>;
}

const lint: Subcommand = {
  name: "lint",
  summary: "report every problem in a claims registry as file:line:col; exit 2 when it is malformed",
  usage: "bycn claims lint FILE [--format text|json]",
  options: { format: { type: "string", default: "text" } },
  async run({ values, positionals }, io) {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) throw new CliError(`usage: ${this.usage}`, 2);
    const format = String(values.format);
    if (format !== "text" && format !== "json") throw new CliError("--format must be text or json", 2);
    const { datasets, issues } = lintRegistry(file, readRegistryBytes(file));
    const errors = issues.filter((i) => i.severity === "error").length;
    const claims = datasets[0]?.rows.length ?? 0;
    if (format === "json") io.out(JSON.stringify({ file, claims, errors, warnings: issues.length - errors, issues }, null, 2));
    else {
      for (const i of issues) io.out(issueLine(i, io.color));
      io.err(`bycn claims lint: ${file}: ${claims} claim(s), ${errors} error(s), ${issues.length - errors} warning(s)`);
    }
    return errors > 0 ? 2 : 0;
  },
};

const schema: Subcommand = {
  name: "schema",
  summary: "print the registry format as JSON Schema (generated from its zod schema)",
  usage: "bycn claims schema",
  options: {},
  async run({ positionals }, io) {
    if (positionals.length > 0) throw new CliError(`usage: ${this.usage}`, 2);
    io.out(JSON.stringify(registryJsonSchema(), null, 2));
    return 0;
  },
};

/** the subcommands of `bycn claims`, each parsed with its own options by main.ts; a new one is one more entry here */
export const CLAIMS_SUBCOMMANDS: Subcommand[] = [lint, schema, claimsExtractCommand];
