"""The public names are exactly these, sorted, and every one of them exists."""

import pytest

import ita_analytics

EXPECTED = {
    "ColumnMapping", "CoverageRule", "Framework", "FrameworkError", "GradeBand", "GradeCategory",
    "ITAInputError", "Indicator", "OITItem", "Question", "ReadResult", "ScoringSettings", "Settings",
    "SourceInfo", "Tool", "__version__", "available_years", "default_year", "load_framework", "load_mapping",
    "read_eit", "read_iit", "read_oit_checklist", "read_published", "read_responses", "read_roster",
    "ScoreResult", "grade_probabilities", "overall_score", "score", "QuotaResult", "check_quotas",
    "projected_half_width", "Comparison", "ResultSet", "compare", "load_crosswalk", "load_results",
    "committee_pack", "write_report", "funnel_table",
    "IntegrityResult", "IntegritySettings", "check_integrity", "flag_responses", "write_results", "write_csv",
    "write_xlsx", "plot_answers", "plot_coverage", "plot_dumbbell", "plot_funnel", "plot_indicators",
    "plot_ingest_summary", "plot_oit", "answer_points", "plot_progress", "plot_scorecard", "plot_trend", "save_chart",
    "Plan", "plan", "what_if", "measures_progress", "read_measures",
    "DataYear", "SampleRule", "YearWarning", "current_fiscal_year", "data_year", "read_questionnaire",
}


def test_all_is_sorted_and_complete():
    assert ita_analytics.__all__ == sorted(ita_analytics.__all__)
    assert set(ita_analytics.__all__) == EXPECTED
    for name in ita_analytics.__all__:
        assert hasattr(ita_analytics, name), name


def test_no_private_module_leaks():
    public = {n for n in dir(ita_analytics) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(ita_analytics, n)).__name__ == "module"}
    assert modules <= {"app", "core", "io", "output", "stats"}, modules


def test_lazy_names_match_their_modules():
    """Each public name is imported from the module ``_SOURCES`` names, as the type checkers' imports say."""
    import ast
    import importlib
    from pathlib import Path

    assert set(ita_analytics._SOURCES) == set(ita_analytics.__all__)
    tree = ast.parse(Path(ita_analytics.__file__).read_text(encoding="utf-8"))
    guarded = next(node for node in tree.body if isinstance(node, ast.If))  # if TYPE_CHECKING:
    imported = {alias.name: node.module for node in guarded.body for alias in node.names}
    assert imported == ita_analytics._SOURCES
    for name, module in ita_analytics._SOURCES.items():
        assert getattr(ita_analytics, name) is getattr(importlib.import_module(f"ita_analytics.{module}"), name)
    with pytest.raises(AttributeError, match="no_such_name"):
        ita_analytics.no_such_name  # noqa: B018  # the attribute look-up itself is what is tested


def test_the_command_starts_light_with_one_blas_thread():
    """``import ita_analytics`` and the command module load no numpy; the command keeps BLAS to one
    thread (its idle threads would spin beside ours), unless the user chose a number."""
    import os
    import subprocess
    import sys

    code = ("import os, sys, ita_analytics, ita_analytics.app.cli as cli; assert 'numpy' not in sys.modules; "
            "cli.one_blas_thread(); import numpy, threadpoolctl; "
            "print(os.environ['OPENBLAS_NUM_THREADS'], "
            "sorted({i['num_threads'] for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas'}))")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "1 [1]"
    env["OPENBLAS_NUM_THREADS"] = "2"  # the user's choice stands
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.split()[0] == "2"


def test_score_json_loads_no_progress_display(raw_dir):
    """Under ``--json`` nothing is shown while the command works, so rich (40 ms to import) stays unloaded."""
    import subprocess
    import sys

    code = ("import io, contextlib, sys, ita_analytics.app.cli as cli; out = io.StringIO()\n"
            "with contextlib.redirect_stdout(out): status = cli.main(sys.argv[1:])\n"
            "print(status, 'rich' in sys.modules, len(out.getvalue()))")
    args = ["score", "--eit", str(raw_dir / "eit_2566.csv")]
    quiet = subprocess.run([sys.executable, "-c", code, *args, "--json"], capture_output=True, text=True, check=True)
    status, rich, size = quiet.stdout.split()
    assert (status, rich) == ("0", "False") and int(size) > 1000
    shown = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    assert shown.stdout.split()[:2] == ["0", "True"]


