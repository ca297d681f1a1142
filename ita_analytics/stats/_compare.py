"""Year-over-year comparison that says which changes are real, across framework changes.

Each side is a results folder written by ``ita score --out`` (scores with standard errors) or
a published-results file (scores only). Ids are matched through the crosswalk files shipped
per pair of fiscal years; what cannot be matched is listed with a note, never compared with a
different question.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core._catalogue import Message, Messages
from ..core._crosswalk import LEVELS, find_crosswalk
from ..core._errors import ITAInputError
from ..core._framework import load_framework
from ..core._json import records
from ..core._provenance import provenance
from ..core._settings import Settings
from ..io._digest import file_sha256
from ..io._results import ResultSet, from_document, load_results
from ._distributions import normal_quantile, normal_sf
from ._scoring import ScoreResult

__all__ = ["VERDICTS", "Comparison", "compare", "holm"]



# -- crosswalks ------------------------------------------------------------------------------------


# -- comparison --------------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Comparison:
    """Rows of changes between consecutive years, and the trend over all of them.

    Attributes
    ----------
    rows : DataFrame
        ``level, id, before, after, change, ci_low, ci_high, p_value, p_adjusted, significant,
        grade_before, grade_after, note`` (+ ``before_year, after_year, se_before, se_after,
        meaningful``), one per id and pair of consecutive years.
    trend : DataFrame
        ``level, id, fiscal_year, score, se, ci_low, ci_high, microdata`` for every year.
    notes : list of str
        What the crosswalks and sources say about what could not be compared.
    """

    rows: pd.DataFrame
    trend: pd.DataFrame
    notes: list[Message]
    settings: dict[str, Any]
    provenance: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The ``ita compare --json`` document."""
        return {"rows": records(self.rows), "trend": records(self.trend), "notes": self.notes,
                "settings": self.settings, "provenance": self.provenance}


#: The verdict codes, one per row; people read them as words (the catalogue, ``verdict.<code>``).
VERDICTS = ("real_meaningful", "real_possibly_meaningful", "real_small", "multiplicity", "unclear", "no_change",
            "not_tested")


def _pair_maps(before: ResultSet, after: ResultSet, crosswalks: tuple[str | Path, ...]
               ) -> tuple[dict[str, dict[str, str]] | None, list[Message]]:
    """How two sides' ids match: a crosswalk chain between their frames' years, identity, or tools alone.

    ``None`` maps mean identity: the same frame, or a frame that extends the other's with the same ids.
    Without either, the overall and the tools match by name and nothing else does (said in a note).
    """
    a, b = before.frame, after.frame
    if a == b:
        return None, []
    found = find_crosswalk(a, b, extra=crosswalks)
    if found is not None:
        return found
    ids = [set(s.scores.loc[s.scores["level"].isin(["indicator", "question"]), "id"]) for s in (before, after)]
    related = a in after.lineage or b in before.lineage
    if related and ids[0] == ids[1]:
        return None, [Message("frame_extends_same_ids", a=a, b=b)]
    return ({"overall": {"ITA": "ITA"}, "tool": {t: t for t in ("IIT", "EIT", "OIT")}, "indicator": {}, "question": {}},
            [Message("tools_only", a=a, b=b)])


