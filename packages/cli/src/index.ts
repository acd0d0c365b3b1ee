export { main } from "./main.js";
export { COMMANDS, GROUPS } from "./commands/index.js";
export { usageLine } from "./help.js";
export { PIPELINES } from "./pipelines.js";
export type { Command, CommandGroup, OptionSpec, ArgumentSpec } from "./command.js";
