#!/usr/bin/python3
"""The Module 6 cleaning pipeline in pandas, step for step as CleaningPipeline.cs does it.

    /usr/bin/python3 exercises/06-statistics/Benchmarks/pipeline_pandas.py FILE.csv

FILE.csv is the file `dotnet run --project exercises/06-statistics/Benchmarks -- pipeline FILE.csv` generates.
The parsing rules are those of exercise 6.2 (MessyCsv): a blank station, a date in none of yyyy-MM-dd,
dd/MM/yyyy and d MMM yyyy, a number that is not blank, NA or N/A and does not parse (with a point or a comma),
or a negative rainfall make the row an error. Prints the same summary lines, wall time and peak memory.
"""

import resource
import sys
import time

import numpy as np
import pandas as pd


def number(text):
    text = text.str.strip()
    missing = text.eq("") | text.str.upper().isin(["NA", "N/A"])
    value = pd.to_numeric(text.str.replace(",", ".", regex=False).where(~missing), errors="coerce")
    bad = ~missing & ~np.isfinite(value)
    return value, bad


def main(path):
    start = time.perf_counter()

    # 1. Load and parse.
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    station = frame["station"].str.strip()
    text = frame["date"].str.strip()
    date = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    date = date.fillna(pd.to_datetime(text, format="%d/%m/%Y", errors="coerce"))
    date = date.fillna(pd.to_datetime(text, format="%d %b %Y", errors="coerce"))
    temperature, bad_temperature = number(frame["temperature_c"])
    rainfall, bad_rainfall = number(frame["rainfall_mm"])
    errors = station.eq("") | date.isna() | bad_temperature | bad_rainfall | (rainfall < 0)
    rows = pd.DataFrame({"station": station, "date": date, "temperature_c": temperature, "rainfall_mm": rainfall})[~errors]
    parsed = time.perf_counter() - start

    # 2. Impute: temperature by its mean, rainfall by its median.
    rows = rows.assign(temperature_c=rows["temperature_c"].fillna(rows["temperature_c"].mean()),
                       rainfall_mm=rows["rainfall_mm"].fillna(rows["rainfall_mm"].median()))
    imputed = time.perf_counter() - start

    # 3. Transform: standardise (population sd) and log1p.
    mean = rows["temperature_c"].mean()
    rows = rows.assign(temperature_z=(rows["temperature_c"] - mean) / rows["temperature_c"].std(ddof=0),
                       log_rainfall=np.log1p(rows["rainfall_mm"]))
    transformed = time.perf_counter() - start

    # 4. Group.
    by_station = rows.groupby("station")[["temperature_z", "log_rainfall"]].mean()
    grouped = time.perf_counter() - start

    print(f"rows {len(rows):,}, errors {int(errors.sum()):,}, stations {len(by_station)}")
    print(f"Oslo: mean z {by_station.loc['Oslo', 'temperature_z']:.6f}, mean log rainfall {by_station.loc['Oslo', 'log_rainfall']:.6f}; "
          f"imputed means: temperature {mean:.6f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    print(f"wall {grouped:.2f} s (parse {parsed:.2f}, impute {imputed - parsed:.2f}, transform {transformed - imputed:.2f}, "
          f"group {grouped - transformed:.2f}); peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
