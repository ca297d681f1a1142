"""The assessment's facts for one fiscal year, loaded from a versioned TOML file.

The framework object is the only place that knows questions, points, polarity, weights,
quotas, grade bands and OIT responsibilities; everything else asks it. Files live in
``ita_analytics/frameworks/<year>.toml``; a user may point at their own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import functools
import hashlib
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ._catalogue import Message
from ._errors import FrameworkError

__all__ = [
    "CoverageRule",
    "Framework",
    "GradeBand",
    "GradeCategory",
    "Indicator",
    "NationalResult",
    "OITItem",
    "Question",
    "SampleRule",
    "ScoringSettings",
    "Tool",
    "ToolPart",
    "answer_categories",
    "available_years",
    "current_fiscal_year",
    "frame_notes",
    "default_year",
    "first_category_year",
    "fiscal_year_of_date",
    "load_framework",
]

#: Buddhist era = Christian era + 543.
BE_OFFSET = 543
#: The earliest Buddhist-era year a fiscal year may be; a smaller number is taken for a Christian-era year.
_BE_FLOOR = 2400


def fiscal_year_of_date(day: dt.date) -> int:
    """The Buddhist-era fiscal year of a date: it runs 1 October – 30 September (1 Oct 2026 is in FY2570)."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def current_fiscal_year(today: dt.date | None = None) -> int:
    """The fiscal year of ``today`` (default: today in Thai time, Asia/Bangkok)."""
    if today is None:
        today = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).date()  # Thai time, no daylight saving
    return fiscal_year_of_date(today)

def frame_notes(framework: Framework, prefixes: tuple[str, ...] = ()) -> list[Message]:
    """The frame's own notes (those starting with one of ``prefixes``, or all) as messages, with their Thai lines."""
    thai = framework.notes_th or framework.notes
    return [Message("frame_note", text=en, text_th=th) for en, th in zip(framework.notes, thai)
            if not prefixes or en.startswith(prefixes)]


FourLevelPoints = Literal["exact_thirds", "two_decimals", "integers"]
ToolAggregation = Literal["questions", "indicators"]
OITAggregation = Literal["items", "indicators"]
Grading = Literal["bands", "categories"]
Scale = Literal["4L", "YN"]

#: Points of the 4 levels (1 = least/none … 4 = most) under each scheme.
_FOUR_LEVEL_POINTS: dict[str, tuple[float, float, float, float]] = {
    "exact_thirds": (0.0, 100.0 / 3.0, 200.0 / 3.0, 100.0),
    "two_decimals": (0.0, 33.33, 66.67, 100.0),
    "integers": (0.0, 33.0, 67.0, 100.0),
}
#: Canonical answer codes: 4-level answers are "1" … "4"; yes/no answers are "yes" / "no".
FOUR_LEVEL_CODES: tuple[str, ...] = ("1", "2", "3", "4")
YES_NO_CODES: tuple[str, ...] = ("yes", "no")


def answer_categories(scale: str) -> tuple[str, ...]:
    """The answer codes of a scale, in order: ``("1", "2", "3", "4")`` (4-level) or ``("yes", "no")``."""
    return FOUR_LEVEL_CODES if scale == "4L" else YES_NO_CODES


@dataclass(frozen=True, slots=True)
class ScoringSettings:
    """The scoring choices the specification marks as uncertain (each is a setting)."""

    four_level_points: FourLevelPoints = "exact_thirds"  # 0/33.3…/66.6…/100, or rounded variants
    tool_aggregation: ToolAggregation = "questions"  # IIT/EIT = mean of questions or of indicators
    oit_aggregation: OITAggregation = "items"  # OIT = mean of its items or of indicators 9 and 10
    grading: Grading = "bands"  # grade bands AA…F, or FY2567 result categories
    pass_mark: float = 85.0  # overall score counted as a pass


@dataclass(frozen=True, slots=True)
class GradeBand:
    """One grade band: a score at or above ``minimum`` (and below the band above) gets ``grade``."""

    grade: str  # the band's name, e.g. "AA"
    minimum: float  # lowest score in the band, inclusive


@dataclass(frozen=True, slots=True)
class GradeCategory:
    """One FY2567-style result category, checked from the top."""

    name_th: str  # the category as published, e.g. "ผ่านดี"
    name_en: str  # English name
    minimum_overall: float  # the overall score must reach this
    minimum_each_tool: float | None = None  # and so must every tool score, when set


@dataclass(frozen=True, slots=True)
class SampleRule:
    """How many responses a survey tool needs, as a rule of the headcount (as the NACC's ITAS computes it).

    A fixed number (``fixed``), or a share of the headcount with a floor and a cap (``share``,
    ``floor``, ``cap``: e.g. the ITA 2021 school manual's EIT, 10% of users, at least 30, and 400
    enough above 4,000); with ``everyone_when_fewer``, everyone when the headcount is below the number.
    """

    fixed: int | None = None  # a fixed number of responses (e.g. 400), whatever the headcount
    share: float | None = None  # a share of the headcount (0–1), rounded up
    floor: int | None = None  # with a share: at least this many
    cap: int | None = None  # with a share: this many are enough
    everyone_when_fewer: bool = False  # fewer people than the number: every one of them must answer

    def required(self, headcount: float | None) -> int | None:
        """The responses needed for ``headcount`` people (None: a share-only rule without a headcount)."""
        if self.fixed is not None:
            need = self.fixed
        elif headcount is None:
            return self.floor
        else:
            need = math.ceil(round((self.share or 0.0) * headcount, 9))
            if self.floor is not None:
                need = max(need, self.floor)
            if self.cap is not None:
                need = min(need, self.cap)
        if self.everyone_when_fewer and headcount is not None:
            need = min(need, math.ceil(headcount))
        return need


