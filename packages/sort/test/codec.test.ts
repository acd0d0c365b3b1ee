// the run item's bytes: key columns read back as the same values and types, rendered frames as written
import type { Candidate } from "@bycn/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frameEnd, renderedCodec, renderedOf } from "../src/index.js";
import { ByteArena } from "../src/sinks.js";

const KEEP = ["a", "b", "c"];
const render = { csv: (row: Record<string, unknown>) => `csv:${JSON.stringify(row.a)}`, json: (row: Record<string, unknown>) => `{"b":${JSON.stringify(row.b)}}` };

// text as UTF-8 holds any well-formed string (a lone surrogate is not text a row can be published with)
const key = fc.oneof(
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "grapheme-ascii", maxLength: 40 }),
  fc.constantFrom("BLR", "CHN", "Ã©", "é", "i99H", ""),
  fc.double(),
  fc.constantFrom(-0, 0, Number.NaN, Number.MAX_VALUE, 2 ** 53 + 2),
  fc.boolean(),
  fc.constant(undefined),
  fc.constant(null),
  fc.dictionary(fc.string(), fc.integer()),
);
const candidate = fc.record({
  file: fc.nat(1000),
  line: fc.integer({ min: 1, max: 2 ** 40 }),
  raw: fc.string({ unit: "grapheme" }),
  rows: fc.array(fc.tuple(key, key, key), { minLength: 1, maxLength: 3 }),
});

function itemsOf(cs: Candidate[], codec: ReturnType<typeof renderedCodec>): { bytes: Buffer; starts: number[] } {
  const arena = new ByteArena();
  const starts: number[] = [];
  for (const c of cs) {
    starts.push(arena.size);
    const at = arena.beginFrame();
    codec.encodeInto(c, arena);
    arena.endFrame(at);
  }
  return { bytes: arena.bytes, starts: starts.map((s) => s + 4) };
}

describe("rendered codec", () => {
  it("key-values-read-back-with-their-type: strings of any script, -0, NaN, booleans, null, undefined and objects", () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 20 }), (specs) => {
        const cs: Candidate[] = specs.map((s) => ({ dataset: "d", file: s.file, line: s.line, raw: s.raw, rows: s.rows.map(([a, b, c]) => ({ a, b, c, extra: "not kept" })) }));
        // one codec for every item, as a merge uses it: the string a slot kept must never leak into the next item
        const codec = renderedCodec("d", KEEP, render);
        const { bytes, starts } = itemsOf(cs, codec);
        cs.forEach((c, i) => {
          const back = codec.decodeBytes(bytes, starts[i]!, bytes.length);
          expect(back.file).toBe(c.file);
          expect(back.line).toBe(c.line);
          expect(back.raw).toBe(c.raw);
          expect(back.rows.map((r) => ({ a: r.a, b: r.b, c: r.c }))).toEqual(c.rows.map((r) => ({ a: r.a, b: r.b, c: r.c })));
          back.rows.forEach((r, j) => {
            for (const k of KEEP) expect(Object.is(r[k], c.rows[j]![k]) || typeof r[k] === "object").toBe(true);
            const ref = renderedOf(r)!;
            expect(ref.bytes.toString("utf8", ref.csv + 4, ref.json)).toBe(render.csv(c.rows[j]!));
            expect(ref.bytes.toString("utf8", ref.json + 4, frameEnd(ref.bytes, ref.json))).toBe(render.json(c.rows[j]!));
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it("latin1-lookalike-is-not-reused: a slot's last string comes back only while the bytes spell it in ASCII", () => {
    // "Ã©" and "é" have the same two code values as latin1 and as UTF-8 bytes (C3 A9)
    const cs: Candidate[] = ["Ã©", "é", "é", "BLR", "BLR", "BLRX", "BL"].map((a, i) => ({ dataset: "d", file: 0, line: i + 1, raw: "", rows: [{ a, b: 1, c: 2 }] }));
    const codec = renderedCodec("d", KEEP, undefined);
    const { bytes, starts } = itemsOf(cs, codec);
    expect(starts.map((s) => codec.decodeBytes(bytes, s, bytes.length).rows[0]!.a)).toEqual(["Ã©", "é", "é", "BLR", "BLR", "BLRX", "BL"]);
  });
});
