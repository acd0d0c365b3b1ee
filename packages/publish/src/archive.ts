// byte-reproducible archives of a file tree: ustar + gzip and zip (deflate), sorted entries, one fixed mtime,
// mode 0644, owner 0:0, no user or host names; the same files and date always give the same bytes
import { crc32, deflateRawSync, gzipSync } from "node:zlib";

export interface ArchiveEntry {
  /** path inside the archive, "/"-separated, no leading "/" */
  path: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

function sorted(entries: readonly ArchiveEntry[]): ArchiveEntry[] {
  const seen = new Set<string>();
  for (const e of entries) {
    if (e.path === "" || e.path.startsWith("/") || e.path.split("/").some((p) => p === ".." || p === "." || p === ""))
      throw new Error(`archive path "${e.path}" is not a plain relative path`);
    if (seen.has(e.path)) throw new Error(`archive path "${e.path}" appears twice`);
    seen.add(e.path);
  }
  // byte order of the utf-8 path, not locale order: the same on every machine
  return [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

// ---- tar (POSIX ustar) ----

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, "0")}\0`;
}

/** ustar keeps 100 bytes of name and 155 of prefix; split at a "/" so both fit */
function splitName(p: string): { name: string; prefix: string } {
  const bytes = encoder.encode(p);
  if (bytes.length <= 100) return { name: p, prefix: "" };
  for (let i = p.length - 1; i > 0; i--) {
    if (p[i] !== "/") continue;
    const prefix = p.slice(0, i);
    const name = p.slice(i + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(name).length <= 100) return { name, prefix };
  }
  throw new Error(`archive path "${p}" is too long for a ustar header`);
}

function tarHeader(path: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (text: string, at: number, width: number) => {
    const b = encoder.encode(text);
    if (b.length > width) throw new Error(`tar header field "${text}" wider than ${width}`);
    h.set(b, at);
  };
  const { name, prefix } = splitName(path);
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(mtime, 12), 136, 12);
  put("        ", 148, 8);
  put("0", 156, 1);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  put(prefix, 345, 155);
  const sum = h.reduce((a, b) => a + b, 0);
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return h;
}

/** a .tar.gz of the entries; mtime in seconds since the epoch for every entry */
export function tarGz(entries: readonly ArchiveEntry[], mtime: number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of sorted(entries)) {
    parts.push(tarHeader(e.path, e.bytes.length, mtime), e.bytes);
    const pad = (512 - (e.bytes.length % 512)) % 512;
    if (pad > 0) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(1024));
  // node writes gzip's header mtime as 0 and no file name, so the wrapper adds nothing that varies
  return new Uint8Array(gzipSync(Buffer.concat(parts), { level: 9 }));
}

// ---- zip ----

/** MS-DOS date and time fields of a UTC instant (zip has no time zone; 2-second resolution) */
function dosDateTime(mtime: number): { date: number; time: number } {
  const d = new Date(mtime * 1000);
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/** a .zip of the entries (deflate, utf-8 names, unix mode 0644); mtime in seconds since the epoch */
export function zip(entries: readonly ArchiveEntry[], mtime: number): Uint8Array {
  const { date, time } = dosDateTime(mtime);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const list = sorted(entries);
  if (list.length > 0xffff) throw new Error("more than 65535 entries need zip64, which this writer does not write");
  for (const e of list) {
    const name = Buffer.from(e.path, "utf8");
    const data = deflateRawSync(e.bytes, { level: 9 });
    const crc = crc32(e.bytes);
    if (offset + 30 + name.length + data.length > 0xffffffff) throw new Error("archive over 4 GB needs zip64, which this writer does not write");
    const fields = { time, date, crc, compressed: data.length, size: e.bytes.length, name: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, fields);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4); // made by unix, so the external attributes carry a mode
    writeEntryFields(cd, 6, fields);
    cd.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(cd, name);
    offset += local.length + name.length + data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(list.length, 8);
  end.writeUInt16LE(list.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cdBytes, end]));
}

interface EntryFields {
  time: number;
  date: number;
  crc: number;
  compressed: number;
  size: number;
  name: number;
}

/** the run of fields a local header and its central directory record share, from "version needed" to the name length */
function writeEntryFields(buf: Buffer, at: number, f: EntryFields): void {
  buf.writeUInt16LE(20, at); // version needed: deflate
  buf.writeUInt16LE(0x0800, at + 2); // names are utf-8
  buf.writeUInt16LE(8, at + 4); // deflate
  buf.writeUInt16LE(f.time, at + 6);
  buf.writeUInt16LE(f.date, at + 8);
  buf.writeUInt32LE(f.crc, at + 10);
  buf.writeUInt32LE(f.compressed, at + 14);
  buf.writeUInt32LE(f.size, at + 18);
  buf.writeUInt16LE(f.name, at + 22);
}
