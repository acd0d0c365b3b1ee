// zod schema → json schema (zod's own z.toJSONSchema) → frictionless table schema v2; never written by hand
import { z } from "zod";
import type { DatasetSpec, ForeignKey } from "@bycn/core";
import { PublishError } from "./errors.js";
import { FORMULA_FIELD_NOTE, FORMULA_TRIGGERS } from "./formula.js";

export const TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json";

/** Table Schema types bycn publishes; any other zod type is a programming error at build time. */
export type TableFieldType = "string" | "integer" | "number" | "boolean" | "date" | "datetime" | "year";

export interface TableConstraints {
  required?: boolean;
  enum?: (string | number | boolean)[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
}

export interface TableField {
  name: string;
  type: TableFieldType;
  format?: string;
  description?: string;
  constraints?: TableConstraints;
}

export interface TableSchema {
  $schema: string;
  fields: TableField[];
  /** "" is the only missing value: empty cells (and empty strings) load as null */
  missingValues: string[];
  primaryKey?: string[];
  foreignKeys?: ForeignKey[];
}

export interface TableSchemaOptions {
  /** add the csv formula-escape note to the description of every text field it can touch */
  formulaEscape?: boolean;
}

type Json = Record<string, unknown>;
type Scalar = string | number | boolean;

/**
 * Meta key that overrides the mapped type, for the one case json schema cannot say:
 * `z.number().int().meta({ "bycn:type": "year" })` publishes a Table Schema `year` field.
 */
export const TYPE_OVERRIDE_KEY = "bycn:type";

/**
 * The JSON Schema (draft 2020-12) of ONE row of a published JSON file (an item of its array), with bycn: annotations
 * removed (ajv strict mode rejects unknown keywords). A field that may be "" may be null instead, since the JSON
 * writes "" as null; `file` names the JSON file in the title, so nobody takes it for a schema of the whole file.
 */
export function jsonSchemaFor(spec: Pick<DatasetSpec, "schema" | "title" | "description">, file?: string): Json {
  const raw = rowJsonSchema(spec.schema);
  const { $schema, ...rest } = stripBycnKeys(raw) as Json;
  const props = rest.properties as Record<string, Json>;
  const shape = spec.schema.shape as Record<string, z.ZodType>;
  for (const [name, field] of Object.entries(shape)) {
    const prop = props[name];
    if (prop !== undefined && z.safeParse(field, "").success) props[name] = emptyAsNull(prop);
  }
  const of = file === undefined ? "" : ` of ${file}`;
  return {
    $schema,
    title: `One row${of}: ${spec.title}`,
    description: `JSON Schema of one row${of} (an item of its array, not the file). ${spec.description}`,
    ...rest,
  };
}

/** a property that accepts "": its "" alternative dropped (the JSON never holds ""), null allowed instead */
function emptyAsNull(prop: Json): Json {
  const isEmpty = (b: Json): boolean => b.const === "" && (b.type === undefined || b.type === "string");
  const alts = prop.anyOf as Json[] | undefined;
  const kept = alts ? alts.filter((b) => !isEmpty(b)) : [prop];
  if (kept.some((b) => b.type === "null")) return alts ? { ...prop, anyOf: kept } : prop;
  const { description, ...body } = alts ? { ...prop, anyOf: kept } : prop;
  const inner = alts && kept.length === 1 ? (kept[0] as Json) : body;
  return { ...(description !== undefined ? { description } : {}), anyOf: [inner, { type: "null" }] };
}

/** Frictionless Table Schema v2 of a zod object schema: one field per key, in schema order. */
export function tableSchemaFromZod(schema: z.ZodObject, primaryKey: string[], options: TableSchemaOptions = {}): TableSchema {
  const root = rowJsonSchema(schema);
  const props = (root.properties ?? {}) as Record<string, Json>;
  const required = new Set((root.required ?? []) as string[]);
  const shape = schema.shape as Record<string, z.ZodType>;
  const fields: TableField[] = [];
  for (const name of Object.keys(shape)) {
    const prop = props[name];
    const zodField = shape[name];
    if (prop === undefined || zodField === undefined) throw new PublishError(`field ${name}: zod gave no json schema for it`);
    fields.push(mapField(name, prop, root, required.has(name), zodField, options));
  }
  for (const key of primaryKey) {
    const field = fields.find((f) => f.name === key);
    if (!field) throw new PublishError(`primary key ${key} is not a field of the schema`);
    // a key cell may never be null, and "" loads as null (missingValues), so a key field must reject ""
    if (field.constraints?.required !== true) throw new PublishError(`primary key field ${key} may be empty or missing`);
  }
  const out: TableSchema = { $schema: TABLE_SCHEMA_PROFILE, fields, missingValues: [""] };
  if (primaryKey.length > 0) out.primaryKey = [...primaryKey];
  return out;
}

function rowJsonSchema(schema: z.ZodObject): Json {
  try {
    return z.toJSONSchema(schema, { target: "draft-2020-12", io: "output", unrepresentable: "throw" }) as Json;
  } catch (e) {
    throw new PublishError(`zod schema has no json schema: ${(e as Error).message}`);
  }
}

function stripBycnKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripBycnKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith("bycn:")) out[k] = stripBycnKeys(v);
  return out;
}

