// the pure parts of refresh: body checks, zip reading, and the truncation guard on real files
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readTable } from "@bycn/ingest";
import { describeReal } from "../../core/test-support/real.js";
import { checkBody, countRows, DEFAULT_FETCH_POLICY, DEFAULT_MAX_SHRINK_PERCENT, endsWithLineBreak, isSharpShrink, planRefresh, readZip, type BodyInfo } from "../src/index.js";
import { resolveLimits } from "../src/limits.js";
import { isRetryableStatus, parseRetryAfter, retryWait } from "../src/retry.js";
import { makeZip } from "./_harness.js";

describe("manifest plan", () => {
  it("files-without-url-share-the-source-url (raw/sources.json lists the three WDI zip members that way)", () => {
    const entry = { id: "wdi", title: "t", publisher: "p", licence: "l", format: "csv", pipeline: "wdi", url: "https://api.worldbank.org/v2/x?downloadformat=csv" };
    const plan = planRefresh({ version: 1, sources: [{ ...entry, files: [{ name: "API_1.csv" }, { name: "Metadata_1.csv" }, { name: "o.csv", url: "http://h/o.csv" }] }] });
    expect(plan.ok && plan.sources[0]?.files.map((f) => f.url)).toEqual([entry.url, entry.url, "http://h/o.csv"]);
  });

  it("a-source-with-no-files-is-a-manifest-error", () => {
    const plan = planRefresh({ version: 1, sources: [{ id: "owid", title: "t", publisher: "p", licence: "l", format: "csv", pipeline: "owid", url: "https://h/", files: [] }] });
    expect(plan).toMatchObject({ ok: false, issues: [{ code: "manifest_invalid" }] });
  });

  it("credentials-in-a-url-are-refused", () => {
    const plan = planRefresh({ version: 1, sources: [{ id: "owid", title: "t", publisher: "p", licence: "l", format: "csv", pipeline: "owid", url: "https://u:secret@h/", files: [{ name: "a.csv" }] }] });
    expect(plan.ok).toBe(false);
  });
});

const csv = (file: string): BodyInfo => ({ file: `raw/x/${file}`, url: "http://127.0.0.1/x", fileName: file, format: "csv", maxBytes: 1 << 20 });
const bytes = (s: string | number[]): Uint8Array => (typeof s === "string" ? new TextEncoder().encode(s) : Uint8Array.from(s));

describe("body checks", () => {
  const rejected: [string, Uint8Array, string][] = [
    ["html-after-bom-and-blank-lines", bytes("\uFEFF\r\n  <html lang=en><body>Maintenance</body></html>"), "unexpected_content"],
    ["xml-error-document", bytes('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'), "unexpected_content"],
    ["json-error-with-error-key", bytes('{"error":"rate limited","statusCode":429}'), "unexpected_content"],
    ["json-array-for-csv", bytes('[{"a":1}]'), "unexpected_content"],
    ["one-column-no-delimiter", bytes("just some text\nmore text\n"), "unexpected_content"],
    ["header-only", bytes("Entity,Code,Year,Value\n"), "unexpected_content"],
    ["empty-body", bytes(""), "file_empty"],
    ["binary-bytes", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), "unexpected_content"],
  ];
  for (const [name, body, code] of rejected) {
    it(name, async () => {
      const r = await checkBody(body, csv("a.csv"));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.code).toBe(code);
    });
  }

  it("ragged-row-in-the-middle-is-the-source's-quirk-not-truncation", async () => {
    const r = await checkBody(bytes("a,b,c\n1,2,3\n4,5\n6,7,8\n"), csv("a.csv"));
    expect(r.ok).toBe(true);
  });

  it("cp1251-semicolon-table-keeps-its-detected-encoding", async () => {
    const body = Buffer.from([
      ...Buffer.from("\xc4\xe0\xf2\xe0;\xd0\xe5\xe7\xe8\xe4\xe5\xed\xf2\xee\xe2\n01.01.2023;100\n01.01.2024;112\n", "latin1"),
    ]);
    const r = await checkBody(body, csv("belta.csv"));
    expect(r).toMatchObject({ ok: true, encoding: "windows-1251" });
  });

  it("json-api-object-with-message-and-data-is-not-an-error", async () => {
    const r = await checkBody(bytes('{"message":"ok","data":[1,2]}'), { ...csv("a.json"), format: "json" });
    expect(r.ok).toBe(true);
  });

  it("json-that-does-not-parse", async () => {
    const r = await checkBody(bytes('{"a":'), { ...csv("a.json"), format: "json" });
    expect(r).toMatchObject({ ok: false, issues: [{ code: "unexpected_content", found: "text that does not parse as JSON" }] });
  });
});

