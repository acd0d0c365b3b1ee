// the article pipeline: the claims registry (raw/article/<date>/claims.csv) → the article-claims dataset
import type { Pipeline } from "@bycn/core";
import { detectClaims, runArticle } from "./article.js";
import { ArticleClaims } from "./schemas.js";

export { detectClaims, normalizeArticle, normalizeArticle as normalize, runArticle } from "./article.js";
export { ArticleClaims, CLAIM_COLUMNS, Claim, ClaimRecord, OPTIONAL_CLAIM_COLUMNS, Operator, Per, registryJsonSchema } from "./schemas.js";

export const pipeline: Pipeline = {
  id: "article",
  title: "The article's figures (claims registry)",
  datasets: [ArticleClaims],
  detect: detectClaims,
  run: runArticle,
};