@dataclass(frozen=True, slots=True)
class ToolPart:
    """A part of a survey tool (the national FY2566 EIT had two): the tool is the mean of its parts."""

    id: str  # e.g. "EIT1"
    name_th: str  # Thai name
    name_en: str  # English name
    indicators: tuple[str, ...]  # the indicators that make up the part


@dataclass(frozen=True, slots=True)
class Tool:
    """An assessment tool: IIT, EIT (surveys) or OIT (checklist)."""

    id: str  # "IIT", "EIT" or "OIT"
    kind: Literal["survey", "checklist"]  # how it is scored
    weight: float  # weight in the overall score; the weights sum to 1
    name_th: str  # Thai name
    name_en: str  # English name
    minimum_sample: int | None = None  # required responses when the rule is a fixed number (else the rule's floor)
    sample_rule: SampleRule | None = None  # the rule itself (a fixed number, or a share with a floor and a cap)
    parts: tuple[ToolPart, ...] = ()  # a tool in parts is the mean of its parts' scores (none: one whole)

    def required_sample(self, headcount: float | None = None) -> int | None:
        """Responses needed for a headcount (staff with the tenure rule for the IIT, service users for the EIT)."""
        if self.sample_rule is None:
            return self.minimum_sample
        return self.sample_rule.required(headcount)


