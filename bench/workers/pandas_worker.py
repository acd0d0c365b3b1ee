# the pandas comparison point: the DuckDB worker's job in pandas (read_csv with declared dtypes, the same record
# checks, first-wins dedupe, sort, to_csv of rows and rejects)
# run: /usr/bin/python3 bench/workers/pandas_worker.py FILE OUTDIR ECONOMIES_JSON
import json
import os
import sys
import tempfile
import time

import numpy as np
import pandas as pd

t0 = time.perf_counter()
file, out, economies_file = sys.argv[1:4]
os.makedirs(out, exist_ok=True)

# the same unit rules as pipelines/itu-datahub/src/units.ts (and the DuckDB worker)
BY_CODE = {
    "i911mw": "per 100 inhabitants", "i271mw": "count", "xHH6": "%", "xHH18": "%", "i99H": "%", "i271pop": "%",
    "i271G": "%", "i271GA": "%", "i271G5_pop": "%", "i147dl": "bit/s", "i136mwi_subs": "GB", "i135tfb_subs": "GB",
}
with open(economies_file, encoding="utf-8") as f:
    names = {e["iso3"]: e["name"] for e in json.load(f)}

columns = ["seriesID", "seriesCode", "seriesName", "seriesParent", "seriesUnits", "entityID", "entityIso",
           "entityName", "dataValue", "dataYear", "dataNote", "dataSource", "seriesDescription"]
# the C engine reports ragged rows ("Skipping line N: ...") on the stderr fd, not as warnings: catch that fd
skipped = []
with tempfile.TemporaryFile(mode="w+b") as caught:
    saved = os.dup(2)
    os.dup2(caught.fileno(), 2)
    try:
        # every column text, no NA guessing: the checks below decide what a value is, as bycn does
        df = pd.read_csv(file, dtype={c: str for c in columns}, keep_default_na=False, na_filter=False,
                         encoding="utf-8-sig", on_bad_lines="warn", engine="c")
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    caught.seek(0)
    for line in caught.read().decode("utf-8", "replace").splitlines():
        if line.startswith("Skipping line "):
            skipped.append(int(line.split()[2].rstrip(":")))

# a record number standing in for the physical line (as DuckDB's worker does): header is line 1
df["rec"] = np.arange(len(df), dtype=np.int64) + 2
code = df["seriesCode"].str.strip()
base = code.str.replace(r"_IDI$", "", regex=True)
unit = base.map(BY_CODE)
unit = unit.mask(unit.isna() & base.str.endswith("$"), "USD")
unit = unit.mask(unit.isna() & base.str.endswith("_GNI"), "% of GNI per capita")
unit = unit.mask(unit.isna() & base.str.endswith("_PPP"), "PPP$")
iso = df["entityIso"].str.strip().str.upper()
entity_name = iso.map(names)
year_text = df["dataYear"].str.strip()
year = pd.to_numeric(year_text.where(year_text.str.fullmatch(r"\d{4}")), errors="coerce")
value_text = df["dataValue"].str.strip()
value = pd.to_numeric(value_text, errors="coerce")

problem = pd.Series(np.full(len(df), None, dtype=object))
problem = problem.mask(problem.isna() & ~np.isfinite(value.fillna(np.inf)), "invalid_number")
problem = problem.mask((value_text == ""), "missing_value")
problem = problem.mask(year.isna() | (year < 1960) | (year > 2100), "invalid_year")
problem = problem.mask(entity_name.isna(), "unknown_economy")
problem = problem.mask(unit.isna(), "unknown_series")

rows = pd.DataFrame({
    "entity": iso, "economy": iso, "entity_name": entity_name, "is_aggregate": "false", "indicator": code,
    "indicator_name": df["seriesName"], "year": year, "value": value, "unit": unit, "source": "itu-datahub",
    "vintage": "2025-12-28", "note": df["dataNote"], "source_text": df["dataSource"], "raw_file": file,
    "raw_line": df["rec"],
})
valid = problem.isna()
good = rows[valid]
dup = good.duplicated(["entity", "indicator", "year"], keep="first")
published = good[~dup].astype({"year": "int64"}).sort_values(["entity", "indicator", "year"], kind="stable")
published.to_csv(os.path.join(out, "itu-indicators.csv"), index=False)

rejects = pd.concat([
    pd.DataFrame({"raw_file": file, "raw_line": df["rec"][~valid], "code": problem[~valid]}),
    pd.DataFrame({"raw_file": file, "raw_line": good["raw_line"][dup], "code": "duplicate_key"}),
    pd.DataFrame({"raw_file": file, "raw_line": skipped, "code": "ragged_row"}),
]).sort_values("raw_line", kind="stable")
rejects.to_csv(os.path.join(out, "rejects.csv"), index=False)
print(json.dumps({"records": int(len(df) + len(skipped)), "rows": int(len(published)),
                  "seconds": time.perf_counter() - t0}))
