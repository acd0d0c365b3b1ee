// bycn build: deterministic, self-describing, atomic (SIGKILL mid-run leaves the previous dist/), integrity-gated
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { readTable } from "@bycn/ingest";
import { bycn, bycnAsync, copyProject, repoRoot, tempDir, treeHashes } from "./_cli.js";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("bycn build", () => {
  const out1 = path.join(tempDir(), "dist");
  const out2 = path.join(tempDir(), "dist");
  const first = bycn(["build", "--out", out1]);
  const second = bycn(["build", "--out", out2]);

  it("builds dist/ from the committed raw/ (exit 0)", () => {
    expect(first.stderr).toMatch(/bycn build: .* dataset\(s\)/);
    expect(first.status).toBe(0);
    for (const f of ["datapackage.json", "check.json", "claims.csv", "claims.json", "SHA256SUMS", "data/itu-indicators.csv", "rejects/itu-indicators.csv"])
      expect(existsSync(path.join(out1, f)), f).toBe(true);
  });

  it("two-builds-byte-identical (SHA256SUMS and every file)", () => {
    expect(second.status).toBe(0);
    expect(readFileSync(path.join(out2, "SHA256SUMS"), "utf8")).toBe(readFileSync(path.join(out1, "SHA256SUMS"), "utf8"));
    expect(treeHashes(out2)).toEqual(treeHashes(out1));
  });

  it("SHA256SUMS lists every file but itself, with the right hash", () => {
    const lines = readFileSync(path.join(out1, "SHA256SUMS"), "utf8").trim().split("\n");
    const listed = Object.fromEntries(lines.map((l) => [l.slice(66), l.slice(0, 64)]));
    const { SHA256SUMS: _self, ".bycn-dist": marker, ...files } = treeHashes(out1);
    expect(marker).toBeDefined(); // the marker says bycn wrote the folder; it is not part of the release
    expect(listed).toEqual(files);
  });

  it("datapackage resources match their files (bytes, sha256) and every field has a declared type", () => {
    const dp = JSON.parse(readFileSync(path.join(out1, "datapackage.json"), "utf8"));
    expect(dp.resources.length).toBeGreaterThan(10);
    for (const r of dp.resources) {
      const bytes = readFileSync(path.join(out1, r.path));
      expect(r.bytes, r.path).toBe(bytes.byteLength);
      expect(r.hash, r.path).toBe(`sha256:${sha(bytes)}`);
      if (r.schema?.fields) {
        for (const f of r.schema.fields) expect(["string", "integer", "number", "boolean", "date", "year", "datetime"], `${r.path} ${f.name}`).toContain(f.type);
        if (r.format === "csv") {
          const header = bytes.toString("utf8").split("\n")[0];
          expect(header, r.path).toBe(r.schema.fields.map((f: { name: string }) => f.name).join(","));
        }
      }
    }
  });

  it("a raw snapshot altered by one byte: exit 2, dist/ untouched", () => {
    const { raw } = copyProject();
    const target = path.join(raw, "itu-idi");
    const vintage = readdirSync(target)[0]!;
    const file = path.join(target, vintage, "idi2024_scores.csv");
    const bytes = readFileSync(file);
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
    writeFileSync(file, bytes);
    const before = treeHashes(out1);
    const r = bycn(["build", "--raw", raw, "--out", out1]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/checksum_mismatch/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(treeHashes(out1)).toEqual(before);
  });

  it("a missing raw folder: exit 2 with a message, no stack", () => {
    const r = bycn(["build", "--raw", path.join(tempDir(), "nope"), "--out", path.join(tempDir(), "dist")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("--only builds one source", () => {
    const out = path.join(tempDir(), "dist");
    const r = bycn(["build", "--only", "owid", "--out", out]);
    expect(r.status).toBe(0);
    const dp = JSON.parse(readFileSync(path.join(out, "datapackage.json"), "utf8"));
    expect(new Set(dp.resources.filter((x: { path: string }) => x.path.startsWith("data/")).map((x: { path: string }) => x.path.split("/")[1]!.split(".")[0]))).toEqual(new Set(["owid-indicators", "economies"]));
    // the economies table goes with it: the owid economy column's foreign key points there
  });

  it("itu-indicators-publishes-at-least-200-economies-and-flags-aggregates-elsewhere", () => {
    const rows = (name: string) => JSON.parse(readFileSync(path.join(out1, "data", `${name}.json`), "utf8")) as { economy: string | null; entity: string; is_aggregate: boolean }[];
    const itu = rows("itu-indicators");
    expect(new Set(itu.map((r) => r.economy).filter((e) => e !== null)).size).toBeGreaterThanOrEqual(200);
    for (const name of ["wdi-indicators", "owid-indicators"]) {
      const list = rows(name);
      // an aggregate has no economy code (null in JSON, as every missing value); an economy has its own ISO3 as entity
      expect(list.some((r) => r.is_aggregate && r.entity === "WLD"), name).toBe(true);
      for (const r of list) expect(r.is_aggregate ? r.economy : r.entity, `${name} ${r.entity}`).toBe(r.is_aggregate ? null : r.economy);
    }
  });

  it("every-record-of-every-whole-raw-file-is-a-published-row-or-a-coded-reject", () => {
    const dp = JSON.parse(readFileSync(path.join(out1, "datapackage.json"), "utf8")) as { resources: { path: string; format: string }[] };
    const seen = new Map<string, Set<number>>();
    const mark = (file: string, line: number) => (seen.get(file) ?? seen.set(file, new Set()).get(file)!).add(line);
    for (const r of dp.resources) {
      if (r.format === "json" && r.path.startsWith("data/")) {
        for (const row of JSON.parse(readFileSync(path.join(out1, r.path), "utf8")) as { raw_file?: string; raw_line?: number }[])
          if (row.raw_file && row.raw_line) mark(row.raw_file, row.raw_line);
      }
      if (r.path.startsWith("rejects/")) {
        const parsed = Papa.parse<Record<string, string>>(readFileSync(path.join(out1, r.path), "utf8"), { header: true, skipEmptyLines: true });
        for (const row of parsed.data) {
          expect(row.code, `${row.raw_file}:${row.raw_line}`).toMatch(/^[a-z_]+$/);
          mark(row.raw_file!, Number(row.raw_line));
        }
      }
    }
    const lost: string[] = [];
    let records = 0;
    for (const source of ["itu-datahub", "wdi", "owid", "itu-idi", "itu-price-baskets"]) {
      for (const vintage of readdirSync(path.join(repoRoot, "raw", source))) {
        for (const name of readdirSync(path.join(repoRoot, "raw", source, vintage)).filter((n) => n.endsWith(".csv"))) {
          const file = `raw/${source}/${vintage}/${name}`;
          const wdiWide = (f: string[]) => f.includes("Country Code") && f.includes("Indicator Code");
          const table = readTable(readFileSync(path.join(repoRoot, file)), source === "wdi" ? { file, isHeader: wdiWide } : { file });
          for (const rec of table.records) {
            records++;
            if (!seen.get(file)?.has(rec.line)) lost.push(`${file}:${rec.line}`);
          }
        }
      }
    }
    expect(records).toBeGreaterThan(30000);
    expect(lost.slice(0, 10)).toEqual([]);
  });
});

describe("SIGKILL mid-build", () => {
  it.each([150, 600, 1200, 2000])("killed after %i ms leaves a complete dist/, old or new; the next build recovers", async (delay) => {
    const out = path.join(tempDir(), "dist");
    expect(bycn(["build", "--out", out]).status).toBe(0);
    // make the previous dist distinguishable from what the new build would write
    writeFileSync(path.join(out, "marker.txt"), "previous build\n");
    const before = treeHashes(out);
    const child = bycnAsync(["build", "--out", out]);
    // listen before the kill: a fast build may exit on its own first
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    await new Promise((r) => setTimeout(r, delay));
    if (child.exitCode === null) child.kill("SIGKILL");
    const code = await exited;
    const parent = path.dirname(out);
    if (code === 0) {
      // it finished before the signal: the new dist is complete and the old one gone
      expect(existsSync(path.join(out, "marker.txt"))).toBe(false);
      expect(existsSync(path.join(out, "SHA256SUMS"))).toBe(true);
    } else {
      // whatever moment it died at, dist is there, as it was or complete and new
      expect(existsSync(out)).toBe(true);
      if (existsSync(path.join(out, "marker.txt"))) expect(treeHashes(out)).toEqual(before);
      else expect(existsSync(path.join(out, ".bycn-dist"))).toBe(true);
    }
    const again = bycn(["build", "--out", out]);
    expect(again.status).toBe(0);
    expect(existsSync(path.join(out, "marker.txt"))).toBe(false);
    expect(readdirSync(parent).filter((n) => n.startsWith(".dist."))).toEqual([".dist.gen"]);
    expect(readdirSync(path.join(parent, ".dist.gen"))).toHaveLength(1);
  });
});
