// json rendering of published rows: one compact row object per line, keys in schema order, lossless (no formula escape);
// "" (the csv's missing value) is written null, the one missing value of every json bycn publishes
import type { DatasetSpec } from "@bycn/core";
import { PublishError } from "./errors.js";

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
 * What jsonLine knows about one keys array, worked out on its first row, and remembers of the rows it wrote with it.
 * Rows in file order repeat most of their text (entity, indicator, unit, raw file: all but the year, the value and
 * the line), so, as csvLine does:
 * - per key, the last value written other than a number, its JSON text, `,"key":` + that text, and the tick at which
 *   it was last replaced. The text depends on nothing else, so an equal value reuses it.
 * - per run of such keys (the keys between two numbers), where the run ended and its text: reused whole while it
 *   ends at the same key and none of its values changed after the text was made (`made`).
 */
interface KeyPlan {
  /** no index key and no __proto__: the row's text is that of JSON.stringify on an object built in key order */
  safe: boolean;
  /** safe, and no name twice (an object would hold it once, at its first place): the text is concatenated */
  fast: boolean;
  /** the keys' names when the plan was made, and `"name":` and `,"name":` for each (empty when not fast) */
  names: string[];
  first: string[];
  next: string[];
  value: unknown[];
  text: string[];
  piece: string[];
  changed: number[];
  runEnd: number[];
  runText: string[];
  runFlat: boolean[];
  made: number[];
  tick: number;
  /** the line being written: its text so far, whether a member is in it, the first key of the open run (-1: none),
   *  and the run's last change */
  out: string;
  member: boolean;
  from: number;
  latest: number;
  /** a row's getter that writes a line itself (reentry) gets a plan of its own */
  busy: boolean;
}
const plans = new WeakMap<readonly JsonKey[], KeyPlan>();
// the plan of the keys array of the last call, without the WeakMap lookup (keeps that one array alive)
let lastKeys: readonly JsonKey[] | undefined;
let lastPlan: KeyPlan | undefined;
const NOTHING = Symbol("nothing written yet");

function planOf(keys: readonly JsonKey[]): KeyPlan {
  const all = keys.map(({ k }) => k);
  const safe = all.every((k) => !INDEX_KEY.test(k) && k !== "__proto__");
  const fast = safe && new Set(all).size === all.length;
  const names = fast ? all : [];
  const first = names.map((k) => `${JSON.stringify(k)}:`);
  const fill = <T>(x: T): T[] => names.map(() => x);
  return {
    safe,
    fast,
    names,
    first,
    next: first.map((p) => `,${p}`),
    value: fill<unknown>(NOTHING),
    text: fill(""),
    piece: fill(""),
    changed: fill(0),
    runEnd: fill(-1),
    runText: fill(""),
    runFlat: fill(false),
    made: fill(0),
    tick: 0,
    out: "",
    member: false,
    from: -1,
    latest: 0,
    busy: false,
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
  if (plan.busy) return lineOf(keys, row, planOf(keys));
  plan.busy = true;
  try {
    return lineOf(keys, row, plan);
  } finally {
    plan.busy = false;
  }
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
    plan.out += (plan.member ? plan.next[i]! : plan.first[i]!) + String(v);
    plan.member = true;
    return true;
  }
  if (plan.from < 0) {
    plan.from = i;
    plan.latest = 0;
  }
  if (v !== plan.value[i] && !remember(plan, i, v)) return false;
  const changed = plan.changed[i]!;
  if (changed > plan.latest) plan.latest = changed;
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

/** the text of the open run, plan.from up to key `to` (exclusive), whose values were all put for this row; closes it */
function runOf(plan: KeyPlan, to: number): string {
  const from = plan.from;
  plan.from = -1;
  if (plan.runEnd[from] === to && plan.latest <= plan.made[from]!) {
    // reused: worth one flat copy (join), where + made a rope that each line holding it would walk again when flattened
    if (!plan.runFlat[from]) {
      plan.runText[from] = runParts(plan, from, to).join("");
      plan.runFlat[from] = true;
    }
    return plan.runText[from]!;
  }
  const parts = runParts(plan, from, to);
  let out = "";
  for (const p of parts) out += p;
  plan.runEnd[from] = to;
  plan.runText[from] = out;
  plan.runFlat[from] = false;
  plan.made[from] = plan.tick;
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
