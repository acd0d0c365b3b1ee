// which series a figure reports: keyword concepts (English and Russian) → series codes, with the units each allows
/** a keyword concept: any of its words or stems, in either language */
const C = {
  internet: /internet|интернет|онлайн|online/iu,
  network: /network|сет[ьиейя]/iu,
  access: /access|connect|доступ|подключ/iu,
  users: /\busing\b|\buse[sd]?\b|\busers?\b|пользов|пользу/iu,
  individuals: /population|individuals|people|inhabitants|населени|жител|граждан|людей/iu,
  households: /households?|домохозяйств|домашн\p{L}* хозяйств/iu,
  coverage: /coverage|covered|(?<![\p{L}\p{N}])[2345]G(?![\p{L}\p{N}])|\bLTE\b|покрыти|охват/iu,
  g3: /(?<![\p{L}\p{N}])3G(?![\p{L}\p{N}])/u,
  g4: /(?<![\p{L}\p{N}])4G(?![\p{L}\p{N}])|\bLTE\b/u,
  mobile: /mobile|cellular|мобильн|сотов/iu,
  fixed: /fixed|wired|фиксированн|проводн/iu,
  broadband: /broadband|широкополосн/iu,
  subscriptions: /subscriptions?|subscribers?|подпис(?:к|ок)|абонент/iu,
  traffic: /traffic|трафик/iu,
  price: /\bcosts?\b|price|basket|afford|стоимост|цен[аыуе]|корзин|доступн\p{L}* по цене/iu,
  gni: /gross national income|\bGNI\b|ВНД|валового национального дохода/iu,
  idi: /\bIDI\b|ICT Development Index|development index|индекс\p{L}* развития (?:ИКТ|информационно)|ИРИКТ/iu,
  growth: /growth|increase|\brose\b|\bgrew\b|\brise\b|рост|увелич|прирост/iu,
  residents: /residents?|резидент/iu,
  companies: /compan|firms|enterprises|компани|предприяти/iu,
  fresh: /\bnew\b|новы|нового|новых/iu,
  countries: /countries|стран/iu,
  investment: /invest|инвестиц|вложени/iu,
  jobs: /\bjobs\b|workplaces|рабоч\p{L}* мест/iu,
} as const;

export type Concept = keyof typeof C;

/** A series the extractor can propose: the concepts that must all be present, those that count for it, and against. */
export interface MeasureRule {
  measure: string;
  /** units the printed figure may carry ("" = a bare number) */
  units: readonly string[];
  /** the registry unit of the claim; "as printed" takes the figure's own (USD m, USD bn, thousand) */
  unit: string;
  /** every group needs one concept present near the figure */
  requires: readonly (readonly Concept[])[];
  also?: readonly Concept[];
  against?: readonly Concept[];
  /** economy (an ISO3 subject) or park (GREAT_STONE) */
  subject: "economy" | "park";
  /** the publication family whose edition the figure is quoted from; lag = reference year = edition year − lag */
  edition?: { family: string; lag: number; keyedByEdition?: boolean };
  /** a derived measure: computed from other figures of the text */
  derived?: boolean;
  /** a stock figure dated by its source: as_of is the date the cited source was read */
  dated?: boolean;
  /** bycn's own one-line description (the draft's paraphrase); {subject} is the subject's name */
  describe: string;
}

const IDI = { family: "IDI", lag: 2 } as const;
// a count may be printed with a scale word ("3 тыс. рабочих мест"): the claim's unit is then that word
const COUNT = ["", "thousand", "million"];

