// json rendering of published rows: one compact row object per line, keys in schema order, lossless (no formula escape);
// "" (the csv's missing value) is written null, the one missing value of every json bycn publishes
import type { DatasetSpec } from "@bycn/core";
import { PublishError } from "./errors.js";
import { closeRun, intoRun, runMemo, touched, withMemo, type RunMemo } from "./runs.js";
import { numberText } from "./number-text.js";

const encoder = new TextEncoder();

export interface JsonKey {
  k: string;
  prefix: string;
}

export function jsonKeysOf(spec: Pick<DatasetSpec, "schema">): JsonKey[] {
  return Object.keys(spec.schema.shape).map((k) => ({ k, prefix: `${JSON.stringify(k)}:` }));
}

// an array-index key ("2020") would move to the front of a plain object (and __proto__ is no key at all): such schemas build the text by hand
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * What jsonLine knows about one keys array, worked out on its first row, and remembers of the rows it wrote with it
 * (runs.ts): per key also its JSON text and `"key":` / `,"key":`.
 */
interface KeyPlan extends RunMemo {
  /** no index key and no __proto__: the row's text is that of JSON.stringify on an object built in key order */
  safe: boolean;
  /** safe, and no name twice (an object would hold it once, at its first place): the text is concatenated */
  fast: boolean;
  /** the keys' names when the plan was made, and `"name":` and `,"name":` for each (empty when not fast) */
  names: string[];
  first: string[];
  next: string[];
  text: string[];
  /** the line being written: its text so far, and whether a member is in it */
  out: string;
  member: boolean;
}
const plans = new WeakMap<readonly JsonKey[], KeyPlan>();
// the plan of the keys array of the last call, without the WeakMap lookup (keeps that one array alive)
let lastKeys: readonly JsonKey[] | undefined;
let lastPlan: KeyPlan | undefined;

/** keys an object keeps in their order: no array-index key, no __proto__ */
function orderSafe(keys: readonly string[]): boolean {
  return keys.every((k) => !INDEX_KEY.test(k) && k !== "__proto__");
}

function planOf(keys: readonly JsonKey[]): KeyPlan {
  const all = keys.map(({ k }) => k);
  const safe = orderSafe(all);
  const fast = safe && new Set(all).size === all.length;
  const names = fast ? all : [];
  const first = names.map((k) => `${JSON.stringify(k)}:`);
  return {
    ...runMemo(names.length),
    safe,
    fast,
    names,
    first,
    next: first.map((p) => `,${p}`),
    text: names.map(() => ""),
    out: "",
    member: false,
  };
}

// text JSON.stringify would change: a quote, a backslash, a control character, or any surrogate (a lone one is escaped
// as \udxxx; a pair would pass unchanged, but is rare enough to leave to JSON.stringify as well)
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** one row as a compact JSON object on one line: what renderJson and the streaming writer both write */
export function jsonLine(keys: readonly JsonKey[], row: Record<string, unknown>): string {
  let plan = keys === lastKeys ? lastPlan! : plans.get(keys);
  if (plan === undefined) plans.set(keys, (plan = planOf(keys)));
  lastKeys = keys;
  lastPlan = plan;
  if (!plan.safe) return jsonLineByHand(keys, row);
  if (!plan.fast || keys.length !== plan.names.length) return jsonLineOfObject(keys, row);
  return withMemo(plan, planOf, lineOf, keys, row);
}

/**
 * The text JSON.stringify gives for the object built in key order, without building it: `"key":` then the value for
 * each key whose value is not undefined, in key order. Anything but a string, number, boolean or null (a Date, an
 * array, a bigint, a function) goes back to the object and JSON.stringify, whose rules for those stay theirs.
 */
function lineOf(keys: readonly JsonKey[], row: Record<string, unknown>, plan: KeyPlan): string {
  const names = plan.names;
  const n = names.length;
  plan.out = "{";
  plan.member = false;
  plan.from = -1;
  let i = 0;
  // a row built in key order (all of them, in practice) is read by for...in, which V8 turns into loads by field
  // index, several times faster than loads by name; from the first key out of place on, the values are read by name.
  // Either way each key's value is read once, in key order. A key renamed since the plan was made means the plan no
  // longer describes the keys: the object path then does the row.
  for (const k in row) {
    if (i === n) break;
    const name = names[i]!;
    if (k !== name) break;
    if (keys[i]!.k !== name || !put(plan, i, name, row[k])) return jsonLineOfObject(keys, row);
    i++;
  }
  for (; i < n; i++) {
    const name = names[i]!;
    if (keys[i]!.k !== name || !put(plan, i, name, row[name])) return jsonLineOfObject(keys, row);
  }
  if (plan.from >= 0) plan.out += runOf(plan, n);
  const out = plan.out;
  plan.out = "";
  return `${out}}`;
}

