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

from ..core._crosswalk import LEVELS, load_crosswalk
from ..core._errors import ITAInputError
from ..core._framework import load_framework
from ..core._json import records
from ..core._provenance import provenance
from ..core._settings import Settings
from ..io._digest import file_sha256
from ..io._results import ResultSet, load_results
from ._distributions import normal_quantile, normal_sf

__all__ = ["Comparison", "compare"]



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
    notes: list[str]
    settings: dict[str, Any]
    provenance: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The ``ita compare --json`` document."""
        return {"rows": records(self.rows), "trend": records(self.trend), "notes": self.notes,
                "settings": self.settings, "provenance": self.provenance}


def _verdict(significant: bool | None, meaningful: bool | None, threshold: float) -> str:
    if significant is None:
        return "no standard errors on either side: the change cannot be tested"
    if significant and meaningful:
        return f"real and meaningful (≥ {threshold:g} points)"
    if significant:
        return f"real but small (< {threshold:g} points)"
    if meaningful:
        return "large but uncertain (not significant)"
    return "small and not significant"


def _pair_rows(before: ResultSet, after: ResultSet, settings: Settings) -> tuple[pd.DataFrame, list[str]]:
    maps, notes = load_crosswalk(before.fiscal_year, after.fiscal_year)
    z = float(normal_quantile(0.5 + settings.confidence / 2))
    b = before.scores.set_index(["level", "id"])
    a = after.scores.set_index(["level", "id"])
    rows = []
    same_year = before.fiscal_year == after.fiscal_year
    for level in LEVELS:
        mapping = maps[level]
        b_ids = [i for lv, i in b.index if lv == level]
        a_ids = [i for lv, i in a.index if lv == level]
        matched_after = set()
        for bid in b_ids:
            aid = bid if same_year else mapping.get(bid)
            if aid is None or aid not in a_ids:
                why = (f"no match in FY{after.fiscal_year} (see the crosswalk)" if aid is None
                       else f"{aid} has no figure in {after.label}")
                rows.append({"level": level, "id": bid, "after_id": aid, "before": b.loc[(level, bid), "score"],
                             "after": np.nan, "note": why})
                continue
            matched_after.add(aid)
            rows.append({"level": level, "id": aid, "before_id": bid, "before": b.loc[(level, bid), "score"],
                         "after": a.loc[(level, aid), "score"], "se_before": b.loc[(level, bid), "se"],
                         "se_after": a.loc[(level, aid), "se"], "grade_before": b.loc[(level, bid), "grade"],
                         "grade_after": a.loc[(level, aid), "grade"],
                         "note": "; ".join(n for n in (b.loc[(level, bid), "note"], a.loc[(level, aid), "note"])
                                           if isinstance(n, str) and n)})
        for aid in a_ids:
            if aid not in matched_after:
                rows.append({"level": level, "id": aid, "before": np.nan, "after": a.loc[(level, aid), "score"],
                             "note": f"no FY{before.fiscal_year} figure to compare with"})
    frame = pd.DataFrame(rows)
    for col in ("before_id", "after_id", "se_before", "se_after", "grade_before", "grade_after"):
        if col not in frame:
            frame[col] = np.nan
    frame["before_year"], frame["after_year"] = before.fiscal_year, after.fiscal_year
    frame["change"] = frame["after"] - frame["before"]
    both = frame["before"].notna() & frame["after"].notna()
    known_b, known_a = frame["se_before"].notna(), frame["se_after"].notna()
    se = np.sqrt(frame["se_before"].fillna(0.0) ** 2 + frame["se_after"].fillna(0.0) ** 2)
    testable = both & (known_b | known_a)
    frame["se_change"] = se.where(testable)
    frame["ci_low"] = (frame["change"] - z * se).where(testable)
    frame["ci_high"] = (frame["change"] + z * se).where(testable)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = 2 * normal_sf(np.abs(frame["change"] / se))  # SE 0 (a census, e.g. OIT): p is 0, or 1 for no change
    p = np.where(se > 0, p, np.where(frame["change"].abs() > 0, 0.0, 1.0))
    frame["p_value"] = pd.Series(p, index=frame.index).where(testable)
    exact = testable & (se == 0)
    frame.loc[exact, "note"] = frame.loc[exact, "note"].map(
        lambda n: "; ".join(x for x in (n, "no sampling error on either side: the change is exact") if x))
    # A side without microdata contributes 0 to the SE: say so.
    for known, year in ((known_b, before.fiscal_year), (known_a, after.fiscal_year)):
        lacking = both & ~known & (known_b | known_a)
        frame.loc[lacking, "note"] = frame.loc[lacking, "note"].map(
            lambda n, y=year: "; ".join(x for x in (n, f"FY{y} has no microdata: its sampling error is taken as 0")
                                        if x))
    frame["meaningful"] = (frame["change"].abs() >= settings.meaningful_change).where(both)
    for col in ("grade_before", "grade_after"):
        frame[col] = frame[col].where(frame[col].notna() & (frame[col] != ""), None)
    # grades of the overall score from each year's own framework when the source gave none
    for side, year in (("before", before.fiscal_year), ("after", after.fiscal_year)):
        row = (frame["level"] == "overall") & frame[f"grade_{side}"].isna() & frame[side].notna()
        if row.any():
            fw = load_framework(year)
            frame.loc[row, f"grade_{side}"] = frame.loc[row, side].map(fw.grade)
    return frame, notes


def compare(*sources: ResultSet | str | Path, settings: Settings | None = None) -> Comparison:
    r"""Compare two or more fiscal years' results.

    Parameters
    ----------
    *sources : ResultSet, folder or file
        Results folders (``ita score --out``) or published-results files, any order: they are
        sorted by fiscal year, and each year is compared with the one before it.
    settings : Settings, optional
        ``confidence`` for the change intervals and the significance level (α = 1 − confidence);
        ``meaningful_change`` for what counts as a change worth a committee's time.

    Returns
    -------
    Comparison

    Notes
    -----
    For a change :math:`d = \hat\theta_{after} - \hat\theta_{before}` between independent samples,
    :math:`SE(d) = \sqrt{SE_{before}^2 + SE_{after}^2}` (a side without microdata contributes 0, and
    the note says so), the interval is :math:`d \pm z_{1-\alpha/2} SE(d)` and the two-sided
    p-value :math:`2(1 - \Phi(|d| / SE(d)))`. p-values are adjusted by Holm's step-down method
    within each level (overall, tool, indicator, question) and pair of years; ``significant`` is
    adjusted p < α. Significance and size are kept apart: a change can be significant but small,
    or large but uncertain.

    References
    ----------
    Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scand. J. Statist.* 6, 65–70.
    """
    st = settings or Settings()
    sets: list[ResultSet] = []
    for s in sources:
        sets += [s] if isinstance(s, ResultSet) else load_results(s)
    if len(sets) < 2:
        raise ITAInputError("compare needs at least two results (a folder from `ita score --out` or a published file)")
    sets.sort(key=lambda r: (r.fiscal_year, not r.microdata))
    agencies = {r.agency for r in sets if r.agency}
    notes: list[str] = []
    if len(agencies) > 1:
        notes.append(f"the sources name different agencies ({', '.join(sorted(agencies))}): check that this is intended")
    parts = []
    for before, after in zip(sets, sets[1:]):
        frame, pair_notes = _pair_rows(before, after, st)
        parts.append(frame)
        notes += [n for n in pair_notes if n not in notes]
    rows = pd.concat(parts, ignore_index=True)
    alpha = 1 - st.confidence
    rows["p_adjusted"] = rows["p_value"].where(rows["se_change"] == 0)  # exact changes are not tests
    tested = rows[rows["p_value"].notna() & (rows["se_change"] > 0)]
    for _, idx in tested.groupby(["before_year", "after_year", "level"]).groups.items():
        from statsmodels.stats.multitest import multipletests  # imported here: a second to load

        rows.loc[idx, "p_adjusted"] = multipletests(rows.loc[idx, "p_value"].to_numpy(), method="holm")[1]
    testable = rows["p_adjusted"].notna()
    rows["significant"] = (rows["p_adjusted"] < alpha).where(testable)
    rows["note"] = [
        "; ".join(x for x in (_verdict(None if not t else bool(s), None if pd.isna(m) else bool(m), st.meaningful_change)
                              if pd.notna(c) else "", n) if x)
        for t, s, m, c, n in zip(testable, rows["significant"], rows["meaningful"], rows["change"], rows["note"])
    ]
    order = {lv: k for k, lv in enumerate(LEVELS)}
    rows = rows.sort_values(["before_year", "after_year", "level"], key=lambda s: s.map(order) if s.name == "level" else s,
                            kind="stable").reset_index(drop=True)
    cols = ["level", "id", "before", "after", "change", "ci_low", "ci_high", "p_value", "p_adjusted", "significant",
            "grade_before", "grade_after", "note", "before_year", "after_year", "se_before", "se_after", "se_change",
            "meaningful", "before_id", "after_id"]
    rows = rows[cols]
    z = float(normal_quantile(0.5 + st.confidence / 2))
    trend = pd.concat([r.scores.assign(fiscal_year=r.fiscal_year, microdata=r.microdata, source=r.source) for r in sets],
                      ignore_index=True)
    trend["ci_low"] = trend["score"] - z * trend["se"]
    trend["ci_high"] = trend["score"] + z * trend["se"]
    trend = trend[["level", "id", "fiscal_year", "score", "se", "ci_low", "ci_high", "grade", "microdata", "note", "source"]]
    stamp = provenance(sources={r.source: _source_hash(r.source) for r in sets})
    settings_doc = {"confidence": st.confidence, "meaningful_change": st.meaningful_change,
                    "multiple_testing": "Holm within each level and pair of years",
                    "years": [r.fiscal_year for r in sets], "sources": [r.source for r in sets]}
    return Comparison(rows=rows, trend=trend, notes=notes, settings=settings_doc, provenance=stamp)


def _source_hash(source: str) -> str:
    """SHA-256 of a published file, or of a results folder's results.json."""
    path = Path(source)
    path = path / "results.json" if path.is_dir() else path
    return file_sha256(path) if path.exists() else ""