def _pair_rows(before: ResultSet, after: ResultSet, settings: Settings, fpc: bool,
               crosswalks: tuple[str | Path, ...] = ()) -> tuple[pd.DataFrame, list[Message]]:
    """Every id of two years matched through the crosswalks, with the change, its SE and interval."""
    maps, notes = _pair_maps(before, after, crosswalks)
    frame = _matched(before, after, maps, "se" if fpc else "se_nofpc")
    frame["before_year"], frame["after_year"] = before.fiscal_year, after.fiscal_year
    same = before.fiscal_year == after.fiscal_year  # two waves of one year: told apart by their names
    frame["before_label"] = before.name if same else f"FY{before.fiscal_year}"
    frame["after_label"] = after.name if same else f"FY{after.fiscal_year}"
    _test(frame, float(normal_quantile(0.5 + settings.confidence / 2)))
    frame["meaningful"] = (frame["change"].abs() >= settings.meaningful_change).where(frame["change"].notna())
    for col in ("grade_before", "grade_after"):
        frame[col] = frame[col].where(frame[col].notna() & (frame[col] != ""), None)
    # grades of the overall score from each year's own framework when the source gave none
    for side, year in (("before", before.fiscal_year), ("after", after.fiscal_year)):
        row = (frame["level"] == "overall") & frame[f"grade_{side}"].isna() & frame[side].notna()
        if row.any():
            fw = load_framework(year)
            frame[f"grade_{side}"] = frame[f"grade_{side}"].astype(object)  # all blank: float64 under pandas 3
            frame.loc[row, f"grade_{side}"] = frame.loc[row, side].map(fw.grade)
    return frame, notes


def _source_note(note: Any) -> list[Message]:
    """A published file's own note on a figure (its words, as written), as a message; none for a blank cell."""
    return [Message("source_note", text=note)] if isinstance(note, str) and note else []


def _matched(before: ResultSet, after: ResultSet, maps: dict[str, dict[str, str]] | None, se: str) -> pd.DataFrame:
    """One row per id of either year: the two figures, their SEs (``se``: with or without the FPC) and notes."""
    b = before.scores.set_index(["level", "id"])
    a = after.scores.set_index(["level", "id"])
    rows = []
    for level in LEVELS:
        b_ids = [i for lv, i in b.index if lv == level]
        a_ids = [i for lv, i in a.index if lv == level]
        for bid in b_ids:
            aid = bid if maps is None else maps[level].get(bid)
            x = b.loc[(level, bid)]
            own = _source_note(x["note"])
            missing = (Message("no_match", side=after.label) if aid is None else
                       Message("no_figure", id=aid, side=after.label))
            row = {"level": level, "id": bid if aid is None else aid, "before_id": bid, "after_id": aid,
                   "before": x["score"], "se_before": x[se], "grade_before": x["grade"], "reliable_before": x["reliable"],
                   "precision_before": x.get("precision", 0.0),
                   "note": Messages(own + [missing])}
            if aid is not None and aid in a_ids:
                y = a.loc[(level, aid)]
                note = Messages(own + _source_note(y["note"]))
                row.update(after=y["score"], se_after=y[se], grade_after=y["grade"], reliable_after=y["reliable"],
                           precision_after=y.get("precision", 0.0), note=note)
            rows.append(row)
        matched = {r["after_id"] for r in rows if r["level"] == level and "after" in r}
        for aid in a_ids:
            if aid not in matched:
                y = a.loc[(level, aid)]
                own = _source_note(y["note"])
                rows.append({"level": level, "id": aid, "after_id": aid, "after": y["score"], "se_after": y[se],
                             "precision_after": y.get("precision", 0.0),
                             "grade_after": y["grade"], "reliable_after": y["reliable"],
                             "note": Messages(own + [Message("no_earlier_figure", year=before.fiscal_year)])})
    frame = pd.DataFrame(rows)
    frame["note"] = pd.Series([r.get("note", Messages([])) for r in rows], index=frame.index, dtype=object)  # messages
    for col in ("before", "after", "se_before", "se_after", "precision_before", "precision_after"):
        frame[col] = pd.to_numeric(frame.get(col), errors="coerce") if col in frame else np.nan
    # a published figure is rounded: an exact change within half the coarser unit is no change (float noise: 1e-9)
    frame["tolerance"] = frame[["precision_before", "precision_after"]].fillna(0).max(axis=1) / 2 + 1e-9
    for col in ("before_id", "after_id", "grade_before", "grade_after"):
        frame[col] = frame[col] if col in frame else None
    for col in ("reliable_before", "reliable_after"):
        frame[col] = frame[col].fillna(True).astype(bool) if col in frame else True
    return frame


