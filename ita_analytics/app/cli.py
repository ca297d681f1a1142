"""The ``ita`` command: argument parsing, exit codes, progress and JSON. No statistics here.

Exit status: 0 done; 1 done but a check failed (rows rejected, a quota short); 2 unusable
input (one plain sentence on stderr, never a traceback); 3 an internal error (one line; set
``ITA_DEBUG=1`` for the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .._version import __version__
from ..core._catalogue import Message
from ..core._errors import ITAInputError
from ..core._files import protect
from ..core._framework import Framework, available_years, load_framework
from ..io._digest import hash_early
from ._framework_cli import add_framework_parser
from ._runtime import one_blas_thread

__all__ = ["main"]

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
_KINDS = {"IIT": "IIT", "EIT": "EIT", "ROSTER": "roster", "OIT": "oit", "PUBLISHED": "published"}


#: An example of each subcommand, shown under its --help.
_EXAMPLES = {
    "validate": (
        "example: ita validate data/raw/iit_2566.csv --tool IIT --roster data/raw/roster_2566.xlsx "
        "--rejects rejects.csv"
    ),
    "score": (
        "examples: ita score --iit data/raw/iit_2566.csv --eit data/raw/eit_2566.csv --oit "
        "data/raw/oit_2566.csv --roster data/raw/roster_2566.xlsx · ita score --iit iit.csv --eit "
        "eit.csv --by department --out results/"
    ),
    "quota": (
        "example: ita quota --iit iit.csv --eit eit.csv --roster roster.xlsx --as-of 2023-06-10 "
        "--deadline 2023-06-30 (dates: YYYY-MM-DD, or DD/MM/YYYY with a Buddhist-era year, e.g. "
        "10/06/2566)"
    ),
    "compare": (
        "example: ita compare data/raw/published_2565_ladkrabang.csv results_2566/ --out compare/"
    ),
    "report": (
        "example: ita report --iit iit.csv --eit eit.csv --oit oit.csv --roster roster.xlsx --previous "
        "results_2565/ --out pack/"
    ),
    "demo": (
        "example: ita demo"
    ),
}


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, default=None,
                        help=f"fiscal year, Buddhist era (frames shipped: {', '.join(map(str, available_years()))}; a "
                             "later year uses the newest earlier frame, carried forward and marked provisional; "
                             "default: the year of the answers' dates, else the current fiscal year)")
    parser.add_argument("--framework", type=Path, default=None, metavar="FILE",
                        help="a framework TOML file of your own (overrides --year)")
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout and nothing else")
    parser.add_argument("--lang", default=None, choices=["th", "en"],
                        help="language of the output (default: $ITA_LANG, else th); JSON keys stay English")
    parser.add_argument("--max-xlsx-mb", type=float, default=300.0, metavar="MB",
                        help="largest size an .xlsx input may unpack to (default 300; guards against zip bombs)")


def _inputs(parser: argparse.ArgumentParser, *, oit: bool = True, roster_required: bool = False) -> None:
    """The input-file options shared by quota, score and report."""
    parser.add_argument("--iit", type=Path, default=None, metavar="F", help="IIT export")
    parser.add_argument("--eit", type=Path, default=None, metavar="F", help="EIT export")
    if oit:
        parser.add_argument("--oit", type=Path, default=None, metavar="F", help="OIT checklist (the overall score needs it)")
    parser.add_argument("--roster", type=Path, default=None, required=roster_required, metavar="R",
                        help="staff roster: eligible staff per department and staff type (finite population "
                             "correction, coverage)")
    parser.add_argument("--mapping", type=Path, default=None, metavar="M", help="a mapping file for other export layouts")
    parser.add_argument("--cache", type=Path, default=None, metavar="DIR",
                        help="keep the read, validated data as Parquet here (e.g. data/processed/cache), so that "
                             "scoring the same files again does not parse them again")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ita", description="Integrity and Transparency Assessment (ITA) analytics for Thai agencies.")
    parser.add_argument("--version", action="version", version=f"ita_analytics {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check one input file: every row accepted or rejected with a reason",
                       epilog=_EXAMPLES["validate"])
    p.add_argument("file", type=Path, help="CSV (UTF-8, UTF-8 BOM, TIS-620/cp874) or .xlsx")
    p.add_argument("--tool", required=True, type=str.upper, choices=sorted(_KINDS),
                   help="what the file holds: IIT or EIT responses, the staff ROSTER, the OIT checklist or "
                        "PUBLISHED results")
    p.add_argument("--mapping", type=Path, default=None, metavar="M", help="a mapping file for other export layouts")
    p.add_argument("--roster", type=Path, default=None, metavar="R",
                   help="staff roster: IIT rows outside it are rejected")
    p.add_argument("--rejects", type=Path, default=None, metavar="OUT.csv", help="write the rejects table here")
    p.add_argument("--encoding", default=None, help="the CSV's text encoding, when detection guesses wrong")
    p.add_argument("--sheet", default=None, help="the Excel sheet to read (default: the first)")
    _common(p)
    p.set_defaults(run=_cmd_validate)

    p = sub.add_parser("score", help="question, indicator, tool and overall scores with confidence intervals",
                       epilog=_EXAMPLES["score"])
    _inputs(p)
    p.add_argument("--by", default=None, choices=["agency", "department", "staff_type", "respondent_group"],
                   help="break down by agency or department (each its own sample; small cells suppressed)")
    p.add_argument("--confidence", type=float, default=0.95, help="confidence level of the intervals (default 0.95)")
    p.add_argument("--method", default="linearization", choices=["linearization", "stratified", "bootstrap"],
                   help="variance method (default: linearization, the specification's)")
    p.add_argument("--min-cell", type=int, default=5, help="smallest group whose scores are shown (default 5)")
    p.add_argument("--interval", default="logit", choices=["logit", "wald"],
                   help="intervals of questions, indicators and tools: logit (default; exact bounds at 0 and 100) "
                        "or wald (estimate ± t·SE, clipped to 0–100); both stay inside 0–100")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="write results (JSON, CSV, .xlsx) here")
    _common(p)
    p.set_defaults(run=_cmd_score)

    p = sub.add_parser("quota", help="sample quotas, staff coverage and a forecast while collection is open",
                       epilog=_EXAMPLES["quota"])
    _inputs(p, oit=False, roster_required=True)
    p.add_argument("--as-of", default=None, metavar="DATE",
                   help="count responses up to the end of this day (YYYY-MM-DD or DD/MM/25xx; default: all)")
    p.add_argument("--deadline", default=None, metavar="DATE",
                   help="last day of the collection window (YYYY-MM-DD or DD/MM/25xx; default: the framework's [fieldwork])")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="write the tables (the who-to-chase list first, .xlsx and CSV) and charts here")
    _common(p)
    p.set_defaults(run=_cmd_quota)

    _compare_and_report_parsers(sub)
    _plan_parser(sub)
    add_framework_parser(sub, _common, _emit)

    p = sub.add_parser("explain", help="what a message's code (ITA-W012) means and what to do",
                       epilog="example: ita explain ITA-E003")
    p.add_argument("code", help="the code a message ends with, e.g. ITA-E003 (or E003)")
    _common(p)
    p.set_defaults(run=_cmd_explain)

    p = sub.add_parser("demo", help="run the whole job on the sample data in data/raw/",
                       epilog=_EXAMPLES["demo"])
    p.add_argument("--data", type=Path, default=Path("data/raw"), help="sample input folder (made if missing)")
    p.add_argument("--processed", type=Path, default=Path("data/processed"), help="where results go")
    p.add_argument("--figures", type=Path, default=Path("figures"), help="where charts go")
    _common(p)
    p.set_defaults(run=_cmd_demo)
    return parser


def _compare_and_report_parsers(sub: Any) -> None:
    """``ita compare`` and ``ita report``."""
    p = sub.add_parser("compare", help="year-over-year changes: which are real, which are meaningful",
                       epilog=_EXAMPLES["compare"])
    p.add_argument("sources", nargs="+", type=Path, metavar="RESULTS",
                   help="results folders (ita score --out) or published-results files; two or more")
    p.add_argument("--confidence", type=float, default=0.95, help="confidence level; significance is 1 − it (default 0.95)")
    p.add_argument("--threshold", type=float, default=2.0, help="a change of at least this many points is meaningful (default 2)")
    p.add_argument("--fpc", action="store_true",
                   help="compare the finite populations (SEs with the finite population correction) instead of "
                        "asking whether the agency changed (default: SEs without it)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="write the tables and charts here")
    _crosswalk_option(p)
    _common(p)
    p.set_defaults(run=_cmd_compare)

    p = sub.add_parser("report", help="the committee pack: self-contained HTML, PDF and .xlsx with Thai charts",
                       epilog=_EXAMPLES["report"])
    _inputs(p)
    p.add_argument("--previous", type=Path, nargs="+", default=None, metavar="RESULTS",
                   help="earlier results: folders from ita score --out or published-results files")
    p.add_argument("--as-of", default=None, metavar="DATE",
                   help="coverage counted up to this day (YYYY-MM-DD or DD/MM/25xx; default: all)")
    p.add_argument("--deadline", default=None, metavar="DATE",
                   help="last day of the collection window (YYYY-MM-DD or DD/MM/25xx; default: the framework's [fieldwork])")
    p.add_argument("--min-cell", type=int, default=5, help="smallest group whose scores are shown (default 5)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for report.html, .pdf, .xlsx")
    _crosswalk_option(p)
    _common(p)
    p.set_defaults(run=_cmd_report)


def _crosswalk_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--crosswalk", type=Path, action="append", default=[], metavar="FILE",
                        help="a crosswalk of your own (e.g. the .crosswalk.toml that ita framework new --questions "
                             "proposes): which ids of one frame are which of another; may be given more than once")


def _plan_parser(sub: Any) -> None:
    """``ita plan``: the same inputs as ``score``, and the target."""
    p = sub.add_parser("plan", help="the path to a target score: missing OIT items, then the weakest indicators",
                       epilog="example: ita plan --iit iit.csv --eit eit.csv --oit oit.csv --roster roster.xlsx --target A")
    _inputs(p)
    p.add_argument("--target", default=None, metavar="T",
                   help="a score (e.g. 85), a grade (A) or a result category by its name in the frame (ita framework "
                        "show); default: the pass mark")
    p.add_argument("--level", type=float, default=None, metavar="L",
                   help="the level a weak indicator is raised to (default: the target)")
    p.add_argument("--previous", type=Path, nargs="+", default=None, metavar="RESULTS",
                   help="last year's results (folders from ita score --out or published files), for the comparison")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="write the committee's analysis (analysis.docx, analysis.pdf) and measures.xlsx here")
    p.add_argument("--measures", type=Path, default=None, metavar="FILE",
                   help="a filled-in measures.xlsx: report progress (done, late, not started) instead of planning")
    p.add_argument("--as-of", default=None, metavar="DATE",
                   help="the day progress is reported on (YYYY-MM-DD or DD/MM/25xx; default today)")
    _common(p)
    p.set_defaults(run=_cmd_plan)


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


def _emit(args: argparse.Namespace, document: dict[str, Any], human: Callable[[], None]) -> None:
    if args.json:
        # json.dumps with no indent runs the C encoder; the 8,000 agencies' scores come pre-rendered (RawJSON)
        from ..core._json import write_json

        if getattr(args, "warnings", None):
            document = {**document, "warnings": args.warnings}
        write_json(document, sys.stdout, language=_lang(args))
        sys.stdout.write("\n")
    else:
        human()


# -- validate -------------------------------------------------------------------------------------

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


def _footer(console: Any, notes: Sequence[str], out: Path | None, lang: str) -> None:
    """The closing lines of a readable summary: the notes, and where the files went."""
    from ..output._i18n import note_words, say

    for note in notes:
        console.print("[dim]" + say("cli.note", lang, note=note_words(note, lang)) + "[/dim]")
    if out:
        console.print(say("cli.written", lang, out=out))


def _cmd_validate(args: argparse.Namespace) -> int:
    from ..output._export import write_csv

    framework = _framework(args)
    kind = _KINDS[args.tool]
    roster = _read_any("roster", args.roster, framework, args) if args.roster else None
    result = _read_any(kind, args.file, framework, args, roster=roster)
    if kind in ("IIT", "EIT"):  # the answers' own year, read again where its frame reads differently
        settled = _settle_year(args, framework, result)
        if settled is not framework:
            result = (result.in_frame(settled) if settled.reads_like(framework)
                      else _read_any(kind, args.file, settled, args, roster=roster))
    if args.rejects:
        write_csv(result.rejects.drop(columns="check"), args.rejects)
    document = result.summary()

    def human() -> None:
        import pandas as pd
        from rich.console import Console
        from rich.table import Table

        from ..output._i18n import reason_words, say

        lang = _lang(args)
        console = Console()
        src = result.source
        how = src.encoding if src.format == "csv" else say("cli.sheet", lang, sheet=src.sheet)
        console.print("[bold]" + say("cli.validate_file", lang, path=src.path, kind=kind, year=result.framework_year,
                                     format=src.format, how=how) + "[/bold]")
        console.print(say("cli.validate_counts", lang, read=f"{result.rows_read:,}",
                          accepted=f"[green]{result.accepted:,}[/green]", rejected=f"[red]{result.rejected:,}[/red]")
                      + (say("cli.blank_rows", lang, n=result.blank_rows) if result.blank_rows else ""))
        if result.rejected:
            table = Table(*(say(f"cli.col.{c}", lang) for c in ("row", "response_id", "reason")),
                          title=say("cli.rejected_rows", lang))
            for column in table.columns:
                column.overflow = "fold"
            for r in result.rejects.head(25).itertuples(index=False):
                table.add_row(str(r.row), "" if pd.isna(r.response_id) else str(r.response_id),
                              reason_words(r.reason, lang))
            console.print(table)
            if result.rejected > 25:
                console.print(say("cli.more_rejects", lang, n=result.rejected - 25)
                              + ("" if args.rejects else say("cli.more_rejects_hint", lang)))
        if args.rejects:
            console.print(say("cli.rejects_written", lang, path=args.rejects))
        console.print(f"sha256 {src.sha256}")

    _emit(args, document, human)
    return EXIT_CHECK_FAILED if result.rejected else EXIT_OK


# -- score ----------------------------------------------------------------------------------------

def _cmd_score(args: argparse.Namespace) -> int:
    from ._pipeline import scoring_run

    if not (args.iit or args.eit or args.oit):
        raise ITAInputError("nothing_to_score")
    from ..output._i18n import say

    settings = _settings(confidence=args.confidence, min_cell_size=args.min_cell, interval=args.interval, language=_lang(args))
    framework = _framework(args)
    with _Steps(args) as steps:
        framework, roster, iit, eit, oit = _read_inputs(args, framework, steps)
        with scoring_run(iit, eit, oit, roster, framework=framework, settings=settings, by=args.by,
                         method=args.method, step=steps.step) as run:
            with steps.step(say("step.integrity", _lang(args))):
                _write_scores(run, args, {"IIT": iit, "EIT": eit})
    if not args.json:
        _print_scores(run.result, args, framework, run.integrity())
    return EXIT_OK


def _write_scores(run: Any, args: argparse.Namespace, responses: dict[str, Any] | None = None) -> None:
    """The JSON document (the integrity part written when reached) and the ``--out`` folder."""
    if args.json:
        from ..core._json import LaterJSON

        document = run.result.to_dict(raw=True)
        if run.checking is not None:
            document["integrity"] = LaterJSON(lambda: run.integrity().to_dict())
        _emit(args, document, lambda: None)
    if args.out:
        from ..output._export import write_results

        write_results(run.result, args.out, integrity=run.integrity(), responses=responses, language=_lang(args))


def _print_groups(console: Any, groups: Any, by: str, pct: int, lang: str) -> None:
    """The breakdown's tool scores, one row per group and tool; a suppressed cell says why instead of a score."""
    from rich import box
    from rich.table import Table

    from ..output._i18n import say

    who = say(f"cli.by.{by}", lang)
    table = Table(who, say("cli.col.tool", lang), "n", say("cli.col.score", lang), say("cli.col.ci", lang, pct=pct),
                  title=say("cli.by", lang, by=who), box=box.SIMPLE_HEAD)  # light rules: the names keep the width
    for column in table.columns:
        column.overflow = "fold"  # names wrap in their cell, never cut
    rows = groups[groups["level"] == "tool"]
    for g in rows.itertuples(index=False):
        hidden = bool(g.suppressed)
        interval = say("cli.census", lang) if g.ci_low == g.ci_high else f"{g.ci_low:.2f}–{g.ci_high:.2f}"
        table.add_row(str(g.value), g.tool, f"{int(g.n):,}", "—" if hidden else f"{g.score:.2f}",
                      str(g.suppressed_reason) if hidden else interval)
    console.print(table)


