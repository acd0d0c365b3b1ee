// writes the small malformed inputs of this folder (run from the repo root:
// node --conditions=@bycn/source --import tsx packages/ingest/test/malformed/generate.ts); the 10 MB single line is made by the test, never committed
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cp1251, utf16, utf8 } from "../_helpers.js";

const dir = path.dirname(fileURLToPath(import.meta.url));

export const MALFORMED: Record<string, Uint8Array> = {
  "empty.csv": new Uint8Array(0),
  "header-only.csv": utf8("iso3,year,value\n"),
  "blank-lines-only.csv": utf8("\uFEFF\r\n\r\n  \r\n"),
  // the quote on line 4 never closes: lines 4–6 are one bad record that starts on line 3
  "unclosed-quote.csv": utf8('a,b,c\n1,2,3\n"multi\nline",x,"open\n4,5,6\n7,8,9\n'),
  // a PNG signature: 0x1A at byte 6, NULs after
  "binary.csv": Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  "cp1251.csv": cp1251("Дата;Резиденты;Инвестиции, млн долл.\r\n01.01.2024;131;1 350,5\r\n01.01.2025;х;…\r\n"),
  "utf16le-bom.csv": utf16("iso3,value\r\nBLR,88.5\r\n", "le"),
  "utf16le-no-bom.csv": utf16("iso3,value\r\nBLR,88.5\r\n", "le", false),
  "ragged.csv": utf8("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n"),
  "duplicate-header.csv": utf8("id,value,value\n1,2,3\n"),
};

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const [name, bytes] of Object.entries(MALFORMED)) writeFileSync(path.join(dir, name), bytes);
}
