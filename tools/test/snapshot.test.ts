// the snapshot tool: committed raw/ files are its byte-exact output, each kept record verbatim from the real source
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnapshotMeta, SourceManifest } from "@bycn/core";
import { readTable } from "@bycn/ingest";
import { describeReal, repoRoot } from "@bycn/core/test-support/real";
import { ECONOMIES, FOCUS, PEERS } from "../snapshot/peers.js";
import { PLAN } from "../snapshot/plan.js";
import { decodeExact, fieldsByName, locateRecords, sliceTable } from "../snapshot/slice.js";

const rawDir = path.join(repoRoot, "raw");
const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text);
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** every file under dir, as paths relative to it, sorted */
function walk(dir: string, prefix = ""): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name), rel) : [rel];
    });
}

function runTool(from: string, out: string, extra: string[] = []): string {
  return execFileSync(
    process.execPath,
    ["--conditions=@bycn/source", "--import", "tsx", "tools/snapshot/main.ts", "--from", from, "--out", out, ...extra],
    { cwd: repoRoot, encoding: "utf8" },
  );
}

/** each snapshot file of the plan, as committed */
const committed = PLAN.flatMap((spec) => spec.files.map((file) => ({ spec, file, rel: `${spec.source}/${spec.date}/${file.name}` })));

describe("slice rules (synthetic)", () => {
  const keepA = (f: Record<string, string>) => f["k"] === "a";

  it("last-kept-record-takes-source-final-terminator", () => {
    // like OWID and the ITU exports: no line break after the file's last record
    const src = bytesOf("k,v\na,1\nb,2\na,3\nb,4");
    const out = sliceTable(src, readTable(src, { file: "t.csv" }), "t.csv", keepA);
    expect(new TextDecoder().decode(out.bytes)).toBe("k,v\na,1\na,3");
    expect(out.kept).toHaveLength(2);
    expect(out.total).toBe(4);
  });

  it("crlf-bom-and-blank-first-line-kept", () => {
    // like WDI: BOM, an empty first line, CRLF everywhere, a trailing comma on every line
    const src = bytesOf('\uFEFF\r\n"k","v",\r\n"a","1",\r\n"b","2",\r\n');
    const table = readTable(src, { file: "w.csv", isHeader: (f) => f.includes("k") });
    const out = sliceTable(src, table, "w.csv", keepA);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(out.bytes)).toBe('\uFEFF\r\n"k","v",\r\n"a","1",\r\n');
  });

  it("embedded-newlines-stay-inside-the-record", () => {
    // like ITU dataSource "TRCSL.\r\n\r\n\r\nTRCSL": a quoted CRLF is part of the record, not its end
    const src = bytesOf('k,v\nb,"x\r\ny"\na,"p\r\n\r\nq"\nb,z\n');
    const out = sliceTable(src, readTable(src, { file: "e.csv" }), "e.csv", keepA);
    expect(new TextDecoder().decode(out.bytes)).toBe('k,v\na,"p\r\n\r\nq"\n');
  });

  it("record-text-not-verbatim-refuses", () => {
    const src = bytesOf("k,v\na,1\n");
    const table = readTable(src, { file: "r.csv" });
    const forged = { ...table, records: table.records.map((r) => ({ ...r, raw: "a,2" })) };
    expect(() => sliceTable(src, forged, "r.csv", keepA)).toThrow(/not found verbatim/);
  });
});

describe("peer group", () => {
  it("at-least-15-peers-besides-blr-and-chn", () => {
    const peers = PEERS.map((p) => p.iso3).filter((c) => !(FOCUS as readonly string[]).includes(c));
    expect(new Set(peers).size).toBe(peers.length);
    expect(peers.length).toBeGreaterThanOrEqual(15);
    expect(new Set(ECONOMIES).size).toBe(ECONOMIES.length);
    for (const c of ECONOMIES) expect(c).toMatch(/^[A-Z]{3}$/);
    for (const p of PEERS) expect(p.why.length).toBeGreaterThan(0);
  });
});

describe("committed raw/ snapshots", () => {
  it("every-meta-parses-and-matches-its-file", () => {
    for (const { spec, file, rel } of committed) {
      const bytes = new Uint8Array(readFileSync(path.join(rawDir, rel)));
      const meta = SnapshotMeta.parse(JSON.parse(readFileSync(path.join(rawDir, `${rel}.meta.json`), "utf8")));
      expect(meta.source, rel).toBe(spec.source);
      expect(meta.file, rel).toBe(file.name);
      expect(meta.retrieved, rel).toBe(spec.date);
      expect(meta.bytes, rel).toBe(bytes.length);
      expect(meta.sha256, rel).toBe(sha256(bytes));
      expect(meta.derivation, rel).toContain("npm run snapshot");
    }
  });

  it("sources-json-parses-and-lists-every-snapshot-file", () => {
    const manifest = SourceManifest.parse(JSON.parse(readFileSync(path.join(rawDir, "sources.json"), "utf8")));
    for (const spec of PLAN) {
      const entry = manifest.sources.find((s) => s.id === spec.source);
      expect(entry, spec.source).toBeDefined();
      expect(entry?.pipeline).toBe(spec.pipeline);
      expect(entry?.files.map((f) => f.name).sort()).toEqual(spec.files.map((f) => f.name).sort());
      for (const f of entry?.files ?? []) expect(existsSync(path.join(rawDir, spec.source, spec.date, f.name)), f.name).toBe(true);
    }
  });

  it("idi-meta-says-secondary-transcription", () => {
    const meta = JSON.parse(readFileSync(path.join(rawDir, "itu-idi/2026-08-25/idi2024_scores.csv.meta.json"), "utf8")) as SnapshotMeta;
    expect(meta.derivation).toMatch(/NOT an ITU file/);
    expect(meta.derivation).toMatch(/secondary transcription/);
    expect(meta.origin.repository).toContain("wikipedia.org");
  });

  it("itu-households-snapshot-holds-every-economy-not-only-the-peers", () => {
    const bytes = new Uint8Array(readFileSync(path.join(rawDir, "itu-datahub/2025-12-28/households_with_internet_access_at_home.csv")));
    const table = readTable(bytes, { file: "households" });
    const header = table.info?.header ?? [];
    const seen = new Set(table.records.map((r) => fieldsByName(header, r.fields)["entityIso"]));
    expect([...ECONOMIES].filter((c) => !seen.has(c))).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(200);
  });
});