def _print_scores(result: Any, args: argparse.Namespace, framework: Framework, integrity: Any = None) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..output._i18n import note_words, say

    lang = _lang(args)
    console = Console()
    pct = int(round(result.method["confidence"] * 100))
    _print_framework(console, result.method["framework"], lang)
    if result.overall:
        from ..output._i18n import national_words

        o = result.overall
        console.print(say("cli.overall", lang, score=o["score"], pct=pct, low=o["ci_low"], high=o["ci_high"],
                          grade=o["grade"], mark=o["pass_mark"], p=o["probability_pass"]))
        national = national_words(framework, o["score"], lang)
        if national:
            console.print(national)
    table = Table(*(say(f"cli.col.{c}", lang) for c in ("level", "id", "name", "score")), say("cli.col.ci", lang, pct=pct),
                  "n", title=say("cli.scores", lang))
    def interval(low: float, high: float) -> str:  # the OIT and a census have no sampling error: said, not "90–90"
        return say("interval.census", lang) if low == high else f"{low:.2f}–{high:.2f}"

    for t in result.tools.itertuples(index=False):
        table.add_row(say("level.tool", lang), t.tool, "", f"{t.score:.2f}", interval(t.ci_low, t.ci_high), str(t.n))
    for i in result.indicators.itertuples(index=False):
        table.add_row(say("level.indicator", lang), i.indicator, i.name_th if lang == "th" else i.name_en,
                      f"{i.score:.2f}", interval(i.ci_low, i.ci_high), str(i.n))
    console.print(table)
    if result.groups is not None:
        _print_groups(console, result.groups, result.by, pct, lang)
    weakest = result.questions.nsmallest(5, "score")
    console.print(say("cli.weakest", lang, items=", ".join(f"{q.question} {q.score:.1f}" for q in weakest.itertuples())))
    missing = result.oit_items[~result.oit_items["published"]] if len(result.oit_items) else []
    owners = {i.id: ", ".join(framework.owners(i.id)) for i in framework.oit_items}
    for m in getattr(missing, "itertuples", lambda **_: [])(index=False):
        console.print(say("cli.oit_missing", lang, item=m.item, who=owners.get(m.item, m.responsible)))
    if integrity is not None:
        flagged = integrity.counts[(integrity.counts["flag"] != "any") & (integrity.counts["responses"] > 0)]
        if len(flagged):
            console.print(say("cli.flags", lang, items=", ".join(
                f"{r.tool} {say(f'flag.{r.flag}', lang)} {r.responses}" for r in flagged.itertuples())))
            o = integrity.sensitivity[integrity.sensitivity["level"] == "overall"]
            if len(o) and o["score_unflagged"].notna().all():
                console.print(say("cli.without_flagged", lang, score=o["score_unflagged"].iloc[0],
                                  diff=o["difference"].iloc[0]))
    _footer(console, [note_words(n, lang) for n in result.method["notes"]], args.out, lang)


