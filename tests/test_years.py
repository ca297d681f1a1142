"""The current year: the answers' year decides the frame, frames carried forward, frames from a questionnaire.

FY2570 (1 Oct 2569 – 30 Sep 2570) has no shipped frame: it gets FY2567's, carried forward and said so.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import strict_json
from test_cli import ita

import ita_analytics as ia
from ita_analytics.app._synth import sample_questionnaire, write_year_sample
from ita_analytics.core._framework import SampleRule, current_fiscal_year, fiscal_year_of_date
from ita_analytics.core._new_frame import propose_crosswalk, text_similarity
from ita_analytics.core._years import YearWarning, choose_year, data_year
from ita_analytics.io._questionnaire import read_questionnaire
from ita_analytics.output._i18n import frame_words, national_words


@pytest.fixture(scope="module")
def fy2570(tmp_path_factory) -> dict[str, Path]:
    """FY2570 exports of the district frame (25 IIT questions), dated May–June 2570."""
    return write_year_sample(tmp_path_factory.mktemp("fy2570"), 2570)


@pytest.fixture(scope="module")
def new_frame(tmp_path_factory) -> dict[str, Path]:
    """FY2570's frame built from its questionnaire (30 IIT questions), the proposed crosswalk and exports of it."""
    folder = tmp_path_factory.mktemp("fw2570")
    q = folder / "questionnaire_2570.csv"
    sample_questionnaire(ia.load_framework(2566), 2570).to_csv(q, index=False, encoding="utf-8-sig")
    p = ita("framework", "new", "--year", "2570", "--questions", str(q), str(folder / "fw2570.toml"), "--json")
    assert p.returncode == 0, p.stderr
    fw = ia.load_framework(path=folder / "fw2570.toml")
    exports = write_year_sample(folder, 2570, framework=fw)
    return {"frame": folder / "fw2570.toml", "crosswalk": folder / "fw2570.crosswalk.toml", "questions": q,
            "doc": json.loads(p.stdout), **exports}


# -- the fiscal year ------------------------------------------------------------------------------------

def test_fiscal_year_runs_october_to_september():
    assert fiscal_year_of_date(dt.date(2026, 9, 30)) == 2569
    assert fiscal_year_of_date(dt.date(2026, 10, 1)) == 2570
    assert current_fiscal_year(dt.date(2026, 12, 4)) == 2570
    assert current_fiscal_year(dt.date(2027, 6, 30)) == 2570


def test_data_year_counts_answers_per_year_and_undated_rows():
    frame = pd.DataFrame({"submitted_at": pd.to_datetime(["2026-10-01", "2027-06-30", "2026-09-30", None])})
    y = data_year(frame, tool="IIT")
    assert (y.year, y.counts, y.undated, y.spans_years) == (2570, {2569: 1, 2570: 2}, 1, True)


def test_buddhist_era_dates_in_a_file_give_the_same_year(tmp_path, raw_dir):
    r = ia.read_eit(raw_dir / "eit_2566.csv")  # dates written 15/05/2566 (Buddhist era)
    assert data_year(r).year == 2566 and r.framework_year == 2566


def test_choose_year_notices():
    iit = data_year(pd.DataFrame({"submitted_at": pd.to_datetime(["2024-05-01"] * 30)}), tool="IIT")  # FY2567
    eit = data_year(pd.DataFrame({"submitted_at": pd.to_datetime(["2023-05-01"] * 20)}), tool="EIT")  # FY2566
    year, notices = choose_year(iit, eit)
    assert year == 2567 and [n.name for n in notices] == ["tools_disagree"]
    assert notices[0].values == {"iit": 2567, "iit_n": 30, "iit_total": 30, "eit": 2566, "eit_n": 20, "eit_total": 20,
                                 "year": 2567}
    year, notices = choose_year(iit, asked=2570)
    assert year == 2570 and [n.name for n in notices] == ["year_contradicts"]
    year, notices = choose_year(data_year(pd.DataFrame({"x": [1]})), today_year=2570)
    assert year == 2570 and [n.name for n in notices] == ["no_dates"]


