"""Provenance, formula injection, and hostile files that real systems produce."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import IIT_HEADER, iit_row, strict_json, write_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli import ita

import ita_analytics as ia

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


def test_results_folder_traces_back_to_its_inputs(raw_dir, tmp_path):
    out = tmp_path / "res"
    files = {"iit": raw_dir / "iit_2566.csv", "eit": raw_dir / "eit_2566.csv", "oit": raw_dir / "oit_2566.csv",
             "roster": raw_dir / "roster_2566.xlsx"}
    p = ita("score", *[x for k, f in files.items() for x in (f"--{k}", str(f))], "--out", str(out), "--json")
    assert p.returncode == 0, p.stderr
    prov = strict_json((out / "results.json").read_text(encoding="utf-8"))["provenance"]
    for key, name in (("IIT", "iit"), ("EIT", "eit"), ("OIT", "oit"), ("roster", "roster")):
        assert prov["inputs"][key] == hashlib.sha256(files[name].read_bytes()).hexdigest()
    fw_file = Path(ia.__file__).parent / "core" / "frameworks" / "2566.toml"
    assert prov["framework_year"] == 2566 and prov["framework_sha256"] == hashlib.sha256(fw_file.read_bytes()).hexdigest()
    assert prov["package_version"] == ia.__version__ and prov["settings"]["confidence"] == 0.95 and prov["created"]
    doc = strict_json(p.stdout)
    assert doc["integrity"]["counts"] and doc["integrity"]["sensitivity"]
    overall = next(r for r in doc["integrity"]["sensitivity"] if r["level"] == "overall")
    assert overall["score_all"] == pytest.approx(doc["overall"]["score"])
    cmp = strict_json(ita("compare", str(raw_dir / "published_2565_ladkrabang.csv"), str(out), "--json").stdout)
    assert cmp["provenance"]["sources"][str(out)] == hashlib.sha256((out / "results.json").read_bytes()).hexdigest()


def test_formula_injection_is_neutralised(tmp_path):
    rows = [iit_row(HOSTILE[0], dept=HOSTILE[1], i3="มากๆ"), iit_row("ok1", dept=HOSTILE[1])] + [
        iit_row(f"ok{k}", dept=HOSTILE[2] if k % 2 else "ฝ่ายปกครอง") for k in range(2, 14)]
    path = write_rows(tmp_path / "hostile.csv", IIT_HEADER, rows)
    rejects = tmp_path / "rejects.csv"
    p = ita("validate", str(path), "--tool", "IIT", "--rejects", str(rejects))
    assert p.returncode == 1
    text = rejects.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    out = tmp_path / "pack"
    assert ita("report", "--iit", str(path), "--out", str(out)).returncode == 0
    book = openpyxl.load_workbook(out / "report.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.value for c in cells if c.data_type == "f"], "a cell became a formula"
    assert not [c.value for c in cells if c.value.startswith(("=", "+", "@"))]
    assert any(c.value == "'" + HOSTILE[1] for c in cells)
    from ita_analytics.output._export import _safe

    assert pd.Series(["-3", "-2+3"]).map(_safe).tolist() == ["-3", "'-2+3"]


def _xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _hostile_files(raw_dir: Path) -> dict[str, bytes]:
    good = (raw_dir / "eit_2566.csv").read_bytes()
    text = good.decode("utf-8-sig")
    lines = text.splitlines()
    xlsx = (raw_dir / "iit_2567.xlsx").read_bytes()
    formula = _xlsx_bytes([lines[0].split(","), ["X1", "2023-05-01", "เขต", "บุคคล", "ฝ่ายทะเบียน"] + ["=1+1"] * 15])
    return {
        "empty": b"",
        "header_only": (lines[0] + "\n").encode(),
        "random_bytes": bytes((7 * k * k + 13) % 256 for k in range(4000)),
        "truncated_xlsx": xlsx[: len(xlsx) // 2],
        "zero_byte_xlsx_with_zip_magic": b"PK\x03\x04",
        "ragged_rows": "\n".join(lines[:5] + [lines[5] + ",extra,cells", lines[6][:40]] + lines[7:20]).encode(),
        "old_xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "html_saved_as_xls": (b"<html><head><meta charset='utf-8'></head><body><table><tr><td>response_id</td></tr>"
                              b"</table></body></html>"),
        "utf16_unicode_text": "\r\n".join(line.replace(",", "\t") for line in lines[:30]).encode("utf-16"),
        "semicolons_bom_crlf": b"\xef\xbb\xbf" + "\r\n".join(line.replace(",", ";") for line in lines[:30]).encode(),
        "quoted_newlines": (lines[0] + "\n" + lines[1].replace(",บุคคล,", ',"บุคคล\nหลายบรรทัด",', 1) + "\n"
                            + "\n".join(lines[2:20])).encode(),
        "excel_error_values": "\n".join([lines[0]] + [line.replace(",มาก,", ",#N/A,", 1) for line in lines[1:20]]).encode(),
        "title_rows_and_blank_lines": ("รายงาน EIT\nส่งออกจากระบบ\n\n" + "\n\n".join(lines[:20])).encode(),
        "nul_in_the_middle": good[:500] + b"\x00\x00" + good[500:2000],
        "json": b'{"response_id": 1}',
        "formulas_never_computed": formula,
        "iit_given_as_eit": (raw_dir / "iit_2566.csv").read_bytes(),
        "tis620_without_declaration": "\n".join(lines[:30]).replace("\u200b", "").encode("cp874", errors="ignore"),
    }


HOSTILE_NAMES = sorted(_hostile_files(Path(__file__).resolve().parents[1] / "data" / "raw"))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_file_is_read_or_refused_in_one_line(raw_dir, tmp_path, name):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(_hostile_files(raw_dir)[name])
    p = ita("validate", str(path), "--tool", "EIT", "--json")
    assert "Traceback" not in p.stderr
    if p.returncode == 2:
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"ita: {path}: ") and p.stdout == ""
    else:
        assert p.returncode in (0, 1), p.stderr
        doc = strict_json(p.stdout)
        assert doc["accepted"] + doc["rejected"] == doc["rows_read"]
        assert all(r["reason"] for r in doc["rejections"])


def test_some_hostile_files_are_read_correctly(raw_dir, tmp_path):
    files = _hostile_files(raw_dir)
    expect_rows = {"utf16_unicode_text": 29, "semicolons_bom_crlf": 29, "title_rows_and_blank_lines": 19,
                   "tis620_without_declaration": 29, "excel_error_values": 19, "header_only": 0}
    for name, rows in expect_rows.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(files[name])
        r = ia.read_eit(path)
        assert r.rows_read == rows, name
    r = ia.read_eit(_write(tmp_path / "errs.csv", files["excel_error_values"]))
    assert r.rejects["reason"].str.contains("unknown answer '#N/A'").all() and r.rejected > 0


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _damaged(data: bytes, edits: list[tuple[int, str, int]]) -> bytes:
    """``data`` after the edits: (position, what, byte) — flip, delete, insert (``byte``), cut the rest
    there, or insert a newline, comma, quote or spaces."""
    out = bytearray(data)
    for pos, op, byte in edits:
        if not out:
            break
        pos %= len(out)
        if op == "flip":
            out[pos] = byte
        elif op == "delete":
            del out[pos]
        elif op == "cut":
            del out[pos:]
        else:
            out[pos:pos] = {"insert": bytes([byte]), "newline": b"\n", "comma": b",", "quote": b'"', "spaces": b"   "}[op]
    return bytes(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(["flip", "delete", "insert", "cut"]),
                                st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_exports_never_escape(raw_dir, tmp_path, edits):
    path = _write(tmp_path / "mutated.csv", _damaged((raw_dir / "iit_2566.csv").read_bytes()[:6000], edits))
    try:
        r = ia.read_iit(path)
    except ia.ITAInputError as exc:
        assert "\n" not in str(exc)
        return
    assert r.accepted + r.rejected == r.rows_read


def _outcome(path: Path, tool: str) -> tuple[object, ...]:
    """What reading gives: the tables and counts, or the one-sentence error."""
    try:
        r = ia.read_responses(path, tool)
    except ia.ITAInputError as exc:
        return ("error", str(exc))
    return ("read", r.data.astype(object), r.rejects, r.rows_read, r.blank_rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tool=st.sampled_from(["IIT", "EIT"]),
       edits=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(["newline", "comma", "quote", "spaces", "flip",
                                                                        "delete", "cut"]),
                                st.integers(0, 255)), min_size=1, max_size=6))
def test_both_readers_agree_on_damaged_exports(raw_dir, tmp_path, monkeypatch, tool, edits):
    """The pyarrow reader (for large files) and the exact reader give the same rows, row numbers,
    rejects and blank rows — or the same sentence — for an export with stray line breaks, commas,
    quotes, spaces and bytes."""
    import ita_analytics.io._tables as tables

    path = _write(tmp_path / "damaged.csv", _damaged((raw_dir / f"{tool.lower()}_2566.csv").read_bytes(), edits))
    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 10**12)
    exact = _outcome(path, tool)
    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 0)
    fast = _outcome(path, tool)
    assert fast[0] == exact[0]
    if exact[0] == "error":
        assert fast[1] == exact[1]
    else:
        pd.testing.assert_frame_equal(fast[1], exact[1], check_dtype=False)
        pd.testing.assert_frame_equal(fast[2], exact[2], check_dtype=False)
        assert fast[3:] == exact[3:]


def test_a_stray_quote_that_swallows_the_rest_is_one_sentence_from_either_reader(raw_dir, tmp_path, monkeypatch):
    import ita_analytics.io._tables as tables

    header, *rows = (raw_dir / "iit_2566.csv").read_bytes().split(b"\n")
    rows = [r for r in rows if r] * 4  # past 128 KB after the quote
    rows[40] = b'"' + rows[40]  # opens a quoted cell that never closes
    rows[41] = rows[41] + b",extra"  # and a long row, which the fast reader sets aside
    path = _write(tmp_path / "stray_quote.csv", b"\n".join([header, *rows]))
    for size in (10**12, 0):
        monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", size)
        with pytest.raises(ia.ITAInputError, match=r'a quote \(\"\) opened on line 42 never closes'):
            ia.read_iit(path)  # the line where it opens (the header is line 1), from either reader


def test_every_workbook_and_csv_folder_records_its_provenance(raw_dir, tmp_path):
    import openpyxl

    files = ["--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
             "--roster", str(raw_dir / "roster_2566.xlsx")]
    assert ita("score", *files, "--oit", str(raw_dir / "oit_2566.csv"), "--out", str(tmp_path / "s")).returncode == 0
    assert ita("quota", *files, "--out", str(tmp_path / "q")).returncode in (0, 1)
    digest = hashlib.sha256((raw_dir / "iit_2566.csv").read_bytes()).hexdigest()
    for folder, book in (("s", "results.xlsx"), ("q", "quota.xlsx")):
        sheet = openpyxl.load_workbook(tmp_path / folder / book, read_only=True)["Provenance"]  # ita(): English
        facts = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert facts["inputs.IIT"] == digest and facts["framework_year"] == "2566" and facts["package_version"]
        side = strict_json((tmp_path / folder / "provenance.json").read_text(encoding="utf-8"))
        assert side["provenance"]["inputs"]["IIT"] == digest


def test_a_quote_inside_a_header_cell_and_one_opening_the_next_give_one_sentence(raw_dir, tmp_path, monkeypatch):
    """Found by the property test above: two quotes in the header, one a character inside a cell, the other opening
    a cell that never closes; the fast reader saw an even count and read on (and said columns were missing)."""
    import ita_analytics.io._tables as tables

    path = _write(tmp_path / "damaged.csv", _damaged((raw_dir / "eit_2566.csv").read_bytes(),
                                                     [(186, "quote", 0), (46, "quote", 0)]))
    said = set()
    for size in (10**12, 0):
        monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", size)
        said.add(_outcome(path, "EIT")[1])
    assert len(said) == 1 and "opened on line 1 never closes" in said.pop()
