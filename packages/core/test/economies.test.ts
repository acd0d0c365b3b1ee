// the economy registry against itself and against every entity the real ITU, WDI, OWID and IDI files name
import { describe, expect, it } from "vitest";
import { AMBIGUOUS_NAMES } from "../src/_economies.js";
import {
  aggregates,
  economies,
  economyByIso3,
  entityForSource,
  entityId,
  entityNames,
  isAmbiguousName,
  lookupCandidates,
  lookupEntity,
  normalizeName,
  type Entity,
} from "../src/economies.js";
import { readSourceEntities, type SourceEntity } from "../scripts/source-entities.js";
import { describeReal } from "../test-support/real.js";

const id = (e: Entity | undefined): string | undefined => (e ? entityId(e) : undefined);

describe("registry shape", () => {
  it("no-duplicate-ids-or-codes", () => {
    const codes = [...economies, ...aggregates].flatMap((e) => [entityId(e), ...(e.codes ?? [])].map((c) => c.toUpperCase()));
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });

  it("every-economy-has-ru-be-zh", () => {
    const incomplete = economies.filter((e) => [e.name, e.ru, e.be, e.zh].some((n) => n.trim() === ""));
    expect(incomplete.map((e) => e.iso3)).toEqual([]);
    // the scripts must be the right ones: Cyrillic for ru/be, Han for zh
    expect(economies.filter((e) => !/\p{Script=Cyrillic}/u.test(e.ru) || !/\p{Script=Cyrillic}/u.test(e.be)).map((e) => e.iso3)).toEqual([]);
    expect(economies.filter((e) => !/\p{Script=Han}/u.test(e.zh)).map((e) => e.iso3)).toEqual([]);
    // Belarusian has і and ў where Russian has и and в/у; a be name spelled with и is a Russian name left in place
    expect(economies.filter((e) => /и/u.test(e.be)).map((e) => `${e.iso3} ${e.be}`)).toEqual([]);
  });

  it("sorted-by-iso3-and-codes-are-upper-case", () => {
    const ids = economies.map((e) => e.iso3);
    expect(ids).toEqual([...ids].sort());
    expect(ids.filter((c) => !/^[A-Z]{3}$/.test(c))).toEqual([]);
  });

  it("every-name-resolves-to-its-own-entry", () => {
    const wrong: string[] = [];
    for (const e of [...economies, ...aggregates]) {
      for (const n of entityNames(e)) if (lookupEntity(n) !== e) wrong.push(`${entityId(e)}: ${n} → ${id(lookupEntity(n))}`);
      for (const c of [entityId(e), ...(e.codes ?? [])]) if (lookupEntity(c) !== e) wrong.push(`${entityId(e)}: code ${c}`);
    }
    expect(wrong).toEqual([]);
  });

  it("no-name-collisions-outside-the-ambiguous-list", () => {
    const owners = new Map<string, Set<string>>();
    for (const e of [...economies, ...aggregates]) {
      for (const n of entityNames(e)) {
        const k = normalizeName(n);
        owners.set(k, (owners.get(k) ?? new Set()).add(entityId(e)));
      }
    }
    expect([...owners].filter(([, ids]) => ids.size > 1).map(([k, ids]) => `${k}: ${[...ids].join(",")}`)).toEqual([]);
    const ambiguousRegistered = AMBIGUOUS_NAMES.filter((a) => owners.has(normalizeName(a.name)));
    expect(ambiguousRegistered).toEqual([]);
  });

  it("aggregate-ids-never-shadow-an-economy", () => {
    const iso = new Set(economies.flatMap((e) => [e.iso3, ...(e.codes ?? [])]));
    expect(aggregates.filter((a) => iso.has(a.id))).toEqual([]);
    expect(economyByIso3("WLD")).toBeUndefined();
    expect(lookupEntity("WLD")?.kind).toBe("aggregate");
  });
});

describe("normalizeName", () => {
  it.each([
    ["Côte d'Ivoire", "cote divoire"],
    ["Cote dIvoire", "cote divoire"],
    ["Korea, Dem. People’s Rep.", "korea dem peoples rep"],
    ["Аб'яднаныя Арабскія Эміраты", "абяднаныя арабскія эміраты"],
    ["Абʼяднаныя Арабскія Эміраты", "абяднаныя арабскія эміраты"],
    ["Объединённые", "объединенные"],
    ["Папуа — Новая Гвинея", "папуа новая гвинея"],
    ["科科斯（基林）群岛", "科科斯 基林 群岛"],
  ])("apostrophes-vanish-other-punctuation-is-a-space: %s", (raw, expected) => expect(normalizeName(raw)).toBe(expected));
});

