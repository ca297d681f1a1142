"""The ``ita`` command as a person runs it: a subprocess, its stdout, stderr and exit status."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import strict_json

import ita_analytics as ia

ROOT = Path(__file__).resolve().parents[1]


def ita(*args: str, cwd: Path = ROOT, lang: str = "en") -> subprocess.CompletedProcess[str]:
    """The command as a script runs it; ``lang`` is ITA_LANG (these tests read English; Thai is the default)."""
    env = {**os.environ, "ITA_LANG": lang}
    return subprocess.run([sys.executable, "-m", "ita_analytics", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300, env=env)


def test_validate_json_contract(raw_dir, tmp_path):
    out = tmp_path / "rejects.csv"
    p = ita("validate", str(raw_dir / "iit_2566.csv"), "--tool", "IIT", "--json", "--roster",
            str(raw_dir / "roster_2566.xlsx"), "--rejects", str(out))
    assert p.returncode == 1, p.stderr  # done, but rows were rejected
    doc = strict_json(p.stdout)
    assert {"rows_read", "accepted", "rejected", "rejections", "input_sha256"} <= doc.keys()
    assert doc["accepted"] + doc["rejected"] == doc["rows_read"] == 560
    assert doc["rejected"] == 12 and doc["rejections"][0]["row"] > 0
    assert p.stderr == ""
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows Thai
    assert text.decode("utf-8-sig").splitlines()[0] == "row,response_id,reason"
    assert len(text.decode("utf-8-sig").splitlines()) == 13


def test_validate_clean_file_exits_0(raw_dir):
    p = ita("validate", str(raw_dir / "oit_2566.csv"), "--tool", "oit")
    assert p.returncode == 0, p.stderr
    assert "accepted 30" in p.stdout


@pytest.mark.parametrize("content", [b"", b"\x00\x01garbage\xff\xfe" * 50, b"a,b\n1,2\n", b"PK\x03\x04truncated"])
def test_unusable_file_one_plain_line_exit_2(tmp_path, content):
    path = tmp_path / "damaged.csv"
    path.write_bytes(content)
    p = ita("validate", str(path), "--tool", "IIT", "--json")
    assert p.returncode == 2
    assert p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"ita: {path}: ")  # the path as given
    assert re.search(r" \(ITA-E\d{3}\)$", lines[0])  # and the code of the message
    assert "Traceback" not in p.stderr


def test_missing_file_and_wrong_tool(raw_dir, tmp_path):
    p = ita("validate", str(tmp_path / "nope.csv"), "--tool", "IIT")
    missing = re.escape(str(tmp_path / "nope.csv"))
    assert p.returncode == 2 and re.fullmatch(rf"ita: {missing}: the file does not exist \(ITA-E\d{{3}}\)", p.stderr.strip())
    p = ita("validate", str(raw_dir / "iit_2566.csv"), "--tool", "EIT")
    assert p.returncode == 2 and "looks like an IIT export" in p.stderr


def test_year_option(raw_dir):
    p = ita("validate", str(raw_dir / "iit_2567.xlsx"), "--tool", "IIT", "--year", "2567", "--json")
    assert strict_json(p.stdout)["fiscal_year"] == 2567
    p = ita("validate", str(raw_dir / "iit_2567.xlsx"), "--tool", "IIT", "--year", "2565")
    assert p.returncode == 2 and "does not know its questions" in p.stderr


@pytest.mark.slow
def test_demo_runs_end_to_end(tmp_path, raw_dir):
    p = ita("demo", "--data", str(raw_dir), "--processed", str(tmp_path / "processed"),
            "--figures", str(tmp_path / "figures"), "--json")
    assert p.returncode == 0, p.stderr
    doc = strict_json(p.stdout)
    assert doc["inputs"]["iit_2566"]["rows_read"] == 560
    for name in ("iit_2566.parquet", "iit_2566_rejects.csv", "ingest_summary.csv"):
        assert (tmp_path / "processed" / name).exists()
    for suffix in (".png", ".svg", ".csv"):
        assert (tmp_path / "figures" / f"ingest_summary{suffix}").stat().st_size > 1000


def test_score_json_contract(raw_dir, tmp_path):
    p = ita("score", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
            "--oit", str(raw_dir / "oit_2566.csv"), "--roster", str(raw_dir / "roster_2566.xlsx"), "--json",
            "--out", str(tmp_path / "res"))
    assert p.returncode == 0, p.stderr
    doc = strict_json(p.stdout)
    assert set(doc["overall"]) >= {"score", "se", "ci_low", "ci_high", "grade"}
    assert {t["tool"] for t in doc["tools"]} == {"IIT", "EIT", "OIT"}
    for key, fields in (("tools", {"tool", "score", "se", "ci_low", "ci_high", "n"}),
                        ("indicators", {"indicator", "tool", "score", "se", "ci_low", "ci_high", "n"}),
                        ("questions", {"question", "indicator", "score", "se", "ci_low", "ci_high", "n", "n_answered"})):
        assert all(fields <= set(row) for row in doc[key]), key
    assert len(doc["questions"]) == 40 and len(doc["indicators"]) == 10
    assert {"four_level_points", "tool_aggregation", "fpc", "confidence"} <= set(doc["method"])
    assert (tmp_path / "res" / "results.json").exists()
    # the integrity part (worked out while the scores are written) is what the library gives
    from ita_analytics.core._json import json_default
    from ita_analytics.stats._integrity import check_integrity

    roster = ia.read_roster(raw_dir / "roster_2566.xlsx")
    iit, eit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster), ia.read_eit(raw_dir / "eit_2566.csv")
    oit = ia.read_oit_checklist(raw_dir / "oit_2566.csv")
    scored = ia.score(iit, eit, oit, roster)
    integrity = check_integrity(iit, eit, oit, roster, scored=scored)
    assert doc["integrity"] == strict_json(json.dumps(integrity.to_dict(), ensure_ascii=False, default=json_default))
    assert doc["integrity"]["counts"] and doc["integrity"]["sensitivity"]
    assert len(pd.read_csv(tmp_path / "res" / "integrity_flags.csv")) == len(integrity.counts)
    by = strict_json(ita("score", "--iit", str(raw_dir / "iit_2566.csv"), "--roster", str(raw_dir / "roster_2566.xlsx"),
                        "--by", "department", "--json").stdout)
    group = by["groups"][0]
    assert {"by", "value", "n", "suppressed", "tools", "indicators", "questions"} <= set(group)
    assert group["by"] == "department"


def test_score_confidence_option_and_bad_input(raw_dir, tmp_path):
    wide = strict_json(ita("score", "--eit", str(raw_dir / "eit_2566.csv"), "--confidence", "0.99", "--json").stdout)
    narrow = strict_json(ita("score", "--eit", str(raw_dir / "eit_2566.csv"), "--json").stdout)
    w, n = wide["tools"][0], narrow["tools"][0]
    assert w["ci_high"] - w["ci_low"] > n["ci_high"] - n["ci_low"]
    p = ita("score", "--eit", str(raw_dir / "eit_2566.csv"), "--confidence", "1.5")
    assert p.returncode == 2 and p.stderr.startswith("ita: --confidence must be")
    p = ita("score")
    assert p.returncode == 2 and "nothing to score" in p.stderr


def test_parquet_cache_reads_each_file_once(raw_dir, tmp_path):
    cache = tmp_path / "cache"
    args = ["score", "--iit", str(raw_dir / "iit_2566.csv"), "--roster", str(raw_dir / "roster_2566.xlsx"),
            "--json", "--cache", str(cache)]
    first = strict_json(ita(*args).stdout)
    files = sorted(p.name for p in cache.iterdir())
    assert len([f for f in files if f.endswith(".data.parquet")]) == 2  # the IIT export and the roster
    stamps = {p: p.stat().st_mtime_ns for p in cache.iterdir()}
    second = strict_json(ita(*args).stdout)
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps  # nothing parsed or written again
    for key in ("tools", "indicators", "questions"):
        assert first[key] == second[key]
    assert first["inputs"] == second["inputs"]