def _print_framework(console: Any, framework: Any, lang: str) -> None:
    """The first line of every text output: which year, which frame, how sure it is ("กรอบปี 2567 ใช้แทนปี 2570")."""
    from ..output._i18n import frame_words

    console.print(frame_words(framework, lang))


# -- quota ----------------------------------------------------------------------------------------

def _cmd_quota(args: argparse.Namespace) -> int:
    from ..stats._quota import check_quotas

    if not (args.iit or args.eit):
        raise ITAInputError("nothing_to_check")
    # read as score reads it: rows outside the roster are rejected (and listed as problems), so the
    # counts here are the ones the scores will use
    framework, roster, iit, eit, _ = _read_inputs(args, _framework(args), oit=False)
    result = check_quotas(iit, eit, roster, framework=framework, as_of=args.as_of, deadline=args.deadline)
    if args.out:
        from ..output._charts import plot_coverage, plot_progress, save_chart
        from ..output._export import write_results

        write_results(result, args.out, language=_lang(args))
        fig, table = plot_coverage(result, framework)
        save_chart(fig, table, args.out / "quota_coverage")
        if not result.progress.empty:
            fig, table = plot_progress(result)
            save_chart(fig, table, args.out / "quota_progress")
    _emit(args, result.to_dict(), lambda: _print_quota(result, args))
    return EXIT_OK if result.ok else EXIT_CHECK_FAILED


