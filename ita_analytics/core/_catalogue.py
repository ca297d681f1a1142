"""The catalogue: every word and message shown to people, as one data file per language.

``catalogue/th.toml`` and ``catalogue/en.toml`` hold the words (``[words]``, the ``[labels.*]``
tables, ``[months]``) and the messages (``[messages]``, with ``[explain]`` for ``ita explain``);
``catalogue/codes.toml`` gives each message its short code: ``ITA-E…`` an error (the input or
output cannot be used), ``ITA-W…`` a warning (the result stands, but read it with care),
``ITA-N…`` a note (how the result was made).

The library decides, and says what it decided as a :class:`Message`: a symbolic name and the
values that fill its text, e.g. ``Message("iit_no_roster")`` or
``Message("nobody_answered", tool="EIT", ids=["e3"])``. Only here does a message become a
sentence, in the reader's language; no module builds one, and none parses one back.

A message is also a :class:`str`, its English text, so a log line or ``"roster" in note``
still reads naturally; a program asks for ``note.name`` or ``note.code``, never the words.
"""

from __future__ import annotations

import json
import string
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["LANGUAGES", "Message", "Messages", "catalogue", "code_of", "coded", "explain", "from_json", "message_names",
           "name_of", "render", "words"]

#: The languages the catalogue speaks; the first is the default.
LANGUAGES = ("th", "en")


@cache
def catalogue(language: str) -> dict[str, Any]:
    """The parsed catalogue of ``language`` (Thai for a language it does not speak)."""
    chosen = language if language in LANGUAGES else LANGUAGES[0]
    text = resources.files(__package__).joinpath("catalogue", f"{chosen}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def _codes() -> dict[str, str]:
    text = resources.files(__package__).joinpath("catalogue", "codes.toml").read_text(encoding="utf-8")
    return {name: code for table in tomllib.loads(text).values() for name, code in table.items()}


@cache
def _names() -> dict[str, str]:
    return {code: name for name, code in _codes().items()}


def message_names() -> tuple[str, ...]:
    """Every message the library can say, by symbolic name, in the order of ``codes.toml``."""
    return tuple(_codes())


def code_of(name: str) -> str:
    """A message's short code (``"ITA-W012"``) from its symbolic name."""
    return _codes()[name]


def name_of(code: str) -> str | None:
    """A message's symbolic name from its short code (any case, with or without ``ITA-``), or None."""
    wanted = code.strip().upper()
    return _names().get(wanted if wanted.startswith("ITA-") else f"ITA-{wanted}")


class _Formatter(string.Formatter):
    """``str.format`` that knows the catalogue's own specs.

    ``{x:column}`` is a column code by its header, ``{x:headers}`` a list of them with the file's
    Thai headers, ``{x:years}`` counts by fiscal year; a list is joined by commas and a message is
    said in the same language.
    """

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if value is _BLANK:
            return "…"
        if format_spec == "column":
            return str(catalogue(self.language)["labels"]["column"].get(str(value).replace(" ", "_"), value))
        if format_spec == "headers":  # column codes as the file's headers: "submitted_at (วันที่ตอบ)" / "วันที่ตอบ"
            thai = catalogue("th")["labels"]["column"]
            return ", ".join((thai[c] if self.language == "th" else f"{c} ({thai[c]})") if c in thai else str(c)
                             for c in value)
        if format_spec == "measure":  # measure column codes by their headers
            heads = catalogue(self.language)["labels"]["measure"]
            return ", ".join(str(heads.get(c, c)) for c in value)
        if format_spec == "years" and isinstance(value, Mapping):  # {"2566": 120, "2567": 3}
            return ", ".join(words("year.one", self.language, year=y, n=n) for y, n in value.items())
        if isinstance(value, Message | Messages):
            return value.text(self.language)
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return super().format_field(value, format_spec)


def render(template: str, language: str, values: Mapping[str, Any]) -> str:
    """``template`` filled in with ``values`` in ``language`` (see :class:`_Formatter` for the specs)."""
    return _Formatter(language).vformat(template, (), values)


def words(key: str, language: str, **values: Any) -> str:
    """The text of a word key (``"report.title"``) in ``language``, filled in with ``values``.

    Raises
    ------
    KeyError
        When the catalogue has no such key (a programming error: tests render every key).
    """
    text = catalogue(language)["words"][key]
    return render(text, language, values) if values else text  # without values: the template itself


class Message(str):
    """One thing the library says: a symbolic name, its values and (as a string) its English text.

    Parameters
    ----------
    name
        The message's symbolic name, a key of ``catalogue/codes.toml`` (``"iit_no_roster"``).
    **values
        What fills its text: strings, numbers and lists of them (kept for the JSON as given).
    """

    name: str
    values: dict[str, Any]

    def __new__(cls, name: str, /, **values: Any) -> Message:
        if name not in _codes():
            raise KeyError(f"the catalogue has no message {name!r} (add it to core/catalogue/codes.toml)")
        self = super().__new__(cls, render(catalogue("en")["messages"][name], "en", values))
        self.name, self.values = name, values
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (the cache, worker processes) as name and values
        return (_rebuild, (self.name, self.values))

    @property
    def code(self) -> str:
        """The short code a person sees, e.g. ``"ITA-N004"``."""
        return code_of(self.name)

    @property
    def kind(self) -> str:
        """``"error"``, ``"warning"`` or ``"note"``, from the code's letter."""
        return {"E": "error", "W": "warning", "N": "note"}[self.code[4]]

    def text(self, language: str = "en", *, with_code: bool = False) -> str:
        """The message in ``language``; ``with_code`` ends it with its code: "… (ITA-N004)"."""
        said = render(catalogue(language)["messages"][self.name], language, self.values)
        return f"{said} ({self.code})" if with_code else said

    def to_json(self, language: str = "en") -> dict[str, Any]:
        """``code``, ``name``, ``values`` and ``text`` (in ``language``): what a JSON document carries."""
        values = {k: _json_value(v, language) for k, v in self.values.items()}
        return {"code": self.code, "name": self.name, "values": values, "text": self.text(language)}

    def __repr__(self) -> str:
        return f"Message({self.name!r}{''.join(f', {k}={v!r}' for k, v in self.values.items())})"


def _rebuild(name: str, values: dict[str, Any]) -> Message:
    return Message(name, **values)


def _json_value(value: Any, language: str) -> Any:
    if isinstance(value, Messages):
        return [p.to_json(language) for p in value.parts]
    if isinstance(value, Message):
        return value.to_json(language)
    return list(value) if isinstance(value, tuple) else value


def from_json(document: Mapping[str, Any]) -> Message:
    """A message again from its JSON (``name`` and ``values``), e.g. a results file's notices."""
    return Message(str(document["name"]), **dict(document.get("values", {})))


def coded(value: Any, language: str) -> Any:
    """A JSON document with every message said in ``language``, and its codes beside it.

    A key holding messages keeps their text (a sentence, or a list of sentences, as before) and
    gains ``<key>_codes``: a list of ``code, name, values, text``. Everything else is kept.
    """
    if isinstance(value, Message | Messages):
        return value.text(language)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out[key] = coded(item, language)
            codes = _coded_list(item, language)
            if codes is not None:
                out[f"{key}_codes"] = codes
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict | list | Message):  # long plain lists pass untouched
        if all(type(row) is dict for row in value) and not any(type(v) in _MAY_HOLD_WORDS for row in value
                                                                for v in row.values()):
            return value  # records (a table's rows) without a message: as they are, without a copy
        return [coded(v, language) for v in value]
    return value


