// bycn validate FILE: a user's own file through the matching pipeline → normalized rows, rejects and issues
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeIssue, SEVERITY_RANK, type Issue, type PipelineResult, type SourceId } from "@bycn/core";
import { readTable } from "@bycn/ingest";
import { renderCsv, REJECTS_SPEC } from "@bycn/publish";
import type { Command } from "../main.js";
import { CliError, issueLine } from "../output.js";
import { KIND_ALIASES, PIPELINES } from "../pipelines.js";
import { sha256Hex } from "../raw.js";

const FATAL = new Set(["binary_content", "encoding_undetermined", "file_unreadable", "invalid_utf8"]);

export const validateCommand: Command = {
  name: "validate",
  summary: "validate your own file (ITU DataHub, WDI, OWID, price baskets, IDI, Great Stone): rows, rejects, issues",
  usage: "bycn validate FILE [--kind auto|itu-datahub|wdi|owid|itu-price-baskets|itu-idi|great-stone] [--out DIR] [--format text|json]",
  options: {
    kind: { type: "string", default: "auto" },
    out: { type: "string" },
    format: { type: "string", default: "text" },
    json: { type: "boolean" },
  },
  async run({ values, positionals }, io) {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new CliError(`expected exactly one FILE\nusage: ${this.usage}`, 2);
    const format = values.json ? "json" : String(values.format);
    if (format !== "text" && format !== "json") throw new CliError(`--format must be text or json, not ${format}`, 2);
    const kindArg = String(values.kind);
    if (kindArg !== "auto" && !(kindArg in KIND_ALIASES))
      throw new CliError(`--kind must be auto or one of ${Object.keys(KIND_ALIASES).join(", ")}`, 2);

    let bytes: Uint8Array;
    let mtime: Date;
    try {
      const st = statSync(file);
      if (st.isDirectory()) throw new Error("it is a directory");
      bytes = readFileSync(file);
      mtime = st.mtime;
    } catch (e) {
      throw new CliError(`cannot read ${file}: ${(e as Error).message.replace(/^[A-Z]+: /, "")}`, 2);
    }
    const display = file;
    const table = readTable(bytes, { file: display });
    const fatal = table.issues.filter((i) => FATAL.has(i.code));

    let kind: SourceId | undefined = kindArg === "auto" ? undefined : KIND_ALIASES[kindArg];
    if (!kind && table.info) {
      const header = table.info.header;
      kind = (Object.keys(PIPELINES) as SourceId[]).find((id) => id !== "article" && PIPELINES[id].detect(header));
    }

    let result: PipelineResult;
    const issues: Issue[] = [];
    if (fatal.length > 0 || !table.info) {
      result = { datasets: [], rejects: table.rejects, issues: table.issues, dataRecords: table.dataRecords };
    } else if (!kind) {
      result = { datasets: [], rejects: table.rejects, issues: table.issues, dataRecords: table.dataRecords };
      issues.push(
        makeIssue("header_unrecognized", { file: display, line: table.info.headerLine }, {
          expected: "a layout bycn knows (itu-datahub, wdi, owid, itu-price-baskets, itu-idi, great-stone); pass --kind",
          found: table.info.header,
        }),
      );
    } else {
      const vintage = mtime.toISOString().slice(0, 10);
      result = PIPELINES[kind].run([{ file: display, bytes, vintage, sha256: sha256Hex(bytes) }]);
    }
    issues.unshift(...result.issues);

    const rows = result.datasets.reduce((n, d) => n + d.rows.length, 0);
    if (values.out !== undefined) {
      const out = String(values.out);
      mkdirSync(out, { recursive: true });
      for (const d of result.datasets) writeFileSync(path.join(out, `${d.spec.name}.csv`), renderCsv(d.spec, d.rows));
      writeFileSync(path.join(out, "rejects.csv"), renderCsv(REJECTS_SPEC, result.rejects as unknown as Record<string, unknown>[]));
    }

    const failing = issues.some((i) => SEVERITY_RANK[i.severity] >= SEVERITY_RANK.warning) || result.rejects.length > 0;
    if (format === "json") {
      io.out(
        JSON.stringify(
          {
            file: display,
            kind: kind ?? null,
            encoding: table.info?.encoding ?? null,
            data_records: result.dataRecords,
            rows,
            rejects: result.rejects.length,
            datasets: result.datasets.map((d) => ({ name: d.spec.name, rows: d.rows.length })),
            issues,
          },
          null,
          2,
        ),
      );
    } else {
      for (const i of issues) if (i.severity !== "info") io.out(issueLine(i, io.color));
      io.err(
        `${display}: ${kind ?? "unknown kind"}, ${result.dataRecords} data record(s) → ${rows} row(s), ${result.rejects.length} reject(s), ${issues.filter((i) => i.severity !== "info").length} issue(s)`,
      );
    }
    if (fatal.length > 0) return 2;
    return failing ? 1 : 0;
  },
};
