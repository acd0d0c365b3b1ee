// bycn diff OLD_DIST NEW_DIST: keyed, precision-aware data diff between two releases
import { escapeControls } from "@bycn/core";
import type { Command } from "../command.js";
import { CliError } from "../output.js";
import { JSON_FORMAT } from "./options.js";

export const diffCommand: Command = {
  name: "diff",
  summary: "keyed data diff between two dist/ releases; changes below the printed precision are not changes",
  args: [
    { name: "OLD_DIST", description: "the earlier release's dist/ folder" },
    { name: "NEW_DIST", description: "the later release's dist/ folder" },
  ],
  options: {
    format: { type: "enum", choices: ["text", "json", "markdown"], default: "text", description: "how the differences are printed" },
    json: JSON_FORMAT,
    limit: { type: "number", default: 20, description: "rows listed per kind of change in each dataset (text and markdown)" },
  },
  examples: ["bycn diff old/dist dist", "bycn diff old/dist dist --format markdown --limit 5"],
  async run({ values, positionals }, io) {
    const [oldDir, newDir, ...extra] = positionals;
    const format = values.json ? "json" : values.format === "json" || values.format === "markdown" ? values.format : "text";
    if (!oldDir || !newDir || extra.length > 0) throw new CliError(`expected OLD_DIST and NEW_DIST\nusage: ${this.usage}`, 2);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new CliError("--limit must be a whole number", 2);
    const { diffDists, diffExitCode, DiffError, renderDiff } = await import("@bycn/diff");
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
