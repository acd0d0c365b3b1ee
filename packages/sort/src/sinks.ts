// byte sinks: files written through one buffer with synchronous writes, run-file framing, and the arena items wait in
import { closeSync, openSync, writeSync } from "node:fs";
import type { ValueSink } from "./value-codec.js";

type Utf8Writer = (this: Buffer, text: string, offset: number) => number;
const nativeUtf8Write = (Buffer.prototype as unknown as { utf8Write?: Utf8Writer }).utf8Write;
/**
 * `text` as UTF-8 into `buf` at `offset` (the caller has made room); the bytes written. Buffer#write normalises its
 * arguments on every call; utf8Write is the native method it ends in (Buffer#write where it is missing).
 */
function writeUtf8(buf: Buffer, text: string, offset: number): number {
  return nativeUtf8Write !== undefined ? nativeUtf8Write.call(buf, text, offset) : buf.write(text, offset, "utf8");
}
/** bytes a run or output file is written in (text is encoded into the buffer at once, so no text is kept alive) */
export const WRITE_BYTES = 1 << 20;

/**
 * Where `encodeInto` writes an item: frames, each a 4-byte byte length and then its bytes; a frame is a UTF-8 text, or
 * is built of values between beginFrame and endFrame(at) (ValueSink)
 */
export interface FrameSink extends ValueSink {
  beginFrame(): number;
  endFrame(at: number): void;
}

/** a text frame inside an item: 4-byte little-endian length, then the bytes; returns where the next frame starts */
export function frameEnd(bytes: Buffer, at: number): number {
  return at + 4 + bytes.readUInt32LE(at);
}

/**
 * A file written through a byte buffer with synchronous writes: no back-pressure to manage, memory stays flat. Text
 * is encoded straight into the buffer; a pending string grown by += was a rope of thousands of pieces that the write
 * flattened again (and it kept the texts it was made of alive until then). Knows how many bytes it wrote.
 */
export class TextSink {
  private fd: number | undefined;
  protected pos = 0;
  protected flushed = 0;

  /** `buf`: a buffer to write through; a sorter reuses one from run file to run file (fresh buffers are external
   *  memory that V8 answers with collections) */
  constructor(
    file: string,
    protected readonly buf: Buffer = Buffer.allocUnsafe(WRITE_BYTES),
  ) {
    this.fd = openSync(file, "w");
  }

  /** bytes written so far */
  get offset(): number {
    return this.flushed + this.pos;
  }

  write(text: string): void {
    // a UTF-16 unit is at most 3 bytes of UTF-8
    if (this.pos + text.length * 3 > this.buf.length) {
      this.flush();
      if (text.length * 3 > this.buf.length) {
        this.writeBytes(Buffer.from(text, "utf8"), 0);
        return;
      }
    }
    this.pos += writeUtf8(this.buf, text, this.pos);
  }

  /** one or two ASCII characters by their codes (a line break, a separator): no text to encode */
  ascii(a: number, b = -1): void {
    if (this.pos + 2 > this.buf.length) this.flush();
    this.buf[this.pos++] = a;
    if (b >= 0) this.buf[this.pos++] = b;
  }

  /** bytes [start, end) of `from`, as they are (text rendered and encoded earlier) */
  writeBytes(from: Buffer, start: number, end = from.length): void {
    const n = end - start;
    if (this.pos + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        let at = start;
        while (at < end) at += writeSync(this.fd!, from, at, end - at);
        this.flushed += n;
        return;
      }
    }
    from.copy(this.buf, this.pos, start, end);
    this.pos += n;
  }

  protected flush(): void {
    let at = 0;
    while (at < this.pos) at += writeSync(this.fd!, this.buf, at, this.pos - at);
    this.flushed += this.pos;
    this.pos = 0;
  }

  /** flush and close; returns the file's size */
  close(): number {
    if (this.fd !== undefined) {
      this.flush();
      closeSync(this.fd);
      this.fd = undefined;
    }
    return this.flushed;
  }
}

/** a growable byte buffer outside the JS heap: encoded items waiting for their run to be sorted */
export class ByteArena implements FrameSink {
  bytes = Buffer.allocUnsafe(1 << 20);
  size = 0;

  /** a frame whose length is filled in by endFrame(at): an item made of frames, or a head made of values */
  beginFrame(): number {
    this.reserve(4);
    const at = this.size;
    this.size += 4;
    return at;
  }

  endFrame(at: number): void {
    this.bytes.writeUInt32LE(this.size - at - 4, at);
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.size++] = b;
  }

  double(v: number): void {
    this.reserve(8);
    this.size = this.bytes.writeDoubleLE(v, this.size);
  }

  /** a text framed by its UTF-8 byte length (4 bytes); short ASCII is copied without a native call */
  frame(text: string): void {
    const n = text.length;
    // a UTF-16 unit is at most 3 bytes; the exact length is only counted when the bound does not fit
    if (this.size + 4 + n * 3 > this.bytes.length) this.reserve(4 + Buffer.byteLength(text));
    const b = this.bytes;
    const at = this.size + 4;
    if (n <= 32) {
      let i = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        b[at + i] = c;
      }
      if (i === n) {
        b.writeUInt32LE(n, this.size);
        this.size = at + n;
        return;
      }
    }
    const w = writeUtf8(b, text, at);
    b.writeUInt32LE(w, this.size);
    this.size = at + w;
  }

  private reserve(n: number): void {
    if (this.size + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.size + n, Math.ceil(this.bytes.length * 1.5)));
    this.bytes.copy(grown, 0, 0, this.size);
    this.bytes = grown;
  }

  clear(): void {
    this.size = 0;
  }
}

/** a run file: items framed by their UTF-8 byte length (4 bytes, little-endian), the offset of each known */
export class ByteSink extends TextSink {
  /** one run item: its byte length, then its text */
  writeItem(text: string): void {
    if (this.pos + 4 + text.length * 3 > this.buf.length) {
      const bytes = Buffer.from(text, "utf8");
      this.writeItemBytes(bytes, 0, bytes.length);
      return;
    }
    const n = writeUtf8(this.buf, text, this.pos + 4);
    this.buf.writeUInt32LE(n, this.pos);
    this.pos += 4 + n;
  }

  /** one run item given as its bytes: framed like writeItem */
  writeItemBytes(from: Buffer, start: number, end: number): void {
    const head = Buffer.allocUnsafe(4);
    head.writeUInt32LE(end - start, 0);
    this.writeBytes(head, 0);
    this.writeBytes(from, start, end);
  }
}