describeReal("snapshot tool on the real files", (real) => {
  let out = "";

  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), "bycn-snapshot-"));
    runTool(real, out);
  });
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("reproduces-committed-raw-byte-for-byte", () => {
    const files = walk(out).filter((f) => f !== "sources.json");
    expect(files.sort()).toEqual(committed.flatMap(({ rel }) => [rel, `${rel}.meta.json`]).sort());
    for (const f of files) {
      const fresh = readFileSync(path.join(out, f));
      const kept = readFileSync(path.join(rawDir, f));
      expect(fresh.equals(kept), `${f} differs from the committed snapshot; rerun npm run snapshot`).toBe(true);
    }
    // raw/sources.json may also hold entries other tools own; this tool's entries must match
    const fresh = SourceManifest.parse(JSON.parse(readFileSync(path.join(out, "sources.json"), "utf8")));
    const kept = SourceManifest.parse(JSON.parse(readFileSync(path.join(rawDir, "sources.json"), "utf8")));
    for (const entry of fresh.sources) expect(kept.sources.find((s) => s.id === entry.id)).toEqual(entry);
  });

  it("whole-file-snapshots-equal-the-real-files-byte-for-byte", () => {
    for (const { file, rel } of committed) {
      const src = readFileSync(path.join(real, file.input));
      expect(readFileSync(path.join(rawDir, rel)).equals(src), `${rel} is not the whole of ${file.input}`).toBe(true);
    }
  });

  it("every-kept-record-verbatim-in-the-source-and-none-missed", () => {
    for (const { file, rel } of committed) {
      const srcBytes = new Uint8Array(readFileSync(path.join(real, file.input)));
      const snapBytes = new Uint8Array(readFileSync(path.join(rawDir, rel)));
      const srcOpts = file.isHeader ? { file: file.input, isHeader: file.isHeader } : { file: file.input };
      const srcTable = readTable(srcBytes, srcOpts);
      const snapTable = readTable(snapBytes, { ...srcOpts, file: rel });
      const srcText = decodeExact(srcBytes, file.input);
      const snapText = decodeExact(snapBytes, rel);
      const src = locateRecords(srcText, srcTable, file.input);
      const snap = locateRecords(snapText, snapTable, rel);
      // the preamble (BOM, blank lines, header) is the source's, byte for byte
      const firstSnap = snap[0];
      expect(firstSnap, rel).toBeDefined();
      expect(snapText.slice(0, firstSnap?.start), rel).toBe(srcText.slice(0, src[0]?.start));
      // each kept record with its terminator occurs in the source, in source order
      let from = 0;
      snap.forEach((r, i) => {
        const isLast = i === snap.length - 1;
        const at = srcText.indexOf(isLast ? r.body : r.body + r.terminator, from);
        expect(at, `${rel}:${r.record.line} not verbatim in ${file.input}`).toBeGreaterThanOrEqual(from);
        from = at + r.body.length;
      });
      // and the snapshot holds exactly the source records the rule keeps
      const header = srcTable.info?.header ?? [];
      const wanted = src.filter((r) => file.keep(fieldsByName(header, r.record.fields))).map((r) => r.body);
      expect(snap.map((r) => r.body), rel).toEqual(wanted);
      // and it ends the way the source ends
      expect(snapText.endsWith("\n"), rel).toBe(srcText.endsWith("\n"));
    }
  });

  it("rerun-over-own-output-is-byte-identical-and-keeps-other-manifest-entries", () => {
    const manifestPath = path.join(out, "sources.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as SourceManifest;
    const other = { id: "belta", title: "t", publisher: "p", url: "https://example.org/", licence: "l", format: "csv", pipeline: "great-stone", files: [] };
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, sources: [...manifest.sources, other] }));
    const before = new Map(walk(out).filter((f) => f !== "sources.json").map((f) => [f, readFileSync(path.join(out, f))]));
    runTool(real, out);
    for (const [f, b] of before) expect(readFileSync(path.join(out, f)).equals(b), f).toBe(true);
    const after = SourceManifest.parse(JSON.parse(readFileSync(manifestPath, "utf8")));
    expect(after.sources.map((s) => s.id)).toEqual([...PLAN.map((s) => s.source), "belta"]);
    expect(walk(out).filter((f) => f.includes(".bycn-tmp-"))).toEqual([]);
  });

  it("date-override-moves-the-folder-and-retrieved", () => {
    const alt = mkdtempSync(path.join(tmpdir(), "bycn-snapshot-alt-"));
    try {
      runTool(real, alt, ["--only", "owid", "--date-override", "owid=2025-01-24"]);
      const rel = "owid/2025-01-24/share-of-individuals-using-the-internet.csv";
      const meta = SnapshotMeta.parse(JSON.parse(readFileSync(path.join(alt, `${rel}.meta.json`), "utf8")));
      expect(meta.retrieved).toBe("2025-01-24");
      expect(walk(alt).filter((f) => !f.startsWith("owid/") && f !== "sources.json")).toEqual([]);
    } finally {
      rmSync(alt, { recursive: true, force: true });
    }
  });
});