@dataclass(frozen=True, slots=True)
class NationalResult:
    """The NACC's published national result of one fiscal year (context for an agency's score)."""

    year: int  # Buddhist-era fiscal year
    agencies: int  # agencies assessed
    mean: float  # national mean overall score
    share_pass: float  # share of agencies at or above the pass mark (0–1)
    derived: bool = False  # True where the figure was worked out from others, not published as such


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator (ตัวชี้วัด) of one tool."""

    id: str  # "1" … "10"
    tool: str  # the tool it belongs to
    name_th: str  # Thai name
    name_en: str  # English name


@dataclass(frozen=True, slots=True)
class SubIndicator:
    """A sub-indicator of an OIT indicator (e.g. 9.1 basic information)."""

    id: str  # e.g. "9.1"
    indicator: str  # the parent indicator
    name_th: str  # Thai name
    name_en: str  # English name


@dataclass(frozen=True, slots=True)
class Question:
    """A survey question with its scale and polarity."""

    id: str  # stable id, e.g. "i4" or "e10"
    indicator: str  # the indicator it belongs to
    scale: Scale  # "4L" (four levels) or "YN" (yes/no)
    reverse: bool  # True where "most"/"yes" is the bad answer
    theme_en: str = ""  # what the question asks, in short
    theme_th: str = ""  # the same in Thai
    text_th: str = ""  # the question as the questionnaire words it (from `framework new --questions`)


@dataclass(frozen=True, slots=True)
class OITItem:
    """An OIT checklist item and who must publish it."""

    id: str  # "O1" … "O30"
    subindicator: str  # e.g. "9.1"
    title_th: str  # what must be published, in Thai
    title_en: str  # the same in English
    responsible: tuple[str, ...]  # departments responsible (the frame's ``every_department`` word = all of them)


@dataclass(frozen=True, slots=True)
class NamedValue:
    """A category value with its Thai and English names (respondent group, staff type, department)."""

    name_th: str  # the canonical Thai name, as stored in the tidy tables
    name_en: str  # English name
    staff_class: str | None = None  # for staff types: "civil_servant" or "employee"


@dataclass(frozen=True, slots=True)
class CoverageRule:
    """An IIT coverage rule for (department, staff type) cells of the roster."""

    description: str  # the rule as the memo words it
    staff_class: str  # staff class it applies to
    departments: tuple[str, ...]  # names or shell-style patterns ("*", "โรงเรียน*")
    required_coverage: float  # share of the cell's eligible staff who must answer, 0–1


@dataclass(frozen=True, slots=True)
class Framework:
    """Everything the assessment says for one fiscal year. Build it with :func:`load_framework`."""

    fiscal_year: int  # Buddhist-era fiscal year, e.g. 2566
    name_th: str  # Thai title
    name_en: str  # English title
    status: Literal["source", "partial", "provisional"]  # how sure the facts are
    notes: tuple[str, ...]  # what is assumed or unknown
    notes_th: tuple[str, ...]  # the same in Thai, for the Thai pack (empty: none written)
    scoring: ScoringSettings  # the uncertain scoring choices
    grade_bands: tuple[GradeBand, ...]  # from the top band down
    grade_categories: tuple[GradeCategory, ...]  # FY2567-style categories, if any
    tools: tuple[Tool, ...]  # IIT, EIT, OIT
    indicators: tuple[Indicator, ...]  # all indicators in order
    subindicators: tuple[SubIndicator, ...]  # OIT sub-indicators
    questions: tuple[Question, ...]  # all survey questions in order
    oit_items: tuple[OITItem, ...]  # the OIT checklist
    respondent_groups: tuple[NamedValue, ...]  # EIT respondent groups
    staff_types: tuple[NamedValue, ...]  # IIT staff types
    departments: tuple[NamedValue, ...]  # the agency's departments (schools match a pattern)
    school_pattern: str  # shell-style pattern naming a school
    minimum_tenure_years: float  # IIT respondents need this much service
    coverage_rules: tuple[CoverageRule, ...]  # IIT coverage rules, first match wins
    coordinator: str  # who answers for items owned by every department: the ITA working group's secretary
    window: tuple[dt.date, dt.date] | None  # IIT/EIT collection window, first and last day (Thai time); None: unknown
    source: str  # the file it was loaded from
    sha256: str  # hash of that file's bytes (with the file it extends)
    every_department: str = ""  # the word an item's `responsible` uses for "every department" ("": none)
    short_names: tuple[tuple[str, str], ...] = ()  # (long, short) words of agency names, for tight labels
    frame_year: int = 0  # the year whose frame file the facts come from (= fiscal_year unless carried forward)
    carried_forward: bool = False  # True: no frame of fiscal_year exists; frame_year's is used in its place
    lineage: tuple[int, ...] = ()  # frame_year, then the years its file extends (2570 → 2567 → 2566)
    national: tuple[NationalResult, ...] = ()  # the NACC's published national results known to the frame

    def __repr__(self) -> str:
        """A few lines: the year, its status, what it holds, how it grades (never the whole frame)."""
        tools = ", ".join(f"{t.id} {t.weight:g}" for t in self.tools)
        grading = (f"categories ({', '.join(c.name_th for c in self.grade_categories)})"
                   if self.scoring.grading == "categories" else f"bands ({', '.join(b.grade for b in self.grade_bands)})")
        status = self.status + (f"; FY{self.frame_year}'s frame carried forward" if self.carried_forward else "")
        return (f"<Framework FY{self.fiscal_year} ({status}): {len(self.questions)} questions, {len(self.indicators)} "
                f"indicators, {len(self.oit_items)} OIT items; weights {tools}; pass mark {self.scoring.pass_mark:g}; "
                f"{grading}>")

    def _repr_html_(self) -> str:
        """The tools and indicators as a table, in a notebook."""
        import html

        rows = "".join(f"<tr><td>{i.tool}</td><td>{i.id}</td><td>{html.escape(i.name_th)}</td>"
                       f"<td>{sum(1 for q in self.questions if q.indicator == i.id)}</td></tr>" for i in self.indicators)
        return (f"<p><b>{html.escape(repr(self)[1:-1])}</b></p><table><tr><th>tool</th><th>indicator</th><th>name</th>"
                f"<th>questions</th></tr>{rows}</table>")

    def short_name(self, name: str) -> str:
        """An agency's name shortened as the frame says (``[organisation] short_names``), for a chart's label."""
        for long, short in self.short_names:
            name = name.replace(long, short)
        return name

    def owners(self, item_id: str) -> tuple[str, ...]:
        """Who answers for an OIT item: its departments, "every department" standing for the coordinator."""
        item = next((o for o in self.oit_items if o.id == item_id), None)
        named = [self.coordinator if r == self.every_department else r for r in (item.responsible if item else ())]
        return tuple(dict.fromkeys(named or [self.coordinator]))

    def reads_like(self, other: Framework) -> bool:
        """True when a file read with ``other`` would be read the same with this frame (same questions and categories).

        Reading depends on the questions (ids and scales), staff types, respondent groups,
        departments, the school pattern and the tenure rule; not on weights, grading or dates.
        """
        def facts(f: Framework) -> tuple[Any, ...]:
            return (tuple((q.id, q.indicator, q.scale) for q in f.questions), f.staff_types, f.respondent_groups,
                    f.departments, f.school_pattern, f.minimum_tenure_years, tuple(o.id for o in f.oit_items),
                    tuple(t.id for t in f.tools))
        return facts(self) == facts(other)

    def national_result(self, year: int | None = None) -> tuple[NationalResult | None, bool]:
        """The national result of ``year`` (default: the frame's year), else the latest published before it.

        Returns the result (None when none is known) and whether it is of that very year.
        """
        year = self.fiscal_year if year is None else year
        earlier = [r for r in self.national if r.year <= year]
        if not earlier:
            return None, False
        best = max(earlier, key=lambda r: r.year)
        return best, best.year == year

    def themes(self, language: str = "th") -> dict[str, str]:
        """Each question's theme in ``language``.

        Thai falls back to the question's own text (shortened to 48 characters; a frame built from the
        questionnaire has no themes), then to English; English falls back to the Thai.
        """
        def short(text: str) -> str:  # cut between words (PyThaiNLP's segmenter), never inside one
            if len(text) <= 48:
                return text
            from pythainlp.tokenize import word_tokenize

            kept = ""
            for word in word_tokenize(text, engine="newmm"):
                if len(kept) + len(word) > 47:
                    break
                kept += word
            return kept.rstrip() + "…"

        if language == "th":
            return {q.id: q.theme_th or short(q.text_th) or q.theme_en for q in self.questions}
        return {q.id: q.theme_en or q.theme_th or short(q.text_th) for q in self.questions}

    # -- look-ups -------------------------------------------------------------------------
    def tool(self, tool_id: str) -> Tool:
        """The tool with this id (``KeyError`` naming the known ids otherwise)."""
        for tool in self.tools:
            if tool.id == tool_id:
                return tool
        raise KeyError(f"no tool {tool_id!r} in FY{self.fiscal_year}; known: {[t.id for t in self.tools]}")

    def indicators_of(self, tool_id: str) -> tuple[Indicator, ...]:
        """The indicators of one tool, in order."""
        return tuple(i for i in self.indicators if i.tool == tool_id)

    def questions_of(self, tool_id: str) -> tuple[Question, ...]:
        """The questions of one survey tool, in order."""
        indicators = {i.id for i in self.indicators_of(tool_id)}
        return tuple(q for q in self.questions if q.indicator in indicators)

    def question(self, question_id: str) -> Question:
        """The question with this id."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"no question {question_id!r} in FY{self.fiscal_year}")

    @property
    def is_scorable(self) -> bool:
        """True when the questions and OIT items are known (not a partial framework)."""
        return self.status != "partial"

    def points(self, question: Question) -> dict[str, float]:
        """Points of each canonical answer code of a question.

        4-level codes "1" (least/none) … "4" (most) score 0, 1/3, 2/3, 1 of 100 under the
        ``four_level_points`` setting, reversed for negatively worded questions; yes/no codes
        score 100/0, or 0/100 where "yes" is the bad answer.
        """
        if question.scale == "4L":
            values = _FOUR_LEVEL_POINTS[self.scoring.four_level_points]
            if question.reverse:
                values = values[::-1]
            return dict(zip(FOUR_LEVEL_CODES, values, strict=True))
        yes, no = (0.0, 100.0) if question.reverse else (100.0, 0.0)
        return {"yes": yes, "no": no}

    def grade(self, overall: float, *, tool_scores: Mapping[str, float] | None = None) -> str:
        """The grade band (or FY2567 category) of an overall score.

        Categories with a per-tool minimum need ``tool_scores``; without them such a category
        cannot be confirmed and the next one down is tried.
        """
        if not math.isfinite(overall):
            return ""
        if self.scoring.grading == "categories" and self.grade_categories:
            for cat in self.grade_categories:
                if overall < cat.minimum_overall:
                    continue
                if cat.minimum_each_tool is not None:
                    if not tool_scores or any(s < cat.minimum_each_tool for s in tool_scores.values()):
                        continue
                return cat.name_th
            return self.grade_categories[-1].name_th
        for band in self.grade_bands:
            if overall >= band.minimum:
                return band.grade
        return self.grade_bands[-1].grade

    def is_school(self, department: str) -> bool:
        """True when the department name is a school (matches ``school_pattern``)."""
        return fnmatch.fnmatchcase(department, self.school_pattern)

    def staff_class(self, staff_type: str) -> str | None:
        """The coverage class ("civil_servant", "employee") of a canonical staff type."""
        for st in self.staff_types:
            if st.name_th == staff_type:
                return st.staff_class
        return None

    def coverage_rule(self, department: str, staff_type: str) -> CoverageRule | None:
        """The first coverage rule that applies to a roster cell, or None."""
        cls = self.staff_class(staff_type)
        for rule in self.coverage_rules:
            if rule.staff_class == cls and any(fnmatch.fnmatchcase(department, p) for p in rule.departments):
                return rule
        return None

    def with_scoring(self, **changes: Any) -> Framework:
        """A copy with some scoring settings changed, e.g. ``with_scoring(tool_aggregation="indicators")``."""
        scoring = dataclasses.replace(self.scoring, **changes)
        _validate_scoring(scoring, self.source)
        return dataclasses.replace(self, scoring=scoring)


