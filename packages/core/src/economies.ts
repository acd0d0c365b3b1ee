// the economy registry: ISO3 ↔ names in English, ITU's spellings, Russian, Belarusian, Chinese, and aliases
import { AGGREGATES, AMBIGUOUS_NAMES, ECONOMIES } from "./_economies.js";

/** A sovereign economy or territory that ITU, WDI or OWID reports on. */
export interface Economy {
  kind: "economy";
  /** ISO 3166-1 alpha-3; WDI's XKX for Kosovo, WDI's CHI for the Channel Islands, ITU's ASC for Ascension */
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
  /** other codes sources use for it: ITU's AAA (Guernsey), GBJ (Jersey), KSO (Kosovo); OWID_KOS */
  codes?: string[];
}

/** A region, income group or the world: published, but never counted as an economy. */
export interface Aggregate {
  kind: "aggregate";
  /** the source's code when it has one (WDI: WLD, AFE, HIC…), else a slug such as "owid:south-asia-wb" */
  id: string;
  name: string;
  aliases: string[];
  /** other codes sources use for it (OWID_WRL for WLD) */
  codes?: string[];
}

export type Entity = Economy | Aggregate;

export type SourceKind = "itu" | "wdi" | "owid";

/**
 * casefold, strip accents and punctuation so "Côte d'Ivoire" and "Cote dIvoire" meet; apostrophes vanish
 * rather than split a word ("People's", Belarusian "Аб'яднаныя" / "Абʼяднаныя"), other punctuation is a space.
 * NFKD also folds ё→е, й→и, ў→у, so Russian and Belarusian spellings meet their plain-letter variants.
 */
export function normalizeName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`]/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function entityId(e: Entity): string {
  return e.kind === "economy" ? e.iso3 : e.id;
}

/** every spelling an entity answers to, in any language */
export function entityNames(e: Entity): string[] {
  const names = e.kind === "economy" ? [e.name, e.itu, e.ru, e.be, e.zh, ...e.aliases] : [e.name, ...e.aliases];
  return names.filter((n): n is string => n !== undefined && n !== "");
}

const byCode = new Map<string, Entity>();
const byName = new Map<string, Entity[]>();

function addName(name: string, e: Entity): void {
  const key = normalizeName(name);
  const list = byName.get(key) ?? [];
  if (!list.includes(e)) list.push(e);
  byName.set(key, list);
}

for (const e of [...ECONOMIES, ...AGGREGATES]) {
  for (const c of [entityId(e), ...(e.codes ?? [])]) byCode.set(c.toUpperCase(), e);
  for (const n of entityNames(e)) addName(n, e);
}
// bare names that mean more than one entity ("Congo", "Korea"): registered with every candidate so that
// they can never resolve to one of them
for (const { name, ids } of AMBIGUOUS_NAMES) {
  for (const id of ids) {
    const e = byCode.get(id);
    if (e) addName(name, e);
  }
}

/** Every entity a name could mean; more than one when the name is ambiguous. */
export function lookupCandidates(name: string): Entity[] {
  return [...(byName.get(normalizeName(name)) ?? [])];
}

/**
 * Look an entity up by code first (ISO3, aggregate code, or a source's own code such as KSO or OWID_KOS),
 * then by any of its names in any language, ignoring case, accents and punctuation.
 * An ambiguous name ("Congo", "Korea", "Virgin Islands") gives undefined; see lookupCandidates.
 */
export function lookupEntity(codeOrName: string): Entity | undefined {
  const t = codeOrName.trim();
  if (t === "") return undefined;
  const byItsCode = byCode.get(t.toUpperCase());
  if (byItsCode) return byItsCode;
  const candidates = byName.get(normalizeName(t));
  return candidates?.length === 1 ? candidates[0] : undefined;
}

export function economyByIso3(iso3: string): Economy | undefined {
  const e = byCode.get(iso3.trim().toUpperCase());
  return e?.kind === "economy" ? e : undefined;
}

/** Is this name registered for more than one entity? */
export function isAmbiguousName(name: string): boolean {
  return (byName.get(normalizeName(name))?.length ?? 0) > 1;
}

/**
 * Resolve a source's (code, name) pair under that source's rules.
 * itu: entityIso is an ISO3 code or one of ITU's own (AAA, GBJ, KSO); only economies qualify.
 * wdi: Country Code is an ISO3 code or a WDI aggregate code.
 * owid: an ISO3 code, an OWID_* code (OWID_KOS, OWID_WRL), or empty for regions, resolved by name.
 * A known code wins over the name; an unknown non-OWID code gives undefined rather than a guess from the name.
 */
export function entityForSource(source: SourceKind, code: string, name: string): Entity | undefined {
  const c = code.trim().toUpperCase();
  const viaCode = c === "" ? undefined : byCode.get(c);
  let e: Entity | undefined;
  if (viaCode) e = viaCode;
  else if (c === "" || (source === "owid" && c.startsWith("OWID_"))) e = lookupEntity(name);
  if (source === "itu" && e?.kind !== "economy") return undefined;
  return e;
}

export const economies: readonly Economy[] = ECONOMIES;
export const aggregates: readonly Aggregate[] = AGGREGATES;
