export * from "./issues.js";
export * from "./schemas.js";
export * from "./step.js";
export * from "./economies.js";
export * from "./rows.js";
export * from "./peers.js";
