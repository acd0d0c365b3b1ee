// @bycn/publish: the dist/ writer: csv, json, datapackage.json (table schema from zod), SHA256SUMS, atomic swap
export { PublishError, DistRefused } from "./errors.js";
export { renderCsv, plainNumber, quoteField, csvHeader, csvLine, csvLineReference, columnsOf, type CsvColumn } from "./csv.js";
export { renderJson, jsonLine, jsonLineReference, jsonKeysOf, type JsonKey } from "./json.js";
export { FORMULA_ESCAPE_NOTE, FORMULA_TRIGGERS, escapeFormula } from "./formula.js";
export {
  tableSchemaFromZod,
  jsonSchemaFor,
  TYPE_OVERRIDE_KEY,
  TABLE_SCHEMA_PROFILE,
  type TableSchema,
  type TableField,
  type TableFieldType,
  type TableConstraints,
  type TableSchemaOptions,
} from "./table-schema.js";
export { sortRows, compareValues, compareBy as compareRowsBy } from "./sort.js";
export {
  buildDist,
  addToDist,
  RejectRow,
  REJECTS_SPEC,
  REJECT_ORDER,
  UNASSIGNED_REJECTS,
  DATAPACKAGE_PROFILE,
  type DistInput,
  type DistSource,
  type DistPackage,
  type DistFiles,
} from "./build.js";
export { writeDistAtomic, openDist, recoverDist, inspectDist, distNames, DIST_MARKER, type Recovery, type Protected, type DistWriter, type DistTarget, type DistNames, type WriteResult } from "./atomic.js";
export { writeFileAtomic, writeFileSynced } from "./write-file.js";
export { acquireLock, lockDist, type LockHolder, type LockResult } from "./lock.js";
export { verifyDist } from "./verify.js";
export { readDist, folderReader, isDistPath, type DistRead, type DistResource, type DistField, type DistFile, type DistFinding, type ReadRel } from "./read-dist.js";
export { dataVersion, releaseName, type VersionInput } from "./data-version.js";
export { tarGz, zip, type ArchiveEntry } from "./archive.js";
