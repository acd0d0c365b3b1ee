// every command bycn has, in the order --help and the README list them; a new command is one more entry here
import type { Command, CommandGroup } from "../command.js";
import { buildCommand } from "./build.js";
import { checkCommand } from "./check.js";
import { validateCommand } from "./validate.js";
import { refreshCommand } from "./refresh.js";
import { reportCommand } from "./report.js";
import { diffCommand } from "./diff.js";
import { releaseCommand } from "./release.js";
import { claimsGroup } from "./claims.js";

export const COMMANDS: readonly Command[] = [buildCommand, checkCommand, validateCommand, refreshCommand, reportCommand, diffCommand, releaseCommand];

export const GROUPS: readonly CommandGroup[] = [claimsGroup];
