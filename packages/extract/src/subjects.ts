// who a figure is about: economies from the registry in @bycn/core in any of their names and Russian/Belarusian
// case forms, English possessives, and named entities such as the Great Stone park (with "the park" as anaphora)
import { economies, isAmbiguousName } from "@bycn/core";

export const PARK = "GREAT_STONE";

/** named entities that are not economies, with their names in English, Russian, Belarusian and Chinese */
export const NAMED_ENTITIES: readonly { id: string; names: readonly string[]; anaphora: readonly string[] }[] = [
  {
    id: PARK,
    names: [
      "Great Stone",
      "China-Belarus Industrial Park",
      "China–Belarus Industrial Park",
      "Chinese-Belarusian Industrial Park",
      "Sino-Belarusian Industrial Park",
      "Китайско-Белорусский индустриальный парк",
      "Великий камень",
      "Кітайска-Беларускі індустрыяльны парк",
      "Вялікі камень",
      "中白工业园",
    ],
    // "the park" means the park named last in the same section, and nothing when none was
    anaphora: ["the park", "парк", "парк"],
  },
];

/**
 * adjectives of the peer economies (English demonym, Russian adjective stem): "Chinese households", "белорусских
 * домохозяйств". Weaker than a name: a name in the same clause wins, and an adjective is never carried on.
 */
export const ADJECTIVES: Readonly<Record<string, readonly [string, string]>> = {
  CHN: ["Chinese", "китайск"],
  BLR: ["Belarusian|Belarussian|Byelorussian", "белорусск|беларуск"],
  RUS: ["Russian", "российск"],
  KAZ: ["Kazakh|Kazakhstani", "казахстанск"],
  UZB: ["Uzbek|Uzbekistani", "узбекск|узбекистанск"],
  KGZ: ["Kyrgyz", "кыргызск|киргизск"],
  ARM: ["Armenian", "армянск"],
  AZE: ["Azerbaijani", "азербайджанск"],
  GEO: ["Georgian", "грузинск"],
  MDA: ["Moldovan", "молдавск|молдовск"],
  UKR: ["Ukrainian", "украинск"],
  POL: ["Polish", "польск"],
  LTU: ["Lithuanian", "литовск"],
  LVA: ["Latvian", "латвийск"],
  EST: ["Estonian", "эстонск"],
  FIN: ["Finnish", "финск|финляндск"],
  DEU: ["German", "немецк|германск"],
  JPN: ["Japanese", "японск"],
  KOR: ["South Korean", "южнокорейск"],
  SGP: ["Singaporean", "сингапурск"],
};

export interface Mention {
  start: number;
  end: number;
  subject: string;
  /** "the park": it stands for the entity only when one was named before it */
  anaphora: boolean;
  /** an adjective ("Chinese"), not a name */
  weak: boolean;
}

const CYR = /\p{Script=Cyrillic}/u;
const HAN = /\p{Script=Han}/u;

const vowelless = (stem: string): string | undefined => {
  // a fleeting vowel: камень → камня, Египет → Египта
  const m = /^(.*\p{L})[ео](\p{L})$/u.exec(stem);
  return m ? m[1]! + m[2]! : undefined;
};

/** the case forms of one Russian or Belarusian word, as a regex source */
export function inflect(word: string): string {
  return forms(word).replace(/[её]/g, "[её]");
}