def _forecast_line(fc: dict[str, Any], lang: str = "th") -> str:
    """The forecast in a sentence that says whether the target will be met in the window."""
    from ..output._i18n import say

    status = fc.get("status") or "no_dates"
    rate = "" if fc.get("rate_per_day") is None else say("cli.fc.rate", lang, rate=fc["rate_per_day"])
    from ..output._i18n import date_words

    def day(value: Any) -> Any:  # a date as its reader writes it (Buddhist era in Thai), never ISO text
        return None if value is None else date_words(value, lang)

    values = {"rate": rate, "target": f"{fc['target']:,}", "n": f"{fc.get('responses', 0):,}",
              "short": f"{fc.get('remaining', 0):,}", "date": day(fc.get("projected_date")),
              "deadline": None if fc.get("deadline") is None else day(fc["deadline"])
              + (say("cli.fc.assumed", lang) if fc.get("deadline_assumed") else ""),
              "expected": "" if fc.get("expected_at_deadline") is None else f"{round(fc['expected_at_deadline']):,}"}
    return say(f"cli.fc.{status}", lang, **values)


def _print_quota(result: Any, args: argparse.Namespace) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..output._i18n import say

    lang = _lang(args)
    console = Console()
    _print_framework(console, result.provenance, lang)
    mark = {True: "[green]" + say("cli.ok", lang) + "[/green]", False: "[red]" + say("cli.short", lang) + "[/red]"}
    console.print(say("cli.quota_iit", lang, n=f"{result.iit['n']:,}", required=f"{result.iit['required']:,}",
                      mark=mark[result.iit["ok"]], short=result.iit["cells_short"]))
    console.print(say("cli.quota_eit", lang, n=f"{result.eit['n']:,}", required=f"{result.eit['required']:,}",
                      mark=mark[result.eit["ok"]], groups=", ".join(f"{k} {v}" for k, v in result.eit["groups"].items())))
    for tool, fc in result.forecast.items():
        console.print(f"{tool}: " + _forecast_line(fc, lang))
    if len(result.chase):
        table = Table(*(say(f"cli.col.{c}", lang) for c in ("department", "staff_type", "answered", "eligible", "needed")),
                      title=say("cli.chase", lang))
        for column in table.columns:
            column.overflow = "fold"
        for r in result.chase.head(20).itertuples(index=False):
            table.add_row(r.department, r.staff_type, str(r.responses), str(r.eligible), str(r.shortfall))
        console.print(table)
    for r in result.problems.itertuples(index=False):
        console.print("[red]" + say("cli.problem", lang, n=r.responses, department=r.department or "",
                                    staff=r.staff_type or "", reason=r.reason) + "[/red]")
    if len(result.precision):
        console.print(say("cli.precision", lang, items="; ".join(
            f"{r.scenario} (n={r.n}) ±{r.half_width:.2f}" for r in result.precision.itertuples())))
    if args.out:
        console.print(say("cli.written", lang, out=args.out))