def test_public_functions_check_their_arguments_at_the_door(raw_dir, fw, tmp_path):
    """Wrong types or swapped arguments: TypeError or ValueError naming the parameter, never a bare KeyError."""
    import pandas as pd

    ia = ita_analytics
    iit = ia.read_iit(raw_dir / "iit_2566.csv")
    eit = ia.read_eit(raw_dir / "eit_2566.csv")
    cases = [
        (lambda: ia.score("a.csv", "b.csv"), TypeError, "iit must be a ReadResult or a DataFrame of IIT responses (read "
                                                        "the file with read_iit)"),
        (lambda: ia.score(eit, iit), ValueError, "iit holds EIT data"),
        (lambda: ia.score(eit.data, iit.data), ValueError, "iit holds EIT responses"),
        (lambda: ia.score(iit, roster=pd.DataFrame({"department": ["x"], "staff_type": ["y"]})), ValueError,
         "roster lacks the column(s) eligible"),
        (lambda: ia.score(iit, framework="2566"), TypeError, "framework must be a Framework"),
        (lambda: ia.score(iit, method="magic"), ValueError, "method must be"),
        (lambda: ia.score(iit, by="colour"), ValueError, "by must be"),
        (lambda: ia.read_iit(raw_dir / "iit_2566.csv", framework="2566"), TypeError, "framework must be a Framework"),
        (lambda: ia.read_iit(raw_dir / "iit_2566.csv", year="2566"), TypeError, "year must be"),
        (lambda: ia.read_responses(raw_dir / "iit_2566.csv", "OIT"), ValueError, "tool must be 'IIT' or 'EIT'"),
        (lambda: ia.check_quotas(iit, eit, None), TypeError, "roster is required"),
        (lambda: ia.check_quotas(eit, iit, iit), ValueError, "iit holds EIT data"),
        (lambda: ia.check_integrity(eit, None), ValueError, "iit holds EIT data"),
        (lambda: ia.compare(1, 2), TypeError, "sources must be"),
        (lambda: ia.funnel_table(ia.score(iit), "IIT"), ValueError, "result must be scores broken down by agency"),
        (lambda: ia.write_results("scores", tmp_path), TypeError, "result must be a ScoreResult"),
        (lambda: ia.Settings(confidence=2), ValueError, "confidence must be"),
        (lambda: ia.answer_points(iit, "OIT"), ValueError, "tool must be"),
    ]
    for call, kind, words in cases:
        with pytest.raises(kind) as err:
            call()
        assert words in str(err.value), (words, str(err.value))


def test_results_and_frameworks_are_short_in_a_notebook(raw_dir, roster, fw):
    r = ita_analytics.score(ita_analytics.read_iit(raw_dir / "iit_2566.csv", framework=fw),
                            ita_analytics.read_eit(raw_dir / "eit_2566.csv", framework=fw),
                            ita_analytics.read_oit_checklist(raw_dir / "oit_2566.csv", framework=fw), roster, framework=fw)
    text = repr(r)
    assert text.startswith("<ScoreResult FY2566: IIT n=549, EIT n=563") and len(text) < 600 and len(text.splitlines()) <= 6
    assert "overall 85.30 (95% CI 84.78–85.79), grade A" in text
    assert "<table" in r._repr_html_() and len(r._repr_html_()) < 5_000
    frame = r.overall_frame
    assert len(frame) == 1 and frame.loc[0, "score"] == r.overall["score"] and frame.loc[0, "n"] == 549 + 563
    assert list(r.headline["id"]) == ["ITA", "IIT", "EIT", "OIT"]
    summary = r.summary()
    assert summary.startswith(text) and "indicator" in summary and "weakest questions: e9 71.7" in summary
    assert "OIT O3 not published" in summary and "note: ASSUMED" in summary
    assert len(repr(fw)) < 400 and repr(fw).startswith("<Framework FY2566 (source): 40 questions")
    assert "<table>" in fw._repr_html_()
