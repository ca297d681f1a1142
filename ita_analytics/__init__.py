"""ita_analytics: the Integrity and Transparency Assessment (ITA), computed the way the NACC does.

Readers turn exports into tidy responses (answer codes) and rejects; the framework of each fiscal
year holds the assessment's facts; scoring turns codes into points and intervals; the ``ita``
command runs it all. The package is laid out in layers, each importing only those below it::

    core/    errors, settings, the framework (+ its TOML files), shared types and JSON
    io/      reading exports (exact and fast readers), text, mapping, cache, digests
    stats/   inference, scoring, breakdowns, comparison, quotas, integrity
    output/  CSV/XLSX writers, charts, the committee pack, the catalogue of words
    app/     the ``ita`` command, the whole-job pipeline, the demo, sample data

Every public name below is imported from its module on first use. See the README for a tour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type checkers and editors; at run time each name is imported on first use
    from ._version import __version__
    from .app._pipeline import committee_pack
    from .core._crosswalk import load_crosswalk
    from .core._errors import FrameworkError, ITAInputError
    from .core._framework import (
        CoverageRule,
        Framework,
        GradeBand,
        GradeCategory,
        Indicator,
        OITItem,
        Question,
        SampleRule,
        ScoringSettings,
        Tool,
        available_years,
        current_fiscal_year,
        default_year,
        load_framework,
    )
    from .core._settings import Settings
    from .core._types import ReadResult, SourceInfo
    from .core._years import DataYear, YearWarning, data_year
    from .io._ingest import (
        read_eit,
        read_iit,
        read_oit_checklist,
        read_published,
        read_responses,
        read_roster,
    )
    from .io._mapping import ColumnMapping, load_mapping
    from .io._measures import read_measures
    from .io._questionnaire import read_questionnaire
    from .io._results import ResultSet, load_results
    from .output._charts import (
        plot_answers,
        plot_coverage,
        plot_dumbbell,
        plot_funnel,
        plot_indicators,
        plot_ingest_summary,
        plot_oit,
        plot_progress,
        plot_scorecard,
        plot_trend,
        save_chart,
    )
    from .output._export import write_csv, write_results, write_xlsx
    from .output._report import write_report
    from .stats._breakdown import funnel_table
    from .stats._compare import Comparison, compare
    from .stats._estimates import answer_points
    from .stats._integrity import IntegrityResult, IntegritySettings, check_integrity, flag_responses
    from .stats._plan import Plan, measures_progress, plan, what_if
    from .stats._quota import QuotaResult, check_quotas, projected_half_width
    from .stats._scoring import ScoreResult, grade_probabilities, overall_score, score

#: The module that defines each public name. ``import ita_analytics`` stays light, so the ``ita``
#: command can set up its process (one BLAS thread) before numpy loads.
_SOURCES = {
    "ColumnMapping": "io._mapping",
    "Comparison": "stats._compare",
    "CoverageRule": "core._framework",
    "Framework": "core._framework",
    "FrameworkError": "core._errors",
    "GradeBand": "core._framework",
    "GradeCategory": "core._framework",
    "ITAInputError": "core._errors",
    "Indicator": "core._framework",
    "IntegrityResult": "stats._integrity",
    "IntegritySettings": "stats._integrity",
    "OITItem": "core._framework",
    "Question": "core._framework",
    "QuotaResult": "stats._quota",
    "ReadResult": "core._types",
    "ResultSet": "io._results",
    "ScoreResult": "stats._scoring",
    "ScoringSettings": "core._framework",
    "Settings": "core._settings",
    "SampleRule": "core._framework",
    "current_fiscal_year": "core._framework",
    "DataYear": "core._years",
    "YearWarning": "core._years",
    "data_year": "core._years",
    "read_questionnaire": "io._questionnaire",
    "SourceInfo": "core._types",
    "Tool": "core._framework",
    "__version__": "_version",
    "answer_points": "stats._estimates",
    "available_years": "core._framework",
    "check_integrity": "stats._integrity",
    "check_quotas": "stats._quota",
    "committee_pack": "app._pipeline",
    "compare": "stats._compare",
    "default_year": "core._framework",
    "flag_responses": "stats._integrity",
    "funnel_table": "stats._breakdown",
    "grade_probabilities": "stats._scoring",
    "load_crosswalk": "core._crosswalk",
    "load_framework": "core._framework",
    "load_mapping": "io._mapping",
    "load_results": "io._results",
    "overall_score": "stats._scoring",
    "Plan": "stats._plan",
    "plan": "stats._plan",
    "what_if": "stats._plan",
    "measures_progress": "stats._plan",
    "read_measures": "io._measures",
    "plot_answers": "output._charts",
    "plot_coverage": "output._charts",
    "plot_dumbbell": "output._charts",
    "plot_funnel": "output._charts",
    "plot_indicators": "output._charts",
    "plot_ingest_summary": "output._charts",
    "plot_oit": "output._charts",
    "plot_progress": "output._charts",
    "plot_scorecard": "output._charts",
    "plot_trend": "output._charts",
    "projected_half_width": "stats._quota",
    "read_eit": "io._ingest",
    "read_iit": "io._ingest",
    "read_oit_checklist": "io._ingest",
    "read_published": "io._ingest",
    "read_responses": "io._ingest",
    "read_roster": "io._ingest",
    "save_chart": "output._charts",
    "score": "stats._scoring",
    "write_csv": "output._export",
    "write_report": "output._report",
    "write_results": "output._export",
    "write_xlsx": "output._export",
}

__all__ = [
    "ColumnMapping",
    "Comparison",
    "CoverageRule",
    "DataYear",
    "Framework",
    "FrameworkError",
    "GradeBand",
    "GradeCategory",
    "ITAInputError",
    "Indicator",
    "IntegrityResult",
    "IntegritySettings",
    "OITItem",
    "Plan",
    "Question",
    "QuotaResult",
    "ReadResult",
    "ResultSet",
    "SampleRule",
    "ScoreResult",
    "ScoringSettings",
    "Settings",
    "SourceInfo",
    "Tool",
    "YearWarning",
    "__version__",
    "answer_points",
    "available_years",
    "check_integrity",
    "check_quotas",
    "committee_pack",
    "compare",
    "current_fiscal_year",
    "data_year",
    "default_year",
    "flag_responses",
    "funnel_table",
    "grade_probabilities",
    "load_crosswalk",
    "load_framework",
    "load_mapping",
    "load_results",
    "measures_progress",
    "overall_score",
    "plan",
    "plot_answers",
    "plot_coverage",
    "plot_dumbbell",
    "plot_funnel",
    "plot_indicators",
    "plot_ingest_summary",
    "plot_oit",
    "plot_progress",
    "plot_scorecard",
    "plot_trend",
    "projected_half_width",
    "read_eit",
    "read_iit",
    "read_measures",
    "read_oit_checklist",
    "read_published",
    "read_questionnaire",
    "read_responses",
    "read_roster",
    "save_chart",
    "score",
    "what_if",
    "write_csv",
    "write_report",
    "write_results",
    "write_xlsx",
]


def __getattr__(name: str) -> object:
    """Return a public name, imported from its module on first use (PEP 562)."""
    from importlib import import_module

    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    """List the public names."""
    return list(__all__)
