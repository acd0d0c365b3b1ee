// windows-1251 encoder: node ships only the decoder, so the byte table is the decoder's inverse over 0x00–0xff
const decoder = new TextDecoder("windows-1251");

function buildTable(): Map<number, number> {
  const table = new Map<number, number>();
  for (let byte = 0; byte <= 0xff; byte++) {
    const text = decoder.decode(Uint8Array.of(byte));
    const code = text.codePointAt(0);
    // the whatwg index maps every byte (0x98 to U+0098), so the inverse is total on the 256 characters it yields
    if (text.length !== 1 || code === undefined || code === 0xfffd || table.has(code)) {
      throw new Error(`windows-1251 decoder gives ${JSON.stringify(text)} for byte 0x${byte.toString(16)}: cannot build the encoder`);
    }
    table.set(code, byte);
  }
  return table;
}

/** unicode code point → windows-1251 byte, for the 256 characters the encoding has */
export const CP1251: ReadonlyMap<number, number> = buildTable();

export class UnencodableError extends Error {
  constructor(
    readonly char: string,
    readonly index: number,
  ) {
    super(`U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")} ${JSON.stringify(char)} at index ${index} has no windows-1251 byte`);
    this.name = "UnencodableError";
  }
}

/** encode text as windows-1251; a character the encoding lacks is a "cannot continue" error, never a silent '?' */
export function encodeCp1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  let index = 0;
  for (const char of text) {
    const byte = CP1251.get(char.codePointAt(0) ?? -1);
    if (byte === undefined) throw new UnencodableError(char, index);
    out[n++] = byte;
    index += char.length;
  }
  return out.subarray(0, n);
}
