// locate ../shared/data/real beside the project; tests on real files run whenever it exists and fail in CI without it
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function realDataDir(): string | undefined {
  const dir = path.resolve(repoRoot, "../shared/data/real");
  return existsSync(path.join(dir, "SOURCES.md")) ? dir : undefined;
}

/** describe() over the real public files: skipped locally when they are missing, a failing test in CI. */
export function describeReal(name: string, fn: (dir: string) => void): void {
  const dir = realDataDir();
  if (dir) {
    describe(name, () => fn(dir));
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it("needs ../shared/data/real beside the project (CI=true)", () => {
        throw new Error("../shared/data/real is missing; tests on real files cannot run in CI without it");
      });
    });
  } else {
    describe.skip(name, () => undefined);
  }
}
