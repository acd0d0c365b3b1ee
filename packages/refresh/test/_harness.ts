// test harness: a loopback http server with scripted routes, a temp project with a previous snapshot, tree hashes
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { expect } from "vitest";
import { SnapshotMeta } from "@bycn/core";

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

/**
 * a zip with stored (0) or deflated (8) members, written by hand like any zip tool would; zip64 writes every size
 * and offset in zip64 extra fields and ends with a zip64 end record and locator (as zip tools do past 4 GB)
 */
export function makeZip(members: { name: string; data: string | Uint8Array; method?: 0 | 8 }[], zip64 = false): Buffer {
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
    local.writeUInt32LE(zip64 ? 0xffffffff : comp.length, 18);
    local.writeUInt32LE(zip64 ? 0xffffffff : data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const localExtra = zip64 ? extra64([data.length, comp.length]) : Buffer.alloc(0);
    local.writeUInt16LE(localExtra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? 0xffffffff : comp.length, 20);
    central.writeUInt32LE(zip64 ? 0xffffffff : data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    const centralExtra = zip64 ? extra64([data.length, comp.length, offset]) : Buffer.alloc(0);
    central.writeUInt16LE(centralExtra.length, 30);
    locals.push(local, name, localExtra, comp);
    centrals.push(central, name, centralExtra);
    offset += 30 + name.length + localExtra.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : members.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : members.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  if (!zip64) return Buffer.concat([...locals, cd, end]);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(members.length), 24);
  end64.writeBigUInt64LE(BigInt(members.length), 32);
  end64.writeBigUInt64LE(BigInt(cd.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([...locals, cd, end64, locator, end]);
}

/** the zip64 extended information extra field (id 1) holding 8-byte values */
function extra64(values: number[]): Buffer {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(1, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

export interface ProxyServer {
  url: string;
  /** what went through it: "GET http://host:port/path" for absolute-URI requests, "CONNECT host:port" for tunnels */
  seen: string[];
  close: () => Promise<void>;
}

/** a forward proxy on 127.0.0.1: absolute-URI requests are relayed, CONNECT opens a tunnel (loopback targets only) */
export async function startProxy(): Promise<ProxyServer> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push(`${req.method ?? "?"} ${req.url ?? ""}`);
    const target = new URL(req.url ?? "");
    assertLoopback(target.href);
    const up = http.request(target, { method: req.method, headers: req.headers, agent: false }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url ?? ""}`);
    const [host, port] = (req.url ?? "").split(":");
    assertLoopback(`http://${host ?? ""}/`);
    const up = net.connect(Number(port), host ?? "", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    for (const s of [up, client]) {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => {
        sockets.delete(s);
        up.destroy();
        client.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** write a raw HTTP response on the request's socket: framings node:http would not produce (close-delimited) */
export function rawResponse(res: http.ServerResponse, head: string, body: Uint8Array | string, after: "end" | "destroy"): void {
  const socket = res.socket;
  if (!socket) return;
  socket.write(head.replace(/\n/g, "\r\n") + "\r\n");
  socket.write(body);
  if (after === "end") socket.end();
  else setTimeout(() => socket.destroy(), 10);
}

/** a route answering with the whole body and its Content-Length */
export const serve =
  (body: string | Uint8Array, headers: Record<string, string> = {}, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-length": String(Buffer.byteLength(body)), ...headers }).end(body);
  };

/** no temp dir, no lock, and every snapshot file matches its meta */
export function expectRawSound(raw: string): void {
  const entries = listTree(raw);
  expect(entries.filter((e) => path.basename(e).startsWith(".bycn-tmp-"))).toEqual([]);
  expect(entries).not.toContain(".refresh.lock");
  for (const e of entries) {
    const parts = e.split("/");
    if (parts.length !== 3 || e.endsWith(".meta.json")) continue;
    const bytes = readFileSync(path.join(raw, e));
    const meta = SnapshotMeta.parse(JSON.parse(readFileSync(path.join(raw, `${e}.meta.json`), "utf8")));
    expect(meta.sha256, e).toBe(sha256(bytes));
    expect(meta.bytes, e).toBe(bytes.length);
  }
}
