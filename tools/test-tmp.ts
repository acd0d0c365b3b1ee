// vitest globalSetup: every temp folder the tests make (hundreds: copies of raw/, whole dist/ builds) goes under one
// folder per run, removed when the run ends; BYCN_KEEP_TEST_TMP=1 keeps it to look at after a failure
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), "bycn-tests-"));
  // os.tmpdir() reads TMPDIR, in the test workers and in every CLI child they spawn
  process.env.TMPDIR = root;
  return () => {
    if (process.env.BYCN_KEEP_TEST_TMP === "1") process.stderr.write(`test temp folders kept in ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  };
}
