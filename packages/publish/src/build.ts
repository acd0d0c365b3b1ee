// the whole dist/ as a pure function: rows, rejects, check and sources in → relative path → bytes out
import { z } from "zod";
import { ISSUE_CODES, type DatasetRows, type DatasetSpec, type IssueCode, type Reject } from "@bycn/core";
import { renderCsv } from "./csv.js";
import { PublishError } from "./errors.js";
import { FORMULA_ESCAPE_NOTE } from "./formula.js";
import { sha256Hex } from "@bycn/core";
import { renderJson } from "./json.js";
import { licensesFor, OWN_LICENSE, type LicenseObject } from "./licenses.js";
import { sortRows } from "./sort.js";
import { jsonSchemaFor, tableSchemaFromZod, type TableSchema } from "./table-schema.js";

export const DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";
export const TABLE_DIALECT_PROFILE = "https://datapackage.org/profiles/2.0/tabledialect.json";

/** One retrieved source snapshot, as the caller read it from raw/<source>/<date>/…meta.json. */
export interface DistSource {
  id: string;
  title: string;
  /** public url of the source */
  path: string;
  licence: string;
  /** retrieval date (yyyy-mm-dd), the data vintage */
  retrieved: string;
  files: { path: string; sha256: string }[];
}

export interface DistPackage {
  name: string;
  title: string;
  version: string;
  description?: string;
  /** ISO 8601 date-time or yyyy-mm-dd (→ midnight UTC); only when the caller passes one (from snapshot dates, never the clock) */
  created?: string;
}

export interface DistInput {
  datasets: DatasetRows[];
  /** every rejected record; `dataset` says which rejects/<dataset>.csv holds it */
  rejects: Reject[];
  /** the already-built check.json object, written as is */
  check: unknown;
  /** the claims verdicts, written at the top level as claims.csv / claims.json */
  claims?: DatasetRows;
  sources: DistSource[];
  package: DistPackage;
}

/** relative posix path → bytes, in path order */
export type DistFiles = Map<string, Uint8Array>;

/** The rejects/<dataset>.csv row: where the record was, why it was stopped, and its raw text. */
export const RejectRow = z.object({
  raw_file: z.string().min(1).meta({ description: "Raw file the record was read from, relative to the project." }),
  raw_line: z.number().int().min(0).meta({ description: "Physical 1-based line where the record starts in the raw file (0: the whole file)." }),
  code: z.enum(ISSUE_CODES as [IssueCode, ...IssueCode[]]).meta({ description: "Issue code that stopped the record (bycn's closed catalogue)." }),
  message: z.string().min(1).meta({ description: "The issue's message." }),
  raw_record: z.string().meta({ description: "The record's raw text, as decoded from the raw file." }),
});
export type RejectRow = z.infer<typeof RejectRow>;

/** spec of a rejects file (renderCsv(REJECTS_SPEC, rejects) writes one); no primary key, sorted by every column */
export const REJECTS_SPEC: DatasetSpec = {
  name: "rejects",
  title: "Rejected records",
  description: "Every input record that did not become a published row, with the issue that stopped it and its raw text.",
  schema: RejectRow,
  primaryKey: [],
  sources: [],
};
/** the order of every rejects file: by where the record was, then why */
export const REJECT_ORDER = ["raw_file", "raw_line", "code", "message", "raw_record"];
/** rejects whose pipeline set no dataset */
export const UNASSIGNED_REJECTS = "unassigned";

const NAME = /^[a-z0-9][a-z0-9._-]*$/;
const encoder = new TextEncoder();
const jsonBytes = (value: unknown): Uint8Array => encoder.encode(`${JSON.stringify(value, null, 2)}\n`);

type Json = Record<string, unknown>;

