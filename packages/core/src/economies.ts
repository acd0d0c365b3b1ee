// the economy registry: ISO3 ↔ names in English, ITU's spellings, Russian, Belarusian, Chinese, and aliases
import { ECONOMIES, AGGREGATES } from "./_economies.js";

/** A sovereign economy or territory that ITU reports on. */
export interface Economy {
  kind: "economy";
  iso3: string;
  /** English short name */
  name: string;
  /** ITU DataHub's spelling when it differs from `name` (e.g. "Hong Kong, China") */
  itu?: string;
  ru: string;
  be: string;
  zh: string;
  /** other spellings seen in WDI, OWID, UN and press usage */
  aliases: string[];
}

/** A region, income group or the world: published, but never counted as an economy. */
export interface Aggregate {
  kind: "aggregate";
  /** the source's code when it has one (WDI: WLD, AFE, HIC…), else a slug such as "owid:world" */
  id: string;
  name: string;
  aliases: string[];
}

export type Entity = Economy | Aggregate;

/** casefold, strip accents and punctuation so "Côte d'Ivoire" and "Cote dIvoire" meet */
export function normalizeName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const byCode = new Map<string, Entity>();
const byName = new Map<string, Entity>();
for (const e of ECONOMIES) {
  byCode.set(e.iso3, e);
  for (const n of [e.name, e.itu, e.ru, e.be, e.zh, ...e.aliases]) if (n) byName.set(normalizeName(n), e);
}
for (const a of AGGREGATES) {
  if (!a.id.includes(":")) byCode.set(a.id, a);
  byCode.set(a.id.toUpperCase(), a);
  for (const n of [a.name, ...a.aliases]) byName.set(normalizeName(n), a);
}

/** Look an entity up by ISO3/aggregate code first, then by any of its names in any language. */
export function lookupEntity(codeOrName: string): Entity | undefined {
  const t = codeOrName.trim();
  if (t === "") return undefined;
  return byCode.get(t.toUpperCase()) ?? byName.get(normalizeName(t));
}

export function economyByIso3(iso3: string): Economy | undefined {
  const e = byCode.get(iso3.toUpperCase());
  return e?.kind === "economy" ? e : undefined;
}

export const economies: readonly Economy[] = ECONOMIES;
export const aggregates: readonly Aggregate[] = AGGREGATES;
