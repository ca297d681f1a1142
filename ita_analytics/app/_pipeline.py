"""The whole jobs, as ``ita score``, ``ita report`` and the demo run them.

Reading happens before (in the CLI or the caller); this module only chains the library's steps:
the scores with their integrity checks (:func:`scoring_run`, the one place that runs them
together), breakdowns, quotas, comparison, report.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager as ContextManager
from dataclasses import dataclass
from pathlib import Path

from ..core._catalogue import Message
from ..core._framework import Framework
from ..core._settings import Settings
from ..core._types import ReadResult, table_of
from ..output._i18n import COLUMN_LABELS, label, say
from ..stats._breakdown import funnel_table
from ..stats._estimates import Method
from ..stats._integrity import IntegrityResult, check_integrity, flag_responses
from ..stats._plan import Plan, measures_due, measures_table, plan
from ..stats._quota import check_quotas
from ..stats._scoring import ScoreResult, score
from ._runtime import one_blas_thread_while

__all__ = ["ScoringRun", "committee_pack", "plan_documents", "scoring_run", "stderr_is_terminal"]


@dataclass(frozen=True)
class ScoringRun:
    """The scores, and the integrity checks still being worked out beside whatever comes next."""

    result: ScoreResult  # the scores
    checking: Future[IntegrityResult] | None  # the integrity checks (None without survey data)

    def integrity(self) -> IntegrityResult | None:
        """The integrity checks (waits for them)."""
        return None if self.checking is None else self.checking.result()


def _no_step(description: str) -> ContextManager[None]:
    return contextlib.nullcontext()


@contextlib.contextmanager
def scoring_run(iit: ReadResult | None, eit: ReadResult | None, oit: ReadResult | None = None,
                roster: ReadResult | None = None, *, framework: Framework, settings: Settings,
                by: str | None = None, method: Method = "linearization",
                step: Callable[[str], ContextManager[None]] = _no_step) -> Iterator[ScoringRun]:
    """Score, with the integrity flags worked out beside the scores and the checks after them.

    The flags do not need the scores, so they run in a second thread while the scores are computed
    (numpy and Arrow let go of the interpreter, so the two share the cores); the checks (which
    re-score without the flagged responses) follow in that thread while the caller writes the
    scores. BLAS keeps to one thread meanwhile (:func:`one_blas_thread_while`). ``step`` shows
    what is being done (the command's progress display).
    """
    surveys = {t: table_of(r) for t, r in (("IIT", iit), ("EIT", eit)) if r is not None}
    with ThreadPoolExecutor(max_workers=1) as pool, one_blas_thread_while():
        flagging = pool.submit(lambda: {t: flag_responses(f, t, framework) for t, f in surveys.items()})
        language = settings.language
        with step(say("step.scoring_by", language, by=label(COLUMN_LABELS, by, language)) if by else
                  say("step.scoring", language)):
            result = score(iit, eit, oit, roster, framework=framework, settings=settings, by=by, method=method)
        checking = pool.submit(lambda: check_integrity(
            iit, eit, oit, roster, framework=framework, settings=settings,
            scored=result if method == "linearization" else None, flags=flagging.result())) if surveys else None
        yield ScoringRun(result, checking)


def _single_agency(*results: ReadResult | None) -> str | None:
    names = set()
    for r in results:
        if r is not None and "agency" in r.data:
            names |= set(r.data["agency"].dropna())
    return next(iter(names)) if len(names) == 1 else None


def committee_pack(
    out: str | Path,
    framework: Framework,
    *,
    iit: ReadResult | None,
    eit: ReadResult | None,
    oit: ReadResult | None = None,
    roster: ReadResult | None = None,
    previous: Sequence[str | Path] | None = None,
    settings: Settings | None = None,
    as_of: str | None = None,
    deadline: str | None = None,
    results_dir: str | Path | None = None,
    quiet: bool = True,
    crosswalks: tuple[str | Path, ...] = (),
    warnings: Sequence[Message] = (),
) -> dict[str, Path]:
    """Score, break down, check coverage, compare with earlier years and write the committee pack.

    The agency's results are also written to ``results_dir`` (default ``out/results``): what
    ``ita compare`` reads next year. ``crosswalks`` match ids between frames beside the shipped ones;
    ``warnings`` (messages, e.g. the years the answers fall in) go into the pack's notes.
    """
    from rich.progress import Progress

    from ..output._export import write_results  # the pack's writers load matplotlib: only when a pack is made
    from ..output._report import write_report
    from ..stats._compare import compare

    st = settings or Settings()
    out = Path(out)
    results = Path(results_dir) if results_dir is not None else out / "results"
    with Progress(disable=quiet or not stderr_is_terminal(), transient=True) as progress:
        task = progress.add_task(say("step.scoring", st.language), total=5)
        with scoring_run(iit, eit, oit, roster, framework=framework, settings=st) as run:
            result = run.result
            integrity = run.integrity()
            write_results(result, results, integrity=integrity, responses={"IIT": iit, "EIT": eit}, language=st.language)
        progress.update(task, advance=1, description=say("step.breakdowns", st.language))
        has_dept = any(r is not None and r.data["department"].notna().any() for r in (iit, eit))
        departments = score(iit, eit, roster=roster, framework=framework, settings=st, by="department") if has_dept else None
        agencies_present = {a for r in (iit, eit) if r is not None for a in r.data["agency"].dropna()}
        agencies = (score(iit, eit, roster=roster, framework=framework, settings=st, by="agency")
                    if len(agencies_present) > 1 else None)
        progress.update(task, advance=1, description=say("step.coverage", st.language))
        quota = (check_quotas(iit, eit, roster, framework=framework, as_of=as_of, deadline=deadline)
                 if roster is not None and iit is not None else None)
        progress.update(task, advance=1, description=say("step.comparison", st.language))
        comparison = compare(*previous, results, settings=st, crosswalks=crosswalks) if previous else None
        progress.update(task, advance=1, description=say("step.pack", st.language))
        funnels = {tool: funnel_table(agencies, tool, seed=st.seed) for tool in ("IIT", "EIT")
                   if agencies is not None and agencies.groups is not None
                   and ((agencies.groups["tool"] == tool) & (agencies.groups["level"] == "tool")).any()}
        paths = write_report(out, result, framework, quota=quota, comparison=comparison, departments=departments,
                             agencies=agencies, integrity=integrity, agency=_single_agency(iit, eit),
                             language=st.language, warnings=list(warnings),
                             plan=plan(result, framework) if result.overall else None, funnels=funnels)
        progress.update(task, advance=1)
    return {**paths, "results": results}


def plan_documents(out: str | Path, result: ScoreResult, framework: Framework, *, target: float | str | None = None,
                   level: float | None = None, previous: Sequence[str | Path] | None = None,
                   agency: str | None = None, language: str = "th") -> tuple[Plan, dict[str, Path]]:
    """The path to ``target`` and the committee's documents: analysis.docx, analysis.pdf and measures.xlsx in ``out``.

    The measures are set for the next fiscal year: due at its half (31 March) and its end (30 September).
    """
    from ..output._plan_docs import write_analysis
    from ..stats._compare import compare

    path = plan(result, framework, target=target, level=level)
    half, end = measures_due(framework.fiscal_year)
    measures = measures_table(result, framework, due_half=half, due_end=end)
    comparison = compare(*previous, result) if previous else None
    return path, write_analysis(out, result, framework, path, measures, comparison=comparison, agency=agency,
                                language=language)


def stderr_is_terminal() -> bool:
    """Whether a person watches stderr (a progress display there); piped or captured, nothing is drawn."""
    from rich.console import Console

    return Console(stderr=True).is_terminal