/** key i's member onto plan.out: a number at once, any other value into the open run; false for a value of no such kind */
function put(plan: KeyPlan, i: number, name: string, v: unknown): boolean {
  if (typeof v === "number") {
    if (v - v !== 0) nonFinite(name, v);
    if (plan.from >= 0) plan.out += runOf(plan, i);
    // for a finite number JSON.stringify is Number::toString, -0 included ("0")
    plan.out += (plan.member ? plan.next[i]! : plan.first[i]!) + numberText(v);
    plan.member = true;
    return true;
  }
  intoRun(plan, i);
  if (v !== plan.value[i] && !remember(plan, i, v)) return false;
  touched(plan, i);
  if (v !== undefined) plan.member = true;
  return true;
}

function nonFinite(name: string, v: number): never {
  throw new PublishError(`column ${name}: cannot publish non-finite number ${v}`);
}

/** a new value for key i: its JSON text, and `,"key":` + that; false for a value that is no string, boolean, null or undefined */
function remember(plan: KeyPlan, i: number, v: unknown): boolean {
  let t: string;
  if (typeof v === "string") t = v === "" ? "null" : NEEDS_JSON_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
  else if (typeof v === "boolean") t = v ? "true" : "false";
  else if (v === null) t = "null";
  else if (v === undefined) t = "";
  else return false;
  plan.value[i] = v;
  plan.text[i] = t;
  plan.piece[i] = plan.next[i]! + t;
  plan.changed[i] = ++plan.tick;
  return true;
}

/** the open run's text (runs.ts closeRun), from the members of its keys */
function runOf(plan: KeyPlan, to: number): string {
  return closeRun(plan, to, joinParts, concatParts);
}

function joinParts(plan: KeyPlan, from: number, to: number): string {
  return runParts(plan, from, to).join("");
}

function concatParts(plan: KeyPlan, from: number, to: number): string {
  let out = "";
  for (const p of runParts(plan, from, to)) out += p;
  return out;
}

/** the pieces of a run: a run starts at the first key or right after a number, which is always written */
function runParts(plan: KeyPlan, from: number, to: number): string[] {
  const { value, first, text, piece } = plan;
  const parts: string[] = [];
  let member = from > 0;
  for (let j = from; j < to; j++) {
    if (value[j] === undefined) continue;
    if (member) parts.push(piece[j]!);
    else parts.push(first[j]!, text[j]!);
    member = true;
  }
  return parts;
}

/**
 * The readable form of jsonLine, which the property tests hold it to (test/render-fast.test.ts) and the bench times it
 * against: the object rebuilt in key order and JSON.stringify; keys an object would reorder or drop written by hand.
 */
export function jsonLineReference(keys: readonly JsonKey[], row: Record<string, unknown>): string {
  return orderSafe(keys.map(({ k }) => k)) ? jsonLineOfObject(keys, row) : jsonLineByHand(keys, row);
}

// one native stringify of the row rebuilt in key order; for a keys array with no index key and no __proto__
function jsonLineOfObject(keys: readonly JsonKey[], row: Record<string, unknown>): string {
  const ordered: Record<string, unknown> = {};
  for (const { k } of keys) {
    const v = row[k];
    if (v === undefined) continue;
    if (typeof v === "number" && !Number.isFinite(v)) throw new PublishError(`column ${k}: cannot publish non-finite number ${v}`);
    ordered[k] = v === "" ? null : v;
  }
  return JSON.stringify(ordered);
}

function jsonLineByHand(keys: readonly JsonKey[], row: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const { k, prefix } of keys) {
    const v = row[k];
    if (v === undefined) continue;
    if (typeof v === "number" && !Number.isFinite(v)) throw new PublishError(`column ${k}: cannot publish non-finite number ${v}`);
    parts.push(prefix + JSON.stringify(v === "" ? null : v));
  }
  return `{${parts.join(",")}}`;
}

/**
 * Rows → a JSON array of row objects, one row per line: compact enough for tens of thousands of rows,
 * diffable line by line like the csv, and still readable. Absent optional values are omitted; null and "" are null.
 */
export function renderJson(spec: Pick<DatasetSpec, "schema">, rows: readonly Record<string, unknown>[]): Uint8Array {
  const keys = jsonKeysOf(spec);
  const lines = rows.map((row) => jsonLine(keys, row));
  return encoder.encode(lines.length === 0 ? "[]\n" : `[\n${lines.join(",\n")}\n]\n`);
}
