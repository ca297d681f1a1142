"""Framework files: the FY2566 facts as the memo gives them, validation that names file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

import ita_analytics as ia


def test_fy2566_counts_match_the_memo(fw):
    counts = {i.id: len([q for q in fw.questions if q.indicator == i.id]) for i in fw.indicators}
    assert [counts[str(k)] for k in range(1, 9)] == [7, 4, 6, 3, 5, 6, 4, 5]
    assert len(fw.questions_of("IIT")) == 25 and len(fw.questions_of("EIT")) == 15
    per_sub = {s.id: sum(o.subindicator == s.id for o in fw.oit_items) for s in fw.subindicators}
    assert per_sub == {"9.1": 7, "9.2": 1, "9.3": 12, "9.4": 1, "9.5": 1, "10.1": 7, "10.2": 1}
    assert [o.id for o in fw.oit_items] == [f"O{k}" for k in range(1, 31)]
    assert {t.id: t.weight for t in fw.tools} == {"IIT": 0.3, "EIT": 0.3, "OIT": 0.4}
    assert fw.tool("IIT").minimum_sample == 400 and fw.tool("EIT").minimum_sample == 500
    assert fw.minimum_tenure_years == 1.0


def test_defaults_of_the_uncertain_settings(fw):
    s = fw.scoring
    assert (s.four_level_points, s.tool_aggregation, s.oit_aggregation, s.grading, s.pass_mark) == (
        "exact_thirds", "questions", "items", "bands", 85.0)
    assert [b.grade for b in fw.grade_bands] == ["AA", "A", "B", "C", "D", "E", "F"]


def test_points_exact_thirds_reverse_and_yes_no(fw):
    assert fw.points(fw.question("i1")) == {"1": 0.0, "2": 100 / 3, "3": 200 / 3, "4": 100.0}
    assert fw.points(fw.question("i9")) == {"1": 100.0, "2": 200 / 3, "3": 100 / 3, "4": 0.0}
    assert fw.points(fw.question("i4")) == {"yes": 0.0, "no": 100.0}  # "yes, staff demanded money" is bad
    assert fw.points(fw.question("i22")) == {"yes": 100.0, "no": 0.0}
    rounded = fw.with_scoring(four_level_points="integers")
    assert rounded.points(rounded.question("i1")) == {"1": 0.0, "2": 33.0, "3": 67.0, "4": 100.0}
    two = fw.with_scoring(four_level_points="two_decimals")
    assert two.points(two.question("i1"))["2"] == 33.33


@pytest.mark.parametrize("score, grade", [(100, "AA"), (95, "AA"), (94.99, "A"), (85, "A"), (84.999, "B"),
                                          (75, "B"), (65, "C"), (55, "D"), (50, "E"), (49.99, "F"), (0, "F")])
def test_grade_bands(fw, score, grade):
    assert fw.grade(score) == grade


def test_fy2567_is_provisional_with_categories():
    f = ia.load_framework(2567)
    assert f.status == "provisional" and f.scoring.grading == "categories"
    assert len(f.questions) == 40 and len(f.oit_items) == 30  # carried forward from FY2566
    assert f.grade(96, tool_scores={"IIT": 96, "EIT": 95, "OIT": 100}) == "ผ่านดีเยี่ยม"
    assert f.grade(96, tool_scores={"IIT": 94, "EIT": 95, "OIT": 100}) == "ผ่านดี"
    assert f.grade(88, tool_scores={"IIT": 80, "EIT": 95, "OIT": 100}) == "ผ่าน"
    assert f.grade(84.99) == "ต้องปรับปรุง" and f.grade(69.99) == "ต้องปรับปรุงโดยด่วน"


def test_default_year_is_the_newest_sourced_framework():
    assert ia.available_years() == [2565, 2566, 2567]
    assert ia.default_year() == 2566
    assert ia.load_framework().fiscal_year == 2566


def test_fy2565_is_partial_and_cannot_read_microdata(tmp_path):
    f = ia.load_framework(2565)
    assert not f.is_scorable and len(f.indicators) == 10 and f.questions == ()
    with pytest.raises(ia.ITAInputError, match="does not know its questions"):
        ia.read_iit(tmp_path / "x.csv", framework=f)


def test_coverage_rules(fw):
    assert fw.coverage_rule("ฝ่ายการคลัง", "ข้าราชการ").required_coverage == 1.0
    assert fw.coverage_rule("โรงเรียนตัวอย่าง 1", "ข้าราชการครู").required_coverage == 1.0
    assert fw.coverage_rule("ฝ่ายโยธา", "ลูกจ้างชั่วคราว").required_coverage == 1.0
    assert fw.coverage_rule("ฝ่ายทะเบียน", "ลูกจ้างประจำ").required_coverage == 0.8
    assert fw.coverage_rule("โรงเรียนตัวอย่าง 3", "ลูกจ้างชั่วคราว").required_coverage == 0.8
    assert fw.is_school("โรงเรียนตัวอย่าง 3") and not fw.is_school("ฝ่ายโยธา")


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (Path(ia.__file__).parent / "core" / "frameworks" / "2566.toml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "mine.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, message", [
    ('{ id = "i2", indicator = "1"', '{ id = "i1", indicator = "1"', "field 'questions' repeats the id 'i1'"),
    ("weight = 0.40", "weight = 0.45", "field 'tools' weights must sum to 1"),
    ('four_level_points = "exact_thirds"', 'four_level_points = "halves"', "field 'scoring.four_level_points'"),
    ('indicator = "8", scale = "4L", reverse = false, theme_en = "the work',
     'indicator = "11", scale = "4L", reverse = false, theme_en = "the work', "field 'questions[39].indicator'"),
    ("minimum = 85.0", "minimum = 96.0", "field 'grade_bands' must go from the top band down"),
    ("pass_mark = 85.0", "pass_mark = 85.0\npassmark = 80", "field 'scoring' has unknown key(s) passmark"),
])
def test_invalid_framework_names_file_and_field(tmp_path, old, new, message):
    path = _broken(tmp_path, old, new)
    with pytest.raises(ia.FrameworkError) as err:
        ia.load_framework(path=path)
    assert str(err.value).startswith(f"{path}: ")  # the file as given, with its folders
    assert message in str(err.value)


def test_not_toml_and_unknown_year(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(ia.FrameworkError, match="bad.toml: not a valid TOML"):
        ia.load_framework(path=bad)
    with pytest.raises(ia.FrameworkError, match="no framework is shipped for fiscal year 2499"):
        ia.load_framework(2499)


def test_user_framework_with_extends(tmp_path):
    mine = tmp_path / "2566-rounded.toml"
    mine.write_text('extends = 2566\nfiscal_year = 2566\nname_th = "ทดสอบ"\nname_en = "test"\nstatus = "source"\n'
                    '[scoring]\nfour_level_points = "integers"\ntool_aggregation = "indicators"\n', encoding="utf-8")
    f = ia.load_framework(path=mine)
    assert f.scoring.four_level_points == "integers" and f.scoring.tool_aggregation == "indicators"
    assert f.scoring.oit_aggregation == "items"  # inherited
    assert len(f.questions) == 40
    with pytest.raises(ia.FrameworkError):
        f.with_scoring(grading="stars")


def test_framework_is_immutable(fw):
    with pytest.raises(AttributeError):
        fw.fiscal_year = 2570  # type: ignore[misc]  # assigning to a frozen field is what is tested
