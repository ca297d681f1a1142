"""Crosswalks: which ids of one fiscal year mean the same in the next (``crosswalks/<a>-<b>.toml``).

Assessment facts, like the frameworks: ``compare`` matches ids only through them, and whatever
they do not map is listed, never compared with another question.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, cast

from ._catalogue import Message
from ._errors import FrameworkError, ITAInputError

__all__ = ["LEVELS", "SECTIONS", "find_crosswalk", "load_crosswalk"]

#: The levels of a result, from the top.
LEVELS = ("overall", "tool", "indicator", "question")
#: The section of a results document that holds each level.
SECTIONS = {"overall": "overall", "tool": "tools", "indicator": "indicators", "question": "questions"}


def _crosswalk_dir() -> Path:
    return Path(str(resources.files("ita_analytics.core") / "crosswalks"))


def _read(path: Path) -> dict[str, object]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ITAInputError("crosswalk_unreadable", path=path, why=str(exc.strerror)) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FrameworkError("crosswalk_not_toml", path=path, why=str(exc)) from None
    for key in ("from_year", "to_year"):
        if not isinstance(data.get(key), int) or isinstance(data.get(key), bool):
            raise FrameworkError("crosswalk_year", path=path, field=key)
    return data


def _links(extra: tuple[str | Path, ...]) -> dict[tuple[int, int], tuple[Path, dict[str, object]]]:
    """Every crosswalk known: the shipped ones, then the user's (which take precedence), by (from, to) year."""
    links: dict[tuple[int, int], tuple[Path, dict[str, object]]] = {}
    for path in [*sorted(_crosswalk_dir().glob("*.toml")), *map(Path, extra)]:
        data = _read(path)
        links[(int(data["from_year"]), int(data["to_year"]))] = (path, data)  # type: ignore[call-overload]  # _read checked both are ints
    return links


def _path(links: dict[tuple[int, int], object], a: int, b: int) -> list[tuple[int, int, bool]] | None:
    """The shortest chain of crosswalks from year a to year b (each link used forwards or backwards), or None."""
    from collections import deque

    steps: dict[int, list[tuple[int, int, bool]]] = {}
    for x, y in links:
        steps.setdefault(x, []).append((x, y, True))
        steps.setdefault(y, []).append((x, y, False))
    seen = {a}
    queue: deque[tuple[int, list[tuple[int, int, bool]]]] = deque([(a, [])])
    while queue:
        year, chain = queue.popleft()
        if year == b:
            return chain
        for x, y, forward in steps.get(year, []):
            nxt = y if forward else x
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, [*chain, (x, y, forward)]))
    return None


def find_crosswalk(from_year: int, to_year: int, *, extra: tuple[str | Path, ...] = ()
                   ) -> tuple[dict[str, dict[str, str]], list[Message]] | None:
    """Id maps (level → {from id: to id}) and notes from one frame's year to another's, or None when no chain exists.

    The same year maps every id to itself. Otherwise the shortest chain of crosswalks (the shipped
    ones and the files in ``extra``, e.g. ``compare --crosswalk``) links them; an id matches only if
    every link maps it. A crosswalk whose ``status`` is "proposed" adds a note saying so.
    """
    if from_year == to_year:
        return {level: {} for level in LEVELS}, []
    links = _links(extra)
    chain = _path(links, from_year, to_year)  # type: ignore[arg-type]  # only the keys are read
    if chain is None:
        return None
    maps: dict[str, dict[str, str]] | None = None
    notes: list[Message] = []
    for a, b, forward in chain:
        path, data = links[(a, b)]
        sections: dict[str, Any] = {level: data.get(SECTIONS[level], {}) for level in LEVELS}
        link = {level: {str(k): str(v) for k, v in m.items()} for level, m in sections.items()}
        if not forward:
            link = {level: {v: k for k, v in m.items()} for level, m in link.items()}
        notes += [Message("source_note", text=str(n)) for n in cast(list[Any], data.get("notes", []))]
        if data.get("status") == "proposed":
            notes.append(Message("crosswalk_proposed", a=a, b=b, file=path.name))
        maps = link if maps is None else {lv: {k: link[lv][v] for k, v in maps[lv].items() if v in link[lv]}
                                          for lv in LEVELS}
    assert maps is not None
    return maps, notes


def load_crosswalk(from_year: int, to_year: int, *, extra: tuple[str | Path, ...] = ()
                   ) -> tuple[dict[str, dict[str, str]], list[Message]]:
    """:func:`find_crosswalk`, or :class:`ITAInputError` when no chain of crosswalks links the two years."""
    found = find_crosswalk(from_year, to_year, extra=extra)
    if found is None:
        raise ITAInputError("no_crosswalk", a=from_year, b=to_year)
    return found
