"""The terminal as an analyst sees it: at 80 and 160 columns, piped."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_cli import ROOT

from ita_analytics.core._catalogue import code_of


def _ita(*args: str, columns: int, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "ITA_LANG": lang}
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
    assert list(book)[-1] == "Provenance" and len(book[list(book)[0]]) == len(flagged)  # --lang en: English sheets


def test_the_year_comes_from_the_dates_unless_asked(raw_dir):
    from conftest import strict_json

    files = ["--iit", str(raw_dir / "iit_2567.xlsx"), "--eit", str(raw_dir / "eit_2567.csv"), "--oit",
             str(raw_dir / "oit_2567.csv")]
    p = _ita("score", *files, "--json", columns=120)
    assert p.returncode == 0, p.stderr
    doc = strict_json(p.stdout)
    assert doc["method"]["framework"]["fiscal_year"] == 2567 and doc["overall"]["grade"] == "ผ่าน"  # a category, not "A"
    assert "warnings" not in doc and "ita: warning:" not in p.stderr  # the answers' own year: nothing to warn
    asked = strict_json(_ita("score", *files, "--json", "--year", "2566", columns=120).stdout)
    assert asked["method"]["framework"]["fiscal_year"] == 2566
    assert any("FY2566 was asked for, but" in w for w in asked["warnings"])
    text = _ita("score", *files, columns=120).stdout
    assert "framework FY2567 (provisional" in text
    same = strict_json(_ita("score", "--eit", str(raw_dir / "eit_2566.csv"), "--json", columns=120).stdout)
    assert "warnings" not in same


def test_frameworks_you_can_write(tmp_path, raw_dir):
    from conftest import strict_json

    shown = strict_json(_ita("framework", "show", "--year", "2566", "--json", columns=80).stdout)
    assert shown["fiscal_year"] == 2566 and len(shown["questions"]) == 40 and len(shown["oit_items"]) == 30
    assert "FY2566 (from the source document)" in _ita("framework", "show", columns=80).stdout
    new = tmp_path / "fw2569.toml"
    made = _ita("framework", "new", "--from", "2566", "--year", "2569", str(new), columns=80)
    assert made.returncode == 0, made.stderr
    text = new.read_text(encoding="utf-8")
    assert "extends = 2566" in text and "TO FILL IN" in text and "window_end = 2026-06-30" in text
    assert _ita("framework", "check", str(new), columns=80).returncode == 0
    again = _ita("framework", "new", "--from", "2566", "--year", "2569", str(new), columns=80)
    assert again.returncode == 2 and "exists already" in again.stderr
    diff = strict_json(_ita("framework", "diff", "2566", str(new), "--json", columns=80).stdout)["changes"]
    assert [(c["kind"], c["id"]) for c in diff] == [("grading", "rules"), ("fieldwork", "window")]  # categories from 2567
    changes = strict_json(_ita("framework", "diff", "2566", "2567", "--json", columns=80).stdout)["changes"]
    assert {c["kind"] for c in changes} == {"grading", "fieldwork"}
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('grading = "categories"', 'grading = "stars"'), encoding="utf-8")
    p = _ita("framework", "check", str(bad), columns=80)
    assert p.returncode == 2 and "scoring.grading" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    scored = _ita("score", "--eit", str(raw_dir / "eit_2566.csv"), "--framework", str(new), "--json", columns=80)
    assert scored.returncode == 0 and strict_json(scored.stdout)["method"]["framework"]["fiscal_year"] == 2569


def test_every_help_has_an_example_date_formats_and_defaults():
    for command in ("validate", "score", "quota", "compare", "report", "plan", "demo", "framework"):
        p = _ita(command, "--help", columns=100)
        assert p.returncode == 0 and "example" in p.stdout, command
    quota = " ".join(_ita("quota", "--help", columns=100).stdout.split())
    assert "YYYY-MM-DD or DD/MM/25xx" in quota and "default: the framework's [fieldwork]" in quota
    score = " ".join(_ita("score", "--help", columns=100).stdout.split())
    assert "(default 0.95)" in score and "(default 5)" in score
    assert "(default 2)" in " ".join(_ita("compare", "--help", columns=100).stdout.split())


def test_piped_output_starts_with_words_not_blank_lines(raw_dir):
    p = _ita("score", "--eit", str(raw_dir / "eit_2566.csv"), columns=80)
    assert p.stdout.splitlines()[0].strip() and not p.stderr.startswith("\n")
    bad = _ita("score", "--iit", str(raw_dir / "eit_2566.csv"), columns=80)
    assert bad.returncode == 2 and bad.stderr.startswith("ita: ") and bad.stdout == ""
    assert "give it as the EIT file" in bad.stderr and "--tool option" not in bad.stderr  # score has no --tool


@pytest.mark.parametrize("columns", [80, 160])
def test_compare_verdicts_fit_the_terminal(raw_dir, tmp_path, columns):
    folder = tmp_path / "r2566"
    assert _ita("score", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
                "--oit", str(raw_dir / "oit_2566.csv"), "--out", str(folder), columns=columns).returncode == 0
    p = _ita("compare", str(raw_dir / "published_2565_ladkrabang.csv"), str(folder), columns=columns)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    rows = [line for line in lines if line.lstrip().startswith(("ITA", "indicator"))]
    assert len(rows) == 11 and all("…" in r or "untested" in r for r in rows)  # one line each, interval in one piece
    assert any("real ≥ 2" in r for r in rows)
    assert "real ≥ 2 = a real change of at least 2 points" in " ".join(p.stdout.split())  # the key says it whole


def test_the_command_speaks_thai_by_default(raw_dir, tmp_path):
    from conftest import strict_json

    score = _ita("score", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
                 "--oit", str(raw_dir / "oit_2566.csv"), "--roster", str(raw_dir / "roster_2566.xlsx"),
                 "--out", str(tmp_path / "r"), columns=100, lang="")
    text = " ".join(score.stdout.split())
    assert "กรอบการประเมินปีงบประมาณ 2566 (ตามเอกสารต้นฉบับ)" in text and "คะแนนรวม ITA 85.30" in text
    assert "ผู้รับผิดชอบ: ฝ่ายปกครอง" in text and "หมายเหตุ: ข้อสมมติ:" in text and "ASSUMED" not in text
    checked = " ".join(_ita("validate", str(raw_dir / "iit_2566.csv"), "--tool", "IIT", "--roster",
                            str(raw_dir / "roster_2566.xlsx"), columns=120, lang="").stdout.split())
    assert "ปฏิเสธ 12" in checked and "คำตอบข้อ i3 อ่านไม่ได้: 'มากๆ'" in checked and "ไม่ได้กรอกฝ่าย" in checked
    missing = _ita("score", "--iit", "data/raww/iit_2566.csv", columns=100, lang="")
    assert missing.returncode == 2 and missing.stderr.strip() == f"ita: data/raww/iit_2566.csv: ไม่มีไฟล์นี้ ({code_of('no_file')})"
    compared = " ".join(_ita("compare", str(raw_dir / "published_2565_ladkrabang.csv"), str(tmp_path / "r"),
                             columns=100, lang="").stdout.split())
    assert "จริง ≥ 2 = เปลี่ยนจริงและมากพอ (อย่างน้อย 2 คะแนน)" in compared and "ไม่ทดสอบ (ไม่มีคู่)" in compared
    quota = " ".join(_ita("quota", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
                          "--roster", str(raw_dir / "roster_2566.xlsx"), "--as-of", "2023-05-10", "--deadline",
                          "2023-05-20", columns=100, lang="").stdout.split())
    assert "ไม่ทันกำหนด" in quota and "ต้องติดตาม" in quota
    english = " ".join(_ita("score", "--eit", str(raw_dir / "eit_2566.csv"), "--lang", "en", columns=100,
                            lang="").stdout.split())
    assert "framework FY2566 (from the source document)" in english
    doc = strict_json(_ita("score", "--iit", str(raw_dir / "iit_2567.xlsx"), "--eit", str(raw_dir / "eit_2566.csv"),
                           "--json", columns=100, lang="").stdout)
    assert "method" in doc and any("ปีงบประมาณ 2567" in w for w in doc["warnings"])  # keys English, texts Thai


def test_json_keys_stay_english_and_its_texts_follow_the_language(raw_dir):
    from conftest import strict_json

    args = ("validate", str(raw_dir / "iit_2566.csv"), "--tool", "IIT", "--json")
    thai = strict_json(_ita(*args, columns=100, lang="").stdout)
    english = strict_json(_ita(*args, columns=100, lang="en").stdout)
    assert set(thai) == set(english) and thai["rejected"] == english["rejected"] == 11
    assert thai["rejections"][0]["reason"] == "รหัสแบบสอบถาม ซ้ำ พบครั้งแรกที่แถว 6"
    assert english["rejections"][0]["reason"] == "duplicate response_id, first seen at row 6"