# -- loading ----------------------------------------------------------------------------------

def _framework_dir() -> Path:
    return Path(str(resources.files("ita_analytics.core") / "frameworks"))


def available_years() -> list[int]:
    """The fiscal years with a framework file shipped in the package, oldest first."""
    return sorted(int(p.stem) for p in _framework_dir().glob("*.toml") if p.stem.isdigit())


def default_year() -> int:
    """The newest shipped fiscal year whose framework comes from a source document.

    Provisional frameworks (assumed, not sourced) are never the default: ask for them by year.
    """
    years = [y for y in available_years() if _read_toml(_framework_dir() / f"{y}.toml").get("status") == "source"]
    if not years:  # pragma: no cover - the package always ships one
        raise FrameworkError("no_shipped_frame")
    return years[-1]


def load_framework(year: int | None = None, *, path: str | Path | None = None) -> Framework:
    """Load and validate a framework.

    Parameters
    ----------
    year : int, optional
        Buddhist-era fiscal year (default: :func:`default_year`). A year without a shipped file
        gets the newest shipped frame of an earlier year, carried forward: ``carried_forward`` is
        True, ``frame_year`` names the year it comes from, its status is provisional and its
        collection window moves to ``year`` (assumed). It never falls back further than that.
    path : str or Path, optional
        A framework TOML file of the user's own; overrides ``year``.

    Raises
    ------
    FrameworkError
        With the file and the field, when the file is missing, not TOML or inconsistent; for a
        year before every shipped frame, or one that looks like a Christian-era year (2025).
    """
    if path is None:
        if year is None:
            year = default_year()
        _check_year(year)
        path = _framework_dir() / f"{year}.toml"
        if not path.exists():
            return _carried_forward(year)
    path = Path(path)
    data, digest, lineage = _read_with_parents(path, seen=())
    return _build(data, path, digest, lineage)


