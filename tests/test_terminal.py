"""The terminal as an analyst sees it: at 80 and 160 columns, piped."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_cli import ROOT


def _ita(*args: str, columns: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run([sys.executable, "-m", "ita_analytics", *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=300)


@pytest.mark.parametrize("columns", [80, 160])
def test_score_by_department_prints_the_breakdown(raw_dir, columns):
    p = _ita("score", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
             "--roster", str(raw_dir / "roster_2566.xlsx"), "--by", "department", columns=columns)
    assert p.returncode == 0, p.stderr
    assert "by department" in p.stdout
    rows = [line for line in p.stdout.splitlines() if "ฝ่ายรักษาความสะอาดและสวนสาธารณะ" in line]
    assert len(rows) == 2  # IIT and EIT, the whole name on its line
    assert "all answered (SE 0)" in " ".join(p.stdout.split())  # ฝ่ายรายได้: all 18 staff answered
    assert max(len(line) for line in p.stdout.splitlines()) <= columns + 5  # Thai marks take no column


def test_score_out_lists_the_flagged_responses(raw_dir, tmp_path):
    import pandas as pd

    p = _ita("score", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
             "--roster", str(raw_dir / "roster_2566.xlsx"), "--out", str(tmp_path / "out"), columns=120)
    assert p.returncode == 0, p.stderr
    flagged = pd.read_csv(tmp_path / "out" / "integrity_flagged_responses.csv", encoding="utf-8-sig")
    assert list(flagged.columns[:3]) == ["tool", "response_id", "row"] and flagged["any"].all()
    planted = flagged.set_index("response_id")
    assert bool(planted.loc["IIT2566-D01", "duplicate"]) and planted.loc["IIT2566-D01", "row"] == 68  # the 68th data row
    assert bool(planted.loc["IIT2566-S02", "straight_lining"])
    counts = pd.read_csv(tmp_path / "out" / "integrity_flags.csv", encoding="utf-8-sig")
    assert counts.loc[counts["flag"] == "any", "responses"].sum() == len(flagged)
    book = pd.read_excel(tmp_path / "out" / "integrity.xlsx", sheet_name=None)
    assert list(book)[-1] == "ที่มา" and len(book[list(book)[0]]) == len(flagged)
