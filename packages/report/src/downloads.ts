// what the report links to and what it found: downloads with their sha256, and the check summary
import type { DistView } from "./dist.js";

export interface FileLink {
  path: string;
  bytes: number;
  sha256: string;
}

export interface Download {
  name: string;
  title: string;
  rows: number;
  csv: FileLink;
  json: FileLink | undefined;
  kind: "data" | "claims" | "rejects";
}

export function downloadsOf(view: DistView): Download[] {
  const out: Download[] = [];
  for (const [name, t] of view.tables) {
    const jsonPath = t.resource.path.replace(/\.csv$/, ".json");
    const jsonRes = view.resources.find((r) => r.format === "json" && r.path === jsonPath);
    const jsonFile = jsonRes ? view.files.get(jsonPath) : undefined;
    out.push({
      name,
      title: t.resource.title,
      rows: t.rows.length,
      csv: { path: t.resource.path, bytes: t.bytes, sha256: t.sha256 },
      json: jsonFile ? { path: jsonPath, ...jsonFile } : undefined,
      kind: t.resource.path.startsWith("rejects/") ? "rejects" : t.resource.path.startsWith("data/") ? "data" : "claims",
    });
  }
  const rank = { claims: 0, data: 1, rejects: 2 };
  // stable: claims first, then datasets, then rejects, each in datapackage order
  return out.map((d, i) => ({ d, i })).sort((a, b) => rank[a.d.kind] - rank[b.d.kind] || a.i - b.i).map((x) => x.d);
}

export interface Finding {
  category: string;
  code: string;
  severity: string;
  message: string;
  file: string;
  line: number | undefined;
}

export interface CheckSummary {
  counts: [string, number][];
  findings: Finding[];
  /** data findings about economies outside the comparison set: counted here, listed in check.json */
  elsewhere: number;
}

/**
 * check.json's data findings (claims have their own table): errors and warnings, in check.json order. A finding
 * about one economy (its payload names it) is listed only when the economy is in `shown`; the rest are counted.
 */
export function checkSummaryOf(check: unknown, shown?: ReadonlySet<string>): CheckSummary {
  const o = (check && typeof check === "object" ? check : {}) as Record<string, unknown>;
  const summary = (o.summary && typeof o.summary === "object" ? o.summary : {}) as Record<string, unknown>;
  const counts = ["error", "warning", "info"].flatMap((k): [string, number][] => (typeof summary[k] === "number" ? [[k, summary[k] as number]] : []));
  let elsewhere = 0;
  const findings = (Array.isArray(o.findings) ? o.findings : []).flatMap((f: unknown): Finding[] => {
    if (!f || typeof f !== "object") return [];
    const fo = f as Record<string, unknown>;
    const issue = (fo.issue && typeof fo.issue === "object" ? fo.issue : {}) as Record<string, unknown>;
    const at = (issue.at && typeof issue.at === "object" ? issue.at : {}) as Record<string, unknown>;
    const category = typeof fo.category === "string" ? fo.category : "";
    const severity = typeof issue.severity === "string" ? issue.severity : "";
    if (category === "claims" || (severity !== "error" && severity !== "warning")) return [];
    if (shown && typeof issue.economy === "string" && !shown.has(issue.economy)) {
      elsewhere++;
      return [];
    }
    return [{
      category,
      code: typeof issue.code === "string" ? issue.code : "",
      severity,
      message: typeof issue.message === "string" ? issue.message : "",
      file: typeof at.file === "string" ? at.file : "",
      line: typeof at.line === "number" ? at.line : undefined,
    }];
  });
  return { counts, findings, elsewhere };
}