# -- compare --------------------------------------------------------------------------------------

def _cmd_compare(args: argparse.Namespace) -> int:
    from ..stats._compare import compare

    if len(args.sources) < 2:
        raise ITAInputError("compare_needs_two")
    settings = _settings(confidence=args.confidence, meaningful_change=args.threshold)
    result = compare(*args.sources, settings=settings, fpc=args.fpc, crosswalks=tuple(args.crosswalk))
    if args.out:
        from ..output._charts import plot_dumbbell, plot_trend, save_chart
        from ..output._export import write_results

        write_results(result, args.out, language=_lang(args))
        for before in sorted(result.rows["before_year"].unique()):
            after = int(result.rows.loc[result.rows["before_year"] == before, "after_year"].iloc[0])
            fig, table = plot_dumbbell(result, load_framework(after), before_year=int(before))
            save_chart(fig, table, args.out / f"compare_{before}_{after}")
        if len(result.settings["years"]) >= 3:
            fig, table = plot_trend(result)
            save_chart(fig, table, args.out / "compare_trend")
    _emit(args, result.to_dict(), lambda: _print_compare(result, args))
    return EXIT_OK


def _print_compare(result: Any, args: argparse.Namespace) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from ..output._i18n import note_words, say, verdict_short, verdict_words

    lang = _lang(args)
    console = Console()
    rows = result.rows[result.rows["level"].isin(["overall", "tool", "indicator"])]
    threshold = result.settings["meaningful_change"]
    pct = int(round(result.settings["confidence"] * 100))
    for (_, b, a), g in rows.groupby(["pair", "before_label", "after_label"], sort=True):
        table = Table("", b, a, say("cli.col.change", lang), say("cli.col.ci", lang, pct=pct),
                      say("cli.col.p", lang), say("cli.col.verdict", lang),
                      title=f"{b} → {a}", box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0))  # fits 80 columns
        for column in table.columns:
            column.overflow = "fold"
        for r in g.itertuples(index=False):
            def fmt(v: float) -> str:
                return "" if v != v else f"{v:.2f}"

            table.add_row(r.id if r.level != "indicator" else f"{say('level.indicator', lang)} {r.id}", fmt(r.before),
                          fmt(r.after),
                          fmt(r.change), "" if r.ci_low != r.ci_low else f"{r.ci_low:+.2f}…{r.ci_high:+.2f}",
                          "" if r.p_adjusted != r.p_adjusted else "< 0.001" if r.p_adjusted < 0.001 else f"{r.p_adjusted:.3f}",
                          verdict_short(r.verdict, r.reason, lang, threshold=threshold))
        console.print(table)
    seen = rows[["verdict", "reason"]].drop_duplicates()  # the key: each short verdict, said whole
    for v in seen.itertuples(index=False):
        console.print(f"[dim]{verdict_short(v.verdict, v.reason, lang, threshold=threshold)} = "
                      f"{verdict_words(v.verdict, v.reason, lang, threshold=threshold)}[/dim]")
    assumed = rows[rows["se_assumed"]]
    if len(assumed):
        console.print("[dim]" + say("cli.assumed_se", lang, n=len(assumed)) + "[/dim]")
    side_notes = sorted({note_words(part, lang) for note in rows["note"] for part in getattr(note, "parts", ())})
    for note in side_notes:
        console.print(f"[dim]· {note}[/dim]")
    _footer(console, [note_words(n, lang) for n in result.notes], args.out, lang)


