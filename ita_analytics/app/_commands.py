"""Each ``ita`` subcommand: read its inputs, call the library, write and print what it made.

Exit status: 0 done; 1 done but a check failed (rows rejected, a quota short); 2 unusable
input (one message on stderr, ending with its code); 3 an internal error.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core._errors import ITAInputError
from ..core._framework import load_framework
from ._inputs import (
    _framework,
    _lang,
    _read_any,
    _read_inputs,
    _settings,
    _settle_year,
    _single_agency_name,
    _Steps,
)
from ._terminal import (
    _emit,
    _print_compare,
    _print_plan,
    _print_progress,
    _print_quota,
    _print_scores,
)

__all__: list[str] = []

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
_KINDS = {"IIT": "IIT", "EIT": "EIT", "ROSTER": "roster", "OIT": "oit", "PUBLISHED": "published"}


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

