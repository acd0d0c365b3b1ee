// npm run readme: rewrite the dataset dictionary in README.md from the schemas
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withDictionary } from "./dictionary.js";

const readme = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../README.md");
writeFileSync(readme, withDictionary(readFileSync(readme, "utf8")));