# -- report ---------------------------------------------------------------------------------------

def _cmd_report(args: argparse.Namespace) -> int:
    from ._pipeline import committee_pack

    if not (args.iit or args.eit):
        raise ITAInputError("report_needs_survey")
    settings = _settings(min_cell_size=args.min_cell, language=_lang(args))
    framework = _framework(args)
    framework, roster, iit, eit, oit = _read_inputs(args, framework)
    paths = committee_pack(args.out, framework, iit=iit, eit=eit, oit=oit, roster=roster, previous=args.previous,
                           settings=settings, as_of=args.as_of, deadline=args.deadline, quiet=args.json,
                           crosswalks=tuple(args.crosswalk), warnings=getattr(args, "warnings", []))
    document = {k: str(v) for k, v in paths.items()}
    _emit(args, document, lambda: print("\n".join(f"{k}: {v}" for k, v in document.items())))
    return EXIT_OK


def _cmd_plan(args: argparse.Namespace) -> int:
    from ..stats._plan import plan
    from ._pipeline import plan_documents, scoring_run

    if args.measures is not None:
        return _plan_progress(args)
    if not (args.iit and args.eit and args.oit):
        raise ITAInputError("plan_needs_overall")
    framework = _framework(args)
    framework, roster, iit, eit, oit = _read_inputs(args, framework)
    with scoring_run(iit, eit, oit, roster, framework=framework, settings=_settings()) as run:
        result = run.result
    paths: dict[str, Path] = {}
    if args.out is None:  # the plan alone, or the plan with the committee's documents (computed once either way)
        path = plan(result, framework, target=args.target, level=args.level)
    else:
        path, paths = plan_documents(args.out, result, framework, target=args.target, level=args.level,
                                     previous=args.previous, agency=_single_agency_name(iit, eit), language=_lang(args))
    document = path.to_dict()
    if paths:
        document["files"] = {k: str(v) for k, v in paths.items()}
    _emit(args, document, lambda: _print_plan(path, framework, _lang(args), document.get("files")))
    return EXIT_OK