export const MEASURES: readonly MeasureRule[] = [
  { measure: "IDI", units: ["", "score"], unit: "score", requires: [["idi"]], subject: "economy", edition: { family: "IDI", lag: 0, keyedByEdition: true }, describe: "{subject}'s overall ICT Development Index score" },
  { measure: "growth_pct", units: ["%"], unit: "%", requires: [["growth"]], subject: "economy", derived: true, describe: "percentage change of {subject}'s figure between two years" },
  { measure: "i99H", units: ["%"], unit: "%", requires: [["internet"], ["users", "individuals"]], against: ["households", "coverage", "price"], subject: "economy", edition: IDI, describe: "share of {subject}'s population using the internet" },
  { measure: "xHH6_IDI", units: ["%"], unit: "%", requires: [["households"], ["internet", "access", "network"]], against: ["price"], subject: "economy", edition: IDI, describe: "share of {subject}'s households with internet access at home" },
  { measure: "Coverage", units: ["%"], unit: "%", requires: [["coverage"]], also: ["mobile", "network"], against: ["households", "price", "users"], subject: "economy", edition: IDI, describe: "share of {subject}'s population within reach of a mobile network" },
  { measure: "i911mw", units: ["", "per 100 inhabitants"], unit: "per 100 inhabitants", requires: [["subscriptions"], ["mobile", "broadband"]], also: ["mobile", "broadband"], against: ["fixed", "traffic"], subject: "economy", edition: IDI, describe: "active mobile-broadband subscriptions per 100 people in {subject}" },
  { measure: "i136mwi_subs_IDI", units: ["GB"], unit: "GB", requires: [["traffic"], ["mobile"]], against: ["fixed"], subject: "economy", edition: IDI, describe: "mobile-broadband traffic per subscription in {subject}" },
  { measure: "i135tfb_subs_IDI", units: ["GB"], unit: "GB", requires: [["traffic"], ["fixed"]], against: ["mobile"], subject: "economy", edition: IDI, describe: "fixed-broadband traffic per subscription in {subject}" },
  { measure: "i271mb_high_2GB_GNI", units: ["%"], unit: "% of GNI per capita", requires: [["price"], ["mobile"]], also: ["gni"], against: ["fixed"], subject: "economy", edition: IDI, describe: "price of {subject}'s mobile data-and-voice basket relative to gross national income per person" },
  { measure: "i154_FBB5_GNI", units: ["%"], unit: "% of GNI per capita", requires: [["price"], ["fixed", "broadband"]], also: ["gni", "fixed"], against: ["mobile"], subject: "economy", edition: IDI, describe: "price of {subject}'s fixed-broadband basket relative to gross national income per person" },
  { measure: "residents_total", units: COUNT, unit: "count", requires: [["residents"]], also: ["companies"], against: ["fresh", "countries", "jobs"], subject: "park", edition: { family: "BELTA", lag: 0 }, dated: true, describe: "companies registered as residents of {subject}" },
  { measure: "new_residents", units: COUNT, unit: "count", requires: [["residents"], ["fresh"]], also: ["companies"], against: ["jobs", "countries"], subject: "park", edition: { family: "BELTA", lag: 0 }, dated: true, describe: "companies that became residents of {subject} during the year" },
  { measure: "countries", units: [""], unit: "count", requires: [["countries"]], subject: "park", edition: { family: "BELTA", lag: 0 }, dated: true, describe: "countries the residents of {subject} come from" },
  { measure: "declared_investment_usd", units: ["USD", "USD m", "USD bn"], unit: "as printed", requires: [["investment"]], subject: "park", edition: { family: "BELTA", lag: 0 }, dated: true, describe: "investment declared by the residents of {subject}" },
  { measure: "jobs", units: COUNT, unit: "count", requires: [["jobs"]], subject: "park", edition: { family: "BELTA", lag: 0 }, dated: true, describe: "jobs created at {subject}" },
];

/** the concepts present in a piece of text */
export function conceptsIn(text: string): Set<Concept> {
  const out = new Set<Concept>();
  for (const [k, re] of Object.entries(C) as [Concept, RegExp][]) if (re.test(text)) out.add(k);
  return out;
}

/** the near context of a figure weighs more than the rest of its sentence, which weighs more than the sentence before */
export interface Scopes {
  own: Set<Concept>;
  sentence: Set<Concept>;
  before: Set<Concept>;
}

const weight = (s: Scopes, c: Concept): number => (s.own.has(c) ? 3 : s.sentence.has(c) ? 1.5 : s.before.has(c) ? 0.5 : 0);

export interface MeasureChoice {
  rule: MeasureRule;
  score: number;
}

/** Every measure whose required concepts are present and whose units allow the figure's, best first. */
export function rankMeasures(scopes: Scopes, unit: string, subjectKind: "economy" | "park" | undefined): MeasureChoice[] {
  const out: MeasureChoice[] = [];
  for (const rule of MEASURES) {
    if (!rule.units.includes(unit)) continue;
    if (subjectKind !== undefined && rule.subject !== subjectKind) continue;
    let score = 0;
    let ok = true;
    for (const group of rule.requires) {
      // a required concept must be in the figure's own sentence; the sentence before only adds weight
      const best = Math.max(...group.map((c) => weight(scopes, c)));
      if (best <= 0.5) ok = false;
      score += best;
    }
    if (!ok) continue;
    for (const c of rule.also ?? []) score += weight(scopes, c) / 3;
    for (const c of rule.against ?? []) score -= scopes.own.has(c) ? 2 : 0;
    out.push({ rule, score });
  }
  return out.sort((a, b) => b.score - a.score || MEASURES.indexOf(a.rule) - MEASURES.indexOf(b.rule));
}

/** 3G and 4G/LTE coverage are two series: name the one the text names, or both as readings */
export function coverageReadings(scopes: Scopes): { measure: string; readings: string; alternatives: string[] } {
  const g3 = scopes.own.has("g3") || scopes.sentence.has("g3");
  const g4 = scopes.own.has("g4") || scopes.sentence.has("g4");
  if (g3 && !g4) return { measure: "i271G", readings: "", alternatives: ["i271GA"] };
  if (g4 && !g3) return { measure: "i271GA", readings: "", alternatives: ["i271G"] };
  return { measure: "Coverage", readings: "3G=i271G;4G/LTE=i271GA;mean of 3G and 4G/LTE=mean(i271G,i271GA)", alternatives: ["i271G", "i271GA"] };
}
