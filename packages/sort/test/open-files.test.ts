// a merge of more run files than the process may open at once still reads every run, in order
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("./_merge-many.ts", import.meta.url));

describe("open-file limit", () => {
  it("more-runs-than-the-open-file-limit: the merge reopens each run per read instead of failing", () => {
    // 400 runs under a limit of 128 descriptors (soft and hard, so node cannot raise it): opening them all fails
    // halfway, and the merge must give back what it opened and read by reopening
    const r = spawnSync("bash", ["-c", 'ulimit -n 128 && exec "$@"', "bash", process.execPath, "--conditions=@bycn/source", "--import", import.meta.resolve("tsx"), SCRIPT, "400"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("400 runs, in order\n");
    expect(r.status).toBe(0);
  });
});