# -- the frame for a year -----------------------------------------------------------------------------------

def test_a_year_without_a_frame_carries_the_newest_earlier_one_forward():
    fw = ia.load_framework(2570)
    assert (fw.fiscal_year, fw.frame_year, fw.carried_forward, fw.status) == (2570, 2567, True, "provisional")
    assert fw.scoring.grading == "categories"
    assert fw.window == (dt.date(2027, 5, 1), dt.date(2027, 6, 30))  # FY2567's window moved on three years
    assert fw.grade(88.44, tool_scores={"IIT": 88.4, "EIT": 80.53, "OIT": 94.4}) == "ผ่าน"  # EIT below 85: not ผ่านดี
    for year in (2568, 2569, 2571):
        assert ia.load_framework(year).frame_year == 2567
    assert frame_words(fw, "th") == "กรอบปี 2567 ใช้แทนปี 2570 (ชั่วคราว)"
    assert frame_words(fw, "en") == "FY2567's frame used for FY2570 (provisional)"


def test_no_year_is_graded_in_bands_from_2567_on(tmp_path):
    path = tmp_path / "fw2569.toml"
    path.write_text('extends = 2566\nfiscal_year = 2569\nname_th = "x"\nname_en = "x"\nstatus = "provisional"\n',
                    encoding="utf-8")
    with pytest.raises(ia.FrameworkError, match="scoring.grading.*must be 'categories' for FY2569"):
        ia.load_framework(path=path)


def test_a_christian_era_year_and_a_year_before_every_frame_are_named():
    with pytest.raises(ia.FrameworkError, match=r"2025 looks like a Christian-era year.*BE 2568"):
        ia.load_framework(2025)
    with pytest.raises(ia.FrameworkError, match="ita framework new --year 2560"):
        ia.load_framework(2560)


def test_score_uses_the_answers_year_and_warns_on_mixed_years(raw_dir, fy2570):
    iit, eit = ia.read_iit(fy2570["iit"]), ia.read_eit(fy2570["eit"])
    assert iit.framework_year == 2570
    r = ia.score(iit, eit, ia.read_oit_checklist(fy2570["oit"]))
    f = r.method["framework"]
    assert (f["fiscal_year"], f["frame_year"], f["carried_forward"], f["status"]) == (2570, 2567, True, "provisional")
    assert r.overall["grade"] in {c.name_th for c in ia.load_framework(2567).grade_categories}
    with pytest.warns(YearWarning, match="IIT answers are of FY2570.*EIT answers of FY2566"):
        mixed = ia.score(iit, ia.read_eit(raw_dir / "eit_2566.csv"))
    assert mixed.method["framework"]["notices"][0].name == "tools_disagree"
    with pytest.warns(YearWarning, match="FY2566 was asked for, but"):
        ia.score(iit, eit, framework=ia.load_framework(2566))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ia.score(iit, eit)  # one year: no warning


def test_national_result_of_the_year_else_the_latest_published():
    fw6, fw0 = ia.load_framework(2566), ia.load_framework(2570)
    assert fw6.national_result()[0].mean == 90.19 and fw6.national_result()[1]
    latest, same = fw0.national_result()
    assert (latest.year, latest.mean, latest.agencies, same) == (2568, 93.82, 8317, False)
    assert "ยังไม่ประกาศ" in national_words(fw0, 86.31, "th") and "2568" in national_words(fw0, 86.31, "th")
    assert "-7.51" in national_words(fw0, 86.31, "en")


# -- the command on FY2570 ------------------------------------------------------------------------------

