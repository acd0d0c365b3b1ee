// raw/sources.json → the list of files to fetch; every id, name and URL is checked before any network use
import { makeIssue, SourceManifest, type Issue, type SourceEntry } from "@bycn/core";

export interface PlannedFile {
  name: string;
  url: string;
}

export interface PlannedSource {
  entry: SourceEntry;
  files: PlannedFile[];
}

export type Plan = { ok: true; sources: PlannedSource[] } | { ok: false; issues: Issue[] };

const MANIFEST = "raw/sources.json";

/**
 * Validate the manifest (already parsed from JSON) and pick the sources to refresh. A file without its own url
 * is fetched from the source url (tools/snapshot writes a file url only where it differs); several files on one
 * url are members of one zip (the World Bank bulk download), fetched once.
 */
export function planRefresh(manifest: unknown, sourceId?: string): Plan {
  const parsed = SourceManifest.safeParse(manifest);
  if (!parsed.success) {
    return invalid(parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`));
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const sources: PlannedSource[] = [];
  for (const [si, entry] of parsed.data.sources.entries()) {
    const where = `sources.${si} (${entry.id})`;
    if (seen.has(entry.id)) problems.push(`${where}: source id listed twice`);
    seen.add(entry.id);
    if (!isPlainName(entry.id)) problems.push(`${where}: the id is not a plain folder name`);
    const sourceUrl = checkUrl(entry.url);
    if (sourceUrl !== true) problems.push(`${where}.url: ${sourceUrl}`);
    const names = new Set<string>();
    const files: PlannedFile[] = [];
    for (const [fi, file] of entry.files.entries()) {
      const at = `${where}.files.${fi} (${file.name})`;
      if (!isPlainName(file.name)) problems.push(`${at}: not a plain file name`);
      if (file.name.endsWith(".meta.json")) problems.push(`${at}: the name would clash with a snapshot meta file`);
      if (names.has(file.name)) problems.push(`${at}: file name listed twice`);
      names.add(file.name);
      const url = file.url ?? entry.url;
      const ok = checkUrl(url);
      if (ok !== true) problems.push(`${at}.url: ${ok}`);
      files.push({ name: file.name, url });
    }
    if (entry.files.length === 0) problems.push(`${where}: no files to fetch`);
    sources.push({ entry, files });
  }
  if (sourceId !== undefined && !sources.some((s) => s.entry.id === sourceId)) {
    problems.push(`--source ${sourceId}: no such source (known: ${sources.map((s) => s.entry.id).join(", ")})`);
  }
  if (problems.length > 0) return invalid(problems);
  return { ok: true, sources: sourceId === undefined ? sources : sources.filter((s) => s.entry.id === sourceId) };
}

function invalid(details: string[]): Plan {
  return { ok: false, issues: [makeIssue("manifest_invalid", { file: MANIFEST }, { details })] };
}

/** no separators, no `..`, no leading dot, nothing absolute: the name stays inside raw/<source>/<date>/ */
function isPlainName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) && !name.includes("..") && name.length <= 200;
}

function checkUrl(href: string): true | string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return `${JSON.stringify(href)} is not a URL`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `${url.protocol} URLs are not fetched (http(s) only)`;
  if (url.username !== "" || url.password !== "") return "credentials in URLs are refused";
  return true;
}