def _check_year(year: Any) -> None:
    if isinstance(year, bool) or not isinstance(year, int):
        raise FrameworkError("year_not_whole", value=repr(year))
    if year < _BE_FLOOR:
        raise FrameworkError("year_looks_ce", year=year, be=year + BE_OFFSET)


def _carried_forward(year: int) -> Framework:
    """The newest shipped frame of a year before ``year`` (one that can score responses), used for ``year``."""
    earlier = [y for y in available_years() if y < year and _read_toml(_framework_dir() / f"{y}.toml").get("status") != "partial"]
    if not earlier:
        raise FrameworkError("no_frame_for_year", year=year, years=available_years())
    base = load_framework(earlier[-1])
    shift = year - base.fiscal_year
    window = None if base.window is None else (_shift_years(base.window[0], shift), _shift_years(base.window[1], shift))
    return dataclasses.replace(base, fiscal_year=year, status="provisional", carried_forward=True, window=window)


def _shift_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@functools.cache
def first_category_year() -> int | None:
    """The first shipped fiscal year graded in result categories (FY2567): no later year is graded in bands."""
    years = [y for y in available_years()
             if _read_toml(_framework_dir() / f"{y}.toml").get("scoring", {}).get("grading") == "categories"]
    return years[0] if years else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FrameworkError("framework_unreadable", path=path, why=str(exc.strerror)) from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FrameworkError("framework_not_toml", path=path, why=str(exc)) from None