def test_ita_score_on_fy2570_exports_names_the_year_and_the_frame(fy2570, raw_dir):
    p = ita("score", "--iit", str(fy2570["iit"]), "--eit", str(fy2570["eit"]), "--oit", str(fy2570["oit"]), "--json")
    assert p.returncode == 0, p.stderr
    doc = strict_json(p.stdout)
    assert doc["method"]["framework"]["fiscal_year"] == 2570 and doc["method"]["framework"]["frame_year"] == 2567
    assert doc["method"]["framework"]["carried_forward"] is True
    assert doc["overall"]["grade"] in {"ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"}
    assert "warnings" not in doc
    text = ita("score", "--iit", str(fy2570["iit"]), "--eit", str(fy2570["eit"]), "--oit", str(fy2570["oit"]), lang="th")
    assert text.stdout.splitlines()[0] == "กรอบปี 2567 ใช้แทนปี 2570 (ชั่วคราว)"
    assert "ผลระดับประเทศปีงบประมาณ 2570 ยังไม่ประกาศ" in text.stdout.replace("\n", "")
    assert ita("score", "--year", "2570", "--iit", str(fy2570["iit"]), "--eit", str(fy2570["eit"])).returncode == 0


def test_mixed_years_warn_on_stderr_and_in_the_json(raw_dir):
    p = ita("score", "--iit", str(raw_dir / "iit_2567.xlsx"), "--eit", str(raw_dir / "eit_2566.csv"), "--json")
    assert p.returncode == 0, p.stderr
    doc = strict_json(p.stdout)
    assert any("IIT answers are of FY2567" in w and "FY2566" in w for w in doc["warnings"])
    assert "warning:" in p.stderr
    asked = ita("validate", str(raw_dir / "iit_2566.csv"), "--tool", "IIT", "--year", "2570", "--json")
    assert any("FY2570 was asked for" in w for w in strict_json(asked.stdout)["warnings"])


def test_validate_names_the_answers_year(fy2570):
    p = ita("validate", str(fy2570["iit"]), "--tool", "IIT", "--json")
    assert strict_json(p.stdout)["fiscal_year"] == 2570


def test_quota_dates_of_fy2570_are_in_2570_in_thai_words(fy2570, raw_dir):
    p = ita("quota", "--iit", str(fy2570["iit"]), "--eit", str(fy2570["eit"]), "--roster",
            str(raw_dir / "roster_2566.xlsx"), "--as-of", "2027-06-10", lang="th")
    assert p.returncode in (0, 1), p.stderr
    text = " ".join(p.stdout.split())  # the terminal wraps long lines
    assert "30 มิ.ย. 2570" in text and "2023" not in text and "2027-" not in text
    done = ita("quota", "--iit", str(fy2570["iit"]), "--eit", str(fy2570["eit"]), "--roster",
               str(raw_dir / "roster_2566.xlsx"), "--json")
    fc = strict_json(done.stdout)["forecast"]["IIT"]
    assert fc["deadline"] == "2027-06-30"  # JSON keeps ISO dates (Christian era): 30 Jun 2570


def test_plan_measures_of_fy2570_fall_due_in_fy2571(fy2570, raw_dir, tmp_path):
    from ita_analytics.io._measures import read_measures
    from ita_analytics.stats._plan import measures_due

    assert measures_due(2570) == ("2028-03-31", "2028-09-30")  # 31 มี.ค. 2571 and 30 ก.ย. 2571
    p = ita("plan", "--iit", str(fy2570["iit"]), "--eit", str(fy2570["eit"]), "--oit", str(fy2570["oit"]),
            "--roster", str(raw_dir / "roster_2566.xlsx"), "--out", str(tmp_path / "plan"), "--json")
    assert p.returncode == 0, p.stderr
    measures, _ = read_measures(tmp_path / "plan" / "measures.xlsx")
    assert set(pd.to_datetime(measures["due"]).dt.year) <= {2028}


# -- a frame from the questionnaire ---------------------------------------------------------------------------

