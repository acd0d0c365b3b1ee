// cli: write raw/<source>/<date>/ snapshots (whole files, byte-for-byte) and raw/sources.json from the real files
import { parseArgs } from "node:util";
import { SourceId } from "@bycn/core";
import { PLAN } from "./plan.js";
import { runSnapshot } from "./run.js";

const HELP = `usage: snapshot --from DIR --out DIR [--only SOURCE]... [--date-override SOURCE=YYYY-MM-DD]...

Reads the real public files in DIR (the layout of shared/data/real), keeps every record of each
byte-for-byte (the whole public file), and writes OUT/<source>/<date>/<file> with <file>.meta.json, and OUT/sources.json.
Sources: ${PLAN.map((s) => `${s.source} (${s.date})`).join(", ")}.
Exit: 0 written; 2 usage error or a source could not be sliced (nothing written).`;

function fail(message: string): never {
  process.stderr.write(`snapshot: ${message}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        from: { type: "string" },
        out: { type: "string" },
        only: { type: "string", multiple: true },
        "date-override": { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    fail(`${(e as Error).message}\n${HELP}`);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (!v.from || !v.out) fail(`--from and --out are required\n${HELP}`);
  const known = new Set(PLAN.map((s) => s.source));
  const sourceId = (text: string): SourceId => {
    const id = SourceId.safeParse(text);
    if (!id.success || !known.has(id.data)) fail(`unknown source "${text}" (known: ${[...known].join(", ")})`);
    return id.data;
  };
  const dates: Partial<Record<SourceId, string>> = {};
  for (const o of v["date-override"] ?? []) {
    const m = /^([a-z-]+)=(\d{4}-\d{2}-\d{2})$/.exec(o);
    if (!m?.[1] || !m[2]) fail(`--date-override wants SOURCE=YYYY-MM-DD, got "${o}"`);
    dates[sourceId(m[1])] = m[2];
  }
  const only = v.only?.map(sourceId);
  try {
    const written = runSnapshot({ from: v.from, out: v.out, dates, ...(only ? { only } : {}) });
    for (const w of written) process.stdout.write(`${w.path}\t${w.kept}/${w.total}\t${w.bytes} bytes\n`);
  } catch (e) {
    fail((e as Error).message);
  }
}

main(process.argv.slice(2));
