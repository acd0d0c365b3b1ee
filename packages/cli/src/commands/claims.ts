// bycn claims <subcommand>: work on a user's claims registry; subcommands are a table, each in its own module or entry
import { registryJsonSchema } from "@bycn/pipeline-article";
import type { Command } from "../main.js";
import { CliError, issueLine, type Io } from "../output.js";
import { lintRegistry, readRegistryBytes } from "../registry.js";

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

/** the subcommands of `bycn claims`; a new one (extract, in claims-extract.ts) is one more entry here */
export const CLAIMS_SUBCOMMANDS: Subcommand[] = [lint, schema];

function help(): string {
  const width = Math.max(...CLAIMS_SUBCOMMANDS.map((s) => s.name.length));
  return CLAIMS_SUBCOMMANDS.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}\n  ${" ".repeat(width)}  usage: ${s.usage}`).join("\n");
}

export const claimsCommand: Command = {
  name: "claims",
  summary: "work on a claims registry of your own: lint it, print its JSON Schema",
  usage: `bycn claims <subcommand> …\n\n${help()}`,
  // parseArgs needs every option any subcommand takes
  options: Object.assign({}, ...CLAIMS_SUBCOMMANDS.map((s) => s.options)) as Command["options"],
  async run({ values, positionals }, io) {
    const [name, ...rest] = positionals;
    const sub = CLAIMS_SUBCOMMANDS.find((s) => s.name === name);
    if (!sub) {
      io.err(`bycn claims: ${name === undefined ? "a subcommand is needed" : `unknown subcommand ${JSON.stringify(name)}`}\n\n${help()}`);
      return 2;
    }
    return sub.run({ values, positionals: rest }, io);
  },
};

