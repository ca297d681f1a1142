"""ita_analytics: the Integrity and Transparency Assessment (ITA), computed the way the NACC does.

Readers turn exports into tidy tables and rejects; the framework of each fiscal year holds the
assessment's facts; the ``ita`` command runs it all. See the README for a tour.
"""

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
