// source licence text → data package v2 license objects: a name (SPDX id where one exists) and a path to the licence text

export interface LicenseObject {
  name: string;
  path: string;
  title: string;
}

interface Term extends LicenseObject {
  /** the terms forbid commercial use: said on every resource that carries them */
  nonCommercial?: true;
}

const cc = (id: string, slug: string, title: string, nonCommercial = false): Term => ({
  name: id,
  path: `https://creativecommons.org/licenses/${slug}/legalcode`,
  title,
  ...(nonCommercial ? { nonCommercial: true as const } : {}),
});

export const TERMS = {
  ccBy4: cc("CC-BY-4.0", "by/4.0", "Creative Commons Attribution 4.0 International"),
  ccBySa4: cc("CC-BY-SA-4.0", "by-sa/4.0", "Creative Commons Attribution-ShareAlike 4.0 International"),
  ccByNcSa3Igo: cc("CC-BY-NC-SA-3.0-IGO", "by-nc-sa/3.0/igo", "Creative Commons Attribution-NonCommercial-ShareAlike 3.0 IGO", true),
  // ITU's copyright terms have no SPDX id; the stable name is bycn's, the path ITU's own terms text
  itu: { name: "LicenseRef-ITU-terms-of-use", path: "https://www.itu.int/en/about/Pages/terms-of-use.aspx", title: "© ITU, ITU terms of use" },
  // bycn's own tables (the claims registry, the compiled news figures): facts only, under the project's licence
  mit: { name: "MIT", path: "https://spdx.org/licenses/MIT.html", title: "MIT License (bycn's compilation; the figures are facts, no source text reproduced)" },
} satisfies Record<string, Term>;

/**
 * The terms each licence text of raw/sources.json names, in the order written. A text no rule knows keeps its
 * words under a LicenseRef name, with the source page as path: the dist/ profile test rejects a licence whose path
 * is a source page, so a new wording is caught there, not shipped.
 */
const RULES: { test: RegExp; terms: Term[] }[] = [
  { test: /^cc[ -]?by[ -]4\.0$/i, terms: [TERMS.ccBy4] },
  { test: /^cc[ -]?by[ -]sa[ -]4\.0$/i, terms: [TERMS.ccBySa4] },
  { test: /^cc[ -]?by[ -]nc[ -]sa[ -]3\.0[ -]igo$/i, terms: [TERMS.ccByNcSa3Igo] },
  // the IDI transcription: ITU's scores, as tabled by Wikipedia
  { test: /^© ITU \(IDI .*CC BY-SA 4\.0\)$/, terms: [TERMS.itu, TERMS.ccBySa4] },
  { test: /^© ITU; ITU DataHub terms of use$/, terms: [TERMS.itu] },
  { test: /^Facts\b/, terms: [TERMS.mit] },
];

export interface LicenseMatch {
  licenses: LicenseObject[];
  /** no rule knew the text */
  unknown: boolean;
  nonCommercial: boolean;
}

/** A licence as written in the source manifest (free text) → its license objects. */
export function licensesFor(licence: string, sourceId: string, sourcePath: string): LicenseMatch {
  const text = licence.trim();
  const rule = RULES.find((r) => r.test.test(text));
  if (rule === undefined) return { licenses: [{ name: `LicenseRef-bycn-${sourceId}`, path: sourcePath, title: text }], unknown: true, nonCommercial: false };
  return {
    licenses: rule.terms.map(({ name, path, title }) => ({ name, path, title })),
    unknown: false,
    nonCommercial: rule.terms.some((t) => "nonCommercial" in t),
  };
}

/** the licence of what bycn makes itself (its registries, the check report) */
export const OWN_LICENSE: LicenseObject = { name: TERMS.mit.name, path: TERMS.mit.path, title: TERMS.mit.title };