def _read_with_parents(path: Path, seen: tuple[Path, ...]) -> tuple[dict[str, Any], str, tuple[int, ...]]:
    """Read a file and, when it says ``extends = YEAR``, merge it over that year's file (and the years it extends)."""
    data = _read_toml(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    parent = data.pop("extends", None)
    own = (data["fiscal_year"],) if isinstance(data.get("fiscal_year"), int) else ()
    if parent is None:
        return data, digest, own
    if isinstance(parent, str) and parent.endswith(".toml"):  # a frame file of one's own, by its path
        parent_path = path.parent / parent
    else:
        parent_path = path.parent / f"{parent}.toml"
        if not parent_path.exists():
            parent_path = _framework_dir() / f"{parent}.toml"
    if not parent_path.exists():
        raise FrameworkError("extends_missing", path=path, parent=str(parent))
    if parent_path.resolve() in seen or parent_path.resolve() == path.resolve():
        raise FrameworkError("extends_itself", path=path, parent=str(parent))
    base, base_digest, base_lineage = _read_with_parents(parent_path, seen + (path.resolve(),))
    merged = dict(base)
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    combined = hashlib.sha256((base_digest + digest).encode()).hexdigest()
    return merged, combined, own + base_lineage


class _Reader:
    """Takes typed fields out of a TOML table, naming the file and field on any error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, name: str, **values: Any) -> FrameworkError:
        """The error ``name`` (a catalogue message) about the field ``where`` of this file."""
        return FrameworkError(name, path=self.path, field=where, **values)

    def table(self, table: Any, where: str, *, required: set[str], optional: set[str]) -> dict[str, Any]:
        if not isinstance(table, dict):
            raise self.fail(where, "field_not_table")
        missing = sorted(required - table.keys())
        if missing:
            raise self.fail(where, "field_missing_keys", keys=missing)
        unknown = sorted(table.keys() - required - optional)
        if unknown:
            raise self.fail(where, "field_unknown_keys", keys=unknown)
        return table

    def str_(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "field_not_text")
        return value

    def num(self, value: Any, where: str, lo: float = -math.inf, hi: float = math.inf) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            raise self.fail(where, "field_out_of_range", lo=lo, hi=hi)
        return float(value)

    def list_(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "field_not_list")
        return value

    def choice(self, value: Any, where: str, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise self.fail(where, "field_not_one_of", allowed=list(allowed), got=repr(value))
        return str(value)


_TOP_KEYS = {
    "fiscal_year", "name_th", "name_en", "status", "notes", "scoring", "grade_bands",
    "grade_categories", "tools", "indicators", "subindicators", "questions", "oit_items",
    "respondent_groups", "staff_types", "organisation", "iit_sampling", "notes_th", "fieldwork", "national_results",
}


def _validate_scoring(s: ScoringSettings, source: str) -> None:
    r = _Reader(Path(source))
    r.choice(s.four_level_points, "scoring.four_level_points", tuple(_FOUR_LEVEL_POINTS))
    r.choice(s.tool_aggregation, "scoring.tool_aggregation", ("questions", "indicators"))
    r.choice(s.oit_aggregation, "scoring.oit_aggregation", ("items", "indicators"))
    r.choice(s.grading, "scoring.grading", ("bands", "categories"))
    r.num(s.pass_mark, "scoring.pass_mark", 0, 100)


def _unique(r: _Reader, ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise r.fail(where, "field_repeats_id", id=repr(i))
        seen.add(i)


def _build(d: dict[str, Any], path: Path, digest: str, lineage: tuple[int, ...] = ()) -> Framework:
    """The framework in a TOML document, checked field by field (the error names the file and field)."""
    r = _Reader(path)
    r.table(d, "(top level)", required={"fiscal_year", "name_th", "name_en", "status", "tools", "indicators"},
            optional=_TOP_KEYS)
    year = int(r.num(d["fiscal_year"], "fiscal_year", 2400, 2700))
    status = r.choice(d["status"], "status", ("source", "partial", "provisional"))
    sc = r.table(d.get("scoring", {}), "scoring", required=set(),
                 optional={"four_level_points", "tool_aggregation", "oit_aggregation", "grading", "pass_mark"})
    scoring = ScoringSettings(**sc)
    _validate_scoring(scoring, str(path))
    bands, cats = _grades(r, d, scoring)
    first = first_category_year()
    if first is not None and year >= first and scoring.grading != "categories":
        raise r.fail("scoring.grading", "grading_must_be_categories", year=year, first=first)
    tools = _tools(r, d)
    indicators, subs = _indicators(r, d, tools)
    questions = _questions(r, d, tools, indicators)
    items = _oit_items(r, d, subs)
    if status != "partial":
        _check_complete(r, tools, indicators, subs, questions, items)
    org = r.table(d.get("organisation", {}), "organisation", required=set(),
                  optional={"school_pattern", "departments", "coordinator", "every_department", "short_names"})
    samp = r.table(d.get("iit_sampling", {}), "iit_sampling", required=set(),
                   optional={"minimum_tenure_years", "coverage_rules"})
    notes = tuple(r.str_(n, "notes") for n in r.list_(d.get("notes", []), "notes"))
    notes_th = tuple(r.str_(n, "notes_th") for n in r.list_(d.get("notes_th", []), "notes_th"))
    if notes_th and len(notes_th) != len(notes):
        raise r.fail("notes_th", "notes_th_count", th=len(notes_th), en=len(notes))
    return Framework(
        fiscal_year=year, name_th=r.str_(d["name_th"], "name_th"), name_en=r.str_(d["name_en"], "name_en"),
        status=status,  # type: ignore[arg-type]  # checked by r.choice above
        notes=notes, notes_th=notes_th, scoring=scoring, grade_bands=bands, grade_categories=cats, tools=tools,
        indicators=indicators, subindicators=subs, questions=questions, oit_items=items,
        respondent_groups=_named(r, d.get("respondent_groups", []), "respondent_groups"),
        staff_types=_named(r, d.get("staff_types", []), "staff_types", with_class=True),
        departments=_named(r, org.get("departments", []), "organisation.departments"),
        school_pattern=str(org.get("school_pattern", "")),
        minimum_tenure_years=r.num(samp.get("minimum_tenure_years", 0.0), "iit_sampling.minimum_tenure_years", 0),
        coverage_rules=_coverage_rules(r, samp),
        coordinator=r.str_(org.get("coordinator", org.get("every_department", "-")), "organisation.coordinator"),
        every_department=str(org.get("every_department", "")),
        short_names=tuple((str(k), str(v)) for k, v in dict(org.get("short_names", {})).items()),
        window=_window(r, d), source=str(path), sha256=digest, frame_year=year, lineage=lineage or (year,),
        national=_national(r, d),
    )


def _national(r: _Reader, d: dict[str, Any]) -> tuple[NationalResult, ...]:
    """``[[national_results]]``: the NACC's published national figures, one entry per fiscal year."""
    out = []
    for k, n in enumerate(r.list_(d.get("national_results", []), "national_results")):
        w = f"national_results[{k}]"
        n = r.table(n, w, required={"year", "agencies", "mean", "share_pass"}, optional={"derived", "source"})
        out.append(NationalResult(int(r.num(n["year"], w + ".year", _BE_FLOOR, 2800)),
                                  int(r.num(n["agencies"], w + ".agencies", 1)), r.num(n["mean"], w + ".mean", 0, 100),
                                  r.num(n["share_pass"], w + ".share_pass", 0, 1), bool(n.get("derived", False))))
    _unique(r, [str(n.year) for n in out], "national_results")
    return tuple(sorted(out, key=lambda n: n.year))


def _window(r: _Reader, d: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The collection window of ``[fieldwork]`` (TOML dates), checked: first day not after the last."""
    f = r.table(d.get("fieldwork", {}), "fieldwork", required=set(), optional={"window_start", "window_end"})
    if not f:
        return None
    for key in ("window_start", "window_end"):
        if not isinstance(f.get(key), dt.date) or isinstance(f.get(key), dt.datetime):
            raise r.fail(f"fieldwork.{key}", "field_not_date")
    if f["window_start"] > f["window_end"]:
        raise r.fail("fieldwork.window_end", "window_order")
    return f["window_start"], f["window_end"]


def _grades(r: _Reader, d: dict[str, Any], scoring: ScoringSettings) -> tuple[tuple[GradeBand, ...],
                                                                               tuple[GradeCategory, ...]]:
    bands = []
    for k, b in enumerate(r.list_(d.get("grade_bands", []), "grade_bands")):
        b = r.table(b, f"grade_bands[{k}]", required={"grade", "minimum"}, optional=set())
        bands.append(GradeBand(r.str_(b["grade"], f"grade_bands[{k}].grade"),
                               r.num(b["minimum"], f"grade_bands[{k}].minimum", 0, 100)))
    if not bands:
        raise r.fail("grade_bands", "bands_empty")
    if any(a.minimum <= b.minimum for a, b in zip(bands, bands[1:])) or bands[-1].minimum != 0:
        raise r.fail("grade_bands", "bands_order")
    cats = []
    for k, c in enumerate(r.list_(d.get("grade_categories", []), "grade_categories")):
        w = f"grade_categories[{k}]"
        c = r.table(c, w, required={"name_th", "name_en", "minimum_overall"}, optional={"minimum_each_tool"})
        each = c.get("minimum_each_tool")
        cats.append(GradeCategory(r.str_(c["name_th"], w + ".name_th"), r.str_(c["name_en"], w + ".name_en"),
                                  r.num(c["minimum_overall"], w + ".minimum_overall", 0, 100),
                                  None if each is None else r.num(each, w + ".minimum_each_tool", 0, 100)))
    if scoring.grading == "categories" and not cats:
        raise r.fail("grade_categories", "categories_missing")
    return tuple(bands), tuple(cats)


def _tools(r: _Reader, d: dict[str, Any]) -> tuple[Tool, ...]:
    tools = []
    for k, t in enumerate(r.list_(d["tools"], "tools")):
        w = f"tools[{k}]"
        t = r.table(t, w, required={"id", "kind", "weight", "name_th", "name_en"}, optional={"minimum_sample", "parts"})
        rule = _sample_rule(r, t.get("minimum_sample"), w + ".minimum_sample")
        tools.append(Tool(r.choice(t["id"], w + ".id", ("IIT", "EIT", "OIT")),
                          r.choice(t["kind"], w + ".kind", ("survey", "checklist")),  # type: ignore[arg-type]  # checked
                          r.num(t["weight"], w + ".weight", 0, 1), r.str_(t["name_th"], w + ".name_th"),
                          r.str_(t["name_en"], w + ".name_en"),
                          None if rule is None else (rule.fixed if rule.fixed is not None else rule.floor), rule,
                          _parts(r, t.get("parts", []), w + ".parts")))
    _unique(r, [t.id for t in tools], "tools")
    if abs(sum(t.weight for t in tools) - 1.0) > 1e-9:
        raise r.fail("tools", "weights_sum", total=sum(t.weight for t in tools))
    return tuple(tools)


def _sample_rule(r: _Reader, value: Any, where: str) -> SampleRule | None:
    """``minimum_sample``: a number (``400``), or a rule of the headcount (``{ share = 0.1, floor = 30, cap = 400 }``)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        return SampleRule(fixed=int(r.num(value, where, 1)))
    v = r.table(value, where, required=set(), optional={"fixed", "share", "floor", "cap", "everyone_when_fewer"})
    if ("fixed" in v) == ("share" in v):
        raise r.fail(where, "quota_fixed_or_share")
    every = v.get("everyone_when_fewer", False)
    if not isinstance(every, bool):
        raise r.fail(where + ".everyone_when_fewer", "field_not_bool")
    def count(key: str) -> int | None:
        return None if key not in v else int(r.num(v[key], f"{where}.{key}", 1))
    rule = SampleRule(fixed=count("fixed"), share=None if "share" not in v else r.num(v["share"], where + ".share", 0, 1),
                      floor=count("floor"), cap=count("cap"), everyone_when_fewer=every)
    if rule.floor is not None and rule.cap is not None and rule.floor > rule.cap:
        raise r.fail(where, "floor_above_cap")
    return rule


def _parts(r: _Reader, values: Any, where: str) -> tuple[ToolPart, ...]:
    out = []
    for k, p in enumerate(r.list_(values, where)):
        w = f"{where}[{k}]"
        p = r.table(p, w, required={"id", "name_th", "name_en", "indicators"}, optional=set())
        out.append(ToolPart(r.str_(p["id"], w + ".id"), r.str_(p["name_th"], w + ".name_th"),
                            r.str_(p["name_en"], w + ".name_en"),
                            tuple(r.str_(x, w + ".indicators") for x in r.list_(p["indicators"], w + ".indicators"))))
    if len(out) == 1:
        raise r.fail(where, "parts_too_few")
    _unique(r, [p.id for p in out], where)
    return tuple(out)


def _indicators(r: _Reader, d: dict[str, Any], tools: tuple[Tool, ...]) -> tuple[tuple[Indicator, ...],
                                                                                  tuple[SubIndicator, ...]]:
    tool_ids = tuple(t.id for t in tools)
    indicators = []
    for k, i in enumerate(r.list_(d["indicators"], "indicators")):
        w = f"indicators[{k}]"
        i = r.table(i, w, required={"id", "tool", "name_th", "name_en"}, optional=set())
        indicators.append(Indicator(r.str_(i["id"], w + ".id"), r.choice(i["tool"], w + ".tool", tool_ids),
                                    r.str_(i["name_th"], w + ".name_th"), r.str_(i["name_en"], w + ".name_en")))
    _unique(r, [i.id for i in indicators], "indicators")
    ind_ids = tuple(i.id for i in indicators)
    subs = []
    for k, s in enumerate(r.list_(d.get("subindicators", []), "subindicators")):
        w = f"subindicators[{k}]"
        s = r.table(s, w, required={"id", "indicator", "name_th", "name_en"}, optional=set())
        subs.append(SubIndicator(r.str_(s["id"], w + ".id"), r.choice(s["indicator"], w + ".indicator", ind_ids),
                                 r.str_(s["name_th"], w + ".name_th"), r.str_(s["name_en"], w + ".name_en")))
    _unique(r, [s.id for s in subs], "subindicators")
    for t in tools:
        if t.parts:
            own = [i.id for i in indicators if i.tool == t.id]
            listed = [x for p in t.parts for x in p.indicators]
            if sorted(listed) != sorted(own):
                raise r.fail(f"tools.{t.id}.parts", "parts_share", tool=t.id, own=list(own))
    return tuple(indicators), tuple(subs)


def _questions(r: _Reader, d: dict[str, Any], tools: tuple[Tool, ...],
               indicators: tuple[Indicator, ...]) -> tuple[Question, ...]:
    surveys = {t.id for t in tools if t.kind == "survey"}
    survey_inds = tuple(i.id for i in indicators if i.tool in surveys)
    questions = []
    for k, q in enumerate(r.list_(d.get("questions", []), "questions")):
        w = f"questions[{k}]"
        q = r.table(q, w, required={"id", "indicator", "scale", "reverse"}, optional={"theme_en", "theme_th", "text_th"})
        if not isinstance(q["reverse"], bool):
            raise r.fail(w + ".reverse", "field_not_bool")
        questions.append(Question(r.str_(q["id"], w + ".id"), r.choice(q["indicator"], w + ".indicator", survey_inds),
                                  r.choice(q["scale"], w + ".scale", ("4L", "YN")),  # type: ignore[arg-type]  # checked
                                  q["reverse"], str(q.get("theme_en", "")), str(q.get("theme_th", "")),
                                  str(q.get("text_th", ""))))
    _unique(r, [q.id for q in questions], "questions")
    return tuple(questions)


def _oit_items(r: _Reader, d: dict[str, Any], subs: tuple[SubIndicator, ...]) -> tuple[OITItem, ...]:
    sub_ids = tuple(s.id for s in subs)
    items = []
    for k, o in enumerate(r.list_(d.get("oit_items", []), "oit_items")):
        w = f"oit_items[{k}]"
        o = r.table(o, w, required={"id", "subindicator", "title_th", "title_en", "responsible"}, optional=set())
        resp = tuple(r.str_(x, f"{w}.responsible") for x in r.list_(o["responsible"], w + ".responsible"))
        items.append(OITItem(r.str_(o["id"], w + ".id"), r.choice(o["subindicator"], w + ".subindicator", sub_ids),
                             r.str_(o["title_th"], w + ".title_th"), r.str_(o["title_en"], w + ".title_en"), resp))
    _unique(r, [o.id for o in items], "oit_items")
    return tuple(items)


def _check_complete(r: _Reader, tools: tuple[Tool, ...], indicators: tuple[Indicator, ...],
                    subs: tuple[SubIndicator, ...], questions: tuple[Question, ...], items: tuple[OITItem, ...]) -> None:
    """A scorable framework gives every survey indicator a question, every OIT indicator an item."""
    for ind in indicators:
        tool = next(t for t in tools if t.id == ind.tool)
        if tool.kind == "survey" and not any(q.indicator == ind.id for q in questions):
            raise r.fail("questions", "indicator_no_questions", indicator=ind.id)
        if tool.kind == "checklist":
            ind_subs = {s.id for s in subs if s.indicator == ind.id}
            if not any(o.subindicator in ind_subs for o in items):
                raise r.fail("oit_items", "indicator_no_items", indicator=ind.id)
    for t in tools:
        if t.kind == "survey" and t.minimum_sample is None:
            raise r.fail(f"tools.{t.id}.minimum_sample", "minimum_sample_required", tool=t.id)


def _named(r: _Reader, values: Any, key: str, *, with_class: bool = False) -> tuple[NamedValue, ...]:
    out = []
    for k, v in enumerate(r.list_(values, key)):
        w = f"{key}[{k}]"
        v = r.table(v, w, required={"name_th", "name_en"} | ({"class"} if with_class else set()), optional=set())
        cls = r.choice(v["class"], w + ".class", ("civil_servant", "employee")) if with_class else None
        out.append(NamedValue(r.str_(v["name_th"], w + ".name_th"), r.str_(v["name_en"], w + ".name_en"), cls))
    _unique(r, [v.name_th for v in out], key)
    return tuple(out)


def _coverage_rules(r: _Reader, samp: dict[str, Any]) -> tuple[CoverageRule, ...]:
    rules = []
    for k, c in enumerate(r.list_(samp.get("coverage_rules", []), "iit_sampling.coverage_rules")):
        w = f"iit_sampling.coverage_rules[{k}]"
        c = r.table(c, w, required={"description", "staff_class", "departments", "required_coverage"}, optional=set())
        rules.append(CoverageRule(r.str_(c["description"], w + ".description"),
                                  r.choice(c["staff_class"], w + ".staff_class", ("civil_servant", "employee")),
                                  tuple(r.str_(x, w + ".departments") for x in r.list_(c["departments"], w + ".departments")),
                                  r.num(c["required_coverage"], w + ".required_coverage", 0, 1)))
    return tuple(rules)
