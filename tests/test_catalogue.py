"""The catalogue: every message a code with values, said in Thai and English from data files, and no words elsewhere."""

from __future__ import annotations

import ast
import json
import re
import string
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ita_analytics.core._catalogue import (
    LANGUAGES,
    Message,
    Messages,
    catalogue,
    code_of,
    coded,
    explain,
    from_json,
    message_names,
    name_of,
)
from ita_analytics.core._errors import FrameworkError, ITAInputError, ITAValueError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ita_analytics"
CATALOGUE = PACKAGE / "core" / "catalogue"
THAI = re.compile("[\u0e00-\u0e7f]")

#: A value for each kind of field, by its format spec (what a message is filled in with).
_SAMPLES = {"": "x", "column": "department", "headers": ["submitted_at", "i1"], "years": {"2566": 3, "2567": 1},
            "measure": ["measure", "due"]}


def _fields(template: str) -> dict[str, str]:
    """The fields of a template and their format specs."""
    return {name: spec or "" for _, name, spec, _ in string.Formatter().parse(template) if name}


def _values(template: str) -> dict[str, object]:
    return {name: _SAMPLES.get(spec, 1.5) for name, spec in _fields(template).items()}


def test_every_code_is_well_formed_unique_and_named_once():
    table = tomllib.loads((CATALOGUE / "codes.toml").read_text(encoding="utf-8"))
    assert set(table) == {"errors", "warnings", "notes"}
    codes = [c for kind in table.values() for c in kind.values()]
    assert len(codes) == len(set(codes)), "a code is given twice"
    for kind, letter in (("errors", "E"), ("warnings", "W"), ("notes", "N")):
        for name, code in table[kind].items():
            assert re.fullmatch(rf"ITA-{letter}\d{{3}}", code), (name, code)
            assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name


def test_every_message_renders_in_both_languages_with_its_explanation():
    for name in message_names():
        texts = {lang: catalogue(lang)["messages"][name] for lang in LANGUAGES}  # KeyError: a missing one
        assert all(t.strip() for t in texts.values()), name
        same = [{re.sub(r"_(th|en)$", "", f) for f in _fields(t)} for t in texts.values()]  # name_th ~ name_en
        assert same[0] == same[1], f"{name}: the languages fill in different values"
        message = Message(name, **_values(texts["en"] + texts["th"]))
        for lang in LANGUAGES:
            said = message.text(lang, with_code=True)
            assert said.endswith(f"({message.code})") and "{" not in said, (name, lang, said)
            assert catalogue(lang)["explain"][name].strip(), f"{name}: no explanation in {lang}"
    assert set(catalogue("th")["messages"]) == set(catalogue("en")["messages"]) == set(message_names())
    assert set(catalogue("th")["explain"]) == set(catalogue("en")["explain"]) == set(message_names())


def test_every_word_and_label_is_in_both_languages():
    th, en = catalogue("th"), catalogue("en")
    assert set(th["words"]) == set(en["words"])
    assert set(th["labels"]) == set(en["labels"])
    for table in th["labels"]:
        assert set(th["labels"][table]) == set(en["labels"][table]), table
    for key in th["words"]:
        assert set(_fields(th["words"][key])) == set(_fields(en["words"][key])), key
    assert len(th["months"]["short"]) == len(en["months"]["short"]) == 12


def test_a_message_is_a_code_with_values_and_reads_as_english():
    note = Message("nobody_answered", tool="EIT", ids=["e2", "e7"])
    assert note == "EIT: nobody answered e2, e7, so it has no score; its indicator and the EIT score are the means of " \
                   "the questions that have answers"
    assert note.name == "nobody_answered" and note.values == {"tool": "EIT", "ids": ["e2", "e7"]}
    assert note.kind == "warning" and re.fullmatch(r"ITA-W\d{3}", note.code)
    assert note.text("th") == "EIT: ไม่มีผู้ตอบข้อ e2, e7 จึงไม่มีคะแนนข้อนั้น คะแนนตัวชี้วัดและเครื่องมือคิดจากข้อที่มีผู้ตอบ"
    assert from_json(note.to_json("th")) == note and from_json(note.to_json()).values == note.values
    import pickle

    again = pickle.loads(pickle.dumps(note))
    assert again.name == note.name and again.values == note.values
    with pytest.raises(KeyError, match="no message"):
        Message("no_such_message")


def test_several_reasons_keep_their_codes_and_round_trip():
    reasons = Messages([Message("missing_value", column="department"), Message("bad_tenure", value="หกเดือน")])
    assert reasons == "missing department; tenure_years 'หกเดือน' is not a number"
    assert reasons.text("th") == "ไม่ได้กรอกฝ่าย; อายุงาน 'หกเดือน' ไม่ใช่ตัวเลข"
    assert [p.name for p in Messages.loads(reasons.dumps()).parts] == ["missing_value", "bad_tenure"]
    with pytest.raises(ValueError):
        Messages.loads("missing department")  # a sentence is not a message


