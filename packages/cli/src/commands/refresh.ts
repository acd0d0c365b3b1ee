// bycn refresh: placeholder wiring, replaced when @bycn/refresh lands
import type { Command } from "../main.js";
import { CliError } from "../output.js";

export const refreshCommand: Command = {
  name: "refresh",
  summary: "fetch the sources in raw/sources.json into new dated snapshots",
  usage: "bycn refresh [--source ID] [--dry-run]",
  options: { source: { type: "string" }, "dry-run": { type: "boolean" } },
  async run() {
    throw new CliError("not wired yet", 2);
  },
};
