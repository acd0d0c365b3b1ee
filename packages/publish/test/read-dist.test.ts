// readDist: the one reader of a dist/; what it reads, what it never reads, and its problems as data
import { describe, expect, it } from "vitest";
import { sha256Hex } from "@bycn/core";
import { readDist } from "../src/index.js";

const enc = new TextEncoder();
const csv = enc.encode("id\na\n");
const json = enc.encode("[]\n");

function dist(resources: unknown[]): Map<string, Uint8Array> {
  return new Map([
    ["datapackage.json", enc.encode(JSON.stringify({ resources }))],
    ["data/t.csv", csv],
    ["data/t.json", json],
  ]);
}

describe("readDist", () => {
  it("unsafe-paths-are-findings-and-never-read", () => {
    const files = dist([{ name: "up", path: "../secret.csv" }, { name: "url", path: "https://example.org/x.csv" }, { name: "abs", path: "/data/t.csv" }]);
    const asked: string[] = [];
    const read = readDist((p) => (asked.push(p), files.get(p)));
    expect(asked).toEqual(["datapackage.json"]);
    expect(read.findings.map((f) => f.kind)).toEqual(["unsafe_path", "unsafe_path", "unsafe_path"]);
  });

  it("declared-bytes-and-sha256-are-checked; a file left out by `wanted` is not read", () => {
    const files = dist([
      { name: "t", path: "data/t.csv", format: "csv", bytes: csv.byteLength + 1, hash: `sha256:${"0".repeat(64)}`, schema: { fields: [{ name: "id", type: "string" }], primaryKey: "id" } },
      { name: "t-json", path: "data/t.json", format: "json", hash: "md5:x" },
      { name: "gone", path: "data/gone.csv", format: "csv" },
    ]);
    const asked: string[] = [];
    const all = readDist((p) => (asked.push(p), files.get(p)));
    expect(all.findings.map((f) => [f.kind, "resource" in f ? f.resource.name : ""])).toEqual([
      ["size_mismatch", "t"],
      ["checksum_mismatch", "t"],
      ["hash_invalid", "t-json"],
      ["missing", "gone"],
    ]);
    expect(all.files.get("data/t.csv")?.sha256).toBe(sha256Hex(csv));
    expect(all.resources[0]).toMatchObject({ name: "t", primaryKey: ["id"], fields: [{ name: "id", type: "string", closed: false }] });
    asked.length = 0;
    const csvOnly = readDist((p) => (asked.push(p), files.get(p)), (r) => r.format === "csv");
    expect(asked).toEqual(["datapackage.json", "data/t.csv", "data/gone.csv"]);
    expect(csvOnly.files.has("data/t.json")).toBe(false);
  });

  it("a-missing-or-broken-datapackage-stops-the-read", () => {
    expect(readDist(() => undefined).findings).toEqual([{ kind: "package_missing" }]);
    expect(readDist(() => enc.encode("{")).findings[0]?.kind).toBe("package_invalid");
    expect(readDist(() => enc.encode("[]")).findings).toEqual([{ kind: "resources_invalid" }]);
  });
});
