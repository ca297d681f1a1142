"""Earlier results, read back: a results folder (``ita score --out``) or a published-results file.

Each becomes one :class:`ResultSet` per fiscal year and agency, which :func:`ita_analytics.compare`
compares.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..core._crosswalk import SECTIONS
from ..core._errors import ITAInputError
from ._ingest import read_published

__all__ = ["ResultSet", "load_results"]


@dataclass(frozen=True)
class ResultSet:
    """One fiscal year's scores for one agency, from a results folder or a published file."""

    fiscal_year: int  # Buddhist era
    agency: str | None  # the agency, when known
    scores: pd.DataFrame  # level, id, score, se (NaN when unknown), grade, note
    source: str  # the folder or file it came from
    microdata: bool  # True when SEs come from the responses

    @property
    def label(self) -> str:
        return f"FY{self.fiscal_year}" + ("" if self.microdata else " (published)")


def _from_folder(folder: Path) -> list[ResultSet]:
    path = folder / "results.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        year = int(doc["method"]["framework"]["fiscal_year"])
    except FileNotFoundError:
        raise ITAInputError("is a folder without results.json: give a folder written by `ita score --out`",
                            path=folder) from None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise ITAInputError("results.json is not a results file written by `ita score --out`", path=folder) from None
    rows = []
    if doc.get("overall"):
        o = doc["overall"]
        rows.append({"level": "overall", "id": "ITA", "score": o["score"], "se": o["se"], "grade": o.get("grade"),
                     "note": ""})
    for level in ("tool", "indicator", "question"):
        for r in doc.get(SECTIONS[level], []):
            rows.append({"level": level, "id": str(r[level]), "score": r["score"], "se": r["se"], "grade": None,
                         "note": ""})
    return [ResultSet(year, None, pd.DataFrame(rows), str(folder), True)]


def _from_published(path: Path) -> list[ResultSet]:
    pub = read_published(path)
    if pub.accepted == 0:
        raise ITAInputError("has no usable published figure", path=path)
    out = []
    data = pub.data.copy()
    data["agency"] = data["agency"].fillna("")
    for (year, agency), g in data.groupby(["fiscal_year", "agency"], sort=True):
        frame = pd.DataFrame({
            "level": g["level"].to_numpy(), "id": g["id"].astype(str).to_numpy(), "score": g["score"].to_numpy(),
            "se": np.nan, "grade": g["grade"].replace("", None).to_numpy() if "grade" in g else None,
            "note": g["note"].to_numpy() if "note" in g else "",
        })
        out.append(ResultSet(int(year), agency or None, frame, str(path), False))
    return out


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