def test_questionnaire_makes_a_30_question_frame_and_a_crosswalk(new_frame):
    fw = ia.load_framework(path=new_frame["frame"])
    assert len(fw.questions_of("IIT")) == 30 and len(fw.questions_of("EIT")) == 15 and len(fw.oit_items) == 30
    assert fw.fiscal_year == 2570 and fw.scoring.grading == "categories" and fw.lineage[:2] == (2570, 2567)
    assert fw.question("i1").text_th.startswith("บุคลากรในหน่วยงานของท่าน")
    assert ita("framework", "check", str(new_frame["frame"])).returncode == 0
    cw = new_frame["doc"]["crosswalk"]
    assert sorted(cw["unmatched_to"]["question"]) == ["i20", "i29", "i30", "i8", "i9"]  # the five new questions
    assert cw["unmatched_from"]["question"] == []
    text = new_frame["crosswalk"].read_text(encoding="utf-8")
    assert 'status = "proposed"' in text and "CONFIRM EVERY PAIR" in text
    import tomllib

    pairs = tomllib.loads(text)["questions"]
    assert pairs["i1"] == "i1" and pairs["i8"] == "i10" and pairs["i25"] == "i28" and pairs["e10"] == "e10"


def test_reworded_questions_match_and_new_ones_do_not():
    base = ia.load_framework(2566)
    assert text_similarity("ปฏิบัติงานตามขั้นตอนและระยะเวลา",
                           "บุคลากรในหน่วยงานของท่านปฏิบัติงานตามขั้นตอนและระยะเวลา มากน้อยเพียงใด") > 0.6
    assert text_similarity("มีช่องทางร้องเรียน", "หน่วยงานจัดกิจกรรมรณรงค์ค่านิยมสุจริต") < 0.3
    new = ia.load_framework(2566)
    proposal = propose_crosswalk(base, new)  # a frame against itself: every id to itself, similarity 1
    q = proposal.pairs[proposal.pairs["level"] == "question"]
    assert len(q) == 40 and (q["from_id"] == q["to_id"]).all() and np.allclose(q["similarity"], 1.0)


def test_a_new_frame_scores_its_exports_and_compares_with_fy2566(new_frame, raw_dir, tmp_path):
    r70, r66 = tmp_path / "r2570", tmp_path / "r2566"
    p = ita("score", "--framework", str(new_frame["frame"]), "--iit", str(new_frame["iit"]), "--eit",
            str(new_frame["eit"]), "--oit", str(new_frame["oit"]), "--out", str(r70), "--json")
    assert p.returncode == 0, p.stderr
    doc = strict_json(p.stdout)
    assert len([q for q in doc["questions"] if q["question"].startswith("i")]) == 30
    assert doc["method"]["framework"]["frame_year"] == 2570 and not doc["method"]["framework"]["carried_forward"]
    assert ita("score", "--year", "2566", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"),
               "--oit", str(raw_dir / "oit_2566.csv"), "--out", str(r66), "--json").returncode == 0
    without = strict_json(ita("compare", str(r66), str(r70), "--json").stdout)
    questions = [r for r in without["rows"] if r["level"] == "question"]
    assert all(r["verdict"] == "not_tested" for r in questions)  # never a silent mismatch
    assert any("could not be matched" in n for n in without["notes"])
    c = ita("compare", str(r66), str(r70), "--crosswalk", str(new_frame["crosswalk"]), "--json")
    assert c.returncode == 0, c.stderr
    rows = strict_json(c.stdout)["rows"]
    moved = next(r for r in rows if r["level"] == "question" and r["before_id"] == "i8")
    assert moved["after_id"] == "i10" and moved["change"] is not None
    new = [r for r in rows if r["level"] == "question" and r["after_id"] in ("i8", "i9") and r["before"] is None]
    assert len(new) == 2 and all(r["verdict"] == "not_tested" for r in new)
    assert {r["before_label"] for r in rows} == {"FY2566"} and {r["after_label"] for r in rows} == {"FY2570"}
    assert any("proposal, not yet confirmed" in n for n in strict_json(c.stdout)["notes"])


