// a minimal zip reader (central directory + stored/deflate members) for bulk downloads such as the World Bank's
import { crc32, inflateRawSync } from "node:zlib";

export interface ZipMember {
  name: string;
  bytes: Uint8Array;
}

export type ZipResult = { ok: true; members: ZipMember[] } | { ok: false; cause: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** true when the bytes start with a local file header (PK\x03\x04) */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Read every file member; any structural problem, an unsupported feature (zip64, encryption) or a crc mismatch fails the whole zip. */
export function readZip(bytes: Uint8Array, maxBytes: number): ZipResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (cause: string): ZipResult => ({ ok: false, cause });
  if (bytes.length < 22) return fail("too short for a zip (no end of central directory)");
  // the end record sits in the last 22 + 65535 (comment) bytes
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return fail("no end of central directory record (cut short?)");
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) return fail("zip64 archives are not supported");
  if (cdOffset + cdSize > eocd) return fail("central directory lies outside the file (cut short?)");
  const members: ZipMember[] = [];
  let p = cdOffset;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) return fail(`central directory entry ${n + 1} is damaged`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    const compSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    if (flags & 1) return fail(`member ${name} is encrypted`);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) return fail(`member ${name}: local header is damaged`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compSize > bytes.length) return fail(`member ${name} is cut short`);
    total += size;
    if (total > maxBytes) return fail(`members unpack to more than ${maxBytes} bytes`);
    const raw = bytes.subarray(start, start + compSize);
    let data: Uint8Array;
    try {
      if (method === 0) data = raw;
      else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) });
      else return fail(`member ${name} uses compression method ${method}`);
    } catch (e) {
      return fail(`member ${name} does not inflate: ${(e as Error).message}`);
    }
    if (data.length !== size) return fail(`member ${name} unpacks to ${data.length} bytes, the directory says ${size}`);
    if (crc32(data) >>> 0 !== crc) return fail(`member ${name} fails its crc32 check`);
    members.push({ name, bytes: data });
  }
  return { ok: true, members };
}

/**
 * Choose the member for a manifest file name: the exact name; else the one member equal to it once a trailing
 * version number is ignored (World Bank bulk zips name members API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv and
 * the _1228 changes with each release); else the only .csv member.
 */
export function pickMember(members: ZipMember[], fileName: string): ZipMember | undefined {
  const base = (n: string): string => n.slice(n.lastIndexOf("/") + 1);
  const exact = members.filter((m) => base(m.name) === fileName);
  if (exact.length === 1) return exact[0];
  const unversioned = (n: string): string => n.replace(/_\d+(\.[A-Za-z0-9]+)$/, "$1").toLowerCase();
  const loose = members.filter((m) => unversioned(base(m.name)) === unversioned(fileName));
  if (loose.length === 1) return loose[0];
  const csvs = members.filter((m) => m.name.toLowerCase().endsWith(".csv"));
  return csvs.length === 1 ? csvs[0] : undefined;
}
