"""What a command reads: its files (side by side), the frame of the answers' year, its settings and progress.

The ``ita`` subcommands share these steps; each takes the parsed options (``args``).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core._catalogue import Message
from ..core._errors import ITAInputError
from ..core._framework import Framework, load_framework

__all__: list[str] = []


def _lang(args: argparse.Namespace) -> str:
    """The reader's language: --lang, else ITA_LANG, else Thai."""
    from ..output._i18n import chosen_language

    return chosen_language(getattr(args, "lang", None))


def _framework(args: argparse.Namespace) -> Framework:
    """The frame the files are first read with: ``--framework``'s, ``--year``'s, else the newest sourced one.

    A year without a frame gets one carried forward; without ``--year`` the answers' year then decides
    (:func:`_settle_year`).
    """
    from ..core._errors import FrameworkError

    try:
        return load_framework(args.year, path=args.framework)
    except FrameworkError as exc:
        if args.framework is not None:
            raise
        raise ITAInputError(exc.message) from None


def _read_any(kind: str, path: Path, framework: Framework, args: argparse.Namespace, roster: Any = None) -> Any:
    """Read one input file with the options the command was given (through the cache, if asked)."""
    from ..io import _ingest
    from ..io._mapping import load_mapping

    options: dict[str, Any] = {"framework": framework, "mapping": load_mapping(getattr(args, "mapping", None)),
                               "encoding": getattr(args, "encoding", None), "sheet": getattr(args, "sheet", None),
                               "cache": getattr(args, "cache", None), "max_xlsx_mb": args.max_xlsx_mb}
    if kind in ("IIT", "EIT"):
        return _ingest.read_responses(path, "IIT" if kind == "IIT" else "EIT", roster=roster, **options)
    reader = {"roster": _ingest.read_roster, "oit": _ingest.read_oit_checklist, "published": _ingest.read_published}
    return reader[kind](path, **options)


def _settings(**values: Any) -> Any:
    """Settings from options; a bad value is unusable input (exit 2), said in one sentence."""
    from ..core._settings import Settings

    return Settings(**values)


class _Steps:
    """What a long command is doing, shown on stderr while it runs; silent under ``--json``."""

    def __init__(self, args: argparse.Namespace) -> None:
        self._progress: Any = None  # none under --json (nor rich's import time)
        if not getattr(args, "json", False):
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            console = Console(stderr=True)
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                      console=console, transient=True,
                                      disable=not console.is_terminal)  # piped: no spinner, no blank lines left

    def __enter__(self) -> _Steps:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    @contextlib.contextmanager
    def step(self, description: str) -> Iterator[None]:
        """Show ``description`` with a spinner and the time taken while the block runs.

        What the step freed is handed back to the system at its end, so the next step starts from
        the memory the data needs, not from this step's high-water mark.
        """
        from ._runtime import release_memory

        task = self._progress.add_task(description, total=None) if self._progress is not None else None
        try:
            yield
        finally:
            if task is not None:
                self._progress.remove_task(task)
            release_memory()


def _read_inputs(args: argparse.Namespace, framework: Framework,
                 steps: _Steps | None = None, *, oit: bool = True) -> tuple[Framework, Any, Any, Any, Any]:
    """The frame of the answers' year, then roster, IIT (rows outside the roster rejected), EIT and OIT.

    IIT and EIT are read side by side: while one file's rows are checked in Python, pyarrow parses
    the other on the second core. The year is the answers' (``choose_year``), or ``--year``; what
    the dates say is warned on stderr and in the JSON's ``warnings``. The files are read again only
    when that year's frame reads them differently (other questions or categories).
    """
    inputs = _read_files(args, framework, steps, oit=oit)
    settled = _settle_year(args, framework, inputs[1], inputs[2])
    if settled is not framework:
        if settled.reads_like(framework):
            inputs = tuple(None if r is None else r.in_frame(settled)
                           for r in inputs)  # type: ignore[assignment]  # the same four results, relabelled
        else:
            inputs = _read_files(args, settled, steps, oit=oit)
    return (settled, *inputs)


def _settle_year(args: argparse.Namespace, framework: Framework, *results: Any) -> Framework:
    """The frame of the run's fiscal year: ``--framework``'s, else ``--year``'s, else the answers' year's.

    Each notice (tools of different years, ``--year`` against the dates, a file over two years, no
    dates) is warned; a frame carried forward is said by the first line of the summary.
    """
    from ..core._years import choose_year, data_year

    years = [data_year(r) for r in results if r is not None]
    asked = framework.fiscal_year if (args.year is not None or args.framework is not None) else None
    chosen, notices = choose_year(*years, asked=asked)
    for notice in notices:
        _say_warning(args, notice)
    if asked is not None:
        return framework
    return framework if chosen == framework.fiscal_year else _load_year(chosen)


def _load_year(year: int) -> Framework:
    """The frame of a year: a year before every frame is unusable input, said in one sentence."""
    from ..core._errors import FrameworkError

    try:
        return load_framework(year)
    except FrameworkError as exc:
        raise ITAInputError(exc.message) from None


def _say_warning(args: argparse.Namespace, message: Message) -> None:
    """A warning on stderr in the reader's language with its code, kept for the JSON's ``warnings`` (each once)."""
    from ..output._i18n import say

    if message in getattr(args, "warnings", []):
        return
    sys.stderr.write(say("cli.warning", _lang(args), message=message.text(_lang(args), with_code=True)) + "\n")
    args.warnings = [*getattr(args, "warnings", []), message]


def _read_files(args: argparse.Namespace, framework: Framework, steps: _Steps | None = None,
                *, oit: bool = True) -> tuple[Any, Any, Any, Any]:
    """Roster, IIT, EIT and OIT, each when given, read with ``framework``."""
    from concurrent.futures import ThreadPoolExecutor

    from ..output._i18n import say

    step = steps.step if steps is not None else (lambda _: contextlib.nullcontext())
    lang = _lang(args)
    with step(say("step.roster", lang)):
        roster = _read_any("roster", args.roster, framework, args) if args.roster else None
    names = " and ".join(n for n, f in (("IIT", args.iit), ("EIT", args.eit)) if f)
    with step(say("step.reading", lang, names=names or say("step.inputs", lang))), ThreadPoolExecutor(max_workers=2) as pool:
        iit_job = pool.submit(_read_any, "IIT", args.iit, framework, args, roster) if args.iit else None
        eit_job = pool.submit(_read_any, "EIT", args.eit, framework, args) if args.eit else None
        iit = iit_job.result() if iit_job else None
        eit = eit_job.result() if eit_job else None
    checklist = _read_any("oit", args.oit, framework, args) if oit and getattr(args, "oit", None) else None
    for name, r in (("IIT", iit), ("EIT", eit)):
        if r is not None and r.accepted == 0:
            raise ITAInputError("no_usable_response", path=r.source.path, tool=name)
    return roster, iit, eit, checklist


def _single_agency_name(*tables: Any) -> str | None:
    names = {a for t in tables if t is not None for a in t.data["agency"].dropna().unique()}
    return next(iter(names)) if len(names) == 1 else None

