"""Fieldwork monitor: coverage cells by hand, the 80% boundary, the forecast on a constructed series."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import IIT_HEADER, iit_row, strict_json, write_rows
from scipy import stats
from test_cli import ita

import ita_analytics as ia
from ita_analytics.stats._quota import check_quotas, projected_half_width

ROSTER = [["ฝ่ายทะเบียน", "ลูกจ้างประจำ", "5"], ["ฝ่ายทะเบียน", "ลูกจ้างชั่วคราว", "4"],
          ["ฝ่ายโยธา", "ลูกจ้างประจำ", "3"], ["ฝ่ายปกครอง", "ข้าราชการ", "2"],
          ["โรงเรียนตัวอย่าง 9", "ลูกจ้างชั่วคราว", "15"], ["โรงเรียนตัวอย่าง 9", "ข้าราชการครู", "1"]]
ANSWERS = [("ฝ่ายทะเบียน", "ลูกจ้างประจำ", 4), ("ฝ่ายทะเบียน", "ลูกจ้างชั่วคราว", 3), ("ฝ่ายโยธา", "ลูกจ้างประจำ", 2),
           ("ฝ่ายปกครอง", "ข้าราชการ", 2), ("โรงเรียนตัวอย่าง 9", "ลูกจ้างชั่วคราว", 12), ("ฝ่ายประชาสัมพันธ์", "ข้าราชการ", 1)]


@pytest.fixture()
def small(tmp_path, fw):
    roster = ia.read_roster(write_rows(tmp_path / "roster.csv", ["department", "staff_type", "eligible"], ROSTER),
                            framework=fw)
    rows, k = [], 0
    for dept, staff, n in ANSWERS:
        for _ in range(n):
            k += 1
            rows.append(iit_row(f"R{k}", dept=dept, staff=staff, when=f"{1 + k % 9:02d}/05/2566 10:00"))
    rows.append(iit_row("LOW", dept="ฝ่ายโยธา", staff="ลูกจ้างประจำ", tenure="0.5"))  # rejected by the tenure rule
    iit = ia.read_iit(write_rows(tmp_path / "iit.csv", IIT_HEADER, rows), framework=fw)
    return roster, iit, tmp_path


def test_cells_by_hand_with_the_80_percent_boundary(small, fw):
    roster, iit, _ = small
    q = check_quotas(iit, None, roster, framework=fw)
    cells = q.cells.set_index(["department", "staff_type"])
    expect = {  # eligible, responses, required, needed, shortfall, ok
        ("ฝ่ายทะเบียน", "ลูกจ้างประจำ"): (5, 4, 0.8, 4, 0, True),  # 4 of 5 is enough
        ("ฝ่ายทะเบียน", "ลูกจ้างชั่วคราว"): (4, 3, 0.8, 4, 1, False),  # 3 of 4 is not
        ("ฝ่ายโยธา", "ลูกจ้างประจำ"): (3, 2, 1.0, 3, 1, False),  # Public Works employees: 100%
        ("ฝ่ายปกครอง", "ข้าราชการ"): (2, 2, 1.0, 2, 0, True),
        ("โรงเรียนตัวอย่าง 9", "ลูกจ้างชั่วคราว"): (15, 12, 0.8, 12, 0, True),  # 0.8 × 15 = 12, not 12.000…1
        ("โรงเรียนตัวอย่าง 9", "ข้าราชการครู"): (1, 0, 1.0, 1, 1, False),
    }
    for key, (eligible, responses, required, needed, short, ok) in expect.items():
        row = cells.loc[key]
        assert (row.eligible, row.responses, row.required_coverage, row.needed, row.shortfall, row.ok) == (
            eligible, responses, required, needed, short, ok), key
        assert row.coverage == pytest.approx(responses / eligible)
    assert q.problems[["department", "staff_type", "responses"]].values.tolist() == [["ฝ่ายประชาสัมพันธ์", "ข้าราชการ", 1]]
    # the stray is a problem, not a respondent: n counts what score() keeps (the same rows as validate --roster)
    assert q.iit == {"n": 23, "required": 400, "ok": False, "coverage_ok": False, "cells_short": 3}
    assert not q.ok
    # equal shortfalls: 100% rules first, then the lowest coverage
    assert q.chase[["department", "shortfall"]].values.tolist() == [
        ["โรงเรียนตัวอย่าง 9", 1], ["ฝ่ายโยธา", 1], ["ฝ่ายทะเบียน", 1]]


def test_rejected_strays_are_still_listed(small, fw):
    roster, _, tmp = small
    iit = ia.read_iit(tmp / "iit.csv", framework=fw, roster=roster)
    q = check_quotas(iit, None, roster, framework=fw)
    assert "rejected on reading as not in the roster" in q.problems["reason"].iloc[-1]


def _arrivals(per_day: list[int], start: str = "2023-05-01") -> pd.DataFrame:
    fw = ia.load_framework(2566)
    stamps = [pd.Timestamp(start) + pd.Timedelta(days=d, hours=10) for d, n in enumerate(per_day) for _ in range(n)]
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"submitted_at": stamps, "department": "ฝ่ายปกครอง", "staff_type": "ข้าราชการ",
                          "respondent_group": "บุคคล"})
    for q in fw.questions:
        frame[q.id] = rng.choice(np.array(list(fw.points(q)), dtype=object), len(frame))  # answer codes
    return frame


def test_forecast_on_a_constructed_series(fw):
    iit = _arrivals([5] * 3 + [10] * 7)  # 85 responses by 10 May; the last 7 days 10 a day
    roster = pd.DataFrame({"department": ["ฝ่ายปกครอง"], "staff_type": ["ข้าราชการ"], "eligible": [1000]})
    q = check_quotas(iit, iit, roster, framework=fw, deadline="2023-06-05")
    f = q.forecast["IIT"]
    assert f["target"] == 1000  # 100% of 1000 civil servants outweighs the minimum of 400
    assert f["responses"] == 85 and f["rate_per_day"] == 10.0
    assert f["projected_date"] == "2023-08-10"  # 915 more at 10 a day: 92 days after 10 May
    assert f["on_track"] is False and f["expected_at_deadline"] == pytest.approx(85 + 10 * 26)
    e = q.forecast["EIT"]
    assert e["target"] == 500 and e["projected_date"] == "2023-06-21"  # 415 more: 42 days
    cut = check_quotas(iit, iit, roster, framework=fw, as_of="05/05/2566")
    assert cut.iit["n"] == 5 * 3 + 10 * 2 and cut.forecast["IIT"]["rate_per_day"] == pytest.approx(35 / 7)
    prog = q.progress[q.progress.tool == "IIT"]
    assert prog["cumulative"].tolist() == list(np.cumsum([5] * 3 + [10] * 7))
    dept = q.department_progress
    assert dept["department"].unique().tolist() == ["ฝ่ายปกครอง"]
    assert dept["cumulative"].tolist() == list(np.cumsum([5] * 3 + [10] * 7)) and (dept["needed"] == 1000).all()


def test_projected_half_width_by_hand():
    assert projected_half_width(100.0, 50, 100.0) == pytest.approx(stats.t.ppf(0.975, 49) * math.sqrt(0.5 * 100 / 50))
    assert projected_half_width(100.0, 100, 100.0) == 0.0
    assert projected_half_width(100.0, 50, None) == pytest.approx(stats.t.ppf(0.975, 49) * math.sqrt(2))


def test_sample_data_quota_and_precision(raw_dir, roster, fw):
    iit, eit = ia.read_iit(raw_dir / "iit_2566.csv", framework=fw), ia.read_eit(raw_dir / "eit_2566.csv", framework=fw)
    q = check_quotas(iit, eit, roster, framework=fw, as_of="2023-06-10", deadline="2023-06-30")
    assert q.eit["all_groups_present"] and set(q.eit["groups"]) == {"บุคคล", "นิติบุคคล", "บริษัทเอกชน", "หน่วยงานภาครัฐ"}
    widths = q.precision.set_index("scenario")["half_width"]
    assert widths["now"] > widths["coverage target"] > widths["every eligible staff"] == 0
    assert len(q.chase) == (~q.cells.ok).sum() and q.chase["shortfall"].is_monotonic_decreasing


def test_quota_cli_contract_and_charts(raw_dir, tmp_path):
    p = ita("quota", "--iit", str(raw_dir / "iit_2566.csv"), "--eit", str(raw_dir / "eit_2566.csv"), "--roster",
            str(raw_dir / "roster_2566.xlsx"), "--deadline", "30/06/2566", "--json", "--out", str(tmp_path / "q"), lang="th")
    assert p.returncode == 1, p.stderr  # a cell is short and a stray department is there
    doc = strict_json(p.stdout)
    assert doc["ok"] is False
    for tool in ("iit", "eit"):
        assert {"n", "required", "ok"} <= set(doc[tool])
    fields = {"department", "staff_type", "eligible", "responses", "coverage", "required_coverage", "shortfall", "ok"}
    assert all(fields <= set(c) for c in doc["cells"])
    for name in ("quota.xlsx", "quota_chase.csv", "quota_coverage.png", "quota_coverage.svg", "quota_progress.png"):
        assert (tmp_path / "q" / name).stat().st_size > 500, name
    chase = pd.read_excel(tmp_path / "q" / "quota.xlsx", sheet_name=None)
    assert list(chase)[0] == "กลุ่มที่ยังขาด" and list(chase)[-1] == "ที่มา"  # the who-to-chase list first, provenance last
    assert list(chase["กลุ่มที่ยังขาด"].columns[:6]) == ["ฝ่าย", "ประเภทบุคลากร", "ผู้มีสิทธิ์", "ตอบแล้ว", "ต้องการ", "ยังขาด"]


def test_quota_charts_have_no_missing_glyphs(raw_dir, roster, fw, tmp_path):
    from ita_analytics.output._charts import plot_coverage, plot_progress, save_chart

    q = check_quotas(ia.read_iit(raw_dir / "iit_2566.csv"), ia.read_eit(raw_dir / "eit_2566.csv"), roster,
                     framework=fw, as_of="2023-06-10", deadline="2023-06-30")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for plot, name in ((lambda: plot_coverage(q, fw), "cov"), (lambda: plot_progress(q), "prog")):
            fig, table = plot()
            save_chart(fig, table, tmp_path / name)
    assert (tmp_path / "cov.png").exists() and (tmp_path / "prog.csv").exists()


def test_the_chase_list_names_the_frame_s_own_share(raw_dir, tmp_path):
    """A frame whose rule asks 70% says 70% in the chase list, not a fixed 80%."""
    text = (Path(ia.__file__).parent / "core" / "frameworks" / "2566.toml").read_text(encoding="utf-8")
    path = tmp_path / "2566.toml"
    path.write_text(text.replace("required_coverage = 0.8", "required_coverage = 0.7"), encoding="utf-8")
    fw = ia.load_framework(path=path)
    roster = ia.read_roster(raw_dir / "roster_2566.xlsx", framework=fw)
    q = ia.check_quotas(ia.read_iit(raw_dir / "iit_2566.csv", framework=fw, roster=roster), None, roster, framework=fw,
                        as_of="2023-05-20")
    shares = q.chase.loc[q.chase["required_coverage"] < 1, "priority"]
    assert len(shares) and all(s.text("th") == "อย่างน้อย 70%" and s.text("en") == "at least 70%" for s in shares)
