// the entities (code + spelling) that the real ITU, WDI, OWID and IDI files name: the checklist for the registry
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface SourceEntity {
  source: "itu" | "wdi" | "owid" | "idi";
  code: string;
  name: string;
  /** wdi only: Metadata_Country leaves Region empty for aggregates; undefined when the code is absent there */
  aggregate?: boolean;
  file: string;
}

/**
 * Minimal RFC 4180 reader for these fixtures only (quoted fields, doubled quotes, embedded CR/LF, BOM).
 * core must not depend on @bycn/ingest, which sits above it; the pipelines read with ingest.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

function records(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

function distinct(list: SourceEntity[]): SourceEntity[] {
  const seen = new Map<string, SourceEntity>();
  for (const e of list) seen.set(`${e.source}\u0000${e.code}\u0000${e.name}`, e);
  return [...seen.values()];
}

/** Every distinct (source, code, name) in the real files under `dir` (../shared/data/real). */
export function readSourceEntities(dir: string): SourceEntity[] {
  const out: SourceEntity[] = [];
  const ituDir = path.join(dir, "itu-datahub-csv");
  for (const f of readdirSync(ituDir).filter((f) => f.endsWith(".csv")).sort()) {
    for (const r of records(path.join(ituDir, f))) {
      out.push({ source: "itu", code: r["entityIso"] ?? "", name: r["entityName"] ?? "", file: `itu-datahub-csv/${f}` });
    }
  }
  const wdiDir = path.join(dir, "world-bank-wdi");
  const wdiFiles = readdirSync(wdiDir).sort();
  const regions = new Map<string, string>();
  for (const f of wdiFiles.filter((f) => f.startsWith("Metadata_Country_"))) {
    for (const r of records(path.join(wdiDir, f))) {
      const code = r["Country Code"] ?? "";
      regions.set(code, r["Region"] ?? "");
      out.push({ source: "wdi", code, name: r["TableName"] ?? "", aggregate: r["Region"] === "", file: `world-bank-wdi/${f}` });
    }
  }
  for (const f of wdiFiles.filter((f) => f.startsWith("API_"))) {
    for (const r of records(path.join(wdiDir, f))) {
      const code = r["Country Code"] ?? "";
      const region = regions.get(code);
      const e: SourceEntity = { source: "wdi", code, name: r["Country Name"] ?? "", file: `world-bank-wdi/${f}` };
      if (region !== undefined) e.aggregate = region === "";
      out.push(e);
    }
  }
  for (const r of records(path.join(dir, "owid", "internet.csv"))) {
    out.push({ source: "owid", code: r["Code"] ?? "", name: r["Entity"] ?? "", file: "owid/internet.csv" });
  }
  const idi = "transcribed/idi2024_scores_wikipedia_via_third_party.csv";
  for (const r of records(path.join(dir, idi))) out.push({ source: "idi", code: r["iso3"] ?? "", name: "", file: idi });
  return distinct(out);
}
