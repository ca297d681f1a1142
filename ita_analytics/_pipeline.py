"""The whole job for one agency and year, as ``ita report`` and the demo run it.

Reading happens before (in the CLI or the caller); this module only chains the library's steps:
score, breakdowns, quotas, comparison, report.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ._compare import compare
from ._framework import Framework
from ._ingest import ReadResult
from ._integrity import check_integrity
from ._quota import check_quotas
from ._report import write_report
from ._scoring import score
from ._settings import Settings

__all__ = ["committee_pack"]


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
) -> dict[str, Path]:
    """Score, break down, check coverage, compare with earlier years and write the committee pack.

    The agency's results are also written to ``results_dir`` (default ``out/results``): what
    ``ita compare`` reads next year.
    """
    from rich.progress import Progress

    st = settings or Settings()
    out = Path(out)
    results = Path(results_dir) if results_dir is not None else out / "results"
    with Progress(disable=quiet, transient=True) as progress:
        task = progress.add_task("scoring", total=5)
        result = score(iit, eit, oit, roster, framework=framework, settings=st)
        result.write(results)
        progress.update(task, advance=1, description="breakdowns")
        has_dept = any(r is not None and r.data["department"].notna().any() for r in (iit, eit))
        departments = score(iit, eit, roster=roster, framework=framework, settings=st, by="department") if has_dept else None
        agencies_present = {a for r in (iit, eit) if r is not None for a in r.data["agency"].dropna()}
        agencies = (score(iit, eit, roster=roster, framework=framework, settings=st, by="agency")
                    if len(agencies_present) > 1 else None)
        progress.update(task, advance=1, description="coverage")
        quota = (check_quotas(iit, eit, roster, framework=framework, as_of=as_of, deadline=deadline)
                 if roster is not None and iit is not None else None)
        integrity = check_integrity(iit, eit, oit, roster, framework=framework, settings=st, scored=result)
        progress.update(task, advance=1, description="comparison")
        comparison = compare(*previous, results, settings=st) if previous else None
        progress.update(task, advance=1, description="writing the pack")
        paths = write_report(out, result, framework, quota=quota, comparison=comparison, departments=departments,
                             agencies=agencies, integrity=integrity, agency=_single_agency(iit, eit),
                             language=st.language)
        progress.update(task, advance=1)
    return {**paths, "results": results}
