// the committed raw/ snapshots (latest vintage of each source) through the pipelines, as the checker's data
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Observation, Pipeline, Snapshot } from "@bycn/core";
import { type Claim, pipeline as article } from "@bycn/pipeline-article";
import { type GreatStoneRow, pipeline as greatStone } from "@bycn/pipeline-great-stone";
import { pipeline as datahub } from "@bycn/pipeline-itu-datahub";
import { pipeline as idi } from "@bycn/pipeline-itu-idi";
import { pipeline as baskets } from "@bycn/pipeline-itu-price-baskets";
import { pipeline as owid } from "@bycn/pipeline-owid";
import { pipeline as wdi } from "@bycn/pipeline-wdi";
import { repoRoot } from "../../core/test-support/real.js";
import { type ClaimData, buildClaimData, greatStoneAdapter, observationAdapter, priceBasketAdapter } from "../src/index.js";

const sums = new Map<string, string>();

function latest(source: string): Snapshot[] {
  const dir = path.join(repoRoot, "raw", source);
  const vintage = readdirSync(dir).filter((d) => /^\d{4}-\d{2}-\d{2}/.test(d)).sort().at(-1)!;
  return readdirSync(path.join(dir, vintage))
    .filter((f) => !f.endsWith(".meta.json"))
    .sort()
    .map((f) => {
      const file = `raw/${source}/${vintage}/${f}`;
      const bytes = readFileSync(path.join(repoRoot, file));
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      sums.set(file, sha256);
      return { file, bytes, vintage: vintage.slice(0, 10), sha256 };
    });
}

function rowsOf<R>(p: Pipeline, source: string, name: string): R[] {
  return (p.run(latest(source)).datasets.find((d) => d.spec.name === name)?.rows ?? []) as R[];
}

let memo: { data: ClaimData; claims: Claim[] } | undefined;

/** the committed data as checker input, and the committed article registry */
export function committed(): { data: ClaimData; claims: Claim[] } {
  if (memo) return memo;
  const points = [
    ...observationAdapter("itu-indicators").toPoints(rowsOf<Observation>(datahub, "itu-datahub", "itu-indicators")),
    ...observationAdapter("wdi-indicators").toPoints(rowsOf<Observation>(wdi, "wdi", "wdi-indicators")),
    ...observationAdapter("owid-indicators").toPoints(rowsOf<Observation>(owid, "owid", "owid-indicators")),
    ...observationAdapter("idi-scores").toPoints(rowsOf<Observation>(idi, "itu-idi", "idi-scores")),
    ...priceBasketAdapter().toPoints(rowsOf<Observation & { status: string }>(baskets, "itu-price-baskets", "itu-price-baskets")),
    ...greatStoneAdapter().toPoints(rowsOf<GreatStoneRow>(greatStone, "belta", "great-stone")),
  ];
  memo = { data: buildClaimData(points, sums), claims: rowsOf<Claim>(article, "article", "article-claims") };
  return memo;
}
