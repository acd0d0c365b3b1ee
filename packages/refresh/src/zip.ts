// zip bodies (the World Bank's bulk download) opened with yauzl: zip64, a checked central directory, guarded names
import { crc32 } from "node:zlib";
import yauzl from "yauzl";

export interface ZipMember {
  name: string;
  bytes: Uint8Array;
}

export type ZipResult = { ok: true; members: ZipMember[] } | { ok: false; cause: string };

/** true when the bytes start with a local file header (PK\x03\x04) */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Read every file member. The whole zip fails on any structural problem (no end record, a central directory
 * that does not check out: the usual sign of a cut download), an encrypted member or one in an unknown method,
 * a name that leaves its folder (absolute, `..`, a drive letter), members unpacking to more than maxBytes in
 * all, or a member whose size or crc32 differs from its directory entry.
 */
export async function readZip(bytes: Uint8Array, maxBytes: number): Promise<ZipResult> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { validateEntrySizes: true, strictFileNames: true });
  } catch (e) {
    return { ok: false, cause: (e as Error).message };
  }
  try {
    return { ok: true, members: await readMembers(zip, maxBytes) };
  } catch (e) {
    return { ok: false, cause: (e as Error).message };
  } finally {
    zip.close();
  }
}

function readMembers(zip: yauzl.ZipFile, maxBytes: number): Promise<ZipMember[]> {
  return new Promise((resolve, reject) => {
    const members: ZipMember[] = [];
    let total = 0;
    zip.on("error", reject);
    zip.on("end", () => resolve(members));
    zip.on("entry", (entry: yauzl.Entry) => {
      const name = entry.fileName;
      if (name.endsWith("/")) return zip.readEntry();
      if (entry.isEncrypted()) return reject(new Error(`member ${name} is encrypted`));
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return reject(new Error(`member ${name} uses compression method ${entry.compressionMethod}`));
      total += entry.uncompressedSize;
      if (total > maxBytes) return reject(new Error(`members unpack to more than ${maxBytes} bytes`));
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(new Error(`member ${name}: ${err.message}`));
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("error", (e: Error) => reject(new Error(`member ${name} does not unpack: ${e.message}`)));
        stream.on("end", () => {
          const data = Buffer.concat(chunks);
          if (crc32(data) >>> 0 !== entry.crc32 >>> 0) return reject(new Error(`member ${name} fails its crc32 check`));
          members.push({ name, bytes: data });
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
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
