"""The public names are exactly these, sorted, and every one of them exists."""

import ita_analytics

EXPECTED = {
    "ColumnMapping", "CoverageRule", "Framework", "FrameworkError", "GradeBand", "GradeCategory",
    "ITAInputError", "Indicator", "OITItem", "Question", "ReadResult", "ScoringSettings", "Settings",
    "SourceInfo", "Tool", "__version__", "available_years", "default_year", "load_framework", "load_mapping",
    "read_eit", "read_iit", "read_oit_checklist", "read_published", "read_responses", "read_roster",
    "ScoreResult", "grade_probabilities", "overall_score", "score", "QuotaResult", "check_quotas",
    "projected_half_width", "Comparison", "ResultSet", "compare", "load_crosswalk", "load_results",
    "committee_pack", "write_report", "funnel_table",
}


def test_all_is_sorted_and_complete():
    assert ita_analytics.__all__ == sorted(ita_analytics.__all__)
    assert set(ita_analytics.__all__) == EXPECTED
    for name in ita_analytics.__all__:
        assert hasattr(ita_analytics, name), name


def test_no_private_module_leaks():
    public = {n for n in dir(ita_analytics) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(ita_analytics, n)).__name__ == "module"}
    assert modules <= {"cli"}, modules
