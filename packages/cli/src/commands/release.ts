// bycn release: dist/ → bycn-data-<version>.zip and .tar.gz (byte-reproducible) with their sha256, and a CHANGELOG section
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { formatIssue, sha256Hex } from "@bycn/core";
import type { diffDists } from "@bycn/diff";
import { releaseName, tarGz, verifyDist, writeFileAtomic, zip, type ArchiveEntry } from "@bycn/publish";
import type { Command } from "../command.js";
import { CliError } from "../output.js";
import { prependSection, releaseSection } from "../changelog.js";
import { readTree } from "../tree.js";
import { packageFacts } from "../release-facts.js";
import { DIST } from "./options.js";

export const releaseCommand: Command = {
  name: "release",
  summary: "pack dist/ into bycn-data-<version>.zip and .tar.gz with their sha256, and add the release to CHANGELOG.md",
  options: {
    dist: DIST,
    out: { type: "string", default: "release", placeholder: "DIR", description: "where the archives and their .sha256 files go" },
    previous: { type: "string", placeholder: "DIST", description: "the previous release's dist/, for the changelog's diff" },
    changelog: { type: "string", default: "CHANGELOG.md", placeholder: "FILE", description: "the changelog the release's section is prepended to" },
  },
  examples: ["bycn release", "bycn release --previous old/dist --out release"],
  async run({ values }, io) {
    const dist = String(values.dist);
    const outDir = String(values.out);
    const changelogPath = String(values.changelog);
    if (!existsSync(dist)) throw new CliError(`${dist} does not exist: run bycn build first`, 2);
    const problems = await verifyDist(dist);
    if (problems.length > 0) throw new CliError(`${dist} does not match its own datapackage.json or SHA256SUMS; rebuild it\n${problems.map(formatIssue).join("\n")}`, 2);
    const files = readTree(dist);
    const facts = packageFacts(dist, files);

    // every archive entry carries the data's date, so the bytes depend on the data alone
    const mtime = Date.UTC(Number(facts.date.slice(0, 4)), Number(facts.date.slice(5, 7)) - 1, Number(facts.date.slice(8, 10))) / 1000;
    const name = releaseName(facts.version);
    const entries: ArchiveEntry[] = [...files].map(([p, bytes]) => ({ path: `${name}/${p}`, bytes }));
    mkdirSync(outDir, { recursive: true });
    const written: string[] = [];
    for (const [ext, bytes] of [["zip", zip(entries, mtime)], ["tar.gz", tarGz(entries, mtime)]] as const) {
      const file = `${name}.${ext}`;
      writeFileAtomic(path.join(outDir, file), bytes);
      writeFileAtomic(path.join(outDir, `${file}.sha256`), `${sha256Hex(bytes)}  ${file}\n`);
      written.push(path.join(outDir, file), path.join(outDir, `${file}.sha256`));
    }

    let previous: { version: string; diff: Awaited<ReturnType<typeof diffDists>> } | undefined;
    if (values.previous !== undefined) {
      const prevDir = String(values.previous);
      if (!existsSync(prevDir)) throw new CliError(`--previous ${prevDir} does not exist`, 2);
      const prevFacts = packageFacts(prevDir, new Map([["datapackage.json", readFileSync(path.join(prevDir, "datapackage.json"))]]));
      const { diffDists, DiffError } = await import("@bycn/diff");
      try {
        previous = { version: prevFacts.version, diff: await diffDists(prevDir, dist) };
      } catch (e) {
        if (e instanceof DiffError) throw new CliError(e.message, 2);
        throw e;
      }
      if (prevFacts.version === facts.version) io.err(`bycn release: ${facts.version} is the previous release's version: the data did not change`);
    }
    const before = existsSync(changelogPath) ? readFileSync(changelogPath, "utf8") : undefined;
    const unchanged = previous?.version === facts.version;
    const after = unchanged ? before : prependSection(before, facts.version, releaseSection({ ...facts, ...(previous ? { previous } : { first: !/^## /m.test(before ?? "") }) }));
    if (after !== undefined && after !== before) {
      writeFileAtomic(changelogPath, after);
      written.push(changelogPath);
    }
    io.out(written.join("\n"));
    io.err(`bycn release: ${facts.version} → ${path.join(outDir, name)}.zip, .tar.gz (${files.size} files)`);
    return 0;
  },
};
