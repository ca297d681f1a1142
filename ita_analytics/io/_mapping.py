"""Mapping files: which headers and labels of an export mean which canonical column and answer."""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..core._errors import FrameworkError
from ..core._framework import Framework
from ._text import category_key, label_key

__all__ = ["ColumnMapping", "load_mapping"]

_ANSWER_KINDS = ("four_level", "yes_no", "oit_status", "level")
_VALUE_FIELDS = ("staff_type", "respondent_group", "department")


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Header and label aliases, as loaded from the default mapping plus a user's additions."""

    columns: Mapping[str, str]  # header key → canonical column
    question_pattern: re.Pattern[str]  # matches a question header: group 1 letter, group 2 number
    question_headers: Mapping[str, str]  # header key → question id, for other layouts
    answers: Mapping[str, Mapping[str, str]]  # answer kind → label key → canonical code
    values: Mapping[str, Mapping[str, str]]  # field → category key → canonical name
    sources: tuple[str, ...]  # the files it was built from
    sha256: str  # hash over those files' bytes

    def column_of(self, header: str) -> str | None:
        """The canonical column a header names, or None."""
        return self.columns.get(label_key(header))

    def question_of(self, header: str) -> str | None:
        """The question id a header names (e.g. ``"ข้อ i1"`` → ``"i1"``), or None."""
        key = label_key(header)
        if key in self.question_headers:
            return self.question_headers[key]
        m = self.question_pattern.match(key)
        return f"{m.group(1)}{int(m.group(2))}" if m else None

    def value_lookup(self, field: str, framework: Framework) -> dict[str, str]:
        """Category key → canonical name for one field, with the framework's own names included."""
        own: tuple[Any, ...] = {
            "staff_type": framework.staff_types,
            "respondent_group": framework.respondent_groups,
            "department": framework.departments,
        }[field]
        lookup = {category_key(v.name_en): v.name_th for v in own}
        lookup.update({category_key(v.name_th): v.name_th for v in own})
        lookup.update(self.values.get(field, {}))
        return lookup


def _default_path() -> Path:
    return Path(str(resources.files("ita_analytics.io") / "mappings" / "default.toml"))


def load_mapping(path: str | Path | None = None) -> ColumnMapping:
    """Load the default mapping, plus a user's mapping file added on top of it.

    Parameters
    ----------
    path : str or Path, optional
        A TOML file laid out like ``mappings/default.toml``; its aliases are added to the
        defaults and its question pattern, when given, replaces the default one.
    """
    paths = [_default_path()] + ([Path(path)] if path is not None else [])
    merged = _Merged()
    for p in paths:
        merged.add(_read(p), p)
    if merged.pattern is None:  # pragma: no cover - the default file has one
        raise FrameworkError("field_missing_keys", path=paths[0], field="questions", keys=["pattern"])
    frozen = MappingProxyType
    return ColumnMapping(
        columns=frozen(merged.columns), question_pattern=merged.pattern, question_headers=frozen(merged.qheaders),
        answers=frozen({k: frozen(v) for k, v in merged.answers.items()}),
        values=frozen({k: frozen(v) for k, v in merged.values.items()}),
        sources=tuple(str(p) for p in paths), sha256=merged.digest.hexdigest(),
    )


#: The answer codes a mapping may map labels to, per kind of answer.
_CODES = {"four_level": ("1", "2", "3", "4"), "yes_no": ("yes", "no"), "oit_status": ("yes", "no"),
          "level": ("overall", "tool", "indicator")}


class _Merged:
    """The aliases of the mapping files read so far, each file's added on top of the last."""

    def __init__(self) -> None:
        self.columns: dict[str, str] = {}
        self.qheaders: dict[str, str] = {}
        self.answers: dict[str, dict[str, str]] = {k: {} for k in _ANSWER_KINDS}
        self.values: dict[str, dict[str, str]] = {k: {} for k in _VALUE_FIELDS}
        self.pattern: re.Pattern[str] | None = None
        self.digest = hashlib.sha256()

    def add(self, data: dict[str, Any], p: Path) -> None:
        """Add one file's sections (the file's bytes go into the digest)."""
        self.digest.update(p.read_bytes())
        unknown = sorted(data.keys() - {"columns", "questions", "answers", "values"})
        if unknown:
            raise FrameworkError("field_unknown_keys", path=p, field="", keys=unknown)
        for canonical, aliases in _table(data, "columns", p).items():
            for alias in _aliases(aliases, f"columns.{canonical}", p):
                self.columns[label_key(alias)] = canonical
        self._questions(_table(data, "questions", p), p)
        for kind, table in _table(data, "answers", p).items():
            self._answers(kind, table, p)
        for fld, table in _table(data, "values", p).items():
            if fld not in self.values:
                raise FrameworkError("field_not_one_of", path=p, field=f"values.{fld}", allowed=list(_VALUE_FIELDS), got=fld)
            for canonical, aliases in _table({fld: table}, fld, p).items():
                for alias in [canonical, *_aliases(aliases, f"values.{fld}.{canonical}", p)]:
                    self.values[fld][category_key(alias)] = canonical

    def _answers(self, kind: str, table: Any, p: Path) -> None:
        if kind not in self.answers:
            raise FrameworkError("field_not_one_of", path=p, field=f"answers.{kind}", allowed=list(_ANSWER_KINDS), got=kind)
        for code, aliases in _table({kind: table}, kind, p).items():
            if code not in _CODES[kind]:
                raise FrameworkError("field_not_one_of", path=p, field=f"answers.{kind}", allowed=list(_CODES[kind]), got=code)
            for alias in _aliases(aliases, f"answers.{kind}.{code}", p):
                self.answers[kind][label_key(alias)] = code

    def _questions(self, q: dict[str, Any], p: Path) -> None:
        if "pattern" in q:
            try:
                self.pattern = re.compile(str(q["pattern"]))
            except re.error as exc:
                raise FrameworkError("bad_pattern", path=p, why=str(exc)) from None
            if self.pattern.groups < 2:
                raise FrameworkError("pattern_groups", path=p)
        for header, qid in _table(q, "headers", p).items():
            self.qheaders[label_key(header)] = str(qid)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise FrameworkError("framework_unreadable", path=path, why=str(exc.strerror)) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FrameworkError("framework_not_toml", path=path, why=str(exc)) from None


def _table(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise FrameworkError("field_not_table", path=path, field=key)
    return value


def _aliases(value: Any, where: str, path: Path) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise FrameworkError("field_not_list", path=path, field=where)
    return [str(v) for v in value]
