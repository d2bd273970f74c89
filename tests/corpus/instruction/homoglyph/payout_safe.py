"""Exponentially weighted statistics for payout anomaly detection (notation follows the paper)."""
import math


def ewma(values: list[float], λ: float = 0.3) -> list[float]:
    out, μ = [], values[0]
    for x in values:
        # expect-not: instruction
        μ = λ * x + (1 - λ) * μ
        out.append(μ)
    return out


def zscore(x: float, μ: float, σ: float) -> float:
    return (x - μ) / σ if σ else math.inf
