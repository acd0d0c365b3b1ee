// the DuckDB comparison point: read an ITU DataHub long file, apply bycn's record checks in SQL, write rows and rejects as CSV
// run: node bench/workers/duckdb.mjs FILE OUTDIR   (plain js, no tsx: its start-up would be charged to DuckDB)
import { mkdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { economies } from "@bycn/core";

const [file, out] = process.argv.slice(2);
if (!file || !out) throw new Error("usage: duckdb.mjs FILE OUTDIR");
mkdirSync(out, { recursive: true });

const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;
// the same unit rules as pipelines/itu-datahub/src/units.ts: exact codes after an _IDI strip, then price suffixes
const BY_CODE = {
  i911mw: "per 100 inhabitants", i271mw: "count", xHH6: "%", xHH18: "%", i99H: "%", i271pop: "%", i271G: "%", i271GA: "%",
  i271G5_pop: "%", i147dl: "bit/s", i136mwi_subs: "GB", i135tfb_subs: "GB",
};
const unitCase = `CASE ${Object.entries(BY_CODE).map(([c, u]) => `WHEN base = ${lit(c)} THEN ${lit(u)}`).join(" ")}
  WHEN suffix(base, '$') THEN 'USD' WHEN suffix(base, '_GNI') THEN '% of GNI per capita' WHEN suffix(base, '_PPP') THEN 'PPP$' END`;
const econValues = economies.map((e) => `(${lit(e.iso3)}, ${lit(e.name)})`).join(",");

const t0 = performance.now();
const db = await DuckDBInstance.create(":memory:");
const c = await db.connect();
await c.run(`CREATE TEMP TABLE econ(iso3 VARCHAR, name VARCHAR); INSERT INTO econ VALUES ${econValues};`);
// all_varchar: values stay the file's text until the checks; ragged rows go to DuckDB's reject_errors table.
// one materialised table (checked records, their problem, their rank among equal keys), then two COPYs from it
await c.run(`CREATE TEMP TABLE u AS
  WITH r AS (SELECT *, row_number() OVER () + 1 AS rec FROM read_csv(${lit(file)},
      all_varchar = true, header = true, delim = ',', quote = '"', escape = '"', ignore_errors = true, store_rejects = true)),
  k AS (SELECT *, trim(seriesCode) AS code, regexp_replace(trim(seriesCode), '_IDI$', '') AS base, upper(trim(entityIso)) AS iso,
      TRY_CAST(trim(dataValue) AS DOUBLE) AS v,
      CASE WHEN regexp_full_match(trim(dataYear), '\\d{4}') THEN CAST(trim(dataYear) AS INTEGER) END AS y FROM r),
  p AS (SELECT k.*, ${unitCase} AS unit, e.name AS entity_name,
    CASE WHEN ${unitCase} IS NULL THEN 'unknown_series' WHEN e.iso3 IS NULL THEN 'unknown_economy'
         WHEN y IS NULL OR y < 1960 OR y > 2100 THEN 'invalid_year' WHEN trim(dataValue) = '' THEN 'missing_value'
         WHEN v IS NULL OR NOT isfinite(v) THEN 'invalid_number' END AS problem
    FROM k LEFT JOIN econ e ON e.iso3 = k.iso)
  SELECT rec, iso, code, y, v, unit, entity_name, seriesName, dataNote, dataSource, problem,
    CASE WHEN problem IS NULL THEN row_number() OVER (PARTITION BY problem IS NULL, iso, code, y ORDER BY rec) END AS n FROM p`);
await c.run(`COPY (SELECT iso AS entity, iso AS economy, entity_name, false AS is_aggregate, code AS indicator, seriesName AS indicator_name,
    y AS year, v AS value, unit, 'itu-datahub' AS source, '2025-12-28' AS vintage, dataNote AS note, dataSource AS source_text,
    ${lit(file)} AS raw_file, rec AS raw_line FROM u WHERE n = 1 ORDER BY entity, indicator, year)
  TO ${lit(path.join(out, "itu-indicators.csv"))} (HEADER, DELIMITER ',')`);
await c.run(`COPY (SELECT raw_file, raw_line, code FROM (
    SELECT ${lit(file)} AS raw_file, rec AS raw_line, coalesce(problem, 'duplicate_key') AS code FROM u WHERE n IS NULL OR n > 1
    UNION ALL SELECT ${lit(file)}, line, 'ragged_row' FROM reject_errors) ORDER BY raw_line)
  TO ${lit(path.join(out, "rejects.csv"))} (HEADER, DELIMITER ',')`);
const rows = await c.runAndReadAll(`SELECT (SELECT count(*) FROM u WHERE n = 1) AS rows, (SELECT count(*) FROM u) AS records`);
const [[published, records]] = rows.getRows();
console.log(JSON.stringify({ records: Number(records), rows: Number(published), seconds: (performance.now() - t0) / 1000 }));
