// cli: write raw/belta/<date>/great-stone-figures.csv (+ .meta.json) from the Great Stone transcription
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "@bycn/publish";
import { buildSnapshot, TRANSCRIBED } from "./render.js";

const HELP = `usage: belta --from TRANSCRIPTION.csv --out DIR [--date YYYY-MM-DD]

Renders the hand transcription of the Great Stone figures as a BELTA-style table (russian headers, windows-1251,
';', decimal comma) at OUT/belta/<date>/great-stone-figures.csv with its .meta.json. --date is the retrieval date
(default ${TRANSCRIBED}, the day of the transcription), so a rerun rewrites the same bytes.
Exit: 0 written; 2 usage error or the transcription cannot be rendered (nothing written).`;

function fail(message: string): never {
  process.stderr.write(`belta: ${message}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { from: { type: "string" }, out: { type: "string" }, date: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (!values.from || !values.out) fail(`--from and --out are required\n${HELP}`);
  let input: Uint8Array;
  try {
    input = readFileSync(values.from);
  } catch (e) {
    fail(`cannot read ${values.from}: ${(e as Error).message}`);
  }
  let built;
  try {
    built = buildSnapshot(input, values.date ?? TRANSCRIBED);
  } catch (e) {
    fail((e as Error).message);
  }
  const target = path.join(values.out, built.path);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileAtomic(target, built.bytes);
  writeFileAtomic(`${target}.meta.json`, built.metaBytes);
  process.stdout.write(`${path.join(values.out, built.path)}\t${built.lines.length} figures\t${built.bytes.length} bytes\n`);
}

main(process.argv.slice(2));
