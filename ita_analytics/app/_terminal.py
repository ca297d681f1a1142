"""What a command prints: its JSON document, or a readable summary in the reader's language (rich tables)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..core._framework import Framework
from ._inputs import _lang

__all__: list[str] = []


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


def _footer(console: Any, notes: Sequence[str], out: Path | None, lang: str) -> None:
    """The closing lines of a readable summary: the notes, and where the files went."""
    from ..output._i18n import note_words, say

    for note in notes:
        console.print("[dim]" + say("cli.note", lang, note=note_words(note, lang)) + "[/dim]")
    if out:
        console.print(say("cli.written", lang, out=out))


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

