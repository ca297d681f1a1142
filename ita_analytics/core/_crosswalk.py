"""Crosswalks: which ids of one fiscal year mean the same in the next (``crosswalks/<a>-<b>.toml``).

Assessment facts, like the frameworks: ``compare`` matches ids only through them, and whatever
they do not map is listed, never compared with another question.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from ._errors import FrameworkError, ITAInputError

__all__ = ["LEVELS", "SECTIONS", "load_crosswalk"]

#: The levels of a result, from the top.
LEVELS = ("overall", "tool", "indicator", "question")
#: The section of a results document that holds each level.
SECTIONS = {"overall": "overall", "tool": "tools", "indicator": "indicators", "question": "questions"}


def _crosswalk_dir() -> Path:
    return Path(str(resources.files("ita_analytics.core") / "crosswalks"))


def load_crosswalk(from_year: int, to_year: int) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Id maps (level → {from id: to id}) and notes from one fiscal year to another.

    The same year maps every id to itself. Years further apart chain the shipped crosswalks
    (2565 → 2566 → 2567); an id matches only if every link maps it.
    """
    if from_year == to_year:
        return {level: {} for level in LEVELS}, []
    step = 1 if to_year > from_year else -1
    maps: dict[str, dict[str, str]] | None = None
    notes: list[str] = []
    for year in range(from_year, to_year, step):
        a, b = (year, year + 1) if step == 1 else (year - 1, year)
        path = _crosswalk_dir() / f"{a}-{b}.toml"
        if not path.exists():
            raise ITAInputError(f"no crosswalk between FY{a} and FY{b} is shipped, so their ids cannot be matched")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise FrameworkError(f"not a valid crosswalk ({exc})", path=path) from None
        link = {level: {str(k): str(v) for k, v in data.get(SECTIONS[level], {}).items()} for level in LEVELS}
        if step == -1:
            link = {level: {v: k for k, v in m.items()} for level, m in link.items()}
        notes += [str(n) for n in data.get("notes", [])]
        maps = link if maps is None else {lv: {k: link[lv][v] for k, v in maps[lv].items() if v in link[lv]}
                                          for lv in LEVELS}
    assert maps is not None
    return maps, notes