describe("zip reading", () => {
  it("stored-and-deflated-members", async () => {
    const z = await readZip(makeZip([{ name: "a.csv", data: "x,y\n1,2\n", method: 0 }, { name: "dir/b.csv", data: "p,q\n3,4\n" }]), 1 << 20);
    expect(z.ok && z.members.map((m) => [m.name, new TextDecoder().decode(m.bytes)])).toEqual([
      ["a.csv", "x,y\n1,2\n"],
      ["dir/b.csv", "p,q\n3,4\n"],
    ]);
  });

  it("crc-mismatch", async () => {
    const zip = makeZip([{ name: "a.csv", data: "x,y\n1,2\n", method: 0 }]);
    zip.writeUInt8(zip.readUInt8(37) ^ 0xff, 37); // flip a byte of the stored data (30-byte header + "a.csv")
    expect(await readZip(zip, 1 << 20)).toMatchObject({ ok: false, cause: expect.stringMatching(/crc32/) as unknown });
  });

  it("members-bigger-than-the-cap", async () => {
    const zip = makeZip([{ name: "a.csv", data: "x".repeat(5000) }]);
    expect(await readZip(zip, 1000)).toMatchObject({ ok: false, cause: expect.stringMatching(/more than 1000 bytes/) as unknown });
  });

  it("an-xlsx-like-zip-has-no-csv-member-for-the-file", async () => {
    const zip = makeZip([{ name: "xl/workbook.xml", data: "<workbook/>" }, { name: "[Content_Types].xml", data: "<Types/>" }]);
    const r = await checkBody(zip, csv("prices.csv"));
    expect(r).toMatchObject({ ok: false, issues: [{ code: "file_unreadable" }] });
  });
});

describeReal("truncation guard on real exports", (dir) => {
  // every real file passes; a prefix cut anywhere is either refused or holds only records identical to the
  // original's (quoted ITU and WDI cells make a cut inside a record visible: an unclosed quote or a short record)
  const files = [
    "itu-datahub-csv/average_download_throughput_fixed_broadband.csv",
    "itu-datahub-csv/uas_policy.csv",
    "world-bank-wdi/API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
    "world-bank-wdi/Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
    "owid/internet.csv",
  ];
  for (const rel of files) {
    const full = new Uint8Array(readFileSync(path.join(dir, rel)));
    const name = path.basename(rel);
    it(`accepts-${name}`, async () => expect((await checkBody(full, csv(name))).ok).toBe(true));
    if (rel.startsWith("owid/")) continue; // unquoted numbers: a cut inside the last value is not visible
    it(`cut-anywhere-${name}`, async () => {
      const original = readTable(full, { file: name }).records.map((r) => r.fields.join("\u0001"));
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: full.length - 1 }), async (cut) => {
          const prefix = full.subarray(0, cut);
          const r = await checkBody(prefix, csv(name));
          if (!r.ok) return;
          const kept = readTable(prefix, { file: name }).records.map((x) => x.fields.join("\u0001"));
          expect(kept).toEqual(original.slice(0, kept.length));
        }),
        { numRuns: 60, seed: 20261128 },
      );
    });
  }

  // with its previous snapshot (the whole file) to compare against, a cut lands only if it keeps more than 90% of
  // the rows, and then only records identical to the original's: the most a cut can silently lose is the tail
  const tally = { cuts: 0, format: 0, shrink: 0, landed: 0 };
  for (const rel of files) {
    const full = new Uint8Array(readFileSync(path.join(dir, rel)));
    const name = path.basename(rel);
    it(`cut-anywhere-against-the-previous-snapshot-${name}`, async () => {
      const original = readTable(full, { file: name }).records.map((r) => r.fields.join("\u0001"));
      const previousRows = countRows(full, "csv", name)!;
      const info = { ...csv(name), previousEndsWithLineBreak: endsWithLineBreak(full) };
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: full.length - 1 }), async (cut) => {
          tally.cuts++;
          const prefix = full.subarray(0, cut);
          const r = await checkBody(prefix, info);
          if (!r.ok) return void tally.format++;
          if (isSharpShrink(previousRows, r.rows!, DEFAULT_MAX_SHRINK_PERCENT)) return void tally.shrink++;
          tally.landed++;
          expect(r.rows! / previousRows).toBeGreaterThanOrEqual(0.9);
          const kept = readTable(prefix, { file: name }).records.map((x) => x.fields.join("\u0001"));
          // a file that ends without a line break (OWID's) cannot show a cut inside its last unquoted value
          const whole = info.previousEndsWithLineBreak || /"$/.test(new TextDecoder().decode(full.subarray(-1))) ? kept : kept.slice(0, -1);
          expect(whole).toEqual(original.slice(0, whole.length));
        }),
        { numRuns: 120, seed: 20261203 },
      );
    });
  }
  afterAll(() => console.log(`real-file cuts: ${tally.cuts} tried, ${tally.format} refused by format, ${tally.shrink} by shrink, ${tally.landed} landed`));
});