function deref(node: Json, root: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  const m = /^#\/\$defs\/(.+)$/.exec(ref);
  const target = m?.[1] !== undefined ? (root.$defs as Record<string, Json> | undefined)?.[m[1]] : undefined;
  if (!target) throw new PublishError(`unresolvable $ref ${ref}`);
  return deref(target, root);
}

/** the alternatives a value may take: anyOf/oneOf flattened, `type: [a, b]` split */
function branchesOf(node: Json, root: Json): Json[] {
  const n = deref(node, root);
  if (n.allOf !== undefined || n.not !== undefined) throw new PublishError("intersections and negations have no table schema type");
  const alts = (n.anyOf ?? n.oneOf) as Json[] | undefined;
  if (alts) return alts.flatMap((a) => branchesOf(a, root));
  if (Array.isArray(n.type)) return (n.type as string[]).map((t) => ({ ...n, type: t }));
  return [n];
}

function scalarsOf(b: Json): Scalar[] | undefined {
  if (Array.isArray(b.enum)) return b.enum as Scalar[];
  if ("const" in b) return [b.const as Scalar];
  return undefined;
}

function branchType(name: string, b: Json): TableFieldType {
  let t = b.type;
  if (t === undefined) {
    const values = scalarsOf(b);
    const kinds = new Set(values?.map((v) => typeof v));
    if (kinds.size === 1) t = [...kinds][0];
  }
  switch (t) {
    case "string":
      if (b.format === "date") return "date";
      if (b.format === "date-time") return "datetime";
      return "string";
    case "integer":
      return "integer";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    default:
      throw new PublishError(`field ${name}: json schema ${JSON.stringify(b)} maps to no table schema type`);
  }
}

const STRING_FORMATS: Record<string, string> = { email: "email", uri: "uri", uuid: "uuid" };
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");

function mapField(name: string, prop: Json, root: Json, inRequired: boolean, zodField: z.ZodType, options: TableSchemaOptions): TableField {
  const top = deref(prop, root);
  let nullable = false;
  const branches = branchesOf(top, root).filter((b) => {
    if (b.type === "null" || ("const" in b && b.const === null)) {
      nullable = true;
      return false;
    }
    // "" is the missing value in the csv: an empty-string alternative becomes "not required", not a constraint
    return !(b.const === "" && (b.type === undefined || b.type === "string"));
  });
  if (branches.length === 0) throw new PublishError(`field ${name}: only null or "" allowed, no table schema type`);

  const types = new Set(branches.map((b) => branchType(name, b)));
  if (types.size === 2 && types.has("integer") && types.has("number")) types.delete("integer");
  if (types.size !== 1) throw new PublishError(`field ${name}: mixes types ${[...types].join(", ")}`);
  let type = [...types][0] as TableFieldType;

  const override = top[TYPE_OVERRIDE_KEY];
  if (override !== undefined) {
    if (override !== "year" || type !== "integer") throw new PublishError(`field ${name}: cannot publish ${type} as ${String(override)}`);
    type = "year";
  }

  const c: TableConstraints = {};
  // "" passes the zod field → an empty cell is a legitimate value, which missingValues turns into null
  const required = inRequired && !nullable && !z.safeParse(zodField, "").success;
  c.required = required;

  const enums = branches.map(scalarsOf);
  if (enums.every((e) => e !== undefined)) {
    const values = [...new Set(enums.flat())].filter((v) => v !== "");
    if (values.length > 0) c.enum = values;
  }
  let format: string | undefined;
  if (type === "string" && c.enum === undefined) {
    const formats = new Set(branches.map((b) => b.format));
    const f = formats.size === 1 ? [...formats][0] : undefined;
    format = typeof f === "string" ? STRING_FORMATS[f] : undefined;
    if (format === undefined) {
      const parts = branches.map((b) => (typeof b.pattern === "string" ? anchoredBody(b.pattern) : typeof b.const === "string" ? escapeRegex(b.const) : undefined));
      if (parts.every((p) => p !== undefined)) c.pattern = parts.length === 1 ? (parts[0] as string) : `(${parts.map((p) => `(${p})`).join("|")})`;
    }
  }
  if (branches.length === 1) {
    const b = branches[0] as Json;
    if (type === "string") {
      if (typeof b.minLength === "number" && b.minLength > 0) c.minLength = b.minLength;
      if (typeof b.maxLength === "number") c.maxLength = b.maxLength;
    }
    if (type === "integer" || type === "number" || type === "year") numericBounds(b, type, c);
  }

  const field: TableField = { name, type };
  if (format !== undefined) field.format = format;
  let description = typeof top.description === "string" ? top.description : undefined;
  if (options.formulaEscape && type === "string" && mayNeedEscape(c)) {
    description = description === undefined ? FORMULA_FIELD_NOTE : `${description} ${FORMULA_FIELD_NOTE}`;
  }
  if (description !== undefined) field.description = description;
  field.constraints = c;
  return field;
}