def test_an_export_with_a_question_the_frame_lacks_is_refused_by_name(new_frame):
    p = ita("score", "--year", "2567", "--iit", str(new_frame["iit"]), "--eit", str(new_frame["eit"]))
    assert p.returncode == 2 and "i26 … i30" in p.stderr and "Traceback" not in p.stderr


def test_framework_new_defaults_to_the_newest_frame_and_grades_in_categories(tmp_path):
    assert ita("framework", "new", "--year", "2571", str(tmp_path / "a.toml")).returncode == 0
    a = ia.load_framework(path=tmp_path / "a.toml")
    assert a.lineage == (2571, 2567, 2566) and a.window == (dt.date(2028, 5, 1), dt.date(2028, 6, 30))
    assert ita("framework", "new", "--from", "2566", "--year", "2569", str(tmp_path / "b.toml")).returncode == 0
    b = ia.load_framework(path=tmp_path / "b.toml")
    assert b.scoring.grading == "categories" and b.grade_categories[0].name_th == "ผ่านดีเยี่ยม"
    assert ita("framework", "new", "--from", str(tmp_path / "a.toml"), "--year", "2572", str(tmp_path / "c.toml")).returncode == 0
    assert ia.load_framework(path=tmp_path / "c.toml").lineage == (2572, 2571, 2567, 2566)


