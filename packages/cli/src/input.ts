// the FILE of bycn validate: a regular file is read in place; standard input (-), a FIFO or a socket is read once,
// into a temp file the validate paths may open as often as they need; a device or a terminal is refused
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { escapeControls } from "@bycn/core";
import { CliError } from "./output.js";

export interface Input {
  /** the name shown in issues: the path as given, or <stdin> */
  shown: string;
  /** the path the validate paths read: the file itself, or the spooled copy */
  read: string | undefined;
  /** removes the spooled copy, if any */
  cleanup(): void;
}

const STDIN = "<stdin>";
// names of standard input: opening one fails (ENXIO) when fd 0 is a socket, as node's child-process pipes are
const STDIN_NAMES = new Set(["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);
const CHUNK = 1 << 20;

function readAll(fd: number, into: number): void {
  const buf = Buffer.allocUnsafe(CHUNK);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, CHUNK, null);
    } catch (e) {
      // a non-blocking pipe with nothing yet: wait a little, the writer is still writing
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      throw e;
    }
    if (n === 0) return;
    writeSync(into, buf, 0, n);
  }
}

/** Resolve FILE once: errors are "could not run" (exit 2) with the reason in words. */
export function openInput(file: string, tmpParent = tmpdir()): Input {
  const shown = file === "-" ? STDIN : file;
  let fd: number | undefined;
  try {
    if (file !== "-") {
      const st = statSync(file);
      if (st.isFile()) return { shown, read: undefined, cleanup: () => undefined };
      if (st.isDirectory()) throw new CliError(`cannot read ${escapeControls(file)}: it is a directory`, 2);
      if (st.isCharacterDevice() || st.isBlockDevice()) throw new CliError(`cannot read ${escapeControls(file)}: it is a device, not a file; pipe it in with - if you mean it`, 2);
    }
    fd = STDIN_NAMES.has(file) ? 0 : openSync(file, "r");
    const st = fstatSync(fd);
    if (st.isCharacterDevice() || st.isBlockDevice()) {
      throw new CliError(`cannot read ${escapeControls(shown)}: it is a ${fd === 0 ? "terminal or device" : "device"}; pipe a file in (bycn validate - < FILE)`, 2);
    }
  } catch (e) {
    if (fd !== undefined && fd !== 0) closeSync(fd);
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${escapeControls(file)}: ${escapeControls((e as Error).message.replace(/^[A-Z]+: /, ""))}`, 2);
  }
  const dir = mkdtempSync(path.join(tmpParent, "bycn-input-"));
  const copy = path.join(dir, "input");
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const out = openSync(copy, "wx");
    try {
      readAll(fd, out);
    } finally {
      closeSync(out);
    }
  } catch (e) {
    cleanup();
    throw new CliError(`cannot read ${escapeControls(shown)}: ${escapeControls((e as Error).message.replace(/^[A-Z]+: /, ""))}`, 2);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  return { shown, read: copy, cleanup };
}
