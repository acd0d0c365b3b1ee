#!/usr/bin/env node
// the `bycn` command: runs the compiled CLI (npm ci builds it through the root prepare script)
import { main } from "../lib/main.js";

process.exitCode = await main(process.argv.slice(2));
