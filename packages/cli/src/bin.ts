// entry for running the CLI from source (tests, tsx); the published entry is bin/bycn.js
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