def _single_agency_name(*tables: Any) -> str | None:
    names = {a for t in tables if t is not None for a in t.data["agency"].dropna().unique()}
    return next(iter(names)) if len(names) == 1 else None


def _plan_progress(args: argparse.Namespace) -> int:
    """``ita plan --measures FILE``: the measures' progress on a day, rejects listed, the report written with --out."""
    import pandas as pd

    from ..io._measures import read_measures
    from ..stats._plan import measures_progress
    from ..stats._quota import _timestamp

    parsed = _timestamp(args.as_of, end_of_day=False) if args.as_of else None
    day = parsed if parsed is not None else pd.Timestamp.now(tz="Asia/Bangkok").tz_localize(None).normalize()
    measures, rejects = read_measures(args.measures)
    progress = measures_progress(measures, as_of=day)
    document: dict[str, Any] = {"as_of": day.date().isoformat(), "measures": len(measures) + len(rejects),
                                "accepted": len(measures), "rejected": len(rejects),
                                "states": progress["state"].value_counts().to_dict(),
                                "progress": progress.assign(due=progress["due"].dt.date.astype(str)).to_dict("records"),
                                "rejects": rejects.to_dict("records")}
    if args.out is not None:
        from ..output._plan_docs import write_progress

        paths = write_progress(args.out, progress, as_of=day, language=_lang(args))
        document["files"] = {k: str(v) for k, v in paths.items()}
    _emit(args, document, lambda: _print_progress(document, _lang(args)))
    return EXIT_OK


