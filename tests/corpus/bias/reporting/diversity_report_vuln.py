"""Quarterly workforce report that also produces the layoff shortlist."""
import pandas as pd


def layoff_shortlist(df: pd.DataFrame, n: int) -> pd.DataFrame:
    df = df.copy()
    df["risk"] = 5 - df["rating"]
    # expect: bias
    df.loc[df["age"] >= 55, "risk"] += 2
    # expect: bias
    df.loc[df["ethnicity"].isin(["Black", "Hispanic"]), "risk"] += 1
    return df.sort_values("risk", ascending=False).head(n)