describe("lookupEntity", () => {
  it.each(["Беларусь", "Белоруссия", "Рэспубліка Беларусь", "白俄罗斯", "Republic of Belarus", "belarus", "BLR", "blr", "  Belarus "])(
    "belarus-in-any-language: %s",
    (name) => expect(id(lookupEntity(name))).toBe("BLR"),
  );

  it.each(["Китай", "Кітай", "中华人民共和国", "中国", "China, People's Republic of", "People's Republic of China", "КНР", "CHN"])(
    "china-in-any-language: %s",
    (name) => expect(id(lookupEntity(name))).toBe("CHN"),
  );

  it.each([
    ["Cote d'Ivoire", "CIV"],
    ["COTE DIVOIRE", "CIV"],
    ["Curacao", "CUW"],
    ["Turkiye", "TUR"],
    ["Объединенные Арабские Эмираты", "ARE"], // ё written as е
    ["Virgin Islands (U.S.)", "VIR"],
    ["Hong Kong SAR, China", "HKG"],
    ["Iran, Islamic Rep.", "IRN"],
    ["Korea, Rep.", "KOR"],
    ["Korea, Dem. People's Rep.", "PRK"],
    ["Congo, Dem. Rep.", "COD"],
    ["Congo, Rep.", "COG"],
    ["Niger", "NER"],
    ["Nigeria", "NGA"],
    ["Guinea", "GIN"],
    ["Equatorial Guinea", "GNQ"],
    ["Russia", "RUS"],
    ["Российская Федерация", "RUS"],
    ["Республика Казахстан", "KAZ"],
  ])("accents-case-punctuation-and-source-spellings: %s", (name, expected) => expect(id(lookupEntity(name))).toBe(expected));

  it.each([
    ["KSO", "XKX"],
    ["OWID_KOS", "XKX"],
    ["AAA", "GGY"],
    ["GBJ", "JEY"],
    ["OWID_WRL", "WLD"],
  ])("source-specific-codes: %s", (code, expected) => expect(id(lookupEntity(code))).toBe(expected));

  it("ambiguous-bare-names-resolve-to-nothing", () => {
    const cases: [string, string[]][] = [
      ["Congo", ["COD", "COG"]],
      ["Конго", ["COD", "COG"]],
      ["刚果", ["COD", "COG"]],
      ["Korea", ["KOR", "PRK"]],
      ["Корея", ["KOR", "PRK"]],
      ["Virgin Islands", ["VGB", "VIR"]],
      ["St. Martin", ["MAF", "SXM"]],
    ];
    for (const [name, ids] of cases) {
      expect(lookupEntity(name), name).toBeUndefined();
      expect(isAmbiguousName(name), name).toBe(true);
      expect(lookupCandidates(name).map(entityId).sort(), name).toEqual(ids);
    }
    // a code is never ambiguous, whatever the name
    expect(entityForSource("owid", "COG", "Congo")?.kind).toBe("economy");
  });

  it("unknown-and-empty-inputs", () => {
    expect(lookupEntity("")).toBeUndefined();
    expect(lookupEntity("Atlantis")).toBeUndefined();
    expect(lookupCandidates("Atlantis")).toEqual([]);
    expect(isAmbiguousName("Belarus")).toBe(false);
  });
});

describe("entityForSource", () => {
  it("itu-accepts-economies-only", () => {
    expect(id(entityForSource("itu", "KSO", "Kosovo"))).toBe("XKX");
    expect(entityForSource("itu", "WLD", "World")).toBeUndefined();
  });

  it("unknown-code-is-not-guessed-from-the-name", () => {
    expect(entityForSource("wdi", "ZZZ", "Belarus")).toBeUndefined();
    expect(entityForSource("itu", "ZZZ", "Belarus")).toBeUndefined();
  });

  it("owid-empty-code-and-private-codes-go-by-name", () => {
    expect(id(entityForSource("owid", "", "High-income countries"))).toBe("HIC");
    expect(id(entityForSource("owid", "OWID_WRL", "World"))).toBe("WLD");
    // an OWID_* code the registry does not know still has a name to go by
    expect(id(entityForSource("owid", "OWID_XYZ", "Kosovo"))).toBe("XKX");
    expect(entityForSource("owid", "", "Congo")).toBeUndefined();
  });
});

