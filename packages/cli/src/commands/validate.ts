// bycn validate FILE: a user's own file through the matching pipeline → normalized rows, rejects and issues
import type { Command } from "../command.js";
import { CliError } from "../output.js";
import { KIND_ALIASES } from "../pipelines.js";
import { openInput } from "../input.js";
import { validateToIo, type ValidateRunOptions } from "../validate-run.js";

export const validateCommand: Command = {
  name: "validate",
  summary: "validate your own file (ITU DataHub, WDI, OWID, price baskets, IDI, Great Stone): rows, rejects, issues",
  args: [{ name: "FILE", description: "your file; - or /dev/stdin reads standard input" }],
  options: {
    kind: { type: "enum", choices: ["auto", ...Object.keys(KIND_ALIASES)], default: "auto", placeholder: "KIND", description: "the file's layout; auto detects it from the header" },
    out: { type: "string", placeholder: "DIR", description: "write DIR/<dataset>.csv, DIR/<dataset>.json and DIR/rejects.csv" },
    format: { type: "enum", choices: ["text", "json"], default: "text", description: "issues as lines, or one JSON document" },
    json: { type: "boolean", description: "the same as --format json" },
    threads: { type: "number", description: "worker threads for a big file (default: the machine's cores; 1 keeps to one)" },
  },
  examples: ["bycn validate my-export.csv", "bycn validate - --kind wdi --out checked/ < wdi.csv"],
  async run({ values, positionals }, io) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new CliError(`expected exactly one FILE\nusage: ${this.usage}`, 2);
    const format = values.json ? "json" : String(values.format);
    if (format !== "text" && format !== "json") throw new CliError(`--format must be text or json, not ${format}`, 2);
    const kind = String(values.kind);
    if (kind !== "auto" && !(kind in KIND_ALIASES)) throw new CliError(`--kind must be auto or one of ${Object.keys(KIND_ALIASES).join(", ")}`, 2);
    let threads: number | undefined;
    if (values.threads !== undefined) {
      threads = Number(values.threads);
      if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new CliError(`--threads must be a whole number from 1 to 64, not ${String(values.threads)}`, 2);
    }
    const input = openInput(file);
    try {
      const o: ValidateRunOptions = { file: input.shown, source: input.read, kind, out: values.out === undefined ? undefined : String(values.out), format };
      if (threads !== undefined) o.threads = threads;
      // BYCN_RANGE_MIN_BYTES lowers the size from which a file is read in ranges (the tests cut small files)
      const min = Number(process.env.BYCN_RANGE_MIN_BYTES);
      if (process.env.BYCN_RANGE_MIN_BYTES !== undefined && Number.isInteger(min) && min >= 0) o.parallelMinBytes = min;
      return await validateToIo(o, io);
    } finally {
      input.cleanup();
    }
  },
};