def test_a_questionnaire_problem_names_its_row(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("tool,indicator,id,text_th,scale\nIIT,1,i1,ข้อหนึ่ง,4L\nIIT,1,i1,ข้อสอง,4L\nXIT,1,i3,ข้อสาม,4L\n"
                    "EIT,6,e1,ข้อสี่,\n", encoding="utf-8")
    with pytest.raises(ia.ITAInputError) as err:
        read_questionnaire(path)
    message = str(err.value)
    assert "row 2: id i1 repeats row 1" in message and "row 3: tool 'XIT'" in message
    assert "row 4: a survey question needs a scale" in message
    thai = tmp_path / "q_th.csv"
    thai.write_text("เครื่องมือ,ตัวชี้วัด,รหัส,ข้อคำถาม,มาตรวัด,กลับด้าน\nIIT,1,i1,ข้อหนึ่ง,4L,ใช่\n", encoding="utf-8")
    row = read_questionnaire(thai).iloc[0]
    assert (row["tool"], row["id"], row["scale"], bool(row["reverse"])) == ("IIT", "i1", "4L", True)


# -- frames of other shapes ---------------------------------------------------------------------------------

def _frame_file(tmp_path: Path, body: str, name: str = "fw.toml") -> ia.Framework:
    path = tmp_path / name
    path.write_text('extends = 2566\nfiscal_year = 2566\nname_th = "x"\nname_en = "x"\nstatus = "provisional"\n' + body,
                    encoding="utf-8")
    return ia.load_framework(path=path)


_EIT_IN_PARTS = '''
[[tools]]
id = "IIT"
kind = "survey"
weight = 0.30
name_th = "IIT"
name_en = "IIT"
minimum_sample = 400
[[tools]]
id = "EIT"
kind = "survey"
weight = 0.30
name_th = "EIT"
name_en = "EIT"
minimum_sample = 500
parts = [{ id = "EIT1", name_th = "ส่วนที่ 1", name_en = "part 1", indicators = ["6"] },
         { id = "EIT2", name_th = "ส่วนที่ 2", name_en = "part 2", indicators = ["7", "8"] }]
[[tools]]
id = "OIT"
kind = "checklist"
weight = 0.40
name_th = "OIT"
name_en = "OIT"
'''


def test_an_eit_in_two_parts_is_the_mean_of_its_parts_bangkok_2566(tmp_path):
    """Bangkok FY2566: IIT 82.44, EIT part 1 79.40 and part 2 82.24 (EIT 80.82), OIT 100: overall 88.98."""
    fw = _frame_file(tmp_path, _EIT_IN_PARTS)
    n = 2500  # yes/no questions answered so that each mean is exact
    def yes_no(share: float, q: ia.Question) -> list[str]:
        good = int(round(share * n))
        yes = ["yes"] * good + ["no"] * (n - good)
        return [{"yes": "no", "no": "yes"}[a] for a in yes] if q.reverse else yes
    iit = pd.DataFrame({"response_id": [f"i{k}" for k in range(n)], "staff_type": "ข้าราชการ", "department": "ฝ่ายปกครอง",
                        "agency": "กรุงเทพมหานคร"})
    for q in fw.questions_of("IIT"):
        iit[q.id] = yes_no(0.8244, q) if q.scale == "YN" else "3"
    eit = pd.DataFrame({"response_id": [f"e{k}" for k in range(n)], "respondent_group": "บุคคล", "agency": "กรุงเทพมหานคร"})
    for q in fw.questions_of("EIT"):
        eit[q.id] = yes_no(0.7940 if q.indicator == "6" else 0.8224, q) if q.scale == "YN" else None
    iit_fw = fw.with_scoring()  # the same frame
    only_yn = [q.id for q in fw.questions if q.scale == "YN"]
    iit = iit[["response_id", "staff_type", "department", "agency", *[q.id for q in fw.questions_of("IIT")]]]
    for q in fw.questions_of("IIT"):
        if q.id not in only_yn:
            iit[q.id] = None
    oit = pd.DataFrame({"item": [o.id for o in fw.oit_items], "published": True})
    r = ia.score(iit, eit, oit, framework=iit_fw)
    parts = r.parts.set_index("part")["score"]
    assert parts["EIT1"] == pytest.approx(79.40) and parts["EIT2"] == pytest.approx(82.24)
    tools = r.tools.set_index("tool")["score"]
    assert tools["EIT"] == pytest.approx(80.82) and tools["IIT"] == pytest.approx(82.44)
    assert round(r.overall["score"], 2) == 88.98
    assert ia.overall_score(iit=82.44, eit=80.82, oit=100, year=2566)["score"] == pytest.approx(88.978)
    assert [p["part"] for p in r.to_dict()["parts"]] == ["EIT1", "EIT2"]


def test_tool_aggregation_both_ways_on_a_30_question_frame(new_frame):
    fw = ia.load_framework(path=new_frame["frame"])
    iit = ia.read_iit(new_frame["iit"], framework=fw)
    by_q = ia.score(iit, framework=fw)
    by_i = ia.score(iit, framework=fw.with_scoring(tool_aggregation="indicators"))
    q = by_q.questions.set_index("question")["score"]
    ind = by_q.indicators.set_index("indicator")["score"]
    assert by_q.tools.set_index("tool").loc["IIT", "score"] == pytest.approx(q.mean())
    assert by_i.tools.set_index("tool").loc["IIT", "score"] == pytest.approx(ind.mean())
    assert abs(q.mean() - ind.mean()) > 1e-6  # unequal indicator sizes (9/4/7/3/7): the two differ


def test_37_oit_items(tmp_path):
    items = ", ".join(f'{{ id = "O{k}", subindicator = "{"9.1" if k <= 25 else "10.1"}", title_th = "รายการ {k}", '
                      f'title_en = "item {k}", responsible = ["ฝ่ายปกครอง"] }}' for k in range(1, 38))
    fw = _frame_file(tmp_path, f"oit_items = [{items}]\n")
    oit = pd.DataFrame({"item": [f"O{k}" for k in range(1, 38)], "published": [k % 10 != 0 for k in range(1, 38)]})
    r = ia.score(oit=oit, framework=fw)
    assert len(fw.oit_items) == 37
    assert r.tools.set_index("tool").loc["OIT", "score"] == pytest.approx(100 * 34 / 37)


def test_sample_rules_of_headcount_as_itas_computes_them():
    iit_school = SampleRule(fixed=25, everyone_when_fewer=True)  # the ITA 2021 school manual
    eit_school = SampleRule(share=0.10, floor=30, cap=400, everyone_when_fewer=True)
    assert [iit_school.required(n) for n in (10, 25, 300)] == [10, 25, 25]
    assert [eit_school.required(n) for n in (20, 250, 301, 3000, 4000, 12000)] == [20, 30, 31, 300, 400, 400]
    assert eit_school.required(None) == 30  # no headcount given: the floor
    district = ia.load_framework(2566)
    assert district.tool("IIT").required_sample(593) == 400 and district.tool("EIT").required_sample(None) == 500


def test_a_rule_of_headcount_in_a_frame_file_drives_the_quota(tmp_path, raw_dir):
    body = _EIT_IN_PARTS.replace("minimum_sample = 400", "minimum_sample = { fixed = 25, everyone_when_fewer = true }")
    rule = "{ share = 0.10, floor = 30, cap = 400, everyone_when_fewer = true }"
    body = body.replace("minimum_sample = 500", f"minimum_sample = {rule}")
    body = body.replace('parts = [{ id = "EIT1", name_th = "ส่วนที่ 1", name_en = "part 1", indicators = ["6"] },\n'
                        '         { id = "EIT2", name_th = "ส่วนที่ 2", name_en = "part 2", indicators = ["7", "8"] }]\n', "")
    fw = _frame_file(tmp_path, body)
    roster = ia.read_roster(raw_dir / "roster_2566.xlsx", framework=fw)
    q = ia.check_quotas(ia.read_iit(raw_dir / "iit_2566.csv", framework=fw, roster=roster),
                        ia.read_eit(raw_dir / "eit_2566.csv", framework=fw), roster, framework=fw, eit_users=2500)
    assert q.iit["required"] == 25 and q.eit["required"] == 250


def test_a_file_over_two_years_is_warned_once_and_undated_files_take_the_clock_year(fy2570, tmp_path):
    eit = pd.read_csv(fy2570["eit"])
    eit.loc[:50, "submitted_at"] = "2026-09-15 10:00:00"  # 51 answers of FY2569
    eit.to_csv(tmp_path / "eit_span.csv", index=False)
    p = ita("score", "--eit", str(tmp_path / "eit_span.csv"))
    assert p.returncode == 0 and p.stderr.count("span") == 1, p.stderr
    assert "(FY2569: 51, FY2570: 509)" in p.stderr
    pd.read_csv(fy2570["iit"]).drop(columns="submitted_at").to_csv(tmp_path / "iit_nodate.csv", index=False)
    doc = strict_json(ita("score", "--iit", str(tmp_path / "iit_nodate.csv"), "--json").stdout)
    assert doc["method"]["framework"]["fiscal_year"] == current_fiscal_year()
    assert any("no answer has a date" in w for w in doc["warnings"])


def test_a_frame_from_the_questionnaire_labels_its_questions_by_their_text_cut_between_words(new_frame):
    themes = ia.load_framework(path=new_frame["frame"]).themes("th")
    assert themes["i8"] == "ท่านได้รับการอบรมเรื่องการขัดกันระหว่าง…"  # not "…ผลประโยช…"
    assert all(len(t) <= 48 and t for t in themes.values())


def test_the_provenance_sheet_names_the_frame_in_words(fy2570):
    from ita_analytics.output._export import provenance_table

    r = ia.score(ia.read_iit(fy2570["iit"]), ia.read_eit(fy2570["eit"]))
    first = provenance_table(r.provenance, "th").iloc[0].tolist()
    assert first == ["กรอบการประเมิน", "กรอบปี 2567 ใช้แทนปี 2570 (ชั่วคราว)"]
    assert provenance_table(r.provenance, "en").iloc[0].tolist()[1] == "FY2567's frame used for FY2570 (provisional)"
