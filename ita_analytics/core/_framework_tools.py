"""Help for a new fiscal year's framework: start one from last year's, and see what changed between two.

Every year brings a new framework (FY2568, FY2569 …). :func:`framework_template` writes the start
of one: it ``extends`` an existing year, so it holds only what changes, with a comment on each
thing to fill in. :func:`framework_diff` lists what differs between two frameworks (questions,
OIT items, weights, grading, rules): what a crosswalk for ``compare`` must say.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

from ._framework import BE_OFFSET, Framework, _framework_dir, _shift_years, first_category_year, load_framework

__all__ = ["framework_diff", "framework_template"]


def framework_template(base: Framework, year: int, *, lists: str = "") -> str:
    """The TOML text of a new year's framework that extends ``base`` (checked: it loads as written).

    From the first year graded in result categories (FY2567) on, the new frame grades in
    categories even when ``base`` used grade bands (the categories are the newest shipped ones).
    ``lists`` (TOML text) is written where the lists that replace ``base``'s go (questions, items …).
    """
    start, end = year - BE_OFFSET - 1, year - BE_OFFSET  # the fiscal year runs 1 Oct (CE year start) – 30 Sep (CE year end)
    window = base.window or (dt.date(base.fiscal_year - BE_OFFSET, 5, 1), dt.date(base.fiscal_year - BE_OFFSET, 6, 30))
    first, last = (_shift_years(d, year - base.fiscal_year) for d in window)
    text = resources.files(__package__).joinpath("frameworks", "new_frame.toml.tmpl").read_text(encoding="utf-8")
    text = text.split("\n", 2)[2]  # without the two lines about the template itself
    return text.format(year=year, start=start, end=end, frame_year=base.frame_year, extends=_extends(base),
                       pass_mark=base.scoring.pass_mark, grading=_grading(base, year), first=first.isoformat(),
                       last=last.isoformat(), lists=lists, categories=_categories(base, year))


def _extends(base: Framework) -> str:
    """``extends``: a shipped year by its number, a frame file of one's own by its path."""
    source = Path(base.source)
    if source.name == f"{base.frame_year}.toml" and source.parent == _framework_dir():
        return str(base.frame_year)
    return json.dumps(str(source.resolve()), ensure_ascii=False)


def _grading(base: Framework, year: int) -> str:
    first = first_category_year()
    return "categories" if first is not None and year >= first else base.scoring.grading


def _categories(base: Framework, year: int) -> str:
    """The result categories written out when the new frame grades in categories and ``base`` did not."""
    if _grading(base, year) != "categories" or base.scoring.grading == "categories":
        return ""
    source = load_framework(first_category_year())
    lines = [f"\n# The result categories (from FY{source.frame_year}), checked from the top: the first whose conditions hold."]
    for c in source.grade_categories:
        lines += ["[[grade_categories]]", f"name_th = {_q(c.name_th)}", f"name_en = {_q(c.name_en)}",
                  f"minimum_overall = {c.minimum_overall!r}"]
        if c.minimum_each_tool is not None:
            lines.append(f"minimum_each_tool = {c.minimum_each_tool!r}")
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    """A TOML basic string."""
    return json.dumps(text, ensure_ascii=False)


def _by_id(items: tuple[Any, ...], fields: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    return {str(i.id): {f: getattr(i, f) for f in fields} for i in items}


def _changes(kind: str, before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [{"kind": kind, "id": k, "change": "removed", "before": str(before[k]), "after": ""}
            for k in before if k not in after]
    rows += [{"kind": kind, "id": k, "change": "added", "before": "", "after": str(after[k])} for k in after if k not in before]
    for k in before:
        if k in after and before[k] != after[k]:
            fields = [f for f in before[k] if before[k][f] != after[k][f]]
            rows.append({"kind": kind, "id": k, "change": "changed: " + ", ".join(fields),
                         "before": "; ".join(f"{f}={before[k][f]}" for f in fields),
                         "after": "; ".join(f"{f}={after[k][f]}" for f in fields)})
    return rows


def framework_diff(a: Framework, b: Framework) -> list[dict[str, Any]]:
    """What differs from ``a`` to ``b``: one row per change (``kind, id, change, before, after``).

    Kinds: ``tool`` (weight, minimum sample), ``indicator`` (its tool, name), ``question`` (its
    indicator, scale, polarity), ``oit_item`` (its sub-indicator, who is responsible),
    ``grading`` (pass mark, bands or categories, aggregation choices) and ``fieldwork`` (the window).
    Theme and title wordings are left out: they change in translation without changing what is asked.
    """
    rows = _changes("tool", _by_id(a.tools, ("weight", "minimum_sample")), _by_id(b.tools, ("weight", "minimum_sample")))
    rows += _changes("indicator", _by_id(a.indicators, ("tool", "name_th")), _by_id(b.indicators, ("tool", "name_th")))
    rows += _changes("question", _by_id(a.questions, ("indicator", "scale", "reverse")),
                     _by_id(b.questions, ("indicator", "scale", "reverse")))
    rows += _changes("oit_item", _by_id(a.oit_items, ("subindicator", "responsible")),
                     _by_id(b.oit_items, ("subindicator", "responsible")))
    grading = {"pass_mark": a.scoring.pass_mark, "grading": a.scoring.grading,
               "bands": [(g.grade, g.minimum) for g in a.grade_bands],
               "categories": [(c.name_th, c.minimum_overall, c.minimum_each_tool) for c in a.grade_categories],
               "four_level_points": a.scoring.four_level_points, "tool_aggregation": a.scoring.tool_aggregation,
               "oit_aggregation": a.scoring.oit_aggregation}
    after = {"pass_mark": b.scoring.pass_mark, "grading": b.scoring.grading,
             "bands": [(g.grade, g.minimum) for g in b.grade_bands],
             "categories": [(c.name_th, c.minimum_overall, c.minimum_each_tool) for c in b.grade_categories],
             "four_level_points": b.scoring.four_level_points, "tool_aggregation": b.scoring.tool_aggregation,
             "oit_aggregation": b.scoring.oit_aggregation}
    rows += _changes("grading", {"rules": grading}, {"rules": after})
    window = {"window": {"window": None if a.window is None else f"{a.window[0]} – {a.window[1]}"}}
    window_b = {"window": {"window": None if b.window is None else f"{b.window[0]} – {b.window[1]}"}}
    return rows + _changes("fieldwork", window, window_b)
