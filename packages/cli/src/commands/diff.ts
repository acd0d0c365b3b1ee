// bycn diff OLD_DIST NEW_DIST: keyed, precision-aware data diff between two releases
import { diffDists, diffExitCode, DiffError, renderDiff } from "@bycn/diff";
import { escapeControls } from "@bycn/core";
import type { Command } from "../main.js";
import { CliError } from "../output.js";

export const diffCommand: Command = {
  name: "diff",
  summary: "keyed data diff between two dist/ releases; changes below the printed precision are not changes",
  usage: "bycn diff OLD_DIST NEW_DIST [--format text|json|markdown] [--limit N]",
  options: { format: { type: "string", default: "text" }, limit: { type: "string", default: "20" }, json: { type: "boolean" } },
  async run({ values, positionals }, io) {
    const [oldDir, newDir, ...extra] = positionals;
    if (!oldDir || !newDir || extra.length > 0) throw new CliError(`expected OLD_DIST and NEW_DIST\nusage: ${this.usage}`, 2);
    const format = values.json ? "json" : String(values.format);
    if (format !== "text" && format !== "json" && format !== "markdown") throw new CliError("--format must be text, json or markdown", 2);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new CliError("--limit must be a whole number", 2);
    try {
      const d = await diffDists(oldDir, newDir);
      io.out(renderDiff(d, format, { limit }).replace(/\n$/, ""));
      return diffExitCode(d);
    } catch (e) {
      // one line naming a file of the dists: whatever the path holds stays on it
      if (e instanceof DiffError) throw new CliError(escapeControls(e.message), 2);
      throw e;
    }
  },
};