def _print_progress(document: dict[str, Any], lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..output._i18n import date_words, say

    console = Console()
    states = document["states"]
    console.print(say("cli.progress_head", lang, date=date_words(document["as_of"], lang), done=states.get("done", 0),
                      late=states.get("late", 0), in_progress=states.get("in_progress", 0),
                      not_started=states.get("not_started", 0))
                  + (say("cli.progress_rejected", lang, n=document["rejected"]) if document["rejected"] else ""))
    table = Table()
    for header in say("cli.progress_cols", lang).split("|"):
        table.add_column(header, overflow="fold")
    for r in document["progress"]:
        table.add_row(str(r["no"]), r["measure"], r["responsible"], date_words(r["due"], lang),
                      say(f"progress.{r['state']}", lang, days=r["days_late"]))
    console.print(table)
    for r in document["rejects"]:
        console.print(say("cli.row_reason", lang, row=r["row"], reason=r["reason"]))
    for kind, path in document.get("files", {}).items():
        console.print(say("cli.file_written", lang, kind=kind, path=path))


def _print_plan(path: Any, framework: Framework, lang: str, files: dict[str, str] | None = None) -> None:
    """The plan as a person reads it: where it starts, each action with its gain, where it ends."""
    from rich.console import Console
    from rich.table import Table

    from ..output._i18n import note_words, say

    console = Console()
    _print_framework(console, framework, lang)
    reach = say("cli.reachable", lang) if path.reachable else say("cli.not_reachable", lang, missing=path.missing)
    console.print(say("cli.plan_head", lang, current=path.current, target=path.target_name, value=path.target, reach=reach))
    table = Table()
    for header in say("cli.plan_cols", lang).split("|"):
        table.add_column(header, overflow="fold")  # wrapped in its cell, never cut
    for a in path.actions.to_dict("records"):
        kind = say("cli.kind." + a["kind"], lang)
        table.add_row(f"{kind} {a['id']}", a["name_th"] if lang == "th" else a["name_en"], f"{a['from']:.2f} → {a['to']:.2f}",
                      f"+{a['gain']:.2f}", f"{a['cumulative']:.2f}", f"{a['probability']:.0%}",
                      a["responsible"] or note_words(a["questions"], lang))
    console.print(table)
    console.print(say("cli.plan_after", lang, after=path.after, current=path.current, gain=path.after - path.current))
    for kind, file in (files or {}).items():
        console.print(say("cli.file_written", lang, kind=kind, path=file))


# -- demo -----------------------------------------------------------------------------------------

def _cmd_explain(args: argparse.Namespace) -> int:
    """``ita explain CODE``: the message of a code at length, and what to do, in the reader's language."""
    from ..core._catalogue import code_of, explain, name_of

    text = explain(args.code, _lang(args))
    if text is None:
        raise ITAInputError("unknown_code", code=args.code)
    name = name_of(args.code)
    _emit(args, {"code": code_of(str(name)), "name": name, "explanation": text}, lambda: print(text))
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from ._demo import run_demo

    document = run_demo(args.data, args.processed, args.figures, quiet=args.json)
    _emit(args, document, lambda: None)
    return EXIT_OK


# -- entry point ----------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``ita`` command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    # the input files' SHA-256 (provenance) is worked out while numpy and pandas load
    hash_early(getattr(args, name, None) for name in ("roster", "iit", "eit", "oit"))
    try:
        with protect(_inputs_of(args)), warnings.catch_warnings():
            warnings.showwarning = _note  # a library warning (e.g. a damaged cache entry) is a note on stderr
            return int(args.run(args))
    except ITAInputError as exc:
        from ..output._i18n import error_words

        print(f"ita: {error_words(exc, _lang(args), flags=True)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. `ita … | head`: the reader left; not an error of ours (an OSError: caught first)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # the machine's answer (a full disk, a vanished file): not a defect of ours
        print(f"ita: {exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("ita: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so in one line
        if os.environ.get("ITA_DEBUG"):
            raise
        print(f"ita: internal error ({type(exc).__name__}: {exc}); please report it, "
              "and set ITA_DEBUG=1 to see the traceback", file=sys.stderr)
        return EXIT_INTERNAL


def _inputs_of(args: argparse.Namespace) -> list[Any]:
    """Every file the command reads: no output may replace one of them."""
    paths: list[Any] = [getattr(args, name, None) for name in ("file", "iit", "eit", "oit", "roster", "mapping",
                                                               "framework", "measures", "questions")]
    paths += list(getattr(args, "crosswalk", None) or [])
    for name in ("sources", "previous"):
        for source in getattr(args, name, None) or []:
            paths.append(source)
            if Path(source).is_dir():
                paths += list(Path(source).glob("*"))  # a results folder: every file in it
    return paths


def _note(message: Warning | str, *_: Any, **__: Any) -> None:
    from ..core._years import YearWarning

    if isinstance(message, YearWarning):  # the command has said it already, in the reader's language
        return
    print(f"ita: note: {message}", file=sys.stderr)


def run() -> None:
    """Console-script entry point (the ``ita`` command, a process of its own)."""
    one_blas_thread()
    sys.exit(main())