function forms(word: string): string {
  const w = word;
  const lower = word.toLowerCase();
  const cut = (n: number) => w.slice(0, w.length - n);
  const alt = (stem: string, ends: string) => `${stem}(?:${ends})`;
  if (/(?:ая|яя)$/.test(lower)) return alt(cut(2), "ая|ой|ую|ою|яя|ей|юю");
  if (/(?:ий|ый|ой|ій|ы)$/.test(lower) && /(?:ск|цк|н|в|к|ч|щ)(?:ий|ый|ой|ій|і|ы)$/.test(lower)) return alt(cut(2), "ий|ый|ой|ого|ому|им|ым|ом|ій|ага|аму|ім|ым");
  if (/(?:ое|ее)$/.test(lower)) return alt(cut(2), "ое|ее|ого|ему|ому|ым|им|ом|ем");
  if (/ия$/.test(lower)) return alt(cut(2), "ия|ии|ию|ией|ія|іі|ію|іяй");
  if (/ь$/.test(lower)) {
    const stem = cut(1);
    const short = vowelless(stem);
    return short ? `(?:${alt(stem, "ь|и|ью|і")}|${alt(short, "я|ю|ем|е")})` : alt(stem, "ь|и|ью|і");
  }
  if (/[гкхжшчщ]а$/.test(lower)) return alt(cut(1), "а|и|е|у|ой|ою|і");
  if (/а$/.test(lower)) return alt(cut(1), "а|ы|е|у|ой|ою|і");
  if (/я$/.test(lower)) return alt(cut(1), "я|и|е|ю|ей|ёй|і");
  if (/й$/.test(lower)) return alt(cut(1), "й|я|ю|ем|е|і");
  if (/ы$/.test(lower)) return alt(cut(1), "ы|ов|ам|ами|ах");
  if (/[оеиуэю]$/.test(lower)) return w;
  const short = vowelless(w);
  const forms = alt(w, "|а|у|ом|е|ам|ам|ы");
  return short ? `(?:${forms}|${alt(short, "а|у|ом|е")})` : forms;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** a name as a regex source: Cyrillic words take their case forms, a Latin name its possessive */
function namePattern(name: string): string {
  if (HAN.test(name)) return escape(name);
  const words = name.split(/(\s+|[-–])/);
  const body = words
    .map((part) => {
      if (/^\s+$/.test(part)) return "\\s+";
      if (/^[-–]$/.test(part)) return "\\s?[-–]\\s?";
      if (/^[«»"“”]/.test(part)) return escape(part);
      return CYR.test(part) ? inflect(part) : escape(part);
    })
    .join("");
  const possessive = CYR.test(name) ? "" : "(?:['’]s?)?";
  return `(?<![\\p{L}\\p{N}])(?:${body})${possessive}(?![\\p{L}\\p{N}])`;
}

interface Matcher {
  subject: string;
  re: RegExp;
  anaphora: boolean;
  weak: boolean;
  /** may start in lower case (anaphora, Russian adjectives) */
  anyCase: boolean;
}

// skip source spellings with commas or brackets ("Congo, Rep."), short codes, and names of several economies ("Congo")
const usable = (n: string): boolean => n.length >= 3 && !/[,()]/.test(n) && !isAmbiguousName(n);

function buildMatchers(): Matcher[] {
  const out: Matcher[] = [];
  for (const e of economies) {
    const names = [e.name, e.itu, e.ru, e.be, e.zh, ...e.aliases].filter((n): n is string => n !== undefined && usable(n));
    if (names.length > 0) out.push({ subject: e.iso3, re: new RegExp([...new Set(names)].map(namePattern).join("|"), "giu"), anaphora: false, weak: false, anyCase: false });
  }
  for (const n of NAMED_ENTITIES) {
    out.push({ subject: n.id, re: new RegExp(n.names.map(namePattern).join("|"), "giu"), anaphora: false, weak: false, anyCase: false });
    out.push({ subject: n.id, re: new RegExp([...new Set(n.anaphora)].map(namePattern).join("|"), "giu"), anaphora: true, weak: false, anyCase: true });
  }
  for (const [iso3, [en, ru]] of Object.entries(ADJECTIVES)) {
    // English demonyms are capitalised; a Russian adjective is lower case inside a sentence
    out.push({ subject: iso3, re: new RegExp(`(?<![\\p{L}])(?:${en})(?![\\p{L}])`, "gu"), anaphora: false, weak: true, anyCase: false });
    out.push({ subject: iso3, re: new RegExp(`(?<![\\p{L}])(?:${ru})\\p{L}*`, "giu"), anaphora: false, weak: true, anyCase: true });
  }
  return out;
}

let matchers: Matcher[] | undefined;

/** Every mention of an economy or named entity in the text; overlaps go to the longest (a park named after two countries). */
export function findMentions(text: string): Mention[] {
  matchers ??= buildMatchers();
  const all: Mention[] = [];
  for (const m of matchers) {
    for (const hit of text.matchAll(m.re)) {
      const first = hit[0][0]!;
      // names are proper nouns: a lower-case start is a common word ("chad", "turkey"), except for anaphora
      if (!m.anyCase && /\p{L}/u.test(first) && first !== first.toUpperCase()) continue;
      all.push({ start: hit.index, end: hit.index + hit[0].length, subject: m.subject, anaphora: m.anaphora, weak: m.weak });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Mention[] = [];
  for (const m of all) {
    const prev = kept[kept.length - 1];
    if (prev && m.start < prev.end) continue;
    kept.push(m);
  }
  return kept;
}
