// the report's comparison set: Belarus, China and their peers (defined in @bycn/core, so the report can read it)
export { COMPARISON as ECONOMIES, FOCUS, PEERS } from "@bycn/core";
