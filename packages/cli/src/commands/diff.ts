// bycn diff: placeholder wiring, replaced when @bycn/diff lands
import type { Command } from "../main.js";
import { CliError } from "../output.js";

export const diffCommand: Command = {
  name: "diff",
  summary: "keyed data diff between two dist/ releases, precision-aware",
  usage: "bycn diff OLD_DIST NEW_DIST [--format text|json|markdown]",
  options: { format: { type: "string", default: "text" } },
  async run() {
    throw new CliError("not wired yet", 2);
  },
};
