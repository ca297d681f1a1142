"""``ita framework show|check|new|diff``: read, check, start and compare the frameworks of the fiscal years."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core._errors import ITAInputError
from ..core._files import atomic_write, refuse_input
from ..core._framework import Framework, load_framework
from ..core._framework_tools import framework_diff, framework_template
from ..output._i18n import chosen_language, say

__all__ = ["add_framework_parser"]


def add_framework_parser(sub: Any, common: Any, emit: Any) -> None:
    """The ``framework`` command and its four subcommands (``common`` adds the shared options, ``emit`` prints)."""
    p = sub.add_parser("framework", help="show, check, start or compare a fiscal year's framework",
                       epilog="examples: ita framework show --year 2567 · ita framework check my2569.toml · "
                              "ita framework new --from 2566 --year 2569 fw2569.toml · ita framework diff 2566 fw2569.toml")
    fsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = fsub.add_parser("show", help="print a framework: tools, indicators, questions, OIT items, rules",
                           epilog="example: ita framework show --year 2567")
    common(show)
    show.set_defaults(run=lambda args: _show(args, emit))
    check = fsub.add_parser("check", help="check a framework file: exit 0, or exit 2 naming the faulty key",
                            epilog="example: ita framework check fw2569.toml")
    check.add_argument("file", type=Path, help="the framework TOML file")
    check.add_argument("--json", action="store_true", help="print one JSON document")
    check.add_argument("--lang", default=None, choices=["th", "en"], help="language of the output (default: $ITA_LANG, else th)")
    check.set_defaults(run=lambda args: _check(args, emit))
    new = fsub.add_parser("new", help="start a new year's frame: from the NACC's questionnaire (--questions), or a file "
                                      "that extends an existing year with what to fill in",
                          epilog="examples: ita framework new --year 2570 --questions questionnaire_2570.xlsx fw2570.toml "
                                 "(writes fw2570.crosswalk.toml beside it) · ita framework new --year 2571 fw2571.toml")
    new.add_argument("new_file", type=Path, metavar="FILE", help="the new file (it must not exist yet)")
    new.add_argument("--from", dest="base", default=None, metavar="YEAR|FILE",
                     help="the frame it extends: a shipped year or a framework file (default: the newest shipped frame)")
    new.add_argument("--year", type=int, required=True, help="the new fiscal year, Buddhist era, e.g. 2570")
    new.add_argument("--questions", type=Path, default=None, metavar="FILE",
                     help="the NACC's questionnaire as a spreadsheet (CSV or .xlsx; columns tool, indicator, indicator_th, "
                          "id, text_th, scale, reversed): its questions and items make the new frame, and a proposed "
                          "crosswalk from --from's ids is written beside FILE")
    new.add_argument("--json", action="store_true", help="print one JSON document")
    new.add_argument("--lang", default=None, choices=["th", "en"], help="language of the output (default: $ITA_LANG, else th)")
    new.set_defaults(run=lambda args: _new(args, emit))
    diff = fsub.add_parser("diff", help="what changed between two frameworks: questions, items, weights, rules",
                           epilog="example: ita framework diff 2566 2567")
    diff.add_argument("a", help="a shipped year (e.g. 2566) or a framework file")
    diff.add_argument("b", help="a shipped year or a framework file")
    diff.add_argument("--json", action="store_true", help="print one JSON document")
    diff.add_argument("--lang", default=None, choices=["th", "en"], help="language of the output (default: $ITA_LANG, else th)")
    diff.set_defaults(run=lambda args: _diff(args, emit))


def _load(which: str) -> Framework:
    """A shipped year ("2566") or a file."""
    return load_framework(int(which)) if which.isdigit() else load_framework(path=Path(which))


def _show(args: argparse.Namespace, emit: Any) -> int:
    fw = load_framework(args.year, path=args.framework)
    document = {"fiscal_year": fw.fiscal_year, "status": fw.status, "name_th": fw.name_th, "name_en": fw.name_en,
                "source": fw.source, "sha256": fw.sha256, "pass_mark": fw.scoring.pass_mark, "grading": fw.scoring.grading,
                "window": None if fw.window is None else [str(fw.window[0]), str(fw.window[1])],
                "tools": [{"id": t.id, "weight": t.weight, "minimum_sample": t.minimum_sample} for t in fw.tools],
                "indicators": [{"id": i.id, "tool": i.tool, "name_th": i.name_th,
                                "questions": [q.id for q in fw.questions if q.indicator == i.id]} for i in fw.indicators],
                "questions": [{"id": q.id, "indicator": q.indicator, "scale": q.scale, "reverse": q.reverse,
                               "theme_th": q.theme_th} for q in fw.questions],
                "oit_items": [{"id": o.id, "subindicator": o.subindicator, "title_th": o.title_th,
                               "responsible": list(o.responsible)} for o in fw.oit_items],
                "notes": list(fw.notes_th or fw.notes)}
    emit(args, document, lambda: _print_show(fw, _lang(args)))
    return 0


def _print_show(fw: Framework, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..output._i18n import say

    console = Console()
    name = fw.name_th if lang == "th" else fw.name_en
    console.print(f"[bold]FY{fw.fiscal_year}[/bold] ({say(f'status.{fw.status}', lang)}) {name}")
    weights = ", ".join(f"{t.id} {t.weight:g}" + (f" (n ≥ {t.minimum_sample})" if t.minimum_sample else "") for t in fw.tools)
    console.print(say("cli.fw_weights", lang, weights=weights, mark=fw.scoring.pass_mark))
    rules = (", ".join(f"{c.name_th} ≥ {c.minimum_overall:g}" + (f" (IIT, EIT, OIT ≥ {c.minimum_each_tool:g})"
                                                                  if c.minimum_each_tool else "") for c in fw.grade_categories)
             if fw.scoring.grading == "categories" else ", ".join(f"{b.grade} ≥ {b.minimum:g}" for b in fw.grade_bands))
    console.print(say("cli.fw_grading", lang, how=fw.scoring.grading, rules=rules))
    if fw.window:
        console.print(say("cli.fw_window", lang, start=fw.window[0], end=fw.window[1]))
    table = Table(*say("cli.fw_cols", lang).split("|"), title=say("cli.fw_indicators", lang))
    for column in table.columns:
        column.overflow = "fold"
    for i in fw.indicators:
        qs = [q for q in fw.questions if q.indicator == i.id]
        table.add_row(i.id, i.tool, i.name_th if lang == "th" else i.name_en,
                      ", ".join(q.id + ("*" if q.reverse else "") for q in qs) or say("cli.fw_oit_items", lang))
    console.print(table)
    console.print(say("cli.fw_counts", lang, q=len(fw.questions), o=len(fw.oit_items)))
    for note in (fw.notes_th or fw.notes) if lang == "th" else fw.notes:
        console.print("[dim]" + say("cli.note", lang, note=note) + "[/dim]")


def _check(args: argparse.Namespace, emit: Any) -> int:
    fw = load_framework(path=args.file)  # a FrameworkError names the file and the faulty key: exit 2
    document = {"file": str(args.file), "valid": True, "fiscal_year": fw.fiscal_year, "status": fw.status,
                "questions": len(fw.questions), "oit_items": len(fw.oit_items)}
    emit(args, document, lambda: print(say("cli.fw_valid", _lang(args), file=args.file, year=fw.fiscal_year,
                                           status=say(f"status.{fw.status}", _lang(args)), q=len(fw.questions),
                                           o=len(fw.oit_items))))
    return 0


def _new(args: argparse.Namespace, emit: Any) -> int:
    from ..core._framework import available_years

    if args.new_file.exists():
        raise ITAInputError("file_exists", path=args.new_file)
    base = _load(str(args.base)) if args.base is not None else load_framework(available_years()[-1])
    if args.year <= base.frame_year:
        raise ITAInputError("year_before_base", year=args.year, base=base.frame_year)
    refuse_input(args.new_file)
    crosswalk_file = args.new_file.with_suffix(".crosswalk.toml")
    if args.questions is None:
        text = framework_template(base, args.year)
    else:
        from ..core._new_frame import framework_from_questionnaire
        from ..io._questionnaire import read_questionnaire

        if crosswalk_file.exists():
            raise ITAInputError("file_exists", path=crosswalk_file)
        text = framework_from_questionnaire(base, args.year, read_questionnaire(args.questions))
    atomic_write(args.new_file, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    fw = load_framework(path=args.new_file)  # what it wrote loads
    document: dict[str, Any] = {"file": str(args.new_file), "fiscal_year": fw.fiscal_year, "extends": base.frame_year,
                                "questions": len(fw.questions), "oit_items": len(fw.oit_items)}
    if args.questions is not None:
        from ..core._new_frame import crosswalk_toml, propose_crosswalk

        proposal = propose_crosswalk(base, fw)
        atomic_write(crosswalk_file, lambda tmp: tmp.write_text(crosswalk_toml(proposal), encoding="utf-8"))
        document["crosswalk"] = {"file": str(crosswalk_file), "pairs": int((proposal.pairs["level"] != "indicator").sum()),
                                 "unmatched_from": proposal.unmatched_from, "unmatched_to": proposal.unmatched_to}
    emit(args, document, lambda: _print_new(document, base, _lang(args)))
    return 0


def _print_new(document: dict[str, Any], base: Framework, lang: str) -> None:
    print(say("cli.fw_new", lang, file=document["file"], year=document["fiscal_year"], base=base.frame_year))
    cw = document.get("crosswalk")
    if cw:
        new = ", ".join(cw["unmatched_to"].get("question", [])) or "—"
        gone = ", ".join(cw["unmatched_from"].get("question", [])) or "—"
        print(say("cli.fw_crosswalk", lang, file=cw["file"], pairs=cw["pairs"], new=new, gone=gone, base=base.frame_year,
                  year=document["fiscal_year"]))


def _diff(args: argparse.Namespace, emit: Any) -> int:
    a, b = _load(args.a), _load(args.b)
    rows = framework_diff(a, b)
    document = {"a": {"fiscal_year": a.fiscal_year, "source": a.source}, "b": {"fiscal_year": b.fiscal_year,
                                                                              "source": b.source}, "changes": rows}
    emit(args, document, lambda: _print_diff(a, b, rows, _lang(args)))
    return 0


def _print_diff(a: Framework, b: Framework, rows: list[dict[str, Any]], lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from ..output._i18n import say

    console = Console()
    if not rows:
        console.print(say("cli.fw_same", lang, a=a.fiscal_year, b=b.fiscal_year))
        return
    table = Table(*say("cli.fw_diff_cols", lang).split("|"), f"FY{a.fiscal_year}", f"FY{b.fiscal_year}",
                  title=say("cli.fw_diff_title", lang, a=a.fiscal_year, b=b.fiscal_year, n=len(rows)))
    for column in table.columns:
        column.overflow = "fold"
    for r in rows:
        table.add_row(r["kind"], r["id"], r["change"], r["before"], r["after"])
    console.print(table)


def _lang(args: argparse.Namespace) -> str:
    return chosen_language(getattr(args, "lang", None))
