// options several commands share, declared once so their help reads the same everywhere
import type { OptionSpec } from "../command.js";

export const RAW: OptionSpec = { type: "string", default: "raw", placeholder: "DIR", description: "the raw folder: sources.json and the dated snapshots" };
export const CLAIMS: OptionSpec = { type: "string", placeholder: "FILE", description: "check your own claims registry instead of the article's" };
export const DIST: OptionSpec = { type: "string", default: "dist", placeholder: "DIR", description: "the dist/ folder a build wrote" };
export const JSON_FORMAT: OptionSpec = { type: "boolean", description: "the same as --format json" };