def _test(frame: pd.DataFrame, z: float) -> None:
    """The change, its SE (a published side borrows the measured side's), interval and p-value, in place.

    A row is not tested (``reason``) when one side is missing, when a figure is marked unreliable,
    or when neither side has a standard error.
    """
    frame["change"] = frame["after"] - frame["before"]
    both = frame["before"].notna() & frame["after"].notna()
    known_b, known_a = frame["se_before"].notna(), frame["se_after"].notna()
    frame["se_assumed"] = both & (known_b ^ known_a)  # a published side: its SE taken to be the measured side's
    se_b = frame["se_before"].fillna(frame["se_after"])
    se_a = frame["se_after"].fillna(frame["se_before"])
    se = np.sqrt(se_b**2 + se_a**2)
    reliable = frame["reliable_before"] & frame["reliable_after"]
    testable = both & reliable & se.notna()
    frame["reason"] = np.select([~both, ~reliable, ~testable], ["unmatched", "unreliable", "no_se"], "")
    frame["se_assumed"] &= testable
    frame["se"] = frame["se_change"] = se.where(testable)
    frame["ci_low"] = (frame["change"] - z * se).where(testable)
    frame["ci_high"] = (frame["change"] + z * se).where(testable)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = 2 * normal_sf(np.abs(frame["change"] / se))  # SE 0 (e.g. the OIT): exact, p 0, or 1 for no change
    p = np.where(se > 0, p, np.where(frame["change"].abs() > 0, 0.0, 1.0))
    frame["p_value"] = pd.Series(p, index=frame.index).where(testable)
    for side, known in (("before", known_b), ("after", known_a)):  # each year's own interval, where it has an SE
        frame[f"{side}_low"] = (frame[side] - z * frame[f"se_{side}"]).where(known)
        frame[f"{side}_high"] = (frame[side] + z * frame[f"se_{side}"]).where(known)


def _verdicts(rows: pd.DataFrame, alpha: float, threshold: float) -> np.ndarray:
    """One code per row, agreeing with the numbers beside it (see :data:`VERDICTS`).

    "Meaningful" is judged on the interval, not the point estimate (which a chance swing lifts over
    the threshold: the winner's curse): ``real_meaningful`` only when the whole interval lies beyond
    the threshold, ``real_possibly_meaningful`` when the estimate does but the interval does not.
    A change with no sampling error (the OIT's items; SE 0 on both sides) is exact: ``no_change``
    when it is within the published figures' rounding, real otherwise.
    """
    tested = rows["p_value"].notna()
    exact = tested & (rows["se_change"] == 0)
    unchanged = exact & (rows["change"].abs() <= rows["tolerance"])
    real = (rows["p_adjusted"] < alpha) & tested  # an exact change has p 0 (changed) or 1 (not): its own test
    beyond = (rows["ci_low"] >= threshold) | (rows["ci_high"] <= -threshold)
    excludes_zero = (rows["ci_low"] > 0) | (rows["ci_high"] < 0)
    return np.select([~tested, unchanged, real & beyond, real & (rows["meaningful"] == True), real,  # noqa: E712  # nullable
                      excludes_zero],
                     ["not_tested", "no_change", "real_meaningful", "real_possibly_meaningful", "real_small",
                      "multiplicity"], "unclear")


