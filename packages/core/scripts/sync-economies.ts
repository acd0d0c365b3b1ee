// rewrite src/_economies.ts: add every spelling the real files use, sort, one entry per line; list what is missing
// usage: npx tsx packages/core/scripts/sync-economies.ts [path/to/shared/data/real]
// the Russian, Belarusian and Chinese names are hand-written; this script never invents them, it only reports
// source entities that have no entry yet (exit code 1) so that someone writes one.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AGGREGATES, AMBIGUOUS_NAMES, ECONOMIES } from "../src/_economies.js";
import { entityId, entityNames, normalizeName, type Aggregate, type Economy, type Entity } from "../src/economies.js";
import { readSourceEntities } from "./source-entities.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const realDir = path.resolve(process.argv[2] ?? path.resolve(here, "../../../../shared/data/real"));
const target = path.resolve(here, "../src/_economies.ts");

const byCode = new Map<string, Entity>();
for (const e of [...ECONOMIES, ...AGGREGATES]) for (const c of [entityId(e), ...(e.codes ?? [])]) byCode.set(c, e);
const byName = new Map<string, Entity>();
for (const e of [...ECONOMIES, ...AGGREGATES]) for (const n of entityNames(e)) byName.set(normalizeName(n), e);

// an ambiguous bare name (OWID calls COG "Congo") is never added to one entity
const ambiguous = new Set(AMBIGUOUS_NAMES.map((a) => normalizeName(a.name)));

const missing: string[] = [];
const conflicts: string[] = [];
for (const s of readSourceEntities(realDir)) {
  if (s.source === "idi") {
    if (!byCode.has(s.code)) missing.push(`${s.code} (${s.file})`);
    continue;
  }
  const e = s.code === "" ? byName.get(normalizeName(s.name)) : byCode.get(s.code);
  if (!e) {
    missing.push(`${s.code || "(no code)"} ${JSON.stringify(s.name)} (${s.file})`);
    continue;
  }
  if (s.source === "itu" && e.kind === "economy" && s.name !== e.name) {
    if (e.itu !== undefined && e.itu !== s.name) conflicts.push(`${e.iso3}: itu ${JSON.stringify(e.itu)} vs ${JSON.stringify(s.name)}`);
    else e.itu = s.name;
    continue;
  }
  const known = new Set(entityNames(e).map(normalizeName));
  if (!known.has(normalizeName(s.name))) e.aliases.push(s.name);
}

function dedupe(e: Entity): void {
  const seen = new Set<string>([...ambiguous, normalizeName(e.name)]);
  if (e.kind === "economy") for (const n of [e.itu, e.ru, e.be, e.zh]) if (n) seen.add(normalizeName(n));
  e.aliases = e.aliases.filter((a) => {
    const k = normalizeName(a);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const q = (s: string): string => JSON.stringify(s);
const list = (xs: string[]): string => `[${xs.map(q).join(", ")}]`;

function economyLine(e: Economy): string {
  dedupe(e);
  const parts = [`kind: "economy"`, `iso3: ${q(e.iso3)}`, `name: ${q(e.name)}`];
  if (e.itu !== undefined) parts.push(`itu: ${q(e.itu)}`);
  parts.push(`ru: ${q(e.ru)}`, `be: ${q(e.be)}`, `zh: ${q(e.zh)}`, `aliases: ${list(e.aliases)}`);
  if (e.codes?.length) parts.push(`codes: ${list(e.codes)}`);
  return `  { ${parts.join(", ")} },`;
}

function aggregateLine(a: Aggregate): string {
  dedupe(a);
  const parts = [`kind: "aggregate"`, `id: ${q(a.id)}`, `name: ${q(a.name)}`, `aliases: ${list(a.aliases)}`];
  if (a.codes?.length) parts.push(`codes: ${list(a.codes)}`);
  return `  { ${parts.join(", ")} },`;
}

const byKey = (k: (x: never) => string) => (a: never, b: never) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0);
const economies = [...ECONOMIES].sort(byKey((e: Economy) => e.iso3));
const aggregates = [...AGGREGATES].sort(byKey((a: Aggregate) => a.id));

const text = `// registry data: every economy and aggregate in the ITU, WDI, OWID and IDI files; regenerate spellings with scripts/sync-economies.ts
import type { Aggregate, Economy } from "./economies.js";

// economies, sorted by iso3. names: English short names after UN/ISO usage, dropping formal descriptors
// where a standard short form exists (Bolivia, Iran, Venezuela, Moldova, Tanzania, Micronesia); ru/be/zh are
// hand-written (be: official orthography); \`itu\` and the WDI/OWID spellings in \`aliases\` come from the files.
// code quirks, with evidence from the real files:
// - ITU's entityIso is not always ISO 3166: Guernsey is AAA (ISO GGY), Jersey GBJ (ISO JEY), Kosovo KSO;
//   Ascension has its own ASC (ISO folds it into SHN) and the Netherlands Antilles keep the withdrawn ANT.
// - Kosovo: ITU KSO, WDI XKX, OWID OWID_KOS; the registry keys it as XKX (WDI, EU and IMF usage).
// - WDI's CHI (Channel Islands) is a WDI-only economy code (Guernsey + Jersey).
// - "Congo" alone is ambiguous, so COG is named "Republic of the Congo" (see AMBIGUOUS_NAMES).
export const ECONOMIES: Economy[] = [
${economies.map(economyLine).join("\n")}
];

// aggregates: the 48 rows with empty Region in WDI's Metadata_Country, INX ("Not classified", which appears in
// the WDI data file but not in its metadata), and OWID's regions and income groups (empty Code).
// an OWID aggregate takes the WDI id when it is the same aggregate, so that sources compare on one id:
// OWID "World" (OWID_WRL) = WLD, "High-income countries" = HIC, the income groups, "European Union (27)" = EUU,
// and the "(WB)" regions whose values match WDI to the printed decimal (EAS, ECS, LCN, NAC, SSF; e.g. EAS 2010
// 34.2 in both). two "(WB)" regions are not today's WDI aggregates and keep an "owid:" id: in 2024 the World
// Bank moved Afghanistan and Pakistan from South Asia into "Middle East, North Africa, Afghanistan & Pakistan"
// (MEA); OWID's "Middle East and North Africa (WB)" is the older composition (2015: OWID 44.1, WDI MEA 31.8)
// and its "South Asia (WB)" is OWID's own sum (2005: 2.58 against WDI SAS 2.1).
export const AGGREGATES: Aggregate[] = [
${aggregates.map(aggregateLine).join("\n")}
];

// names that mean more than one entity: lookupEntity returns undefined for them (lookupCandidates lists both);
// none of them is registered as a name or alias of a single entity.
export const AMBIGUOUS_NAMES: { name: string; ids: string[] }[] = [
${AMBIGUOUS_NAMES.map((a) => `  { name: ${q(a.name)}, ids: ${list(a.ids)} },`).join("\n")}
];
`;

writeFileSync(target, text);
for (const c of conflicts) console.error(`conflict: ${c}`);
for (const m of missing) console.error(`missing: ${m}`);
console.log(`${economies.length} economies, ${aggregates.length} aggregates; ${missing.length} missing, ${conflicts.length} conflicts`);
process.exitCode = missing.length + conflicts.length > 0 ? 1 : 0;
