// what a release is named and dated by, read from dist/'s datapackage.json: the data version and each dataset's rows
import { CliError } from "./output.js";

const DATA_VERSION = /^(\d{4})\.(\d{2})\.(\d{2})-[0-9a-f]{8}$/;

interface PackageFacts {
  version: string;
  date: string;
  datasets: [string, number][];
}

export function packageFacts(dir: string, files: ReadonlyMap<string, Uint8Array>): PackageFacts {
  const bytes = files.get("datapackage.json");
  if (!bytes) throw new CliError(`${dir} has no datapackage.json: run bycn build first`, 2);
  let dp: { version?: unknown; resources?: { name?: unknown; path?: unknown; format?: unknown }[] };
  try {
    dp = JSON.parse(new TextDecoder().decode(bytes)) as typeof dp;
  } catch (e) {
    throw new CliError(`${dir}/datapackage.json: not valid JSON (${(e as Error).message})`, 2);
  }
  const version = typeof dp.version === "string" ? dp.version : "";
  const m = DATA_VERSION.exec(version);
  if (!m) throw new CliError(`${dir}/datapackage.json: version "${version}" is not a data version (yyyy.mm.dd-hash); rebuild with bycn build`, 2);
  const datasets = (dp.resources ?? []).flatMap((r): [string, number][] => {
    if (r.format !== "csv" || typeof r.name !== "string" || typeof r.path !== "string" || !r.path.startsWith("data/")) return [];
    const csv = files.get(r.path);
    // rows = records after the header; published CSVs end every record with \n and quote embedded ones
    return csv ? [[r.name, countRows(csv)]] : [];
  });
  return { version, date: `${m[1]}-${m[2]}-${m[3]}`, datasets };
}

function countRows(csv: Uint8Array): number {
  let n = 0;
  let quoted = false;
  for (const b of csv) {
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && !quoted) n++;
  }
  return Math.max(0, n - 1);
}
