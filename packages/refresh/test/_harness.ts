// test harness: a loopback http server with scripted routes, a temp project with a previous snapshot, tree hashes
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { crc32, deflateRawSync } from "node:zlib";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface FixtureServer {
  url: (p: string) => string;
  route: (p: string, h: Handler) => void;
  /** requests per path, and the headers of each */
  hits: (p: string) => number;
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  close: () => Promise<void>;
}

export async function startServer(): Promise<FixtureServer> {
  const routes = new Map<string, Handler>();
  const requests: { path: string; headers: http.IncomingHttpHeaders }[] = [];
  const server = http.createServer((req, res) => {
    const p = req.url ?? "/";
    requests.push({ path: p, headers: req.headers });
    res.on("error", () => undefined);
    const h = routes.get(p);
    if (h) h(req, res);
    else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    route: (p, h) => void routes.set(p, h),
    hits: (p) => requests.filter((r) => r.path === p).length,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sha256(b: Uint8Array | string): string {
  return createHash("sha256").update(b).digest("hex");
}

/** every path (files and folders, dot entries included) with its content hash: equal hashes = identical trees */
export function treeHash(dir: string): string {
  const h = createHash("sha256");
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const abs = path.join(d, name);
      const r = `${rel}/${name}`;
      if (statSync(abs).isDirectory()) {
        h.update(`d ${r}\n`);
        walk(abs, r);
      } else {
        h.update(`f ${r} ${sha256(readFileSync(abs))}\n`);
      }
    }
  };
  walk(dir, "");
  return h.digest("hex");
}

/** every entry under dir, relative, sorted */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      out.push(r);
      if (statSync(path.join(d, name)).isDirectory()) walk(path.join(d, name), r);
    }
  };
  walk(dir, "");
  return out;
}

export const PREV_CSV = [
  "Entity,Code,Year,Individuals using the Internet (% of population)",
  "Belarus,BLR,2022,89.5",
  "China,CHN,2022,75.6",
  "",
].join("\n");

export const NEXT_CSV = [
  "Entity,Code,Year,Individuals using the Internet (% of population)",
  "Belarus,BLR,2022,89.5",
  "Belarus,BLR,2023,91.3",
  "China,CHN,2022,75.6",
  "China,CHN,2023,77.5",
  "",
].join("\n");

export interface SourceSpec {
  id: string;
  format?: "csv" | "json";
  files: { name: string; url?: string; prev?: string; etag?: string }[];
  url?: string;
  refresh?: "http" | "manual";
}

export interface Project {
  root: string;
  raw: string;
  manifest: unknown;
  cleanup: () => void;
}

export const PREV_DATE = "2026-11-01";

/** a temp project: raw/sources.json and, per file with `prev`, a snapshot raw/<id>/2026-11-01/<name> + meta */
export function makeProject(sources: SourceSpec[]): Project {
  const root = mkdtempSync(path.join(os.tmpdir(), "bycn-refresh-"));
  const raw = path.join(root, "raw");
  mkdirSync(raw);
  const manifest = {
    version: 1,
    sources: sources.map((s) => ({
      id: s.id,
      title: `${s.id} title`,
      publisher: `${s.id} publisher`,
      url: s.url ?? s.files[0]?.url ?? "http://127.0.0.1:9/",
      ...(s.refresh ? { refresh: s.refresh } : {}),
      licence: "CC BY 4.0",
      format: s.format ?? "csv",
      pipeline: s.id,
      files: s.files.map((f) => (f.url ? { name: f.name, url: f.url } : { name: f.name })),
    })),
  };
  // nothing in these tests may leave the machine
  for (const s of manifest.sources) {
    for (const u of [s.url, ...s.files.map((f) => f.url)]) if (u) assertLoopback(u);
  }
  writeFileSync(path.join(raw, "sources.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const s of sources) {
    for (const f of s.files) {
      if (f.prev === undefined) continue;
      const dir = path.join(raw, s.id, PREV_DATE);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, f.name), f.prev);
      const meta = {
        source: s.id,
        file: f.name,
        title: `${f.name} (file title from the previous meta)`,
        publisher: "Previous Publisher",
        origin: { url: f.url ?? "http://127.0.0.1:9/", repository: "someone/copy", path: `data/${f.name}` },
        licence: "CC BY 4.0",
        retrieved: PREV_DATE,
        format: s.format ?? "csv",
        encoding: "utf-8",
        sha256: sha256(f.prev),
        bytes: Buffer.byteLength(f.prev),
        derivation: "copied from a repository",
        ...(f.etag ? { etag: f.etag } : {}),
      };
      writeFileSync(path.join(dir, `${f.name}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`);
    }
  }
  return { root, raw, manifest, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function assertLoopback(u: string): void {
  const host = new URL(u).hostname;
  if (host !== "127.0.0.1") throw new Error(`test URL ${u} is not loopback`);
}

/** a zip with stored (0) or deflated (8) members, written by hand like any zip tool would */
export function makeZip(members: { name: string; data: string | Uint8Array; method?: 0 | 8 }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const data = typeof m.data === "string" ? Buffer.from(m.data) : Buffer.from(m.data);
    const method = m.method ?? 8;
    const comp = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(m.name);
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(comp.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, comp);
    centrals.push(central, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