/** Every dist/ file except the report: deterministic, byte-identical for the same input. Throws PublishError on broken invariants. */
export function buildDist(input: DistInput): DistFiles {
  checkName(input.package.name, "package");
  const files = new Map<string, Uint8Array>();
  const resources: Json[] = [];
  const sources = [...input.sources].sort((a, b) => cmp(a.id, b.id) || cmp(a.retrieved, b.retrieved) || cmp(a.path, b.path));
  const sourcesFor = (ids: readonly string[]): DistSource[] => sources.filter((s) => ids.includes(s.id));

  const datasets = [...input.datasets].sort((a, b) => cmp(a.spec.name, b.spec.name));
  checkForeignKeys(datasets);
  const names = new Set<string>();
  for (const { spec, rows } of datasets) {
    checkName(spec.name, "dataset");
    if (names.has(spec.name)) throw new PublishError(`dataset ${spec.name} is given twice`);
    names.add(spec.name);
    resources.push(...tableResources(files, spec, rows, `data/${spec.name}`, spec.name, sourcesFor(spec.sources)));
  }

  // rejects: one file per dataset (header only when nothing was rejected) plus any dataset only rejects name
  const groups = new Map<string, Reject[]>([...names].map((n) => [n, []]));
  for (const r of input.rejects) {
    const key = r.dataset ?? UNASSIGNED_REJECTS;
    checkName(key, "rejects dataset");
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  for (const name of [...groups.keys()].sort(cmp)) {
    const rejects = groups.get(name) ?? [];
    const rows = validateRows(RejectRow, rejects.map(toRejectRow), `rejects ${name}`);
    const sorted = sortRows(rows, REJECT_ORDER, false);
    const path = `rejects/${name}.csv`;
    const bytes = renderCsv(REJECTS_SPEC, sorted);
    files.set(path, bytes);
    const spec = datasets.find((d) => d.spec.name === name)?.spec;
    const rawFiles = new Set(rejects.map((r) => r.raw_file));
    const from = spec ? sourcesFor(spec.sources) : sources.filter((s) => s.files.some((f) => rawFiles.has(f.path)));
    resources.push(
      fileResource(`${name}-rejects`, path, bytes, "csv", {
        title: `Rejected records: ${spec?.title ?? name}`,
        description: REJECTS_SPEC.description,
        extra: csvExtras(tableSchemaFromZod(RejectRow, [], { formulaEscape: true })),
        sources: from,
      }),
    );
  }

  if (input.claims) {
    const { spec, rows } = input.claims;
    checkName(spec.name, "claims dataset");
    // always claims.csv|.json at the top level (the dist/ contract), whatever the spec calls itself
    resources.push(...tableResources(files, spec, rows, "claims", "claims", sourcesFor(spec.sources)));
  }

  const check = jsonBytes(input.check);
  files.set("check.json", check);
  resources.push(
    fileResource("check", "check.json", check, "json", {
      title: "Check report",
      description: "The versioned report of all findings: integrity, schema, cross-source and claims.",
      sources: [],
    }),
  );

  const seen = new Set<string>();
  for (const r of resources) {
    const n = r.name as string;
    if (seen.has(n)) throw new PublishError(`two resources are named ${n}`);
    seen.add(n);
  }

  const pkg: Json = { $schema: DATAPACKAGE_PROFILE, name: input.package.name, title: input.package.title };
  if (input.package.description !== undefined) pkg.description = input.package.description;
  pkg.version = input.package.version;
  if (input.package.created !== undefined) pkg.created = createdOf(input.package.created);
  pkg.licenses = uniqueLicenses([...licensesOf(sources), ...resources.flatMap((r) => r.licenses as LicenseObject[])]);
  pkg.sources = sources.map(sourceObject);
  pkg.resources = resources;
  files.set("datapackage.json", jsonBytes(pkg));

  return withSums(files);
}

/**
 * Add files built after buildDist (the report: report.md, report/index.html) and recompute SHA256SUMS,
 * so they are covered too. They are not data resources, so datapackage.json is left as it is.
 */
export function addToDist(files: DistFiles, extra: ReadonlyMap<string, Uint8Array>): DistFiles {
  const out = new Map(files);
  for (const [p, bytes] of extra) {
    if (out.has(p) || p === SUMS) throw new PublishError(`${p} is already part of the dist`);
    out.set(p, bytes);
  }
  return withSums(out);
}

const SUMS = "SHA256SUMS";

/** sha256sum's text format, "<hex>  <path>", one line per file except itself, sorted by path; the map comes back in path order */
function withSums(files: DistFiles): DistFiles {
  const paths = [...files.keys()].filter((p) => p !== SUMS).sort(cmp);
  const sums = paths.map((p) => `${sha256Hex(files.get(p) as Uint8Array)}  ${p}\n`).join("");
  const out = new Map(paths.map((p) => [p, files.get(p) as Uint8Array]));
  out.set(SUMS, encoder.encode(sums));
  return new Map([...out.entries()].sort(([a], [b]) => cmp(a, b)));
}

/** data file pair (csv + json) and the row json schema of one dataset; `base` is the path without extension */
function tableResources(files: DistFiles, spec: DatasetSpec, input: Record<string, unknown>[], base: string, resourceName: string, from: DistSource[]): Json[] {
  const rows = sortRows(validateRows(spec.schema, input, `dataset ${spec.name}`), spec.primaryKey, true);
  const schemaPath = `${base}.schema.json`;
  const csv = renderCsv(spec, rows);
  const json = renderJson(spec, rows);
  files.set(`${base}.csv`, csv);
  files.set(`${base}.json`, json);
  files.set(schemaPath, jsonBytes(jsonSchemaFor(spec, `${base}.json`)));
  const csvSchema = withForeignKeys(tableSchemaFromZod(spec.schema, spec.primaryKey, { formulaEscape: true }), spec);
  const jsonSchema = withForeignKeys(tableSchemaFromZod(spec.schema, spec.primaryKey), spec);
  return [
    fileResource(resourceName, `${base}.csv`, csv, "csv", {
      title: spec.title,
      description: spec.description,
      extra: { ...csvExtras(csvSchema), "bycn:json_schema": schemaPath },
      sources: from,
    }),
    fileResource(`${resourceName}-json`, `${base}.json`, json, "json", {
      title: `${spec.title} (JSON)`,
      description: `${spec.description} The same rows as ${base}.csv, as a JSON array of row objects, without the CSV formula escape.`,
      extra: {
        type: "table",
        dialect: { $schema: TABLE_DIALECT_PROFILE, itemType: "object" },
        schema: jsonSchema,
        "bycn:json_schema": schemaPath,
      },
      sources: from,
    }),
  ];
}

/** the spec's foreign keys, pointing at the csv resource of the referenced dataset (both twins hold the same rows) */
function withForeignKeys(schema: TableSchema, spec: DatasetSpec): TableSchema {
  if (!spec.foreignKeys?.length) return schema;
  return { ...schema, foreignKeys: spec.foreignKeys.map((fk) => ({ fields: [...fk.fields], reference: { resource: fk.reference.resource, fields: [...fk.reference.fields] } })) };
}

/** every foreign key must hold before it is published: a value that is no key of the referenced dataset is a pipeline bug */
function checkForeignKeys(datasets: readonly DatasetRows[]): void {
  for (const { spec, rows } of datasets) {
    for (const fk of spec.foreignKeys ?? []) {
      const target = datasets.find((d) => d.spec.name === fk.reference.resource);
      if (!target) throw new PublishError(`dataset ${spec.name}: foreign key to ${fk.reference.resource}, which is not published`);
      const tuple = (row: Record<string, unknown>, fields: string[]): string | undefined => {
        const values = fields.map((f) => row[f]);
        // a missing value ("" or null) in any field: nothing to check, as in Table Schema
        return values.some((v) => v === "" || v === null || v === undefined) ? undefined : JSON.stringify(values);
      };
      const keys = new Set(target.rows.map((r) => tuple(r, fk.reference.fields)));
      rows.forEach((row, i) => {
        const t = tuple(row, fk.fields);
        if (t !== undefined && !keys.has(t)) throw new PublishError(`dataset ${spec.name}: row ${i} has ${fk.fields.join(", ")} ${t}, no key of ${fk.reference.resource}`);
      });
    }
  }
}

function csvExtras(schema: ReturnType<typeof tableSchemaFromZod>): Json {
  return {
    type: "table",
    // lf line endings (the dialect default is crlf); everything else is the rfc 4180 default
    dialect: { $schema: TABLE_DIALECT_PROFILE, header: true, delimiter: ",", lineTerminator: "\n", quoteChar: '"', doubleQuote: true },
    schema,
    "bycn:formula_escape": FORMULA_ESCAPE_NOTE,
  };
}

interface ResourceMeta {
  title: string;
  description: string;
  extra?: Json;
  sources: DistSource[];
}

function fileResource(name: string, path: string, bytes: Uint8Array, format: "csv" | "json", meta: ResourceMeta): Json {
  const { type, dialect, schema, ...rest } = meta.extra ?? {};
  const r: Json = { name, title: meta.title, description: meta.description + nonCommercialNote(meta.sources), path };
  if (type !== undefined) r.type = type;
  Object.assign(r, {
    format,
    mediatype: format === "csv" ? "text/csv" : "application/json",
    encoding: "utf-8",
    bytes: bytes.byteLength,
    hash: `sha256:${sha256Hex(bytes)}`,
  });
  if (dialect !== undefined) r.dialect = dialect;
  if (schema !== undefined) r.schema = schema;
  Object.assign(r, rest);
  if (meta.sources.length > 0) {
    r.sources = meta.sources.map(({ title, path, retrieved }) => ({ title, path, version: retrieved }));
    r.licenses = licensesOf(meta.sources);
  } else {
    // no outside source (the economy registry, the check report): bycn's own work, under the project's licence
    r.licenses = [OWN_LICENSE];
  }
  return r;
}

function sourceObject(s: DistSource): Json {
  return {
    title: s.title,
    path: s.path,
    version: s.retrieved,
    "bycn:id": s.id,
    "bycn:licence": s.licence,
    "bycn:files": [...s.files].sort((a, b) => cmp(a.path, b.path)).map((f) => ({ path: f.path, hash: `sha256:${f.sha256}` })),
  };
}

function licensesOf(sources: DistSource[]): LicenseObject[] {
  return uniqueLicenses(sources.flatMap((s) => licensesFor(s.licence, s.id, s.path).licenses));
}

/** first appearance wins: deterministic, and the main source's terms come first */
function uniqueLicenses(all: LicenseObject[]): LicenseObject[] {
  const byName = new Map<string, LicenseObject>();
  for (const l of all) if (!byName.has(l.name)) byName.set(l.name, l);
  return [...byName.values()];
}

/** the sentence that makes non-commercial terms visible on a resource holding rows of such a source; "" when none */
function nonCommercialNote(sources: DistSource[]): string {
  const nc = sources.filter((s) => licensesFor(s.licence, s.id, s.path).nonCommercial);
  if (nc.length === 0) return "";
  return ` Non-commercial use only for rows from ${nc.map((s) => `${s.title} (${s.licence})`).join("; ")}.`;
}

function toRejectRow(r: Reject): Record<string, unknown> {
  return { raw_file: r.raw_file, raw_line: r.raw_line, code: r.code, message: r.message, raw_record: r.raw_record };
}

/** rows must pass their own schema: a failure is a pipeline bug, and publishing it would break the Table Schema */
function validateRows(schema: z.ZodObject, rows: readonly Record<string, unknown>[], what: string): Record<string, unknown>[] {
  return rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      const detail = parsed.error.issues.slice(0, 3).map((x) => `${x.path.join(".") || "(row)"}: ${x.message}`).join("; ");
      throw new PublishError(`${what}: row ${i} fails its schema: ${detail}`);
    }
    return parsed.data as Record<string, unknown>;
  });
}

/** data package v2 wants an ISO 8601 date-time; a snapshot date (yyyy-mm-dd) becomes midnight UTC of that day */
function createdOf(created: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(created)) return `${created}T00:00:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(created)) return created;
  throw new PublishError(`package.created ${JSON.stringify(created)} is not an ISO 8601 date or date-time`);
}

function checkName(name: string, what: string): void {
  if (!NAME.test(name)) throw new PublishError(`${what} name ${JSON.stringify(name)} must be lower-case letters, digits, . _ -`);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