describeReal("real files: every source entity resolves", (dir) => {
  const entities: SourceEntity[] = readSourceEntities(dir);
  const of = (source: SourceEntity["source"]) => entities.filter((e) => e.source === source);

  it("the-files-were-read", () => {
    expect(new Set(of("itu").map((e) => e.code)).size).toBe(236);
    expect(new Set(of("wdi").filter((e) => e.aggregate === true).map((e) => e.code)).size).toBe(48);
    expect(of("owid").length).toBeGreaterThan(200);
    expect(of("idi").length).toBe(172);
  });

  it("itu-entityiso-resolves-with-itu-spelling", () => {
    const wrong: string[] = [];
    for (const s of of("itu")) {
      const e = entityForSource("itu", s.code, s.name);
      if (e?.kind !== "economy") wrong.push(`${s.code} unresolved`);
      else if ((e.itu ?? e.name) !== s.name) wrong.push(`${s.code}: file ${s.name}, registry ${e.itu ?? e.name}`);
    }
    expect(wrong).toEqual([]);
  });

  it("itu-non-iso-codes-map-to-iso", () => {
    expect(id(entityForSource("itu", "AAA", "Guernsey"))).toBe("GGY");
    expect(id(entityForSource("itu", "GBJ", "Jersey"))).toBe("JEY");
    expect(of("itu").some((s) => s.code === "KSO")).toBe(true);
  });

  it("wdi-code-resolves-and-is-aggregate-iff-region-empty", () => {
    const wrong: string[] = [];
    for (const s of of("wdi")) {
      const e = entityForSource("wdi", s.code, s.name);
      if (!e) wrong.push(`${s.code} unresolved`);
      else if (s.aggregate !== undefined && (e.kind === "aggregate") !== s.aggregate) wrong.push(`${s.code}: kind ${e.kind}`);
    }
    expect(wrong).toEqual([]);
  });

  it("wdi-not-classified-inx-is-in-data-but-not-metadata", () => {
    const inx = of("wdi").filter((s) => s.code === "INX");
    expect(inx.map((s) => s.aggregate)).toEqual([undefined]);
    expect(entityForSource("wdi", "INX", "Not classified")?.kind).toBe("aggregate");
  });

  it("owid-empty-code-resolves-to-aggregate-except-faeroe-islands", () => {
    const wrong: string[] = [];
    for (const s of of("owid").filter((s) => s.code === "")) {
      const e = entityForSource("owid", s.code, s.name);
      // OWID leaves Code empty for the Faroe Islands too (spelled "Faeroe Islands"), an economy, not a region
      const expected = s.name === "Faeroe Islands" ? "economy" : "aggregate";
      if (e?.kind !== expected) wrong.push(`${s.name} → ${e?.kind}`);
    }
    expect(wrong).toEqual([]);
    expect(id(entityForSource("owid", "", "Faeroe Islands"))).toBe("FRO");
  });

  it("owid-aggregates-share-wdi-ids-where-the-same", () => {
    expect(id(entityForSource("owid", "OWID_WRL", "World"))).toBe("WLD");
    expect(id(entityForSource("owid", "", "East Asia and Pacific (WB)"))).toBe("EAS");
    expect(id(entityForSource("owid", "", "European Union (27)"))).toBe("EUU");
    // a different composition from today's WDI MEA / SAS: kept apart
    expect(id(entityForSource("owid", "", "Middle East and North Africa (WB)"))).toBe("owid:middle-east-and-north-africa-wb");
    expect(id(entityForSource("owid", "", "South Asia (WB)"))).toBe("owid:south-asia-wb");
  });

  it("owid-coded-rows-resolve-to-economies", () => {
    const wrong = of("owid")
      .filter((s) => s.code !== "" && s.code !== "OWID_WRL")
      .filter((s) => entityForSource("owid", s.code, s.name)?.kind !== "economy")
      .map((s) => s.code);
    expect(wrong).toEqual([]);
  });

  it("idi-iso3-are-all-economies", () => {
    expect(of("idi").filter((s) => economyByIso3(s.code) === undefined).map((s) => s.code)).toEqual([]);
  });

  it("source-names-alone-resolve-to-the-same-entity-as-codes", () => {
    // a name lookup (as the article checker does) lands where the code does, except OWID's bare "Congo"
    const wrong: string[] = [];
    for (const s of entities.filter((s) => s.source !== "idi" && s.code !== "")) {
      const viaCode = entityForSource(s.source as "itu" | "wdi" | "owid", s.code, s.name);
      const viaName = lookupEntity(s.name);
      if (viaName !== viaCode && !isAmbiguousName(s.name)) wrong.push(`${s.source} ${s.code} ${s.name} → ${id(viaName)}`);
    }
    expect(wrong).toEqual([]);
    expect(entities.filter((s) => s.code !== "" && isAmbiguousName(s.name)).map((s) => `${s.source} ${s.code} ${s.name}`)).toEqual([
      "owid COG Congo",
    ]);
  });
});
