// sum vitest's JSON report into the one line CI reads: "N passed, N failed, N skipped"
import { readFileSync } from "node:fs";

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, "utf8"));
} catch (e) {
  console.log(`ci: no readable vitest report at ${file} (${e.message})`);
  console.log("0 passed, 1 failed, 0 skipped");
  process.exit(0);
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of report.testResults ?? []) {
  for (const t of suite.assertionResults ?? []) {
    if (t.status === "passed") passed++;
    else if (t.status === "failed") failed++;
    else skipped++;
  }
  // a file that failed to load has no assertions but must still count as a failure
  if ((suite.assertionResults ?? []).length === 0 && suite.status === "failed") failed++;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
