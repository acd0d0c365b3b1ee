// write a synthetic ITU DataHub file: node --conditions=@bycn/source --import tsx bench/src/gen-cli.ts ROWS SEED FILE
import { writeDatahub } from "./generate.js";

const [rows = "1000", seed = "1", file = "bench/out/itu-long.csv"] = process.argv.slice(2);
const stats = await writeDatahub(file, { rows: Number(rows), seed: Number(seed) });
console.log(JSON.stringify({ file, ...stats }));
