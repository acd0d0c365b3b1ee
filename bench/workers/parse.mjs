// bare parse comparison points: node bench/workers/parse.mjs papaparse|reader FILE
// papaparse: its core Parser with a step callback over the decoded text, rows dropped (the parser bycn's reader wraps);
// reader: bycn's TableReader (@bycn/ingest, compiled) over 1 MiB reads, records dropped
import { Buffer } from "node:buffer";
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import Papa from "papaparse";
import { TableReader } from "@bycn/ingest";

const [mode, file] = process.argv.slice(2);
if (!file || (mode !== "papaparse" && mode !== "reader")) throw new Error("usage: parse.mjs papaparse|reader FILE");
const fd = openSync(file, "r");
let records = 0;
if (mode === "reader") {
  const reader = new TableReader({ file });
  for (;;) {
    const buf = Buffer.allocUnsafe(1 << 20);
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    records += reader.push(buf.subarray(0, n)).length;
  }
  records += reader.end().length + reader.rejects.length;
} else {
  // the text in 64 KiB pieces, the unfinished last row carried over: what the reader does, without its bookkeeping
  const decoder = new StringDecoder("utf8");
  const buf = Buffer.allocUnsafe(64 * 1024);
  let carry = "";
  let cursor = 0;
  const parser = new Papa.Parser({ delimiter: ",", newline: "\n", step: (r) => ((cursor = r.meta.cursor), records++) });
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    const text = carry + (n === 0 ? decoder.end() : decoder.write(buf.subarray(0, n)));
    parser.parse(text, 0, n !== 0);
    if (n === 0) break;
    // ignoreLastRow: the last row may be unfinished; it is parsed again with the next piece
    carry = text.slice(cursor);
    cursor = 0;
  }
  records -= 1; // the header
}
closeSync(fd);
console.log(JSON.stringify({ records }));