def _coded_list(value: Any, language: str) -> list[dict[str, Any]] | None:
    if isinstance(value, Messages):
        return [p.to_json(language) for p in value.parts]
    if isinstance(value, Message):
        return [value.to_json(language)]
    if isinstance(value, list) and value and any(isinstance(v, Message) for v in value):
        return [v.to_json(language) for v in value if isinstance(v, Message)]
    return None


class Messages(str):
    """Several messages about one thing (a rejected row's reasons), as one string joined by "; "."""

    parts: tuple[Message, ...]

    def __new__(cls, parts: Iterable[Message]) -> Messages:
        kept = tuple(parts)
        self = super().__new__(cls, "; ".join(kept))
        self.parts = kept
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Messages, (self.parts,))

    def text(self, language: str = "en", *, with_code: bool = False) -> str:
        """Every part in ``language``, joined by "; "."""
        return "; ".join(p.text(language, with_code=with_code) for p in self.parts)

    def dumps(self) -> str:
        """The parts as JSON text (names and values), to keep in a file (:meth:`loads` reads it back)."""
        return json.dumps([{"name": p.name, "values": p.values} for p in self.parts], ensure_ascii=False)

    @classmethod
    def loads(cls, text: str) -> Messages:
        """Messages again from :meth:`dumps`'s text (a ``ValueError`` for any other text)."""
        return cls(from_json(d) for d in json.loads(text))


#: The types of value that are, or may hold, a message (a plain text, a number or None is none).
_MAY_HOLD_WORDS = frozenset({Message, Messages, dict, list, tuple})


def explain(code: str, language: str) -> str | None:
    """The longer explanation of a code and what to do, in ``language`` (None for an unknown code)."""
    name = name_of(code)
    if name is None:
        return None
    book = catalogue(language)
    head = render(book["messages"][name], language, _Placeholders())
    return f"{code_of(name)} · {head}\n\n{book['explain'][name]}"


_BLANK = object()


class _Placeholders(dict[str, Any]):
    """Values for a template shown without values: each field is shown as ``…``."""

    def __missing__(self, key: str) -> object:
        return _BLANK

    def __bool__(self) -> bool:
        return True
