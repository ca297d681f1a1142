"""Earlier results, read back: a results folder (``ita score --out``) or a published-results file.

Each becomes one :class:`ResultSet` per fiscal year and agency, which :func:`ita_analytics.compare`
compares.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core._crosswalk import SECTIONS
from ..core._errors import FrameworkError, ITAInputError
from ..core._framework import load_framework
from ._ingest import read_published

__all__ = ["ResultSet", "from_document", "load_results"]


@dataclass(frozen=True)
class ResultSet:
    """One fiscal year's scores for one agency, from a results folder or a published file."""

    fiscal_year: int  # Buddhist era
    agency: str | None  # the agency, when known
    scores: pd.DataFrame  # level, id, score, se, se_nofpc (NaN when unknown), grade, note, reliable, precision
    source: str  # the folder or file it came from
    microdata: bool  # True when SEs come from the responses
    frame_year: int = 0  # the year of the frame it was scored with (0: the fiscal year's own)
    lineage: tuple[int, ...] = ()  # that frame's year and the years its file extends

    @property
    def label(self) -> str:
        return f"FY{self.fiscal_year}" + ("" if self.microdata else " (published)")

    @property
    def name(self) -> str:
        """The source's own name (a folder's or file's), to tell apart two waves of one year."""
        return Path(self.source).name or self.source

    @property
    def frame(self) -> int:
        """The frame year its ids belong to."""
        return self.frame_year or self.fiscal_year


def _from_folder(folder: Path) -> list[ResultSet]:
    path = folder / "results.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return [from_document(doc, str(folder))]
    except FileNotFoundError:
        raise ITAInputError("no_results_json", path=folder) from None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise ITAInputError("bad_results_json", path=folder) from None


def from_document(doc: dict[str, Any], source: str) -> ResultSet:
    """A result set from a results document (``results.json``, or ``ScoreResult.to_dict()``).

    Each figure keeps its SE and its SE without the finite population correction (``se_nofpc``;
    for a document written before it was recorded, worked out from the correction's factor).
    """
    year = int(doc["method"]["framework"]["fiscal_year"])
    factor = doc["method"].get("fpc", {}).get("IIT", {}).get("factor", 1.0) or 1.0
    rows = []
    for level in ("tool", "indicator", "question"):
        for r in doc.get(SECTIONS[level], []):
            tool = r.get("tool")
            se = r["se"]
            nofpc = r.get("se_nofpc", se if tool != "IIT" or se is None else se / np.sqrt(factor))
            rows.append({"level": level, "id": str(r[level]), "score": r["score"], "se": se, "se_nofpc": nofpc,
                         "grade": None, "note": "", "reliable": True})
    if doc.get("overall"):
        o = doc["overall"]
        if "se_nofpc" in o:
            nofpc = o["se_nofpc"]
        else:
            tools = {r["id"]: r["se_nofpc"] for r in rows if r["level"] == "tool"}
            weights = doc["method"].get("weights", {})
            nofpc = float(np.sqrt(sum(weights.get(t, 0.0) ** 2 * (tools.get(t) or 0.0) ** 2 for t in ("IIT", "EIT"))))
        rows.insert(0, {"level": "overall", "id": "ITA", "score": o["score"], "se": o["se"], "se_nofpc": nofpc,
                        "grade": o.get("grade"), "note": "", "reliable": True})
    framework = doc["method"]["framework"]
    frame_year = int(framework.get("frame_year", year))
    lineage = tuple(int(y) for y in framework.get("lineage", [frame_year]))
    table = pd.DataFrame(rows).astype({"se": float, "se_nofpc": float}).assign(precision=0.0)  # computed: exact
    return ResultSet(year, None, table, source, True, frame_year, lineage)


def _from_published(path: Path) -> list[ResultSet]:
    pub = read_published(path)
    if pub.accepted == 0:
        raise ITAInputError("no_published_figure", path=path)
    out = []
    data = pub.data.copy()
    data["agency"] = data["agency"].fillna("")
    for (year, agency), g in data.groupby(["fiscal_year", "agency"], sort=True):
        frame = pd.DataFrame({
            "level": g["level"].to_numpy(), "id": g["id"].astype(str).to_numpy(), "score": g["score"].to_numpy(),
            "se": np.nan, "se_nofpc": np.nan,
            "grade": g["grade"].replace("", None).to_numpy() if "grade" in g else None,
            "note": g["note"].to_numpy() if "note" in g else "", "reliable": g["reliable"].to_numpy(dtype=bool),
            "precision": [published_precision(v) for v in g["score"].to_numpy(dtype=float)],
        })
        frame_year = _frame_year(int(year))
        out.append(ResultSet(int(year), agency or None, frame, str(path), False, frame_year, (frame_year,)))
    return out


def published_precision(value: float) -> float:
    """The unit a published figure was rounded to: 0.01 for 86.67, 0.1 for 79.4, 1 for 80 (from its decimals)."""
    if not np.isfinite(value):
        return 0.0
    for decimals in range(7):
        if abs(round(value, decimals) - value) < 1e-9:
            return 10.0 ** -decimals
    return 0.0


def _frame_year(year: int) -> int:
    """The frame a year's ids belong to: its own, or the one carried forward to it (none known: the year itself)."""
    try:
        return load_framework(year).frame_year
    except FrameworkError:
        return year


def load_results(source: str | Path) -> list[ResultSet]:
    """Read a results folder (``ita score --out``) or a published-results file into result sets.

    A published file may hold several years or agencies: one result set each.
    """
    path = Path(source)
    if path.is_dir():
        return _from_folder(path)
    if path.name == "results.json":
        return _from_folder(path.parent)
    return _from_published(path)

