"""The committee's analysis document, its measures workbook, and the progress report read back from it."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from conftest import strict_json
from test_cli import ita


@pytest.fixture(scope="module")
def analysis(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("analysis")
    p = ita("plan", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
            "--oit", str(raw_dir / "oit_2566.csv"), "--roster", str(raw_dir / "roster_2566.xlsx"),
            "--previous", str(raw_dir / "published_2565_ladkrabang.csv"), "--out", str(out), "--json", lang="th")
    assert p.returncode == 0, p.stderr
    return out, strict_json(p.stdout)


def test_the_analysis_document_opens_in_word_with_its_sections(analysis):
    from docx import Document

    out, doc = analysis
    assert set(doc["files"]) == {"docx", "pdf", "measures"}
    word = Document(str(out / "analysis.docx"))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["1. ผลการประเมิน", "2. เปรียบเทียบกับปีที่ผ่านมา", "3. จุดแข็งและจุดที่ต้องพัฒนา",
                        "4. ข้อมูลที่ยังไม่ได้เผยแพร่ (OIT)", "5. แนวทางสู่เป้าหมาย",
                        "6. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"]
    text = "\n".join(p.text for p in word.paragraphs)
    assert "คะแนนจริงน่าจะอยู่ระหว่าง 84.78 ถึง 85.79" in text  # the interval in plain words
    measures = next(t for t in word.tables if t.rows[0].cells[2].text == "มาตรการ/การดำเนินการ")
    rows = [[c.text for c in r.cells] for r in measures.rows[1:]]
    assert [r[1].split()[0] for r in rows[:3]] == ["O25", "O3", "O30"]  # the missing OIT items, then the indicators
    assert all(r[3] and r[3] != "ทุกฝ่าย" for r in rows)  # every measure has a named owner
    assert len(rows) == 3 + 6  # six survey indicators (2, 3, 4, 6, 7, 8) are below the pass mark 85
    changes = next(t for t in word.tables if t.rows[0].cells[-1].text == "สรุป")
    assert any("เปลี่ยนจริง" in r.cells[-1].text for r in changes.rows[1:])  # the honest verdicts


def test_the_analysis_pdf_reads_as_written(analysis):
    out, _ = analysis
    text = subprocess.run(["pdftotext", str(out / "analysis.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for words in ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "แผนพัฒนาเชิงพื้นที่", "ฝ่ายปกครอง", "หน้า1จาก"):
        assert re.sub(r"\s+", "", words) in flat, words


def _fill(path: Path, target: Path) -> None:
    """The committee at work: one measure done with its evidence, one under way, a typo, and an empty line."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["มาตรการ"]
    head = [c.value for c in sheet[1]]
    col = {h: k for k, h in enumerate(head)}
    sheet.cell(row=2, column=col["สถานะ"] + 1, value="เสร็จแล้ว")
    sheet.cell(row=2, column=col["ลิงก์หลักฐาน"] + 1, value="https://example.go.th/o25")
    sheet.cell(row=5, column=col["สถานะ"] + 1, value="กำลังดำเนินการ")
    sheet.cell(row=6, column=col["สถานะ"] + 1, value="ทำไปบ้าง")  # not one of the list
    sheet.cell(row=7, column=col["มาตรการ/การดำเนินการ"] + 1).value = None  # the measure erased
    sheet.cell(row=8, column=col["กำหนดเสร็จ"] + 1, value="31/13/2567")  # no such month
    book.save(target)


def test_measures_round_trip_write_fill_read_report(analysis, tmp_path):
    from openpyxl import load_workbook

    out, _ = analysis
    book = load_workbook(out / "measures.xlsx")
    sheet = book["มาตรการ"]
    assert sheet.data_validations.dataValidation  # the status is chosen from a list
    assert sheet.freeze_panes == "A2" and isinstance(sheet["L2"].value, dt.datetime)  # due dates are dates
    filled = tmp_path / "filled.xlsx"
    _fill(out / "measures.xlsx", filled)
    p = ita("plan", "--measures", str(filled), "--as-of", "2024-04-15", "--json", "--out", str(tmp_path / "report"),
            lang="th")
    assert p.returncode == 0, p.stderr
    doc = strict_json(p.stdout)
    assert doc["measures"] == 9 and doc["accepted"] == 6 and doc["rejected"] == 3
    reasons = {r["row"]: r["check"] for r in doc["rejects"]}
    assert reasons == {6: "unknown_value", 7: "missing_value", 8: "bad_date"}
    states = doc["states"]
    assert states["done"] == 1 and states["in_progress"] == 1
    assert states["late"] == 2  # the other two OIT items were due on 31 March 2567 (2024)
    assert doc["progress"][0]["state"] == "late" and doc["progress"][0]["days_late"] == 15
    for name in ("progress.docx", "progress.pdf"):
        assert (tmp_path / "report" / name).stat().st_size > 5_000
    text = subprocess.run(["pdftotext", str(tmp_path / "report" / "progress.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "ล่าช้า15วัน" in flat and "เสร็จแล้ว1" in flat


def test_an_unusable_measures_file_is_one_sentence(tmp_path):
    fake = tmp_path / "measures.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    for path in (fake, tmp_path / "missing.xlsx", tmp_path):
        p = ita("plan", "--measures", str(path))
        assert p.returncode == 2 and "Traceback" not in p.stderr, p.stderr
        assert len(p.stderr.strip().splitlines()) == 1