def compare(*sources: ResultSet | ScoreResult | str | Path, settings: Settings | None = None,
            fpc: bool = False, crosswalks: tuple[str | Path, ...] = ()) -> Comparison:
    r"""Compare two or more fiscal years' results.

    Parameters
    ----------
    *sources : ScoreResult, ResultSet, folder or file
        Results (``score()``'s, or folders written by ``ita score --out``) or published-results
        files, any order: they are sorted by fiscal year, and each year is compared with the one
        before it.
    settings : Settings, optional
        ``confidence`` for the change intervals and the significance level (α = 1 − confidence);
        ``meaningful_change`` for what counts as a change worth a committee's time.
    fpc : bool
        Compare the finite populations (SEs with the finite population correction) instead of
        asking whether the agency changed (the default: SEs without it).
    crosswalks : tuple of paths
        Crosswalk files of the user's own (e.g. the one ``ita framework new --questions``
        proposes), used beside the shipped ones to match ids between frames.

    Returns
    -------
    Comparison
        Each row has a ``verdict`` code (:data:`VERDICTS`) that agrees with its numbers.

    Notes
    -----
    For a change :math:`d = \hat\theta_{after} - \hat\theta_{before}` between independent samples,
    :math:`SE(d) = \sqrt{SE_{before}^2 + SE_{after}^2}`, each SE without the finite population
    correction by default: the question is whether the agency changed, not whether this year's
    staff answered differently from last year's. A published side (no microdata) is taken to have
    the measured side's SE (so :math:`SE(d) = \sqrt 2\, SE`, ``se_assumed``). The interval is
    :math:`d \pm z_{1-\alpha/2} SE(d)` and the two-sided p-value :math:`2(1 - \Phi(|d| / SE(d)))`;
    p-values are adjusted by Holm's step-down method within each level and pair of years. Verdicts:
    ``real_meaningful`` (adjusted p < α and the whole interval beyond the threshold),
    ``real_possibly_meaningful`` (adjusted p < α, the estimate beyond the threshold but not its whole
    interval), ``real_small`` (adjusted p < α, smaller), ``no_change`` (an exact change, SE 0 on both
    sides, within the published figures' rounding), ``multiplicity`` (the interval excludes 0 but the adjusted p does
    not: among many comparisons it could be chance), ``unclear`` (the interval includes 0),
    ``not_tested`` (one side missing, a figure marked unreliable, or no SE on either side).

    References
    ----------
    Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scand. J. Statist.* 6, 65–70.
    """
    st = settings or Settings()
    sets: list[ResultSet] = []
    for s in sources:
        if isinstance(s, ScoreResult):  # the figures compare needs, not the whole document (groups, funnel)
            doc = {"method": s.method, "overall": s.overall, "tools": records(s.tools),
                   "indicators": records(s.indicators), "questions": records(s.questions)}
            sets.append(from_document(doc, f"results FY{s.method['framework']['fiscal_year']}"
                                           + (f" ({Path(s.inputs['IIT']['file']).name})" if "IIT" in s.inputs else "")))
        elif isinstance(s, ResultSet):
            sets.append(s)
        elif isinstance(s, str | Path):
            sets += load_results(s)
        else:
            raise TypeError(f"sources must be ScoreResult, ResultSet, or a folder or file path, got {type(s).__name__}")
    if len(sets) < 2:
        raise ITAInputError("compare_needs_two")
    sets.sort(key=lambda r: (r.fiscal_year, not r.microdata))
    agencies = {r.agency for r in sets if r.agency}
    notes: list[Message] = []
    if len(agencies) > 1:
        notes.append(Message("different_agencies", agencies=sorted(agencies)))
    for a, b in zip(sets, sets[1:]):
        if a.fiscal_year == b.fiscal_year:
            notes.append(Message("same_year_waves", a=a.name, b=b.name, year=a.fiscal_year))
    parts = []
    for k, (before, after) in enumerate(zip(sets, sets[1:])):
        frame, pair_notes = _pair_rows(before, after, st, fpc, tuple(crosswalks))
        parts.append(frame.assign(pair=k))
        notes += [n for n in pair_notes if n not in notes]
    rows = _adjusted(pd.concat(parts, ignore_index=True), 1 - st.confidence, st.meaningful_change)
    return Comparison(rows=rows, trend=_trend(sets, st), notes=notes, settings=_settings_doc(st, sets, fpc),
                      provenance=provenance(sources={r.source: _source_hash(r.source) for r in sets}))


