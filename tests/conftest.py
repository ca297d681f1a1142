"""Shared fixtures: the shipped framework, the committed sample data, a tiny export writer."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

import ita_analytics as ia  # noqa: E402  # after matplotlib.use("Agg") above

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def fw() -> ia.Framework:
    return ia.load_framework(2566)


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


@pytest.fixture(scope="session")
def roster(fw: ia.Framework) -> ia.ReadResult:
    return ia.read_roster(RAW / "roster_2566.xlsx", framework=fw)


def write_rows(path: Path, header: list[str], rows: list[list[object]], *, encoding: str = "utf-8",
               newline: str = "\n") -> Path:
    """Write a small CSV export for a test."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


IIT_Q = [f"i{k}" for k in range(1, 26)]
EIT_Q = [f"e{k}" for k in range(1, 16)]


def iit_row(rid: str, answer: str = "มาก", *, dept: str = "ฝ่ายปกครอง", staff: str = "ข้าราชการ",
            tenure: str = "5", when: str = "15/05/2566 09:30", yn: str = "ไม่มี", **overrides: str) -> list[str]:
    """One IIT row in the canonical column order: every 4-level question gets ``answer``, yes/no ``yn``."""
    fw = ia.load_framework(2566)
    answers = {q.id: (answer if q.scale == "4L" else yn) for q in fw.questions_of("IIT")}
    answers.update(overrides)
    return [rid, when, "สำนักงานเขตทดสอบ", dept, staff, tenure] + [answers[q] for q in IIT_Q]


IIT_HEADER = ["response_id", "submitted_at", "agency", "department", "staff_type", "tenure_years"] + IIT_Q


def strict_json(text: str | bytes) -> object:
    """Parse JSON as a strict parser does (RFC 8259): NaN, Infinity and -Infinity are refused."""
    import json

    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="session")
def pack(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample district's committee pack (FY2566 against the memo's FY2565), made once for every test that reads it."""
    from test_cli import ita

    out = tmp_path_factory.mktemp("pack")
    p = ita("report", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
            "--oit", str(raw_dir / "oit_2566.csv"), "--roster", str(raw_dir / "roster_2566.xlsx"),
            "--previous", str(raw_dir / "published_2565_ladkrabang.csv"), "--out", str(out), "--json", lang="th")
    assert p.returncode == 0, p.stderr
    doc = strict_json(p.stdout)
    assert {"html", "pdf", "xlsx"} <= set(doc)
    return out
