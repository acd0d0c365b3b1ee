// article bytes → text: the encoding detection of @bycn/ingest (BOM, utf-8, windows-1251), issues as data
import { makeIssue, type Issue } from "@bycn/core";
import { detectEncoding } from "@bycn/ingest";

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; issue: Issue };

/** Decode a whole article file; a file that is not text gives a coded issue instead of text. */
export function decodeArticle(bytes: Uint8Array, file: string): DecodeResult {
  if (bytes.length === 0) return { ok: false, issue: makeIssue("file_empty", { file }, {}) };
  const d = detectEncoding(bytes, true);
  if (!d.ok) {
    return d.code === "binary_content"
      ? { ok: false, issue: makeIssue("binary_content", { file }, { offset: d.offset }) }
      : { ok: false, issue: makeIssue("encoding_undetermined", { file }, { candidates: d.candidates }) };
  }
  // TextDecoder drops a byte-order mark itself (ignoreBOM false)
  const text = new TextDecoder(d.encoding).decode(bytes);
  return { ok: true, text, encoding: d.encoding };
}
