"""Run-time settings that travel as one typed, immutable object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Settings of an analysis; every field has a documented default.

    Assessment facts (questions, weights, grade bands, quotas) are not here: they belong to
    the fiscal year's framework file.
    """

    confidence: float = 0.95  # two-sided confidence level of every interval
    min_cell_size: int = 5  # breakdown cells with fewer respondents show their count, never a score
    meaningful_change: float = 2.0  # a year-over-year change of at least this many points matters
    interval: Literal["logit", "wald"] = "logit"  # interval rule of questions, indicators, tools (both stay in 0–100)
    language: Literal["th", "en"] = "th"  # labels of charts and reports
    seed: int = 2566  # seed of every random step (bootstrap, sample data)

    def __post_init__(self) -> None:
        if not 0.5 <= self.confidence < 1:
            raise ValueError(f"confidence must be in [0.5, 1), got {self.confidence}")
        if self.min_cell_size < 1:
            raise ValueError(f"min_cell_size must be at least 1, got {self.min_cell_size}")
        if self.meaningful_change < 0:
            raise ValueError(f"meaningful_change must be zero or more, got {self.meaningful_change}")
        if self.interval not in ("logit", "wald"):
            raise ValueError(f"interval must be 'logit' or 'wald', got {self.interval!r}")
        if self.language not in ("th", "en"):
            raise ValueError(f"language must be 'th' or 'en', got {self.language!r}")
