"""ita_analytics: the Integrity and Transparency Assessment (ITA), computed the way the NACC does.

Readers turn exports into tidy tables and rejects; the framework of each fiscal year holds the
assessment's facts; the ``ita`` command runs it all. See the README for a tour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type checkers and editors; at run time each name is imported on first use
    from ._compare import Comparison, ResultSet, compare, load_crosswalk, load_results
    from ._errors import FrameworkError, ITAInputError
    from ._framework import (
        CoverageRule,
        Framework,
        GradeBand,
        GradeCategory,
        Indicator,
        OITItem,
        Question,
        ScoringSettings,
        Tool,
        available_years,
        default_year,
        load_framework,
    )
    from ._ingest import (
        ReadResult,
        read_eit,
        read_iit,
        read_oit_checklist,
        read_published,
        read_responses,
        read_roster,
    )
    from ._mapping import ColumnMapping, load_mapping
    from ._pipeline import committee_pack
    from ._quota import QuotaResult, check_quotas, projected_half_width
    from ._report import write_report
    from ._scoring import ScoreResult, funnel_table, grade_probabilities, overall_score, score
    from ._settings import Settings
    from ._tables import SourceInfo
    from ._version import __version__

#: The module that defines each public name. ``import ita_analytics`` stays light, so the ``ita``
#: command can set up its process (one BLAS thread) before numpy loads.
_SOURCES = {
    "ColumnMapping": "_mapping",
    "Comparison": "_compare",
    "CoverageRule": "_framework",
    "Framework": "_framework",
    "FrameworkError": "_errors",
    "GradeBand": "_framework",
    "GradeCategory": "_framework",
    "ITAInputError": "_errors",
    "Indicator": "_framework",
    "OITItem": "_framework",
    "Question": "_framework",
    "QuotaResult": "_quota",
    "ReadResult": "_ingest",
    "ResultSet": "_compare",
    "ScoreResult": "_scoring",
    "ScoringSettings": "_framework",
    "Settings": "_settings",
    "SourceInfo": "_tables",
    "Tool": "_framework",
    "__version__": "_version",
    "available_years": "_framework",
    "check_quotas": "_quota",
    "committee_pack": "_pipeline",
    "compare": "_compare",
    "default_year": "_framework",
    "funnel_table": "_scoring",
    "grade_probabilities": "_scoring",
    "load_crosswalk": "_compare",
    "load_framework": "_framework",
    "load_mapping": "_mapping",
    "load_results": "_compare",
    "overall_score": "_scoring",
    "projected_half_width": "_quota",
    "read_eit": "_ingest",
    "read_iit": "_ingest",
    "read_oit_checklist": "_ingest",
    "read_published": "_ingest",
    "read_responses": "_ingest",
    "read_roster": "_ingest",
    "score": "_scoring",
    "write_report": "_report",
}

__all__ = [
    "ColumnMapping",
    "Comparison",
    "CoverageRule",
    "Framework",
    "FrameworkError",
    "GradeBand",
    "GradeCategory",
    "ITAInputError",
    "Indicator",
    "OITItem",
    "Question",
    "QuotaResult",
    "ReadResult",
    "ResultSet",
    "ScoreResult",
    "ScoringSettings",
    "Settings",
    "SourceInfo",
    "Tool",
    "__version__",
    "available_years",
    "check_quotas",
    "committee_pack",
    "compare",
    "default_year",
    "funnel_table",
    "grade_probabilities",
    "load_crosswalk",
    "load_framework",
    "load_mapping",
    "load_results",
    "overall_score",
    "projected_half_width",
    "read_eit",
    "read_iit",
    "read_oit_checklist",
    "read_published",
    "read_responses",
    "read_roster",
    "score",
    "write_report",
]


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use (PEP 562)."""
    from importlib import import_module

    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return list(__all__)
