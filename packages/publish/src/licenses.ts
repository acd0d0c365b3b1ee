// source licence text → data package v2 license objects (name and/or path required by the spec)

export interface LicenseObject {
  name?: string;
  path?: string;
  title: string;
}

// only licences whose open definition id and canonical url are certain; anything else keeps its own words
const KNOWN: { test: RegExp; name?: string; path: string; title: string }[] = [
  { test: /^cc[ -]?by[ -]4\.0$/i, name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/", title: "Creative Commons Attribution 4.0" },
  { test: /^cc[ -]?by[ -]sa[ -]4\.0$/i, name: "CC-BY-SA-4.0", path: "https://creativecommons.org/licenses/by-sa/4.0/", title: "Creative Commons Attribution Share-Alike 4.0" },
  { test: /^cc0([ -]1\.0)?$/i, name: "CC0-1.0", path: "https://creativecommons.org/publicdomain/zero/1.0/", title: "CC0 1.0" },
  { test: /^odbl([ -]1\.0)?$/i, name: "ODbL-1.0", path: "https://opendatacommons.org/licenses/odbl/1-0/", title: "Open Data Commons Open Database License 1.0" },
  {
    test: /^cc[ -]?by[ -]nc[ -]sa[ -]3\.0[ -]igo$/i,
    path: "https://creativecommons.org/licenses/by-nc-sa/3.0/igo/",
    title: "Creative Commons Attribution-NonCommercial-ShareAlike 3.0 IGO",
  },
];

/**
 * A licence as written in a snapshot's meta (free text) → a license object. Unknown terms (e.g. ITU's
 * DataHub terms of use) keep their text as title, with path = the source page where the terms are stated.
 */
export function licenseFor(licence: string, sourcePath: string): LicenseObject {
  const text = licence.trim();
  if (/^https?:\/\//.test(text)) return { path: text, title: text };
  const known = KNOWN.find((k) => k.test.test(text));
  if (known) return known.name !== undefined ? { name: known.name, path: known.path, title: known.title } : { path: known.path, title: known.title };
  return { path: sourcePath, title: text };
}

export function licenseKey(l: LicenseObject): string {
  return `${l.name ?? ""}\u0000${l.path ?? ""}\u0000${l.title}`;
}