def test_json_keeps_sentences_and_carries_the_codes_beside_them():
    document = {"notes": [Message("iit_no_roster"), "a plain line"], "reason": Messages([Message("empty_response")]),
                "n": 3}
    out = coded(document, "th")
    assert out["notes"][0].startswith("IIT: ไม่ได้ให้บัญชีบุคลากร") and out["notes"][1] == "a plain line"
    assert out["notes_codes"] == [{"code": code_of("iit_no_roster"), "name": "iit_no_roster", "values": {},
                                   "text": out["notes"][0]}]
    assert out["reason"] == "ไม่ได้ตอบเลยสักข้อ" and out["reason_codes"][0]["name"] == "empty_response"
    assert out["n"] == 3 and json.loads(json.dumps(out)) == out


def test_an_error_is_a_message_and_names_the_option_on_the_command_line():
    exc = ITAValueError("bad_confidence", parameter="confidence", got=1.5)
    assert isinstance(exc, ValueError) and isinstance(exc, ITAInputError)
    assert str(exc) == "confidence must be from 0.5 to less than 1, got 1.5"
    assert exc.text("en", flags=True, with_code=True) == f"--confidence must be from 0.5 to less than 1, got 1.5 ({exc.code})"
    missing = ITAInputError("no_file", path="data/raww/iit.csv")
    assert missing.text("th") == "data/raww/iit.csv: ไม่มีไฟล์นี้"
    assert issubclass(FrameworkError, ITAInputError)


def test_codes_are_found_by_code_in_any_spelling():
    code = code_of("year_looks_ce")
    assert name_of(code) == name_of(code.lower()) == name_of(code.removeprefix("ITA-")) == "year_looks_ce"
    assert name_of("ITA-E999") is None and explain("ITA-E999", "th") is None
    text = explain(code, "th")
    assert text.startswith(f"{code} · ปีงบประมาณ … ดูเหมือนเป็นปี ค.ศ.") and "บวก 543" in text


def test_ita_explain_prints_the_explanation_in_the_readers_language():
    code = code_of("no_file")
    run = [sys.executable, "-m", "ita_analytics", "explain"]
    thai = subprocess.run([*run, code], capture_output=True, text=True, env={"ITA_LANG": "th", "PATH": ""})
    english = subprocess.run([*run, code.lower(), "--lang", "en"], capture_output=True, text=True)
    assert thai.returncode == 0 and thai.stdout.startswith(f"{code} · ไม่มีไฟล์นี้")
    assert english.returncode == 0 and english.stdout.startswith(f"{code} · the file does not exist")
    unknown = subprocess.run([*run, "ITA-E999", "--lang", "en"], capture_output=True, text=True)
    assert unknown.returncode == 2 and unknown.stdout == "" and "ITA-E999" in unknown.stderr


def _names_used() -> set[str]:
    """Every message name written in the package: ``Message("…")``, ``…Error("…")``, ``fail(…, "…")``, ``add(…, "…")``."""
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            position = {"Message": 0, "ITAInputError": 0, "ITAValueError": 0, "FrameworkError": 0, "fail": 1,
                        "add": 2}.get(func)
            if position is not None and len(node.args) > position:
                arg = node.args[position]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    used.add(arg.value)
    return used


def test_every_message_the_code_says_is_in_the_catalogue():
    used = _names_used()
    assert len(used) > 100
    assert used <= set(message_names()), sorted(used - set(message_names()))


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        for statement in getattr(node, "body", []) if isinstance(getattr(node, "body", None), list) else []:
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                out.add(id(statement.value))
    return out


def test_no_thai_word_is_written_in_the_code():
    """Thai lives in the catalogue, the frames and the mappings (data files), never in a string of the code."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        found += [f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:40]!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                  and THAI.search(node.value)]
    assert not found, found


def test_no_sentence_is_translated_back_by_a_pattern():
    import ita_analytics.output._i18n as i18n

    assert not any(hasattr(i18n, name) for name in ("NOTE_PATTERNS", "REASON_PATTERNS", "ERROR_PATTERNS"))
    source = (PACKAGE / "output" / "_i18n.py").read_text(encoding="utf-8")
    assert "re.match" not in source and "import re" not in source


def test_the_measures_workbook_speaks_english_with_lang_en_and_reads_back(raw_dir, roster, fw, tmp_path):
    import openpyxl

    import ita_analytics as ia
    from ita_analytics.app._pipeline import plan_documents
    from ita_analytics.io._measures import read_measures

    result = ia.score(ia.read_iit(raw_dir / "iit_2566.csv", roster=roster), ia.read_eit(raw_dir / "eit_2566.csv"),
                      ia.read_oit_checklist(raw_dir / "oit_2566.csv"), roster, framework=fw)
    _, files = plan_documents(tmp_path, result, fw, language="en")
    book = openpyxl.load_workbook(files["measures"])
    assert book.sheetnames == ["Measures", "How to fill in"]
    rows = list(book["Measures"].iter_rows(values_only=True))
    assert rows[0][:5] == ("no.", "kind", "indicator/item", "name", "measure") and rows[1][9] == "not started"
    assert not any(THAI.search(str(v)) for row in rows[1:] for k, v in enumerate(row) if k not in (5,))  # owners: names
    measures, rejects = read_measures(files["measures"])
    assert len(measures) == len(rows) - 1 and rejects.empty and set(measures["status"]) == {"not_started"}
