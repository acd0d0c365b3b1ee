// preload for machines without /usr/bin/time: the process's own peak RSS (KiB) written to BENCH_RSS_FILE at exit
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
