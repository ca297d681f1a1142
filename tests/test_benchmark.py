"""The benchmark script (`make bench`) still runs end to end, on a tiny national-style data set."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_benchmark_prints_every_measure_as_a_ratio(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--agencies", "30", "--responses", "3000",
         "--subset", "10", "--repeat", "1", "--no-readme", "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    rows = [line for line in run.stdout.splitlines() if line.startswith("| (")]
    assert [row[2:5] for row in rows] == ["(a)", "(a)", "(b)", "(c)", "(d)"]
    for row in rows:
        name, times, ratio, target = (cell.strip() for cell in row.strip("|").split("|"))
        assert target in ("≤ 2×", "≥ 20×", "report", "≤ 4×")
        if "R not installed" in times:  # (c) without R: no ratio, said so
            assert ratio == ""
            continue
        assert re.fullmatch(r"[\d,]+(\.\d+)? (s|MB) ÷ [\d,]+(\.\d+)? (s|MB)", times), times
        assert re.fullmatch(r"\d+\.\d×", ratio) and float(ratio[:-1]) > 0, ratio
    assert "30 agencies, 3,000 responses" in run.stdout
    # the data set was generated where asked, and the README was left alone
    assert sorted(p.name for p in (tmp_path / "national_30_3000").iterdir()) == [
        "national_eit_2566.csv", "national_iit_2566.csv"]
