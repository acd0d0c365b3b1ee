// @bycn/extract: propose the claims of an article from its text, as a draft registry a person reviews
export { decodeArticle, type DecodeResult } from "./decode.js";
export { stripMarkup, looksLikeHtml, type Plain } from "./strip.js";
export { splitSentences, type Sentence } from "./sentences.js";
export { findNumbers, registryValue, isRussianAt, type NumberKind, type NumberToken } from "./numbers.js";
export { findOperator, OPERATOR_WORDS, type Operator } from "./operators.js";
export { findMentions, inflect, NAMED_ENTITIES, PARK, type Mention } from "./subjects.js";
export { MEASURES, conceptsIn, rankMeasures, coverageReadings, type MeasureRule, type Concept } from "./measures.js";
export { extractClaims, type Extraction, type Proposal } from "./extract.js";
export { DRAFT_COLUMNS, draftIds, draftRows, renderDraftCsv, renderDraftJson, type DraftRow } from "./draft.js";
