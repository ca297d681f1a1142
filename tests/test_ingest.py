"""Readers: nothing lost, nothing silent, the same answer whatever the file's form."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import IIT_HEADER, IIT_Q, iit_row, write_rows

import ita_analytics as ia

SAMPLE = [("iit_2566.csv", "IIT", 2566), ("eit_2566.csv", "EIT", 2566),
          ("iit_2567.xlsx", "IIT", 2567), ("eit_2567.csv", "EIT", 2567)]


@pytest.mark.parametrize("name, tool, year", SAMPLE)
def test_every_planted_bad_row_is_rejected_with_its_reason(raw_dir, roster, name, tool, year):
    planted = pd.read_csv(raw_dir / "planted_bad_rows.csv")
    planted = planted[planted.file == name]
    result = ia.read_responses(raw_dir / name, tool, year=year, roster=roster if tool == "IIT" else None)
    assert result.accepted + result.rejected == result.rows_read
    got = dict(zip(result.rejects["row"], result.rejects["check"]))
    assert set(got) == set(planted["row"]), "exactly the planted rows are rejected"
    for row, check in zip(planted["row"], planted["check"]):
        assert check in got[row].split(";"), (row, check, got[row])
    assert result.rejects["reason"].str.len().min() > 10


def test_reasons_in_words(raw_dir, roster):
    r = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster)
    reasons = dict(zip(r.rejects["row"], r.rejects["reason"]))
    planted = pd.read_csv(raw_dir / "planted_bad_rows.csv").query("file == 'iit_2566.csv'")
    by_check = {c: reasons[row] for row, c in zip(planted["row"], planted["check"])}
    assert by_check["tenure_below_rule"] == "tenure of 0.5 years is below the minimum of 1"
    assert by_check["duplicate"].startswith("duplicate response_id, first seen at row ")
    assert by_check["not_in_roster"] == "department 'ฝ่ายประชาสัมพันธ์' is not in the roster"
    assert by_check["bad_date"] == "unreadable date in submitted_at: '31/02/2566 10:00'"


def _as_text_rows(path: Path, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))


def _write_xlsx(rows: list[list[str]], path: Path) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([c if c != "" else None for c in row])
    book.save(path)
    return path


def test_cp874_bom_utf16_and_xlsx_read_identically(raw_dir, roster, tmp_path):
    source = raw_dir / "iit_2566.csv"  # shipped as TIS-620/cp874 with CRLF
    rows = _as_text_rows(source, "cp874")
    text = "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\r\n"
    forms = {
        "cp874": source,
        "utf8": tmp_path / "u8.csv", "bom": tmp_path / "bom.csv", "utf16": tmp_path / "u16.txt",
        "xlsx": _write_xlsx(rows, tmp_path / "x.xlsx"),
    }
    forms["utf8"].write_bytes(text.encode("utf-8"))
    forms["bom"].write_bytes(text.encode("utf-8-sig"))
    forms["utf16"].write_bytes(text.replace(",", "\t").encode("utf-16"))  # Excel's "Unicode Text"
    results = {k: ia.read_iit(p, roster=roster) for k, p in forms.items()}
    assert results["cp874"].source.encoding == "tis-620/cp874"
    assert results["bom"].source.encoding == "utf-8-sig" and results["xlsx"].source.format == "xlsx"
    base = results["cp874"]
    for key, r in results.items():
        pd.testing.assert_frame_equal(r.data, base.data, check_dtype=False, obj=key)
        pd.testing.assert_frame_equal(r.rejects, base.rejects, check_dtype=False, obj=key)


def test_hand_computed_points_with_blanks_reverse_and_yes_no(tmp_path):
    rows = [
        iit_row("A1", "มากที่สุด", i9="มากที่สุด", i4="มี", i22="มี"),
        iit_row("A2", "น้อย", i9="", i4="ไม่มี", i22="0", i1="1", i2="4", i3="most", i7="น้อยที่สุดหรือไม่มีเลย"),
    ]
    r = ia.read_iit(write_rows(tmp_path / "h.csv", IIT_HEADER, rows))
    codes = r.data.set_index("response_id")
    d = ia.answer_points(r, "IIT").set_axis(r.data["response_id"])  # what score() averages
    assert d.loc["A1", "i1"] == 100.0 and d.loc["A1", "i9"] == 0.0  # i9 is reverse-scored
    assert d.loc["A1", "i4"] == 0.0 and d.loc["A1", "i22"] == 100.0  # yes = bad for i4, good for i22
    assert np.isnan(d.loc["A2", "i9"])  # blank = no answer, never 0
    assert d.loc["A2", "i4"] == 100.0 and d.loc["A2", "i22"] == 0.0
    assert d.loc["A2", "i1"] == 0.0 and d.loc["A2", "i2"] == 100.0 and d.loc["A2", "i3"] == 100.0
    assert d.loc["A2", "i7"] == 0.0 and d.loc["A2", "i8"] == pytest.approx(100 / 3, abs=0)
    assert codes.loc["A2", "i3"] == "4" and codes.loc["A1", "i9"] == "4"  # answers as written: codes, not points
    assert codes.loc["A2", "i4"] == "no" and pd.isna(codes.loc["A2", "i9"])
    assert codes.loc["A1", "submitted_at"] == pd.Timestamp("2023-05-15 09:30")


def test_english_headers_any_order_extra_columns_kept(tmp_path):
    rows = [iit_row("A1"), iit_row("A2", "น้อย")]
    header = IIT_HEADER[::-1] + ["browser"]
    shuffled = [r[::-1] + ["Chrome"] for r in rows]
    thai = ["ข้อ " + h if h in IIT_Q else {"response_id": "รหัสแบบสอบถาม", "submitted_at": "วันที่ตอบ",
            "agency": "หน่วยงาน", "department": "ฝ่าย", "staff_type": "ประเภทบุคลากร",
            "tenure_years": "อายุงาน (ปี)"}[h] for h in IIT_HEADER]
    a = ia.read_iit(write_rows(tmp_path / "a.csv", header, shuffled))
    b = ia.read_iit(write_rows(tmp_path / "b.csv", thai, rows))
    assert a.data["browser"].tolist() == ["Chrome", "Chrome"]
    pd.testing.assert_frame_equal(a.data.drop(columns="browser"), b.data)


def test_title_rows_blank_rows_and_semicolons(tmp_path):
    body = [iit_row("A1"), [""] * len(IIT_HEADER), iit_row("A2")]
    path = tmp_path / "t.csv"
    lines = ["รายงานผลแบบวัด IIT;;;", "ส่งออกเมื่อ 1/6/2566;;;", ";".join(IIT_HEADER)] + [";".join(r) for r in body] + ["", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    r = ia.read_iit(path)
    assert r.rows_read == 2 and r.blank_rows == 1 and r.accepted == 2
    assert r.data["row"].tolist() == [1, 3]  # row numbers count the blank row, as a spreadsheet shows it


def test_ragged_rows_are_rejected_not_fatal(tmp_path):
    rows = [iit_row("A1"), iit_row("A2")[:-3], iit_row("A3") + ["", ""], iit_row("A4") + ["surplus"]]
    r = ia.read_iit(write_rows(tmp_path / "r.csv", IIT_HEADER, rows))
    assert r.data["response_id"].tolist() == ["A1", "A3"]
    assert r.rejects["reason"].tolist() == ["row has 28 cells but the header has 31",
                                            "row has 32 cells but the header has 31"]


@pytest.mark.parametrize("mutate, message", [
    (lambda h: [c for c in h if c != "tenure_years"], "is missing the required column(s) tenure_years (อายุงาน)"),
    (lambda h: [c for c in h if c not in ("i5", "i6")], "is missing the required column(s) i5, i6"),
    (lambda h: h + ["response_id"], "has two columns for response_id"),
])
def test_whole_file_problems_raise_one_plain_sentence(tmp_path, mutate, message):
    header = mutate(list(IIT_HEADER))
    rows = [[iit_row("A1")[IIT_HEADER.index(c)] for c in header]]
    with pytest.raises(ia.ITAInputError) as err:
        ia.read_iit(write_rows(tmp_path / "f.csv", header, rows))
    assert message in str(err.value) and str(err.value).startswith(f"{tmp_path / 'f.csv'}: ")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"   \n\n", "the file is empty"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel 97-2003"),
    (b"<html><body><table><tr><td>x</td></tr></table></body></html>", "is a web page (HTML)"),
    (b"PK\x03\x04" + b"\x00" * 60, "not a readable .xlsx workbook"),
    (bytes(range(256)) * 4, "is not a text table"),
    (b"hello world\nthis is not an export\n", "has no header row"),
])
def test_unusable_files(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ia.ITAInputError, match=re.escape(message)):
        ia.read_iit(path)


def test_eit_file_given_as_iit_says_so(raw_dir):
    with pytest.raises(ia.ITAInputError, match="looks like an EIT export"):
        ia.read_iit(raw_dir / "eit_2566.csv")


def test_header_only_file_reads_zero_rows(tmp_path):
    r = ia.read_iit(write_rows(tmp_path / "h.csv", IIT_HEADER, []))
    assert (r.rows_read, r.accepted, r.rejected) == (0, 0, 0)


def test_roster_rules(tmp_path, fw):
    roster = write_rows(tmp_path / "roster.csv", ["ฝ่าย", "ประเภทบุคลากร", "eligible"],
                        [["ฝ่ายปกครอง", "ข้าราชการ", "10"], ["ฝ่ายสิ่งแวดล้อมฯ", "ลูกจ้างประจำ", "๕"],
                         ["ฝ่ายปกครอง", "ข้าราชการ", "3"], ["ฝ่ายโยธา", "อาสาสมัคร", "2"], ["ฝ่ายโยธา", "ข้าราชการ", "2.5"]])
    ro = ia.read_roster(roster, framework=fw)
    assert ro.data[["department", "staff_type", "eligible"]].values.tolist() == [
        ["ฝ่ายปกครอง", "ข้าราชการ", 10], ["ฝ่ายสิ่งแวดล้อมและสุขาภิบาล", "ลูกจ้างประจำ", 5]]
    assert ro.rejects["reason"].tolist() == ["duplicate roster cell, first seen at row 1",
                                             "unknown staff type 'อาสาสมัคร'",
                                             "eligible '2.5' is not a whole number of staff"]
    rows = [iit_row("A1"), iit_row("A2", staff="ลูกจ้างประจำ"), iit_row("A3", dept="ฝ่ายสิ่งแวดล้อมฯ", staff="permanent employee"),
            iit_row("A4", dept="สิ่งแวดล้อมและสุขาภิบาล", staff="ลูกจ้างประจำ")]
    r = ia.read_iit(write_rows(tmp_path / "i.csv", IIT_HEADER, rows), roster=ro)
    assert r.data["response_id"].tolist() == ["A1", "A3", "A4"]
    assert r.rejects["reason"].tolist() == ["staff type 'ลูกจ้างประจำ' of department 'ฝ่ายปกครอง' is not in the roster"]


def test_mapping_file_for_another_layout(tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\nresponse_id = ["เลขที่"]\ntenure_years = ["ปีที่ทำงาน"]\n'
                       '[questions]\npattern = \'^q([ie])_(\\d+)$\'\n'
                       '[answers.four_level]\n"4" = ["ดีเยี่ยม"]\n', encoding="utf-8")
    header = ["เลขที่", "ฝ่าย", "ประเภทบุคลากร", "ปีที่ทำงาน"] + [f"q{q[0]}_{q[1:]}" for q in IIT_Q]
    row = iit_row("Z1", "ดีเยี่ยม")
    data = [row[:1] + row[3:]]
    with pytest.raises(ia.ITAInputError):
        ia.read_iit(write_rows(tmp_path / "z.csv", header, data))
    r = ia.read_iit(tmp_path / "z.csv", mapping=ia.load_mapping(mapping))
    assert r.accepted == 1 and r.data.loc[0, "i1"] == "4" and ia.answer_points(r, "IIT").loc[0, "i1"] == 100.0


def test_oit_checklist_and_published(raw_dir, tmp_path, fw):
    oit = ia.read_oit_checklist(raw_dir / "oit_2566.csv", framework=fw)
    assert oit.accepted == 30 and oit.data["points"].mean() == 90.0
    assert set(oit.data.loc[~oit.data["published"], "item"]) == {"O3", "O25", "O30"}
    bad = write_rows(tmp_path / "o.csv", ["item", "status"],
                     [["o1", "yes"], ["O 2", "ผ่าน"], ["O31", "มี"], ["O2", "มี"], ["O4", "maybe"], ["", "มี"]])
    r = ia.read_oit_checklist(bad, framework=fw)
    assert r.data["item"].tolist() == ["O1", "O2"]
    assert r.rejects["reason"].tolist() == ["O31 is not an OIT item of FY2566", "duplicate item, first seen at row 2",
                                            "unknown status 'maybe' (use มี/ไม่มี, yes/no, pass/fail)", "missing item"]
    pub = ia.read_published(raw_dir / "published_2565_ladkrabang.csv", framework=fw)
    assert pub.accepted == 11
    overall = pub.data.query("level == 'overall'").iloc[0]
    assert (overall["fiscal_year"], overall["id"], overall["score"], overall["grade"]) == (2565, "ITA", 79.74, "B")
    assert "OCR" in pub.data.query("id == '9'")["note"].iloc[0]
    bad = write_rows(tmp_path / "p.csv", ["fiscal_year", "level", "id", "score"],
                     [["๒๕๖๖", "ภาพรวม", "ITA", "88.98"], ["2023", "tool", "IIT", "80"], ["2566", "tool", "XYZ", "80"],
                      ["2566", "indicator", "ตัวชี้วัดที่ 3", "101"], ["2566", "ตัวชี้วัด", "1", "85"]])
    r = ia.read_published(bad, framework=fw)
    assert r.data[["fiscal_year", "level", "id", "score"]].values.tolist() == [[2566, "overall", "ITA", 88.98],
                                                                               [2566, "indicator", "1", 85.0]]
    assert r.rejects["reason"].tolist() == [
        "fiscal year '2023' is not a Buddhist-era year such as 2566", "id 'XYZ' does not fit level 'tool'",
        "score '101' is not a number from 0 to 100"]


def test_summary_is_the_validate_contract(raw_dir):
    s = ia.read_eit(raw_dir / "eit_2566.csv").summary()
    for key in ("rows_read", "accepted", "rejected", "rejections", "input_sha256"):
        assert key in s
    assert s["rows_read"] == s["accepted"] + s["rejected"] == 569
    assert set(s["rejections"][0]) == {"row", "response_id", "reason"}
    import hashlib
    assert s["input_sha256"] == hashlib.sha256((raw_dir / "eit_2566.csv").read_bytes()).hexdigest()


@pytest.mark.parametrize("name, tool", [("iit_2566.csv", "IIT"), ("eit_2566.csv", "EIT"), ("eit_2567.csv", "EIT")])
def test_fast_reader_equals_the_exact_reader(raw_dir, monkeypatch, name, tool):
    import ita_analytics.io._tables as tables

    year = 2567 if "2567" in name else 2566
    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 10**12)
    exact = ia.read_responses(raw_dir / name, tool, year=year)
    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 0)
    fast = ia.read_responses(raw_dir / name, tool, year=year)
    pd.testing.assert_frame_equal(fast.data.astype(object), exact.data.astype(object), check_dtype=False)
    pd.testing.assert_frame_equal(fast.rejects, exact.rejects, check_dtype=False)
    assert (fast.rows_read, fast.blank_rows) == (exact.rows_read, exact.blank_rows)


def test_fast_reader_steps_aside_for_irregular_files(tmp_path, monkeypatch):
    import ita_analytics.io._tables as tables

    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 0)
    rows = [iit_row("A1"), [""] * len(IIT_HEADER), iit_row("A2"), iit_row("A3")[:-2]]
    path = write_rows(tmp_path / "irregular.csv", IIT_HEADER, rows)
    text = path.read_text(encoding="utf-8").replace("\n" + "," * (len(IIT_HEADER) - 1) + "\n", "\n\n")
    path.write_text(text, encoding="utf-8")
    r = ia.read_iit(path)
    assert r.data["row"].tolist() == [1, 3] and r.blank_rows == 1
    assert r.rejects["row"].tolist() == [4] and "29 cells" in r.rejects["reason"][0]


@pytest.mark.parametrize("column", [3, 0])  # department (dictionary-encoded), response_id (plain text)
def test_fast_reader_finds_bytes_that_are_not_utf8_far_below_the_head(tmp_path, monkeypatch, column):
    """pyarrow parses without its per-cell UTF-8 check; the texts are checked afterwards, and a
    cp874 byte after the decoded head still sends the file to the exact reader, as cp874."""
    import pyarrow as pa

    import ita_analytics.io._tables as tables

    rows = [iit_row(f"A{k}", "3", dept="Finance", yn="0", staff="civil servant") for k in range(300)]
    for row in rows:
        row[2] = "District"  # the whole file ASCII …
    rows[-1][column] = "MARK"  # … but for one Thai text in cp874 in its last row
    path = write_rows(tmp_path / "late_cp874.csv", IIT_HEADER, rows)
    path.write_bytes(path.read_bytes().replace(b"MARK", "ฝ่ายคลัง".encode("cp874")))
    import ita_analytics.io._fastcsv as fastcsv

    monkeypatch.setattr(tables, "HEAD_BYTES", 20_000)  # ASCII up to here: the head decodes as UTF-8
    monkeypatch.setattr(fastcsv, "HEAD_BYTES", 20_000)
    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 0)
    checked = []
    monkeypatch.setattr(fastcsv, "_valid_utf8", lambda t, f=fastcsv._valid_utf8: checked.append(f(t)) or checked[-1])
    r = ia.read_iit(path)
    assert checked == [False]  # the fast path parsed it and then stepped aside
    assert r.source.encoding == "tis-620/cp874" and r.accepted == 300
    assert r.data.iloc[-1]["department" if column == 3 else "response_id"] == "ฝ่ายคลัง"
    sample = [row for row in csv.reader(path.read_text(encoding="cp874").splitlines()[1:200])]
    types = fastcsv._parse_types(sample, len(IIT_HEADER))
    assert types[0] == pa.string() and types[3] == pa.dictionary(pa.int32(), pa.string())
    assert fastcsv._parse_types(sample[:50], len(IIT_HEADER))[0] != pa.string()  # too few rows to judge


def test_a_file_hashed_early_gives_its_own_digest_and_a_changed_file_is_hashed_again(tmp_path, monkeypatch):
    """The command starts hashing its inputs before numpy loads; a reader takes that digest only
    while the file is unchanged since."""
    import hashlib
    import os

    import ita_analytics.io._tables as tables
    from ita_analytics.io import _digest

    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 0)  # the pyarrow reader, which takes the early digest

    path = write_rows(tmp_path / "iit.csv", IIT_HEADER, [iit_row(f"A{k}") for k in range(20)])
    _digest.hash_early([path, None, tmp_path / "missing.csv", tmp_path])
    early = _digest.hashing(path)
    assert early is _digest.hashing(path)  # the same job, not a second hash
    other = write_rows(tmp_path / "eit.csv", IIT_HEADER, [iit_row("B1")])
    assert _digest.hashing(other) is _digest.hashing(other)  # hashed once per process, early or not
    assert ia.read_iit(path).source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() == early.result()
    with path.open("ab") as handle:
        handle.write(b"\n")
    os.utime(path, ns=(0, 10**18))  # the change shows in the size and the time stamp
    assert _digest.hashing(path) is not early
    assert ia.read_iit(path).source.sha256 == _digest.file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(FileNotFoundError):
        _digest.file_sha256(tmp_path / "missing.csv")


def _exact_then_fast(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ia.ReadResult, ia.ReadResult]:
    """An IIT file read by the exact reader, then by the fast one (which must not step aside); both
    give the same rows and rejects."""
    import ita_analytics.io._tables as tables

    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 10**12)
    exact = ia.read_iit(path)
    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 0)
    monkeypatch.setattr(tables, "_csv_rows", lambda *a: pytest.fail("the fast reader stepped aside"))
    fast = ia.read_iit(path)
    pd.testing.assert_frame_equal(fast.data.astype(object), exact.data.astype(object), check_dtype=False)
    pd.testing.assert_frame_equal(fast.rejects, exact.rejects, check_dtype=False)
    return exact, fast


@pytest.mark.parametrize("encoding", ["utf-8", "cp874"])
def test_fast_reader_puts_ragged_and_blank_rows_where_the_exact_reader_does(tmp_path, monkeypatch, encoding):
    """A national export with a stray empty line, a short or long row, a quoted cell over two lines
    or rows of spaces stays on pyarrow (no pure-Python pass over a 400 MB file) and gives exactly
    what the exact reader gives: the same rows, row numbers, rejects and blank-row count."""
    width = len(IIT_HEADER)
    rows = [iit_row(f"A{k:04d}", when=f"2023-05-{1 + k % 28:02d} 09:{k % 60:02d}:00") for k in range(300)]
    lines = [",".join(r) for r in rows]
    lines[20] = ""  # an empty line
    lines[30] = ",".join(["  "] * width)  # spaces only: blank in a spreadsheet
    lines[40] = ",,,"  # a short row of nothing: blank too
    lines[50] = ",".join(rows[50][:-3])  # too few cells: a reject
    lines[60] = ",".join(rows[60] + ["surplus"])  # a cell past the header: a reject
    lines[70] = ",".join(rows[70] + ["", ""])  # empty cells past the header: a plain row
    lines[80] = ",".join(rows[80][:3] + ['"ฝ่าย\nปกครอง"'] + rows[80][4:])  # a quoted cell over two lines
    lines[90] = ",".join(rows[90][:-1])  # a short row after it: numbered as a spreadsheet does
    lines[100] = ",".join([" "] + [""] * (width - 1))  # a space in the id column alone
    lines[110] = ",".join(["\u00a0"] + rows[110][1:2] + [""] * (width - 2))  # no-break space id, a time: a row
    lines[120] = ",".join(rows[120][:-1] + [rows[120][-1] + "," + "x" * 3])  # a long row
    text = "ไฟล์ส่งออก ITA\nหมายเหตุ: ทดสอบ\n" + ",".join(IIT_HEADER) + "\n" + "\n".join(lines) + "\n\n\n"
    path = tmp_path / "messy.csv"
    path.write_bytes(text.encode(encoding))
    exact, fast = _exact_then_fast(path, monkeypatch)
    assert (fast.rows_read, fast.blank_rows) == (exact.rows_read, exact.blank_rows) == (296, 4)
    assert fast.rejects["row"].tolist() == [51, 61, 91, 111, 121]
    row = fast.data["response_id"] == "A0080"
    assert fast.data.loc[row, "department"].tolist() == ["ฝ่ายปกครอง"]  # the line break cleaned away


@pytest.mark.parametrize("newline, encoding", [("\n", "utf-8"), ("\r\n", "utf-8-sig"), ("\r", "cp874")])
@pytest.mark.parametrize("case, follows_quotes", [("plain", False), ("quoted title", False),
                                                   ("two-line cell", True), ("form feed in title", False),
                                                   ("form feed in cells", False)])
def test_quotes_above_the_header_do_not_slow_the_parse(tmp_path, monkeypatch, newline, encoding, case,
                                                      follows_quotes):
    """Exports quote their header's names; only a quote below the header can open a cell over
    several lines, so only then does pyarrow follow quotes to find the rows (slower). Either way the
    rows are what the exact reader reads (a form feed in a title ends no line for either)."""
    import pyarrow.csv as pv

    rows = [iit_row(f"A{k:03d}") for k in range(60)]
    if case == "two-line cell":
        rows[45][3] = '"ฝ่าย\nปกครอง"'
    if case == "form feed in cells":  # line ends for str.splitlines, text for pyarrow and a spreadsheet
        rows[0][3], rows[45][2] = "ฝ่าย\x0cปกครอง", "เขต\x1cบางรัก"
    title = {"quoted title": 'รายงาน "ITA" ปี 2566', "form feed in title": '"รายงาน"\x0c ITA'}.get(case, "รายงาน ITA")
    header = ",".join(f'"{name}"' for name in IIT_HEADER)
    text = newline.join([title, header] + [",".join(r) for r in rows]) + newline
    path = tmp_path / "quoted_header.csv"
    path.write_bytes(text.encode(encoding))
    seen = []
    monkeypatch.setattr(pv, "read_csv", lambda *a, f=pv.read_csv, **k: seen.append(k["parse_options"]) or f(*a, **k))
    exact, fast = _exact_then_fast(path, monkeypatch)
    assert [o.newlines_in_values for o in seen] == [follows_quotes]  # only the fast reader calls pyarrow
    assert fast.rows_read == exact.rows_read == 60


def test_dropping_unused_categories_by_counting_equals_pandas():
    from ita_analytics.io._ingest import _drop_unused

    rng = np.random.default_rng(0)
    for trial in range(200):
        categories = [f"c{k}" for k in range(rng.integers(1, 30))]
        codes = rng.integers(-1, len(categories), rng.integers(0, 50))  # −1: a missing cell
        values = pd.Categorical.from_codes(codes, categories=categories, ordered=bool(trial % 2))
        mine, theirs = _drop_unused(values), values.remove_unused_categories()
        assert mine.equals(theirs) and list(mine.categories) == list(theirs.categories)
        assert mine.ordered == theirs.ordered and (mine.codes == theirs.codes).all()


@pytest.mark.parametrize("junk, as_text", [(0, False), (300, False), (0, True)])  # 300 texts: codes past a byte
def test_answers_become_the_points_of_their_labels_cell_by_cell(junk, as_text):
    from ita_analytics.io._ingest import _answer_codes
    from ita_analytics.io._text import label_key

    fw, mapping = ia.load_framework(2566), ia.load_mapping()
    q = next(q for q in fw.questions_of("IIT") if q.scale == "4L" and not q.reverse)
    labels, points = mapping.answers["four_level"], fw.points(q)
    rng = np.random.default_rng(1)
    texts = list(labels) + [" มาก ", "", "ไม่ทราบ"] + [f"other {k}" for k in range(junk)]
    cells = [None if k < 0 else texts[k] for k in rng.integers(-1, len(texts), 5000)]
    column = pd.Series(cells, dtype=object)
    if not as_text:  # a Categorical, as the fast reader gives; else plain texts (codes found by factorizing)
        column = column.astype("category")
        assert column.cat.codes.dtype == (np.int8 if junk == 0 else np.int16)
    codes, unknown = _answer_codes(column, q.scale, mapping)
    out = np.array([points[codes.categories[c]] if c >= 0 else np.nan for c in codes.codes])  # each code's points

    def expected(cell: str | None) -> float | None:  # None: an unknown answer
        key = label_key(cell or "")
        return np.nan if key == "" else points[labels[key]] if key in labels else None

    want = [expected(c) for c in cells]
    assert np.array_equal(out, [np.nan if w is None else w for w in want], equal_nan=True)
    assert list(unknown) == [w is None for w in want]
