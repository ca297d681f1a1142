"""Files a careless or hostile office produces, and output paths that cannot be used: each is read with
counts that add up to the physical lines, or refused with one sentence and exit 2; no input is ever
modified and no run ends with exit 3 (a defect). Each case's expectation is written beside it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import strict_json

import ita_analytics as ia

ITA = [sys.executable, "-m", "ita_analytics"]
ENGLISH = {**os.environ, "ITA_LANG": "en"}  # these tests read the English messages (Thai is the default)


def ita(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ITA, *args], capture_output=True, text=True, timeout=timeout, env=ENGLISH)


def _one_sentence(p: subprocess.CompletedProcess[str], *words: str) -> str:
    assert p.returncode == 2, (p.returncode, p.stderr[-500:])
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ita: ") and "Traceback" not in p.stderr, p.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _iit_lines(raw_dir: Path) -> tuple[str, list[str]]:
    text = (raw_dir / "iit_2566.csv").read_bytes().decode("cp874")
    header, *rows = [line for line in text.splitlines() if line]
    return header, rows


# -- inputs that are not files -----------------------------------------------------------------------------

def test_a_pipe_a_device_and_a_folder_are_refused_at_once(tmp_path):
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    for target, words in ((fifo, ("not a regular file",)), (Path("/dev/zero"), ("not a regular file",)),
                          (tmp_path, ("is a folder",))):
        start = time.monotonic()
        p = ita("validate", str(target), "--tool", "IIT", timeout=30)
        assert time.monotonic() - start < 10  # never blocks on a pipe, never reads a device to the end
        _one_sentence(p, str(target), *words)


def test_folder_given_as_dot_names_it(tmp_path):
    p = subprocess.run([*ITA, "validate", ".", "--tool", "IIT"], capture_output=True, text=True, cwd=tmp_path, env=ENGLISH)
    _one_sentence(p, "ita: .: is a folder")


# -- workbooks ----------------------------------------------------------------------------------------------

def test_an_encrypted_workbook_is_called_what_it_is(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(2048)
    path = tmp_path / "locked.xlsx"
    path.write_bytes(ole)
    _one_sentence(ita("validate", str(path), "--tool", "IIT"), "password-protected")


def _book(path: Path, sheets: dict[str, list[list[object]]], *, merge: str | None = None) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        if merge and name == list(sheets)[-1]:
            ws.merge_cells(merge)
    book.save(path)
    return path


def _iit_rows(raw_dir: Path, n: int) -> list[list[object]]:
    frame = pd.read_csv(raw_dir / "iit_2566.csv", encoding="cp874", dtype=str, keep_default_na=False).head(n)
    return [list(frame.columns), *frame.values.tolist()]


def test_a_cover_sheet_lists_the_sheets_and_sheet_reads_the_data(raw_dir, tmp_path):
    path = _book(tmp_path / "cover.xlsx", {"ปก": [["รายงานผลแบบวัด IIT"], ["สำนักงานเขตตัวอย่าง"]],
                                           "ข้อมูล": _iit_rows(raw_dir, 30)})
    _one_sentence(ita("validate", str(path), "--tool", "IIT"), "'ปก'", "its sheets: ปก, ข้อมูล", "--sheet")
    p = ita("validate", str(path), "--tool", "IIT", "--sheet", "ข้อมูล", "--json")
    doc = strict_json(p.stdout)
    assert doc["rows_read"] == 30 and doc["accepted"] + doc["rejected"] == 30


def test_formulas_never_computed_and_merged_cells_are_named_row_by_row(raw_dir, tmp_path):
    rows = _iit_rows(raw_dir, 12)
    col = rows[0].index("ข้อ i3")
    rows[4][col] = "=IF(1>0,\"มาก\",\"น้อย\")"  # a script wrote a formula; nothing ever computed it
    path = _book(tmp_path / "f.xlsx", {"data": rows}, merge="D7:D9")  # the department merged over three rows
    r = ia.read_iit(path)
    reasons = dict(zip(r.rejects["row"], r.rejects["reason"]))
    assert r.rows_read == 12 and r.accepted + r.rejected == 12
    assert "a formula whose value was never computed: open and save the file in Excel" in reasons[4]
    assert "in merged cells D7:D9" in reasons[7] and "in merged cells D7:D9" in reasons[8]
    assert 6 not in reasons  # the first row of a merged block holds its value


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_reading(raw_dir):
    p = ita("validate", str(raw_dir / "iit_2567.xlsx"), "--tool", "IIT", "--year", "2567", "--max-xlsx-mb", "0.5")
    _one_sentence(p, "over the limit of 0 MB", "--max-xlsx-mb")
    assert ita("validate", str(raw_dir / "iit_2567.xlsx"), "--tool", "IIT", "--year", "2567").returncode in (0, 1)


# -- text exports -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("at", [0, 99])
@pytest.mark.parametrize("big", [False, True], ids=["small-file", "2MB-file"])
def test_a_cell_longer_than_a_spreadsheet_cell_rejects_its_row_in_any_file(raw_dir, tmp_path, monkeypatch, at, big):
    import ita_analytics.io._tables as tables

    header, rows = _iit_lines(raw_dir)
    rows = rows * (8 if big else 1)
    cells = rows[at].split(",")
    cells[2] = "ฝ" * 200_000  # the agency's name: 200,000 characters
    rows[at] = ",".join(cells)
    path = tmp_path / "long.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    monkeypatch.setattr(tables, "FAST_PATH_MIN_BYTES", 0 if big else 10**12)
    r = ia.read_iit(path)
    assert r.rows_read == len(rows) and r.accepted + r.rejected == len(rows)
    row = r.rejects.set_index("row").loc[at + 1]
    assert "a cell of 200,000 characters, longer than a spreadsheet cell holds (32,767)" in row["reason"]


@pytest.mark.parametrize("opens, closes", [(301, 306), (540, None)])
def test_a_stray_quote_stops_naming_the_line_where_it_opens(raw_dir, tmp_path, opens, closes):
    header, rows = _iit_lines(raw_dir)
    rows[opens - 1] = '"' + rows[opens - 1]  # data row `opens` is line opens + 1
    if closes:
        rows[closes - 1] = rows[closes - 1] + '"'
    path = tmp_path / "quote.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="cp874")
    before = _digest(path)
    _one_sentence(ita("validate", str(path), "--tool", "IIT"), f"opened on line {opens + 1}", "stray quote")
    assert _digest(path) == before


def test_a_quoted_line_break_in_a_real_text_cell_still_reads(raw_dir, tmp_path):
    header, rows = _iit_lines(raw_dir)
    cells = rows[10].split(",")
    cells[3] = '"ฝ่ายปกครอง\nชั้น 2"'
    rows[10] = ",".join(cells)
    path = tmp_path / "ok.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="cp874")
    r = ia.read_iit(path)
    assert r.rows_read == len(rows) and r.accepted + r.rejected == len(rows)


def test_a_name_with_dollar_signs_is_plain_text_in_the_charts(raw_dir, tmp_path):
    roster = pd.read_excel(raw_dir / "roster_2566.xlsx", dtype=str)
    first = roster.iloc[0, 0]
    roster.iloc[:, 0] = roster.iloc[:, 0].replace(first, "ฝ่าย $x^2$ งบ_{ประมาณ}")
    roster.to_excel(tmp_path / "roster.xlsx", index=False)
    text = (raw_dir / "iit_2566.csv").read_bytes().decode("cp874").replace(first, "ฝ่าย $x^2$ งบ_{ประมาณ}")
    (tmp_path / "iit.csv").write_text(text, encoding="utf-8")
    p = ita("quota", "--iit", str(tmp_path / "iit.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
            "--roster", str(tmp_path / "roster.xlsx"), "--out", str(tmp_path / "q"))
    assert p.returncode in (0, 1), p.stderr
    assert (tmp_path / "q" / "quota_coverage.png").stat().st_size > 10_000


# -- outputs ------------------------------------------------------------------------------------------------

def test_no_output_replaces_an_input(raw_dir, tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    iit, eit = folder / "questions.csv", folder / "answers.csv"
    shutil.copy(raw_dir / "iit_2566.csv", iit)
    shutil.copy(raw_dir / "eit_2566.csv", eit)
    shutil.copy(raw_dir / "roster_2566.xlsx", tmp_path / "report.xlsx")
    os.symlink(iit, tmp_path / "other_name.csv")
    before = {p: _digest(p) for p in (iit, eit, tmp_path / "report.xlsx")}
    _one_sentence(ita("validate", str(iit), "--tool", "IIT", "--rejects", str(iit)), "would replace the input")
    _one_sentence(ita("validate", str(iit), "--tool", "IIT", "--rejects", str(tmp_path / "other_name.csv")),
                  "would replace the input")
    _one_sentence(ita("score", "--iit", str(iit), "--eit", str(eit), "--out", str(folder)), "would replace the input")
    assert sorted(p.name for p in folder.iterdir()) == ["answers.csv", "questions.csv"]  # refused before writing
    _one_sentence(ita("report", "--iit", str(iit), "--eit", str(eit), "--roster", str(tmp_path / "report.xlsx"),
                      "--out", str(tmp_path)), "would replace the input")
    assert {p: _digest(p) for p in before} == before


def test_unusable_output_paths_are_one_sentence(raw_dir, tmp_path):
    (tmp_path / "afile").write_text("x")
    files = ["--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv")]
    _one_sentence(ita("score", *files, "--out", str(tmp_path / "afile")), "is a file, not a folder")
    _one_sentence(ita("score", *files, "--out", "/proc/ita-out"), "/proc/ita-out")


def test_a_folder_the_machine_refuses_is_one_sentence_and_leaves_nothing(raw_dir, tmp_path, monkeypatch, capsys):
    # a read-only or immutable folder: running as root, permission bits do not stop us, so the refusal is the system's
    from ita_analytics.app import cli
    from ita_analytics.core import _files

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(_files.os, "replace", refuse)
    out = tmp_path / "locked"
    status = cli.main(["score", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
                       "--out", str(out), "--lang", "en"])
    err = capsys.readouterr().err.strip()
    assert status == 2 and err.count("\n") == 0 and "permission denied" in err and str(out) in err
    assert list(out.iterdir()) == []  # no temporary and no half-written file left


def test_a_reader_that_leaves_early_is_not_an_error(raw_dir):
    # `ita score --json | head`: the pipe closes before ita writes; that is the reader's choice, exit 0, no message
    run = subprocess.Popen([*ITA, "score", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
                            "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert run.stdout is not None and run.stderr is not None
    run.stdout.close()
    err = run.stderr.read().decode()
    assert run.wait(timeout=120) == 0 and "Broken pipe" not in err and "internal error" not in err


def test_concurrent_runs_leave_whole_files(raw_dir, tmp_path):
    out = tmp_path / "same"
    files = ["--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"), "--out", str(out)]
    for _ in range(2):
        runs = [subprocess.Popen([*ITA, "score", *files], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                for _ in range(2)]
        assert all(run.wait(timeout=300) == 0 for run in runs)
        book = openpyxl.load_workbook(out / "results.xlsx", read_only=True)
        assert "รายข้อคำถาม" in book.sheetnames  # the questions' sheet, named in Thai
        book.close()
        strict_json((out / "results.json").read_text(encoding="utf-8"))
    assert not list(out.glob(".*part*"))  # no temporary left behind


def test_the_demo_never_writes_over_a_folder_of_the_users_own(tmp_path):
    data = tmp_path / "mine"
    data.mkdir()
    (data / "iit_2566.csv").write_text("my own export")
    p = ita("demo", "--data", str(data), "--processed", str(tmp_path / "p"), "--figures", str(tmp_path / "f"))
    _one_sentence(p, "holds files of its own", "empty or new folder")
    assert (data / "iit_2566.csv").read_text() == "my own export"


# -- the cache ----------------------------------------------------------------------------------------------

def test_a_damaged_cache_is_read_again_with_a_note(raw_dir, tmp_path):
    cache = tmp_path / "cache"
    files = ["--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"), "--cache", str(cache),
             "--json"]
    truth = strict_json(ita("score", *files).stdout)["tools"]
    data = sorted(cache.glob("*.data.parquet"))
    assert len(data) == 2
    a, b = data[0].read_bytes(), data[1].read_bytes()
    data[0].write_bytes(b)  # swapped
    data[1].write_bytes(a)
    p = ita("score", *files)
    assert p.returncode == 0 and strict_json(p.stdout)["tools"] == truth and "could not be used" in p.stderr
    next(iter(cache.glob("*.rejects.parquet"))).write_bytes(b"PAR1")  # cut short
    p = ita("score", *files)
    assert p.returncode == 0 and strict_json(p.stdout)["tools"] == truth and "ita: note:" in p.stderr
    for meta in cache.glob("*.json"):
        meta.write_text("{not json")
    sorted(cache.glob("*.data.parquet"))[0].unlink()
    p = ita("score", *files)
    assert p.returncode == 0 and strict_json(p.stdout)["tools"] == truth
    assert strict_json(ita("score", *files).stdout)["tools"] == truth and "note" not in ita("score", *files).stderr


def test_stray_bytes_and_a_nul_byte_are_named_by_line(raw_dir, tmp_path):
    header, rows = _iit_lines(raw_dir)
    text = "\n".join([header, *rows]) + "\n"
    data = text.encode("utf-8")
    at = len("\n".join([header, *rows[:41]]).encode("utf-8"))  # the end of line 42 (data row 41)
    stray = data[:at] + "ฝ่าย".encode("cp874") + data[at:]  # two words pasted from a TIS-620 file
    (tmp_path / "stray.csv").write_bytes(stray)
    _one_sentence(ita("validate", str(tmp_path / "stray.csv"), "--tool", "IIT"), "the first on line 42", "--encoding")
    (tmp_path / "nul.csv").write_bytes(data[:at] + b"\x00\x00" + data[at:])
    _one_sentence(ita("validate", str(tmp_path / "nul.csv"), "--tool", "IIT"), "NUL byte on line 42")