def holm(p: np.ndarray) -> np.ndarray:
    r"""Holm's step-down adjusted p-values (the same as statsmodels' ``multipletests(p, method="holm")``, tested).

    Notes
    -----
    With the m p-values sorted, :math:`p_{(1)} \le \dots \le p_{(m)}`, the adjusted value of the k-th is
    :math:`\max_{j \le k} \min(1, (m - j + 1)\, p_{(j)})`.

    References
    ----------
    Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scand. J. Statist.* 6, 65–70.
    """
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="stable")
    steps = np.minimum(1.0, (len(p) - np.arange(len(p))) * p[order])
    adjusted = np.empty_like(p)
    adjusted[order] = np.maximum.accumulate(steps)
    return adjusted


def _adjusted(rows: pd.DataFrame, alpha: float, threshold: float) -> pd.DataFrame:
    """Holm-adjusted p-values within each level and pair of years, the verdicts, in the published order."""
    rows["p_adjusted"] = rows["p_value"].where(rows["se_change"] == 0)  # exact changes are not tests
    tested = rows[rows["p_value"].notna() & (rows["se_change"] > 0)]
    for _, idx in tested.groupby(["pair", "level"]).groups.items():
        rows.loc[idx, "p_adjusted"] = holm(rows.loc[idx, "p_value"].to_numpy())
    rows["significant"] = (rows["p_adjusted"] < alpha).where(rows["p_adjusted"].notna())
    rows["verdict"] = _verdicts(rows, alpha, threshold)
    order = {lv: k for k, lv in enumerate(LEVELS)}
    rows = rows.sort_values(["pair", "level"], key=lambda s: s.map(order) if s.name == "level" else s,
                            kind="stable").reset_index(drop=True)
    return rows[["level", "id", "before", "after", "change", "se", "ci_low", "ci_high", "p_value", "p_adjusted",
                 "verdict", "se_assumed", "grade_before", "grade_after", "note", "reason", "significant", "meaningful",
                 "before_year", "after_year", "se_before", "se_after", "se_change", "before_id", "after_id",
                 "before_low", "before_high", "after_low", "after_high", "reliable_before", "reliable_after",
                 "pair", "before_label", "after_label", "tolerance"]]


def _trend(sets: list[ResultSet], st: Settings) -> pd.DataFrame:
    """Every year's scores with their own intervals (none for a published figure)."""
    z = float(normal_quantile(0.5 + st.confidence / 2))
    trend = pd.concat([r.scores.assign(fiscal_year=r.fiscal_year, frame_year=r.frame, microdata=r.microdata,
                                       source=r.source, wave=k) for k, r in enumerate(sets)], ignore_index=True)
    trend["ci_low"] = (trend["score"] - z * trend["se"]).clip(lower=0)
    trend["ci_high"] = (trend["score"] + z * trend["se"]).clip(upper=100)
    return trend[["level", "id", "fiscal_year", "score", "se", "ci_low", "ci_high", "grade", "microdata", "reliable",
                  "note", "source", "frame_year", "wave"]]


def _settings_doc(st: Settings, sets: list[ResultSet], fpc: bool) -> dict[str, Any]:
    return {"confidence": st.confidence, "meaningful_change": st.meaningful_change,
            "multiple_testing": "Holm within each level and pair of years",
            "se": "with the finite population correction (the finite populations compared)" if fpc else
                  "without the finite population correction (did the agency change?)",
            "fpc": fpc, "published_se": "a published side's SE is taken to be the measured side's (se_assumed)",
            "years": [r.fiscal_year for r in sets], "frame_years": [r.frame for r in sets],
            "sources": [r.source for r in sets]}


def _source_hash(source: str) -> str:
    """SHA-256 of a published file, or of a results folder's results.json."""
    path = Path(source)
    path = path / "results.json" if path.is_dir() else path
    return file_sha256(path) if path.exists() else ""
