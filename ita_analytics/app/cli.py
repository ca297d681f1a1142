"""The ``ita`` command: its options, and the entry point that runs a subcommand and turns failures into exit codes.

The subcommands themselves are in ``_commands`` (what each reads, computes and writes), their
inputs in ``_inputs`` and their printing in ``_terminal``. Exit status: 0 done; 1 done but a
check failed (rows rejected, a quota short); 2 unusable input or output (one message on stderr,
ending with its code, never a traceback); 3 an internal error (one line; set ``ITA_DEBUG=1``
for the traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._version import __version__
from ..core._errors import ITAInputError
from ..core._files import protect
from ..core._framework import available_years
from ..io._digest import hash_early
from ._commands import (
    _KINDS,
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    _cmd_compare,
    _cmd_demo,
    _cmd_explain,
    _cmd_plan,
    _cmd_quota,
    _cmd_report,
    _cmd_score,
    _cmd_validate,
)
from ._framework_cli import add_framework_parser
from ._inputs import _lang
from ._runtime import one_blas_thread
from ._terminal import _emit

__all__ = ["main"]

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