/** can a valid value of this text field start with a formula trigger? only enums and simple pattern heads are decided; otherwise yes */
function mayNeedEscape(c: TableConstraints): boolean {
  // closed enums are never escaped (see CsvColumn.escape in csv.ts)
  if (c.enum !== undefined) return false;
  if (c.pattern === undefined) return true;
  // the pattern's first atom, when it is a plain class like [A-Z] or \d and is not optional
  const m = /^(\[(?:\\.|[^\]\\])+\]|\\[dw])(?![?*]|\{0[,}])/.exec(c.pattern);
  if (!m?.[1]) return true;
  const head = new RegExp(`^${m[1]}$`);
  return FORMULA_TRIGGERS.some((t) => head.test(t));
}

function numericBounds(b: Json, type: TableFieldType, c: TableConstraints): void {
  const num = (k: string): number | undefined => (typeof b[k] === "number" ? (b[k] as number) : undefined);
  let min = num("minimum");
  let max = num("maximum");
  let xmin = num("exclusiveMinimum");
  let xmax = num("exclusiveMaximum");
  if (type !== "number") {
    // zod's .int() adds the safe-integer range to every integer: noise, not a constraint anyone chose
    if (min === -Number.MAX_SAFE_INTEGER) min = undefined;
    if (max === Number.MAX_SAFE_INTEGER) max = undefined;
    // .positive() on an integer is exclusiveMinimum 0; minimum 1 says the same and more readers support it
    if (xmin !== undefined) {
      const m = Math.floor(xmin) + 1;
      min = min === undefined ? m : Math.max(min, m);
      xmin = undefined;
    }
    if (xmax !== undefined) {
      const m = Math.ceil(xmax) - 1;
      max = max === undefined ? m : Math.min(max, m);
      xmax = undefined;
    }
  }
  if (min !== undefined) c.minimum = min;
  if (xmin !== undefined) c.exclusiveMinimum = xmin;
  if (max !== undefined) c.maximum = max;
  if (xmax !== undefined) c.exclusiveMaximum = xmax;
}

/**
 * Table Schema patterns must match the whole value (xml schema regex, implicitly anchored); json schema
 * patterns search anywhere. `^[A-Z]{3}$` becomes `[A-Z]{3}`; an unanchored side gets `.*`.
 */
export function anchoredBody(pattern: string): string {
  if (hasTopLevelAlternation(pattern)) return `.*(${pattern}).*`;
  const start = pattern.startsWith("^");
  const end = endsWithAnchor(pattern);
  let body = pattern.slice(start ? 1 : 0, end ? -1 : undefined);
  if (!start && !body.startsWith(".*")) body = `.*${body}`;
  if (!end && !body.endsWith(".*")) body = `${body}.*`;
  return body;
}

function endsWithAnchor(p: string): boolean {
  if (!p.endsWith("$")) return false;
  let backslashes = 0;
  for (let i = p.length - 2; i >= 0 && p[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 0;
}

function hasTopLevelAlternation(p: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) return true;
  }
  return false;
}