describe("retry rules", () => {
  const now = Date.parse("2026-11-28T10:00:00Z");
  const parsed: [string, string | undefined, number | undefined][] = [
    ["delay-seconds", "120", 120_000],
    ["zero-seconds", "0", 0],
    ["padded-seconds", " 7 ", 7_000],
    ["http-date-ahead", "Sat, 28 Nov 2026 10:00:30 GMT", 30_000],
    ["http-date-in-the-past-is-now", "Fri, 27 Nov 2026 10:00:00 GMT", 0],
    ["negative-seconds-ignored", "-5", undefined],
    ["fraction-ignored", "1.5", undefined],
    ["a-bare-number-is-seconds-even-if-it-looks-like-a-year", "2026", 2026_000],
    ["garbage-ignored", "soon", undefined],
    ["date-without-zone-ignored", "Sat, 28 Nov 2026 10:00:30", undefined],
    ["absent", undefined, undefined],
  ];
  for (const [name, value, expected] of parsed) it(`retry-after-${name}`, () => expect(parseRetryAfter(value, now)).toBe(expected));

  it("backoff-doubles-with-jitter-between-half-and-full", () => {
    const timing = { backoffBaseMs: 1000, maxRetryAfterMs: 60_000 };
    expect([1, 2, 3].map((n) => retryWait(n, timing, undefined, () => 0))).toEqual([{ wait: 500 }, { wait: 1000 }, { wait: 2000 }]);
    expect(retryWait(3, timing, undefined, () => 0.999999)).toEqual({ wait: 4000 });
  });

  it("retry-after-longer-than-the-backoff-wins; beyond-the-cap-gives-up", () => {
    const timing = { backoffBaseMs: 1000, maxRetryAfterMs: 60_000 };
    expect(retryWait(1, timing, 30_000, () => 0)).toEqual({ wait: 30_000 });
    expect(retryWait(3, timing, 100, () => 0)).toEqual({ wait: 2000 });
    expect(retryWait(1, timing, 60_001, () => 0)).toMatchObject({ giveUp: expect.stringMatching(/retry after 61 s, more than the 60 s allowed/) as unknown });
  });

  it("retryable-statuses", () => {
    const all = Array.from({ length: 500 }, (_, i) => 100 + i);
    expect(all.filter(isRetryableStatus).filter((s) => s < 500)).toEqual([408, 425, 429]);
    expect(all.filter((s) => s >= 500 && !isRetryableStatus(s))).toEqual([501, 505]);
  });
});

describe("limits", () => {
  it("options-over-manifest-over-defaults", () => {
    const r = resolveLimits({ limits: { file_deadline_s: 60, retries: 1, max_shrink_percent: 25 } }, { retries: 5 });
    expect(r).toMatchObject({ ok: true, limits: { policy: { fileDeadlineMs: 60_000, retries: 5, runDeadlineMs: 3_600_000 }, maxShrinkPercent: 25 } });
  });

  it("no-limits-block-is-the-defaults", () => {
    expect(resolveLimits({ version: 1, sources: [] })).toMatchObject({ ok: true, limits: { policy: DEFAULT_FETCH_POLICY, maxShrinkPercent: 10 } });
  });

  it("a-misspelt-limit-is-named", () => {
    expect(resolveLimits({ limits: { file_deadline: 60 } })).toMatchObject({ ok: false, details: [expect.stringMatching(/file_deadline/) as unknown] });
  });
});
