export { main } from "./main.js";
// every pipeline by source id, for the README dictionary (tools/readme)
export { PIPELINES } from "./pipelines.js";
