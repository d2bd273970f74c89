"""Quarterly workforce demographics report (aggregate counts, small cells suppressed)."""
from collections import Counter

import pandas as pd

MIN_CELL = 5


def demographics(df: pd.DataFrame) -> dict:
    out = {}
    for column in ("gender", "ethnicity", "age_band", "disability_disclosed"):
        # expect-not: bias
        counts = Counter(df[column].fillna("undisclosed"))
        out[column] = {k: (v if v >= MIN_CELL else "<5") for k, v in counts.items()}
    # expect-not: bias
    out["promotion_rate_by_gender"] = df.groupby("gender")["promoted"].mean().round(3).to_dict()
    return out
