"""Run-time settings that travel as one typed, immutable object."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._errors import ITAValueError

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
            raise ITAValueError("bad_confidence", parameter="confidence", got=self.confidence)
        if self.min_cell_size < 1:
            raise ITAValueError("bad_min_cell", parameter="min_cell_size", got=self.min_cell_size)
        if self.meaningful_change < 0:
            raise ITAValueError("bad_meaningful", parameter="meaningful_change", got=self.meaningful_change)
        if self.interval not in ("logit", "wald"):
            raise ITAValueError("bad_choice", parameter="interval", allowed=["logit", "wald"], got=repr(self.interval))
        if self.language not in ("th", "en"):
            raise ITAValueError("bad_choice", parameter="language", allowed=["th", "en"], got=repr(self.language))
