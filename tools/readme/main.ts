// npm run readme: rewrite the command table and the dataset dictionary in README.md from the declarations and schemas
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withCommands } from "./commands.js";
import { withDictionary } from "./dictionary.js";

const readme = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../README.md");
writeFileSync(readme, withCommands(withDictionary(readFileSync(readme, "utf8"))));
