// one vitest config for the whole workspace: packages are consumed from source through the @bycn/source condition
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@bycn/source"] },
  ssr: { resolve: { conditions: ["@bycn/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "pipelines/*/test/**/*.test.ts", "tools/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    globalSetup: ["tools/test-tmp.ts"],
  },
});
