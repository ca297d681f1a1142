"""Every word shown to people, in Thai (the default) and English: one catalogue.

Results carry codes (check names, levels, flags); this module turns them into words. A text is
looked up by its key and filled in with :meth:`str.format` values, e.g.
``say("report.title", "th", year=2566)``. Assessment facts (names of indicators, questions,
OIT items) are not here: they belong to the fiscal year's framework file.
"""

from __future__ import annotations

from typing import Any

from ..core._framework import BE_OFFSET

__all__ = ["CHECK_LABELS", "COLUMN_LABELS", "ERROR_PATTERNS", "KIND_LABELS", "LANGUAGES", "NOTE_PATTERNS",
           "REASON_PATTERNS", "SHEET_LABELS", "THAI_MONTHS", "WORDS", "chosen_language", "date_words", "error_words",
           "label", "note_words", "reason_words", "say", "verdict_short", "verdict_words"]

#: The languages the catalogue speaks.
LANGUAGES = ("th", "en")

#: Reject checks (the ``check`` column of a rejects table).
CHECK_LABELS: dict[str, dict[str, str]] = {
    "duplicate": {"th": "รหัสซ้ำ", "en": "duplicate"},
    "missing_value": {"th": "ข้อมูลจำเป็นว่าง", "en": "missing value"},
    "unknown_answer": {"th": "คำตอบอ่านไม่ได้", "en": "unknown answer"},
    "unknown_value": {"th": "ค่าที่ไม่รู้จัก", "en": "unknown value"},
    "tenure_below_rule": {"th": "อายุงานไม่ถึงเกณฑ์", "en": "tenure below the rule"},
    "bad_number": {"th": "ตัวเลขไม่ถูกต้อง", "en": "not a number"},
    "bad_date": {"th": "วันที่ไม่ถูกต้อง", "en": "unreadable date"},
    "empty_response": {"th": "ไม่ได้ตอบเลย", "en": "no answers"},
    "not_in_roster": {"th": "ไม่อยู่ในบัญชีบุคลากร", "en": "not in the roster"},
    "ragged_row": {"th": "จำนวนช่องไม่ตรงหัวตาราง", "en": "wrong number of cells"},
    "long_cell": {"th": "ช่องยาวเกินกว่าที่ตารางรับได้", "en": "a cell too long"},
    "merged_cells": {"th": "เซลล์ที่ผสานกัน", "en": "merged cells"},
    "formula_without_value": {"th": "สูตรที่ยังไม่ได้คำนวณ", "en": "a formula never computed"},
}

#: Kinds of input file.
KIND_LABELS: dict[str, dict[str, str]] = {
    "IIT": {"th": "IIT (บุคลากร)", "en": "IIT (staff)"},
    "EIT": {"th": "EIT (ผู้รับบริการ)", "en": "EIT (service users)"},
    "roster": {"th": "บัญชีบุคลากร", "en": "staff roster"},
    "oit": {"th": "OIT (เว็บไซต์)", "en": "OIT (website)"},
    "published": {"th": "ผลที่ประกาศแล้ว", "en": "published results"},
}

#: Workbook sheets, by the table's code.
SHEET_LABELS: dict[str, dict[str, str]] = {
    "overall": {"th": "คะแนนรวม", "en": "Overall"},
    "tools": {"th": "รายเครื่องมือ", "en": "Tools"},
    "indicators": {"th": "รายตัวชี้วัด", "en": "Indicators"},
    "questions": {"th": "รายข้อคำถาม", "en": "Questions"},
    "oit_items": {"th": "OIT รายข้อ", "en": "OIT items"},
    "grade_probabilities": {"th": "โอกาสแต่ละระดับ", "en": "Grade chances"},
    "answers": {"th": "การกระจายคำตอบ", "en": "Answers"},
    "groups": {"th": "รายกลุ่ม", "en": "Groups"},
    "changes": {"th": "เปรียบเทียบรายปี", "en": "Changes"},
    "trend": {"th": "แนวโน้ม", "en": "Trend"},
    "quota_chase": {"th": "กลุ่มที่ยังขาด", "en": "Cells short"},
    "chase": {"th": "กลุ่มที่ยังขาด", "en": "Cells short"},
    "cells": {"th": "ความครอบคลุมรายกลุ่ม", "en": "Coverage cells"},
    "problems": {"th": "ข้อสังเกต", "en": "Problems"},
    "progress": {"th": "ความก้าวหน้ารายวัน", "en": "Daily progress"},
    "department_progress": {"th": "ความก้าวหน้ารายฝ่าย", "en": "Progress by department"},
    "precision": {"th": "ความแม่นยำที่คาด", "en": "Projected precision"},
    "departments": {"th": "รายฝ่าย", "en": "Departments"},
    "ranking_IIT": {"th": "อันดับ IIT", "en": "IIT ranking"},
    "ranking_EIT": {"th": "อันดับ EIT", "en": "EIT ranking"},
    "integrity_flags": {"th": "จำนวนที่ถูกทำเครื่องหมาย", "en": "Integrity flags"},
    "flagged_responses": {"th": "คำตอบที่ถูกทำเครื่องหมาย", "en": "Flagged responses"},
    "sensitivity": {"th": "คะแนนเมื่อตัดคำตอบที่สงสัย", "en": "Sensitivity"},
    "plan": {"th": "แผนสู่เป้าหมาย", "en": "Plan"},
}

#: Workbook headers, by column code (a column not here keeps its code).
COLUMN_LABELS: dict[str, dict[str, str]] = {
    "score": {"th": "คะแนน", "en": "score"},
    "se": {"th": "ความคลาดเคลื่อนมาตรฐาน", "en": "standard error"},
    "ci_low": {"th": "ช่วงความเชื่อมั่น ต่ำ", "en": "interval low"},
    "ci_high": {"th": "ช่วงความเชื่อมั่น สูง", "en": "interval high"},
    "se_nofpc": {"th": "ความคลาดเคลื่อน (ไม่ปรับตามบัญชี)", "en": "standard error without the roster"},
    "n": {"th": "จำนวน", "en": "n"},
    "n_answered": {"th": "ผู้ตอบข้อนี้", "en": "answered"},
    "tool": {"th": "เครื่องมือ", "en": "tool"},
    "indicator": {"th": "ตัวชี้วัด", "en": "indicator"},
    "subindicator": {"th": "ตัวชี้วัดย่อย", "en": "sub-indicator"},
    "question": {"th": "ข้อ", "en": "question"},
    "item": {"th": "ข้อ OIT", "en": "OIT item"},
    "name_th": {"th": "ชื่อ", "en": "name (Thai)"},
    "name_en": {"th": "ชื่อ (อังกฤษ)", "en": "name"},
    "title_th": {"th": "ข้อมูลที่ต้องเผยแพร่", "en": "what (Thai)"},
    "title_en": {"th": "ข้อมูลที่ต้องเผยแพร่ (อังกฤษ)", "en": "what"},
    "responsible": {"th": "ผู้รับผิดชอบ", "en": "responsible"},
    "published": {"th": "เผยแพร่แล้ว", "en": "published"},
    "in_checklist": {"th": "อยู่ในแบบตรวจ", "en": "in the checklist"},
    "points": {"th": "คะแนนที่ได้", "en": "points"},
    "left_out": {"th": "ข้อที่ไม่นับ", "en": "left out"},
    "grade": {"th": "ระดับ", "en": "grade"},
    "pass_mark": {"th": "เกณฑ์ผ่าน", "en": "pass mark"},
    "points_to_pass": {"th": "ขาดอีกถึงเกณฑ์ผ่าน", "en": "points to pass"},
    "next_grade": {"th": "ระดับถัดไป", "en": "next grade"},
    "points_to_next_grade": {"th": "ขาดอีกถึงระดับถัดไป", "en": "points to the next grade"},
    "probability_pass": {"th": "โอกาสผ่าน", "en": "chance of a pass"},
    "probability": {"th": "โอกาส", "en": "probability"},
    "minimum": {"th": "ต่ำสุด", "en": "minimum"},
    "maximum": {"th": "สูงสุด", "en": "maximum"},
    "note": {"th": "หมายเหตุ", "en": "note"},
    "level": {"th": "ระดับ", "en": "level"},
    "id": {"th": "รหัส", "en": "id"},
    "before": {"th": "ก่อน", "en": "before"},
    "after": {"th": "หลัง", "en": "after"},
    "before_year": {"th": "ปีก่อน", "en": "earlier year"},
    "after_year": {"th": "ปีหลัง", "en": "later year"},
    "change": {"th": "ผลต่าง", "en": "change"},
    "p_value": {"th": "ค่า p", "en": "p"},
    "p_adjusted": {"th": "ค่า p (ปรับ Holm)", "en": "p (Holm-adjusted)"},
    "verdict": {"th": "สรุป", "en": "verdict"},
    "reason": {"th": "เหตุผล", "en": "reason"},
    "se_assumed": {"th": "ความคลาดเคลื่อนเป็นค่าสมมติ", "en": "SE assumed"},
    "department": {"th": "ฝ่าย", "en": "department"},
    "staff_type": {"th": "ประเภทบุคลากร", "en": "staff type"},
    "eligible": {"th": "ผู้มีสิทธิ์", "en": "eligible"},
    "responses": {"th": "ตอบแล้ว", "en": "responses"},
    "coverage": {"th": "ความครอบคลุม", "en": "coverage"},
    "required_coverage": {"th": "เกณฑ์ความครอบคลุม", "en": "required coverage"},
    "needed": {"th": "ต้องการ", "en": "needed"},
    "shortfall": {"th": "ยังขาด", "en": "short"},
    "ok": {"th": "ครบ", "en": "met"},
    "rule": {"th": "เกณฑ์", "en": "rule"},
    "date": {"th": "วันที่", "en": "date"},
    "cumulative": {"th": "สะสม", "en": "cumulative"},
    "target": {"th": "เป้าหมาย", "en": "target"},
    "value": {"th": "กลุ่ม", "en": "group"},
    "suppressed": {"th": "ไม่แสดงคะแนน", "en": "suppressed"},
    "suppressed_reason": {"th": "เหตุที่ไม่แสดง", "en": "why suppressed"},
    "rank": {"th": "อันดับ", "en": "rank"},
    "rank_low": {"th": "อันดับ (ช่วงต่ำ)", "en": "rank interval low"},
    "rank_high": {"th": "อันดับ (ช่วงสูง)", "en": "rank interval high"},
    "flag": {"th": "เครื่องหมาย", "en": "flag"},
    "share": {"th": "สัดส่วน", "en": "share"},
    "difference": {"th": "ผลต่าง", "en": "difference"},
    "score_all": {"th": "คะแนน (ทุกคำตอบ)", "en": "score (all)"},
    "score_unflagged": {"th": "คะแนน (ตัดที่สงสัย)", "en": "score (unflagged)"},
    "kind": {"th": "ประเภท", "en": "kind"},
    "from": {"th": "จาก", "en": "from"},
    "to": {"th": "เป็น", "en": "to"},
    "gain": {"th": "คะแนนรวมที่เพิ่ม", "en": "overall gain"},
    "certain": {"th": "แน่นอน", "en": "certain"},
    "questions": {"th": "ข้อที่ดึงลง", "en": "weakest questions"},
    "response_id": {"th": "รหัสแบบสอบถาม", "en": "response id"},
    "submitted_at": {"th": "วันที่ตอบ", "en": "submitted at"},
    "started_at": {"th": "เวลาเริ่มตอบ", "en": "started at"},
    "respondent_group": {"th": "กลุ่มผู้รับบริการ", "en": "respondent group"},
    "agency": {"th": "หน่วยงาน", "en": "agency"},
    "tenure_years": {"th": "อายุงาน", "en": "tenure"},
    "row": {"th": "แถวข้อมูล", "en": "data row"},
    "duplicate": {"th": "ส่งซ้ำ", "en": "duplicate"},
    "near_duplicate": {"th": "เกือบซ้ำ", "en": "near duplicate"},
    "burst": {"th": "ส่งพร้อมกันจำนวนมาก", "en": "burst"},
    "straight_lining": {"th": "ตอบเหมือนกันทุกข้อ", "en": "straight-lining"},
    "too_fast": {"th": "ตอบเร็วผิดปกติ", "en": "too fast"},
    "any": {"th": "ถูกทำเครื่องหมาย", "en": "any flag"},
}

#: Everything else, by key: ``{"th": …, "en": …}``; ``{name}`` marks a value filled in by :func:`say`.
WORDS: dict[str, dict[str, str]] = {
    # -- levels and flags (codes carried by results) --
    "level.overall": {"th": "ภาพรวม", "en": "overall"},
    "level.tool": {"th": "เครื่องมือ", "en": "tool"},
    "level.indicator": {"th": "ตัวชี้วัด", "en": "indicator"},
    "level.question": {"th": "ข้อคำถาม", "en": "question"},
    "flag.duplicate": {"th": "ส่งซ้ำ (คำตอบเหมือนกันทุกข้อ)", "en": "duplicate (same answers)"},
    "flag.near_duplicate": {"th": "เกือบซ้ำ (ต่างกันข้อเดียว)", "en": "near duplicate (one answer differs)"},
    "flag.burst": {"th": "ส่งพร้อมกันจำนวนมากในไม่กี่นาที", "en": "burst (many within minutes)"},
    "flag.straight_lining": {"th": "ตอบเหมือนกันทุกข้อรวมข้อกลับด้าน", "en": "straight-lining"},
    "flag.too_fast": {"th": "ตอบเร็วผิดปกติ", "en": "too fast"},
    "flag.any": {"th": "รวมที่ถูกทำเครื่องหมาย", "en": "any flag"},
    # -- table headers --
    "col.indicator": {"th": "ตัวชี้วัด", "en": "indicator"},
    "col.name": {"th": "ชื่อ", "en": "name"},
    "col.tool": {"th": "เครื่องมือ", "en": "tool"},
    "col.score": {"th": "คะแนน", "en": "score"},
    "col.interval": {"th": "ช่วงความเชื่อมั่น", "en": "interval"},
    "col.question": {"th": "ข้อ", "en": "question"},
    "col.theme": {"th": "ประเด็น", "en": "theme"},
    "col.answered": {"th": "ผู้ตอบข้อนี้", "en": "answered"},
    "col.item": {"th": "ข้อ", "en": "item"},
    "col.what": {"th": "ข้อมูลที่ต้องเผยแพร่", "en": "what"},
    "col.responsible": {"th": "ผู้รับผิดชอบ", "en": "responsible"},
    "col.level": {"th": "ระดับ", "en": "level"},
    "col.id": {"th": "รหัส", "en": "id"},
    "col.before": {"th": "ก่อน", "en": "before"},
    "col.after": {"th": "หลัง", "en": "after"},
    "col.change": {"th": "เปลี่ยน", "en": "change"},
    "col.verdict": {"th": "สรุป", "en": "verdict"},
    "col.department": {"th": "ฝ่าย", "en": "department"},
    "col.staff_type": {"th": "ประเภทบุคลากร", "en": "staff type"},
    "col.responses": {"th": "ตอบแล้ว", "en": "answered"},
    "col.eligible": {"th": "ผู้มีสิทธิ์", "en": "eligible"},
    "col.shortfall": {"th": "ยังขาด", "en": "short"},
    "col.rank": {"th": "อันดับ", "en": "rank"},
    "col.agency": {"th": "หน่วยงาน", "en": "agency"},
    "col.flag": {"th": "ลักษณะ", "en": "flag"},
    "col.count": {"th": "จำนวน", "en": "responses"},
    "col.percent": {"th": "ร้อยละ", "en": "%"},
    "col.score_all": {"th": "รวมทุกคำตอบ", "en": "all responses"},
    "col.score_unflagged": {"th": "ไม่รวมที่ถูกทำเครื่องหมาย", "en": "without flagged"},
    "col.difference": {"th": "ผลต่าง", "en": "difference"},
    # -- year-over-year verdicts (codes carried by a comparison's rows) --
    "verdict.real_meaningful": {"th": "เปลี่ยนจริงและมากพอ (อย่างน้อย {threshold:g} คะแนน)",
                                "en": "a real change of at least {threshold:g} points"},
    "verdict.real_possibly_meaningful": {
        "th": "เปลี่ยนจริง อาจถึง {threshold:g} คะแนน แต่ช่วงความเชื่อมั่นยังไม่พ้น {threshold:g} ทั้งช่วง",
        "en": "real, possibly {threshold:g} points or more, but the interval is not wholly beyond {threshold:g}"},
    "verdict.no_change": {"th": "ไม่เปลี่ยน (ต่างกันไม่เกินการปัดเศษของตัวเลขที่ประกาศ)",
                          "en": "no change (within the rounding of the published figures)"},
    "short.real_possibly_meaningful": {"th": "จริง อาจ ≥ {threshold:g}", "en": "real, maybe ≥ {threshold:g}"},
    "short.no_change": {"th": "ไม่เปลี่ยน", "en": "no change"},
    "verdict.real_small": {"th": "เปลี่ยนจริงแต่น้อยกว่า {threshold:g} คะแนน", "en": "real, but smaller than {threshold:g} points"},
    "verdict.multiplicity": {"th": "ช่วงไม่ครอบคลุม 0 แต่เมื่อเทียบหลายรายการพร้อมกัน อาจเป็นความบังเอิญ",
                             "en": "the interval excludes 0, but among this many comparisons that could be chance"},
    "verdict.unclear": {"th": "ยังบอกไม่ได้ว่าเปลี่ยนจริง (ช่วงครอบคลุม 0)", "en": "not clear: the interval includes 0"},
    "verdict.not_tested": {"th": "ไม่ได้ทดสอบ: {reason}", "en": "not tested: {reason}"},
    "short.real_meaningful": {"th": "จริง ≥ {threshold:g}", "en": "real ≥ {threshold:g}"},
    "short.real_small": {"th": "จริง < {threshold:g}", "en": "real < {threshold:g}"},
    "short.multiplicity": {"th": "อาจบังเอิญ", "en": "may be chance"},
    "short.unclear": {"th": "ไม่ชัด", "en": "unclear"},
    "short.not_tested": {"th": "ไม่ทดสอบ ({reason})", "en": "untested ({reason})"},
    "short_reason.unmatched": {"th": "ไม่มีคู่", "en": "unmatched"},
    "short_reason.unreliable": {"th": "ไม่น่าเชื่อถือ", "en": "unreliable"},
    "short_reason.no_se": {"th": "ไม่มี SE", "en": "no SE"},
    "reason.unmatched": {"th": "ไม่มีตัวเลขอีกปีให้เทียบ", "en": "no figure in the other year to compare with"},
    "reason.unreliable": {"th": "ตัวเลขต้นทางระบุว่าไม่น่าเชื่อถือ", "en": "a figure is marked unreliable"},
    "reason.no_se": {"th": "ไม่มีค่าความคลาดเคลื่อนทั้งสองปี", "en": "no standard error on either side"},
    "compare.se_assumed": {"th": "ข้อสมมติ: ผลปี {years} เป็นตัวเลขที่ประกาศ ไม่มีข้อมูลรายคน จึงถือว่าความคลาดเคลื่อนเท่ากับอีกปีที่มีข้อมูล "
                                 "(ช่วงของผลต่างจึงกว้างขึ้น √2 เท่า)",
                           "en": "Assumed: FY{years} figures are published, without microdata, so their standard error is "
                                 "taken to be the other year's (the change's interval is √2 times as wide)"},
    "compare.how": {"th": "ผลต่าง = ปีหลัง − ปีก่อน; ช่วงความเชื่อมั่น {pct}% ของผลต่าง; p ปรับด้วยวิธี Holm เมื่อเทียบหลายรายการ; "
                          "ความคลาดเคลื่อนไม่ปรับด้วยขนาดประชากร (ถามว่าหน่วยงานเปลี่ยนหรือไม่)",
                    "en": "change = later − earlier year; {pct}% interval of the change; p adjusted (Holm) for the many "
                          "comparisons; errors without the finite population correction (did the agency change?)"},
    "col.p_holm": {"th": "p (ปรับ Holm)", "en": "p (Holm)"},
    "col.change_interval": {"th": "ช่วงของผลต่าง", "en": "interval of the change"},
    "agencies.summary": {
        "th": "{tool}: หน่วยงานที่อยู่นอกขอบเขต 99.8% (ต่างเกินความแตกต่างปกติระหว่างหน่วยงาน): {outside}. "
              "อยู่กลุ่มบนหนึ่งในห้าอย่างชัดเจน (ช่วงอันดับทั้งช่วงอยู่ใน 1 ใน 5 แรกของ {n} หน่วยงาน): {top}; "
              "อยู่กลุ่มล่างหนึ่งในห้าอย่างชัดเจน: {bottom}.",
        "en": "{tool}: agencies outside the 99.8% limits (beyond ordinary differences between agencies): {outside}. "
              "Clearly in the top fifth (their whole rank interval within the first fifth of {n} agencies): {top}; "
              "clearly in the bottom fifth: {bottom}.",
    },
    "col.rank_interval": {"th": "ช่วงอันดับ 95%", "en": "95% rank interval"},
    # -- the committee pack --
    "report.title": {"th": "รายงานผลการประเมิน ITA ปีงบประมาณ พ.ศ. {year}", "en": "ITA assessment report FY{year}"},
    "report.made": {"th": "จัดทำ {time} · {frame} · ita_analytics {version}",
                    "en": "Made {time} · {frame} · ita_analytics {version}"},
    "col.national": {"th": "ผลระดับประเทศ", "en": "national result"},
    "report.decide": {"th": "สิ่งที่คณะกรรมการต้องพิจารณา", "en": "What the committee must decide"},
    "report.interval": {"th": "ช่วงความเชื่อมั่น", "en": "interval"},
    "report.method": {"th": "วิธีคำนวณและข้อสมมติ", "en": "Method and assumptions"},
    "report.provenance": {"th": "ที่มาของตัวเลข", "en": "Provenance"},
    "section.scorecard": {"th": "คะแนนรวมและระดับ", "en": "Overall score and grade"},
    "caption.scorecard": {"th": "คะแนนรวม ช่วงความเชื่อมั่น และระยะถึงเกณฑ์", "en": "Overall score"},
    "section.indicators": {"th": "คะแนนรายตัวชี้วัด", "en": "Indicators"},
    "caption.indicators": {"th": "คะแนนรายเครื่องมือและตัวชี้วัด พร้อมช่วงความเชื่อมั่น เทียบช่วงระดับ",
                           "en": "Tool and indicator scores with intervals against the grade bands"},
    "section.answers": {"th": "คำตอบรายข้อ: อะไรดึงคะแนนลง", "en": "Answers: what pulls the scores down"},
    "caption.answers": {"th": "{tool}: สัดส่วนคำตอบแต่ละระดับคะแนน", "en": "{tool}: answers by points"},
    "section.oit": {"th": "OIT: การเปิดเผยข้อมูลบนเว็บไซต์", "en": "OIT: website disclosure"},
    "caption.oit": {"th": "สถานะ OIT รายข้อ", "en": "OIT status by item"},
    "section.changes": {"th": "เปรียบเทียบกับปีที่ผ่านมา", "en": "Changes since last year"},
    "caption.trend": {"th": "แนวโน้ม", "en": "Trend"},
    "section.quota": {"th": "ความครอบคลุมของผู้ตอบ", "en": "Coverage of respondents"},
    "caption.coverage": {"th": "ความครอบคลุมรายฝ่ายเทียบเกณฑ์", "en": "Coverage by department"},
    "caption.progress": {"th": "ความก้าวหน้าการตอบ", "en": "Progress"},
    "section.departments": {"th": "ผลรายฝ่าย", "en": "By department"},
    "text.departments": {"th": "แต่ละฝ่ายเป็นตัวอย่างของตนเอง กลุ่มที่มีผู้ตอบน้อยกว่าเกณฑ์แสดงเพียงจำนวน ไม่แสดงคะแนน",
                         "en": "Each department is its own sample; small groups show a count, no score."},
    "section.agencies": {"th": "เทียบหน่วยงาน", "en": "Agencies compared"},
    "caption.funnel": {
        "th": "วิธีอ่าน: จุดหนึ่งคือหนึ่งหน่วยงาน เส้นกลางคือค่ากลาง เส้นประคือขอบเขตที่ความต่างยังเป็นเรื่องปกติ "
              "หน่วยงานที่มีผู้ตอบน้อยมีขอบเขตกว้าง จุดนอกเส้นจุด (99.8%) คือต่างจากหน่วยงานอื่นเกินความแตกต่างปกติ",
        "en": "How to read it: each dot is an agency; the middle line is the centre; the dashed lines bound ordinary "
              "differences, wider for agencies with few respondents; a dot outside the dotted (99.8%) lines differs "
              "from the others beyond ordinary differences",
    },
    "section.integrity": {"th": "ความน่าเชื่อถือของคำตอบ", "en": "Response integrity"},
    "text.integrity": {"th": "คำตอบที่น่าสงสัยถูกทำเครื่องหมายไว้ ไม่ได้ลบทิ้ง ตารางที่สองเทียบคะแนนเมื่อรวมและเมื่อไม่รวมคำตอบเหล่านี้",
                       "en": "Suspicious responses are flagged, never deleted; the second table shows the scores "
                             "with and without them."},
    # -- what to decide --
    "decide.overall": {"th": "คะแนนรวม {score:.2f} (ช่วงความเชื่อมั่น {pct}% {low:.2f}–{high:.2f}) ระดับ {grade}; "
                             "โอกาสที่คะแนนจริงถึงเกณฑ์ผ่าน {mark:g}: {p:.0%}",
                       "en": "Overall {score:.2f} ({pct}% interval {low:.2f}–{high:.2f}), grade {grade}; chance the "
                             "true score reaches {mark:g}: {p:.0%}"},
    "decide.straddles": {"th": "ช่วงความเชื่อมั่นคร่อมเกณฑ์ผ่าน: ยังสรุปไม่ได้ว่าผ่านแน่นอน",
                         "en": "The interval straddles the pass mark: a pass is not yet certain."},
    "decide.next_grade": {"th": "ห่างจากระดับ {grade} อีก {points:.2f} คะแนน", "en": "{points:.2f} points to grade {grade}"},
    "decide.weak_indicators": {"th": "ตัวชี้วัดที่อ่อนที่สุด: {items}", "en": "Weakest indicators: {items}"},
    "decide.weak_questions": {"th": "ข้อคำถามที่คะแนนต่ำสุด: {items}", "en": "Weakest questions: {items}"},
    "decide.oit_missing": {"th": "OIT ที่ยังไม่ผ่าน: {items}", "en": "OIT items missing: {items}"},
    "decide.oit_complete": {"th": "OIT ผ่านครบทุกข้อ", "en": "Every OIT item is published"},
    "decide.changes": {"th": "เทียบกับปี {year}: ดีขึ้นจริง {up}; แย่ลงจริง {down}",
                       "en": "Since FY{year}: real gains {up}; real losses {down}"},
    "decide.none": {"th": "ไม่มี", "en": "none"},
    "decide.no_comparison": {"th": "ไม่ได้ให้ผลปีก่อน จึงไม่มีการเปรียบเทียบ", "en": "No previous results given: no comparison"},
    "decide.quota_short": {"th": "โควตา/ความครอบคลุมยังขาด {cells} กลุ่ม เช่น {items}",
                           "en": "{cells} coverage cells short, e.g. {items}"},
    "decide.short": {"th": "ขาด", "en": "short"},
    # -- method --
    "method.scores": {"th": "คะแนนข้อคำถาม = ค่าเฉลี่ยของผู้ที่ตอบข้อนั้น (ไม่ตอบไม่นับเป็น 0); ตัวชี้วัด = ค่าเฉลี่ยของข้อ; "
                            "เครื่องมือ = ค่าเฉลี่ยของ{parts}; คะแนน 4 ระดับแบบ {points}",
                      "en": "Question = mean of those who answered (blanks are not 0); indicator = mean of its "
                            "questions; tool = mean of its {parts}; 4-level points: {points}"},
    "method.parts.questions": {"th": "ข้อ", "en": "questions"},
    "method.parts.indicators": {"th": "ตัวชี้วัด", "en": "indicators"},
    "method.intervals": {"th": "ช่วงความเชื่อมั่น {confidence:.0%}: ประมาณความแปรปรวนด้วยวิธีเชิงเส้นระดับผู้ตอบ (ลิเนียร์ไรเซชัน) "
                                "และค่า t ที่องศาอิสระ n − 1; IIT {fpc}",
                         "en": "{confidence:.0%} intervals: respondent-level linearization, t with n − 1 df; IIT {fpc}"},
    "method.fpc.applied": {"th": "ปรับแก้สำหรับประชากรจำกัด (จำนวนผู้มีสิทธิ์จากบัญชีบุคลากร)",
                           "en": "with the finite population correction from the roster"},
    "method.fpc.not_applied": {"th": "ไม่ได้ปรับแก้สำหรับประชากรจำกัด", "en": "without FPC"},
    "method.overall": {"th": "คะแนนรวม = {formula}; OIT ไม่มีความคลาดเคลื่อนจากการสุ่ม",
                       "en": "Overall = {formula}; the OIT has no sampling error"},
    "method.validity": {
        "th": "ตรวจด้วยการจำลองผู้ตอบที่คำตอบสัมพันธ์กัน (docs/validity.md): ช่วงความเชื่อมั่น 95% ของเครื่องมือครอบคลุมค่าจริง"
              "อย่างน้อย {tool:.0%} และของคะแนนรวม {overall:.0%} (คะแนนจริงไม่เกิน 90); เมื่อไม่มีการเปลี่ยนแปลงจริง "
              "ถูกเรียกว่าเปลี่ยนจริง {yoy:.1%}; แผนภาพกรวยชี้หน่วยงานปกตินอกขอบเขต 95% {funnel:.1%}; "
              "ช่วงของอันดับครอบคลุมอย่างน้อย {rank:.0%}",
        "en": "Checked by simulating respondents whose answers are correlated (docs/validity.md): tool intervals cover the "
              "truth at least {tool:.0%} of the time and the overall's {overall:.0%} (true scores up to 90); with no true "
              "change {yoy:.1%} are called real; the funnel puts {funnel:.1%} of ordinary agencies outside its 95% "
              "limits; rank intervals cover at least {rank:.0%}"},
    # -- charts --
    "chart.funnel_centre": {"th": "ค่ากลาง (เฉลี่ยถ่วงด้วยความแม่นยำ ไม่รวมหน่วยงานที่ต่างมาก) {centre:.2f}",
                            "en": "centre (precision-weighted mean, far outliers left out) {centre:.2f}"},
    "chart.funnel_reading": {
        "th": "ขอบเขตเผื่อความแตกต่างปกติระหว่างหน่วยงาน (ส่วนเบี่ยงเบน {tau:.2f} คะแนน); {outside} หน่วยงานอยู่นอกขอบเขต "
              "99.8% คือต่างเกินความแตกต่างปกติระหว่างหน่วยงาน",
        "en": "limits allow for ordinary differences between agencies (SD {tau:.2f} points); {outside} agencies are "
              "outside 99.8%: beyond ordinary differences between agencies",
    },
    "chart.respondents_effective": {"th": "จำนวนผู้ตอบ (เทียบเท่าความแม่นยำของคะแนนหน่วยงาน)",
                                    "en": "respondents (as many as the agency's precision is worth)"},
    "chart.accepted": {"th": "รับไว้", "en": "accepted"},
    "chart.as_of": {"th": " ณ {date}", "en": " as of {date}"},
    "chart.civil_servants": {"th": "ข้าราชการ", "en": "civil servants"},
    "chart.compare_title": {"th": "เปรียบเทียบปีงบประมาณ {before} → {after}", "en": "FY{before} → FY{after}"},
    "chart.coverage_title": {"th": "ความครอบคลุมของผู้ตอบ IIT รายฝ่าย{when}", "en": "IIT coverage by department{when}"},
    "chart.cumulative_responses": {"th": "จำนวนผู้ตอบสะสม", "en": "cumulative responses"},
    "chart.deadline": {"th": "ปิดรับ {date} ", "en": "deadline {date} "},
    "chart.employees": {"th": "ลูกจ้าง", "en": "employees"},
    "chart.fiscal_year": {"th": "ปีงบ {year}", "en": "FY {year}"},
    "chart.fiscal_year_long": {"th": "ปีงบประมาณ {year}", "en": "FY {year}"},
    "chart.funnel_named": {
        "th": "ชื่อ {named} หน่วยงานที่ห่างที่สุดจาก {outside} หน่วยงานนอกขอบเขต 99.8% (ทุกหน่วยงานอยู่ในตารางอันดับ)",
        "en": "named: the {named} farthest of {outside} agencies outside the 99.8% limits (all are in the ranking table)",
    },
    "chart.funnel_title": {
        "th": "แผนภาพกรวย: คะแนน {tool} รายหน่วยงาน ({n} หน่วยงาน)",
        "en": "{tool} score by agency ({n} agencies)",
    },
    "chart.indicator": {"th": "ตัวชี้วัดที่ {id} {name}", "en": "Indicator {id} {name}"},
    "chart.ita_score": {"th": "คะแนน ITA", "en": "ITA score"},
    "chart.limits": {"th": "ขอบเขต {level}", "en": "limits {level}"},
    "chart.not_comparable": {"th": "เทียบไม่ได้", "en": "not comparable"},
    "chart.oit_owners": {"th": "ผู้รับผิดชอบข้อที่ยังขาด\n", "en": "Who must publish what is missing\n"},
    "chart.other": {"th": "อื่น ๆ", "en": "other"},
    "chart.outside_95": {"th": "นอกขอบเขต 95%", "en": "outside 95%"},
    "chart.outside_998": {"th": "นอกขอบเขต 99.8%", "en": "outside 99.8%"},
    "chart.overall_ita": {"th": "ภาพรวม ITA", "en": "Overall ITA"},
    "chart.pass_mark_line": {"th": " เกณฑ์ผ่าน {mark:g}", "en": " pass mark {mark:g}"},
    "chart.pass_short": {"th": "เกณฑ์ผ่าน {mark:g}", "en": "pass {mark:g}"},
    "chart.passed": {"th": "ถึงเกณฑ์ผ่าน {mark:g} แล้ว", "en": "at or above the pass mark {mark:g}"},
    "chart.points_0": {"th": "0 คะแนน", "en": "0 points"},
    "chart.points_100": {"th": "100 คะแนน", "en": "100 points"},
    "chart.points_33": {"th": "33 คะแนน", "en": "33"},
    "chart.points_67": {"th": "67 คะแนน", "en": "67"},
    "chart.progress_title": {"th": "ความก้าวหน้าการตอบแบบวัด เทียบกับเป้าหมาย", "en": "Responses so far against the targets"},
    "chart.real_change": {"th": "* = เปลี่ยนจริง (หลังปรับ Holm); ตัวเลขหนา = เปลี่ยนอย่างน้อย {threshold:g} คะแนน",
                          "en": "* = a real change (Holm-adjusted); bold = at least {threshold:g} points"},
    "chart.rejected": {"th": "ปฏิเสธ", "en": "rejected"},
    "chart.rejected_rows": {"th": "แถวที่ปฏิเสธ", "en": "rejected rows"},
    "chart.rejected_why": {"th": "เหตุผลที่ปฏิเสธ (ทุกไฟล์)", "en": "Why rows were rejected (all files)"},
    "chart.respondents": {"th": "จำนวนผู้ตอบ", "en": "respondents"},
    "chart.rows_axis": {"th": "จำนวนแถว (รับไว้ / ปฏิเสธ)", "en": "rows (accepted / rejected)"},
    "chart.rule_met": {"th": "ถึงเกณฑ์แล้ว", "en": "rule met"},
    "chart.score": {"th": "คะแนน", "en": "score"},
    "chart.score_of": {"th": "คะแนน {tool}", "en": "score {tool}"},
    "chart.score_whiskers": {
        "th": "คะแนน 0–100 (แกนเดียวกันทุกปี; เส้นขีด = ช่วงความเชื่อมั่น {pct}%)",
        "en": "score 0–100 (the same axis every year; whiskers = {pct}% confidence interval)",
    },
    "chart.short_by": {"th": "  ขาด {n}", "en": "  short {n}"},
    "chart.short_of_the_rule": {"th": "ยังไม่ถึงเกณฑ์", "en": "short of the rule"},
    "chart.bold_names": {"th": "ชื่อตัวหนา = ภาพรวมและเครื่องมือ; ตัวปกติ = ตัวชี้วัด",
                         "en": "bold names = overall and tools; plain = indicators"},
    "chart.over_roster": {"th": "  ผู้ตอบมากกว่าบัญชี", "en": "  more than the roster"},
    "chart.over_roster_legend": {"th": "ผู้ตอบมากกว่าผู้มีสิทธิ์ในบัญชี (ตรวจบัญชีบุคลากร)",
                                 "en": "more respondents than the roster lists (check the roster)"},
    "chart.window_closed": {"th": " · ปิดรับแล้ว ยังขาด {n}", "en": " · window closed, {n} short"},
    "chart.window_closes_first": {"th": " · จะปิดรับ {date} ก่อนครบ: ตามอัตรานี้ได้ราว {n} ({rate:.1f} คน/วัน)",
                                  "en": " · the window closes {date} first: about {n} by then ({rate:.1f}/day)"},
    "chart.no_forecast": {"th": " · ยังคาดการณ์ไม่ได้", "en": " · no forecast"},
    "chart.target": {"th": " เป้าหมาย {tool} {n:,}", "en": " target {tool} {n:,}"},
    "chart.target_reached": {"th": " · ครบแล้ว", "en": " · reached"},
    "chart.trend_axis": {
        "th": "ปีงบประมาณ (* ผลที่ประกาศ ไม่มีข้อมูลรายคน จึงไม่มีช่วงความเชื่อมั่น)",
        "en": "fiscal year (* published figures, no microdata: no interval)",
    },
    "chart.trend_title": {"th": "แนวโน้มคะแนน ITA", "en": "ITA scores over the years"},
    "chart.unreliable": {"th": " (ตัวเลขต้นทางไม่น่าเชื่อถือ)", "en": " (source figure unreliable)"},
    "chart.answers_by_question_left": {
        "th": "คำตอบรายข้อของ {v0}: ทางซ้ายคือคำตอบที่ดึงคะแนนลง (ข้อกลับด้านปรับทิศแล้ว)",
        "en": "{v0} answers by question: left of the line pulls the score down",
    },
    "chart.chance_the_true_score": {
        "th": "โอกาสที่คะแนนจริงถึงเกณฑ์ผ่าน: {v0:.0%}",
        "en": "chance the true score reaches the pass mark: {v0:.0%}",
    },
    "chart.input_check_every_row": {
        "th": "ผลการตรวจไฟล์นำเข้า: ทุกแถวรับไว้หรือปฏิเสธพร้อมเหตุผล",
        "en": "Input check: every row accepted or rejected with a reason",
    },
    "chart.interval": {
        "th": "ช่วงความเชื่อมั่น {v0}%: {v1:.2f} – {v2:.2f}",
        "en": "{v0}% interval: {v1:.2f} – {v2:.2f}",
    },
    "chart.nobody_answered": {
        "th": "ไม่มีผู้ตอบข้อนี้",
        "en": "nobody answered",
    },
    "chart.of_eligible_staff_who": {
        "th": "ร้อยละของผู้มีสิทธิ์ที่ตอบแล้ว (เส้นดำ = เกณฑ์ที่ต้องถึง)",
        "en": "% of eligible staff who answered (black tick = required)",
    },
    "chart.oit_of_items_published": {
        "th": "OIT: เผยแพร่แล้ว {v0} จาก {v1} ข้อ (น้ำเงิน = ผ่าน, ส้มแดง = ยังไม่ผ่าน)",
        "en": "OIT: {v0} of {v1} items published (blue = published, vermilion = missing)",
    },
    "chart.points_short_of_the": {
        "th": "ขาดอีก {v0:.2f} คะแนนถึงเกณฑ์ผ่าน {v1:g}",
        "en": "{v0:.2f} points short of the pass mark {v1:g}",
    },
    "chart.points_to_chance": {
        "th": "ห่างจากระดับ {v0} อีก {v1:.2f} คะแนน (โอกาส {v2:.0%})",
        "en": "{v1:.2f} points to {v0} (chance {v2:.0%})",
    },
    "chart.projected": {
        "th": " · คาดว่าครบ {date} ({rate:.1f} คน/วัน)",
        "en": " · projected {date} ({rate:.1f}/day)",
    },
    "chart.rules_count_each_staff": {
        "th": "เกณฑ์นับแยกตามประเภทบุคลากร (เช่น ลูกจ้างประจำกับลูกจ้างชั่วคราวนับแยกกัน)",
        "en": "rules count each staff type separately (permanent and temporary employees apart)",
    },
    "chart.score_line_interval_number": {
        "th": "คะแนน (เส้น = ช่วงความเชื่อมั่น {v0}%; ตัวเลข = การเปลี่ยนแปลง)",
        "en": "score (line = {v0}% interval; number = change)",
    },
    "chart.tool_and_indicator_scores": {
        "th": "คะแนนรายเครื่องมือและรายตัวชี้วัด ปีงบประมาณ พ.ศ. {v0}",
        "en": "Tool and indicator scores, FY{v0}",
    },
    # -- the pack's pages, dates and plain-language method --
    "pdf.page": {"th": "หน้า {n} จาก {total}", "en": "page {n} of {total}"},
    "interval.census": {"th": "ไม่มีความคลาดเคลื่อนจากการสุ่ม (นับครบทุกหน่วย)", "en": "no sampling error (all counted)"},
    "status.source": {"th": "ตามเอกสารต้นฉบับ", "en": "from the source document"},
    "status.partial": {"th": "ไม่ครบ ใช้ได้เฉพาะผลที่ประกาศ", "en": "partial: published figures only"},
    "status.provisional": {"th": "ฉบับสมมติ ต้องตรวจสอบก่อนใช้", "en": "provisional: check before use"},
    "time.bangkok": {"th": "{date} เวลา {time} น.", "en": "{date}, {time} Bangkok time"},
    "plain.title": {"th": "อ่านตัวเลขในรายงานนี้อย่างไร", "en": "How to read the numbers"},
    "plain.ci": {
        "th": "ช่วงความเชื่อมั่น {pct}% คือช่วงที่คะแนนจริงของหน่วยงานน่าจะอยู่ หากบุคลากรและผู้รับบริการทุกคนได้ตอบ "
              "เราเห็นคำตอบเพียงบางส่วน จึงบอกคะแนนจริงได้เป็นช่วง ผู้ตอบยิ่งมาก ช่วงยิ่งแคบ",
        "en": "The {pct}% confidence interval is the range in which the agency's true score probably lies, had every "
              "staff member and service user answered. We see only some answers, so the true score is known as a "
              "range; the more people answer, the narrower it is.",
    },
    "plain.likely_range": {
        "th": "“ช่วงที่น่าจะเป็น” ของผลต่างระหว่างปีหรือของอันดับ อ่านแบบเดียวกัน: ค่าจริงน่าจะอยู่ในช่วงนั้น "
              "ถ้าช่วงของผลต่างไม่คร่อม 0 จึงถือว่าคะแนนเปลี่ยนจริง ไม่ใช่เพราะได้ผู้ตอบต่างกลุ่ม",
        "en": "A “likely range” of a change between years or of a rank reads the same way: the true value probably "
              "lies in it. A change counts as real only when its range does not include 0.",
    },
    "plain.pass": {
        "th": "“โอกาสผ่าน” คือโอกาสที่คะแนนจริงถึงเกณฑ์ผ่าน คิดจากคะแนนและความคลาดเคลื่อนของคะแนน",
        "en": "“Chance of a pass” is the probability that the true score reaches the pass mark, from the score and its "
              "uncertainty.",
    },
    "plain.roster": {
        "th": "ทำไมต้องมีบัญชีบุคลากร: บัญชีบอกจำนวนผู้มีสิทธิ์ตอบของแต่ละฝ่าย จึงตรวจความครอบคลุมได้ และเมื่อผู้ตอบ"
              "เป็นส่วนใหญ่ของบุคลากรทั้งหมด ช่วงความเชื่อมั่นจะแคบลงตามจริง (ถ้าทุกคนตอบ ก็ไม่มีความคลาดเคลื่อนจากการสุ่มเลย)",
        "en": "Why a staff roster matters: it says how many staff may answer in each department, so coverage can be "
              "checked, and when most staff answer the interval narrows accordingly (if everyone answers, there is no "
              "sampling error at all).",
    },
    "plain.small": {
        "th": "กลุ่มที่มีผู้ตอบน้อยกว่า {k} คน ไม่แสดงคะแนน (และไม่แสดงกลุ่มที่คำนวณย้อนกลับได้) เพื่อไม่ให้ระบุตัวผู้ตอบได้",
        "en": "Groups with fewer than {k} respondents show no score (nor does any group that would let one be worked "
              "out by subtraction), so no respondent can be identified.",
    },
    "plain.assumptions": {"th": "ข้อสมมติ (ตรวจสอบก่อนนำไปใช้)", "en": "Assumptions (check before relying on them)"},
    "plain.appendix": {"th": "ภาคผนวก: รายละเอียดทางเทคนิค", "en": "Appendix: technical details"},
    "points.exact_thirds": {"th": "0, 33.33…, 66.67…, 100 (แบ่งสามส่วนเท่ากันพอดี)", "en": "0, 33.33…, 66.67…, 100 (exact thirds)"},
    "points.two_decimals": {"th": "0, 33.33, 66.67, 100 (ปัดทศนิยมสองตำแหน่ง)", "en": "0, 33.33, 66.67, 100 (two decimals)"},
    "points.integers": {"th": "0, 33, 67, 100 (ปัดเป็นจำนวนเต็ม)", "en": "0, 33, 67, 100 (whole numbers)"},
    "coverage.open": {"th": "ยังเปิดรับ: {short} จาก {cells} กลุ่มยังไม่ถึงเกณฑ์ความครอบคลุม (รายชื่อด้านล่าง: ควรติดตาม)",
                      "en": "The window is open: {short} of {cells} cells are short of their coverage rule (listed below)"},
    "coverage.final": {"th": "ปิดรับแล้ว ความครอบคลุมสุดท้าย: {short} จาก {cells} กลุ่มไม่ถึงเกณฑ์",
                       "en": "The window has closed. Final coverage: {short} of {cells} cells fell short of their rule"},
    "coverage.over": {"th": "กลุ่มที่มีผู้ตอบมากกว่าผู้มีสิทธิ์ในบัญชี (ควรตรวจบัญชีบุคลากร): {cells}",
                      "en": "Cells with more respondents than the roster lists (check the roster): {cells}"},
    "group.unknown_department": {"th": "ไม่ระบุฝ่าย", "en": "department not given"},
    "caption.ranking": {"th": "อันดับ {tool} (ช่วงอันดับ 95% และขอบเขตของแผนภาพกรวย)",
                        "en": "{tool} ranking (95% rank intervals and the funnel's limits)"},
    "integrity.none": {"th": "ไม่พบคำตอบที่ถูกทำเครื่องหมาย", "en": "No response was flagged."},
    "limits.within": {"th": "ภายในขอบเขต", "en": "within the limits"},
    "col.limits": {"th": "เทียบขอบเขตแผนภาพกรวย", "en": "against the funnel's limits"},
    # -- the ita command (Thai by default; --lang en or ITA_LANG=en) --
    "cli.note": {"th": "หมายเหตุ: {note}", "en": "note: {note}"},
    "frame.own": {"th": "กรอบการประเมินปีงบประมาณ {year} ({status})", "en": "framework FY{year} ({status})"},
    "frame.carried": {"th": "กรอบปี {frame} ใช้แทนปี {year} (ชั่วคราว)",
                      "en": "FY{frame}'s frame used for FY{year} (provisional)"},
    "frame.carried_long": {
        "th": "ยังไม่มีกรอบการประเมินของปีงบประมาณ {year} จึงใช้กรอบปี {frame} แทน (ชั่วคราว): ข้อคำถาม รายการ OIT น้ำหนัก "
              "เกณฑ์ และการจัดกลุ่มผล เป็นของปี {frame}; ช่วงเก็บข้อมูลและวันครบกำหนดเลื่อนมาเป็นปี {year} (สมมติ) "
              "สร้างกรอบของปี {year} จากแบบสอบถามด้วย ita framework new --year {year} --questions FILE",
        "en": "No FY{year} frame exists, so FY{frame}'s is used in its place (provisional): questions, OIT items, weights, "
              "rules and result categories are FY{frame}'s; the collection window and due dates are moved to FY{year} "
              "(assumed). Build FY{year}'s from its questionnaire with ita framework new --year {year} --questions FILE"},
    "year.tools_disagree": {
        "th": "คำตอบ IIT เป็นของปีงบประมาณ {iit} ({iit_n:,} จาก {iit_total:,}) แต่คำตอบ EIT เป็นของปี {eit} "
              "({eit_n:,} จาก {eit_total:,}): ใช้ปี {year} กับทั้งสองไฟล์ ตรวจว่าให้ไฟล์ถูกปี",
        "en": "the IIT answers are of FY{iit} ({iit_n:,} of {iit_total:,}) but the EIT answers of FY{eit} ({eit_n:,} of "
              "{eit_total:,}): FY{year} is used for both; check that the files are of the same year"},
    "year.year_contradicts": {
        "th": "ระบุ --year {asked} แต่คำตอบ {tool} {n:,} จาก {total:,} ลงวันที่ในปีงบประมาณ {data}: ตรวจว่าเป็นปีที่ต้องการ",
        "en": "FY{asked} was asked for, but {n:,} of {total:,} {tool} answers are dated in FY{data}: check that this is the "
              "year you mean"},
    "year.spans_years": {"th": "คำตอบ {tool} ลงวันที่คร่อมหลายปีงบประมาณ ({spread})",
                         "en": "the {tool} answers span fiscal years ({spread})"},
    "year.one": {"th": "ปี {year}: {n:,}", "en": "FY{year}: {n:,}"},
    "year.no_dates": {"th": "คำตอบไม่มีวันที่ จึงใช้ปีงบประมาณปัจจุบันตามปฏิทิน ({year})",
                      "en": "no answer has a date, so the current fiscal year by the clock (FY{year}) is used"},
    "national.same": {
        "th": "ผลระดับประเทศปีงบประมาณ {year}{derived}: ค่าเฉลี่ย {mean:.2f} ({agencies:,} หน่วยงาน; ได้ 85 ขึ้นไป "
              "{share:.1%}) · หน่วยงานนี้ {score:.2f} ({diff:+.2f} จากค่าเฉลี่ย)",
        "en": "National result FY{year}{derived}: mean {mean:.2f} ({agencies:,} agencies; {share:.1%} at 85 or more) · "
              "this agency {score:.2f} ({diff:+.2f} from the mean)"},
    "national.latest": {
        "th": "ผลระดับประเทศปีงบประมาณ {own} ยังไม่ประกาศ ใช้ปีล่าสุดที่ประกาศ ปี {year}{derived}: ค่าเฉลี่ย {mean:.2f} "
              "({agencies:,} หน่วยงาน; ได้ 85 ขึ้นไป {share:.1%}) · หน่วยงานนี้ {score:.2f} ({diff:+.2f} จากค่าเฉลี่ยนั้น)",
        "en": "No national result for FY{own} is published yet; the latest, FY{year}{derived}: mean {mean:.2f} "
              "({agencies:,} agencies; {share:.1%} at 85 or more) · this agency {score:.2f} ({diff:+.2f} from that mean)"},
    "national.derived": {"th": " (คำนวณจากตัวเลขที่ประกาศ)", "en": " (derived from published figures)"},
    "cli.written": {"th": "บันทึกไฟล์ไว้ที่ {out}/", "en": "written to {out}/"},
    "cli.file_written": {"th": "{kind}: {path}", "en": "{kind}: {path}"},
    "cli.warning": {"th": "ita: คำเตือน: {message}", "en": "ita: warning: {message}"},
    "cli.error": {"th": "ita: {message}", "en": "ita: {message}"},
    "cli.validate_file": {"th": "{path} — {kind} ปีงบประมาณ {year} {format} ({how})",
                          "en": "{path} — {kind}, FY{year}, {format} ({how})"},
    "cli.sheet": {"th": "ชีต '{sheet}'", "en": "sheet '{sheet}'"},
    "cli.validate_counts": {"th": "อ่าน {read} แถว · รับไว้ {accepted} · ปฏิเสธ {rejected}",
                            "en": "rows read {read} · accepted {accepted} · rejected {rejected}"},
    "cli.blank_rows": {"th": " · ข้ามแถวว่าง {n}", "en": " · blank rows skipped {n}"},
    "cli.rejected_rows": {"th": "แถวที่ถูกปฏิเสธ", "en": "rejected rows"},
    "cli.more_rejects": {"th": "… และอีก {n:,} แถว", "en": "… and {n:,} more"},
    "cli.more_rejects_hint": {"th": " (บันทึกทั้งหมดด้วย --rejects OUT.csv)", "en": " (write them all with --rejects OUT.csv)"},
    "cli.rejects_written": {"th": "บันทึกแถวที่ถูกปฏิเสธไว้ที่ {path}", "en": "rejects written to {path}"},
    "cli.col.row": {"th": "แถว", "en": "row"},
    "cli.col.response_id": {"th": "รหัสแบบสอบถาม", "en": "response id"},
    "cli.col.reason": {"th": "เหตุผล", "en": "reason"},
    "cli.col.level": {"th": "ระดับ", "en": "level"},
    "cli.col.id": {"th": "รหัส", "en": "id"},
    "cli.col.name": {"th": "ชื่อ", "en": "name"},
    "cli.col.score": {"th": "คะแนน", "en": "score"},
    "cli.col.ci": {"th": "ช่วงความเชื่อมั่น {pct}%", "en": "{pct}% CI"},
    "cli.col.n": {"th": "n", "en": "n"},
    "cli.col.tool": {"th": "เครื่องมือ", "en": "tool"},
    "cli.col.change": {"th": "ผลต่าง", "en": "change"},
    "cli.col.p": {"th": "p (ปรับ Holm)", "en": "p (Holm)"},
    "cli.col.verdict": {"th": "สรุป", "en": "verdict"},
    "cli.col.department": {"th": "ฝ่าย", "en": "department"},
    "cli.col.staff_type": {"th": "ประเภทบุคลากร", "en": "staff type"},
    "cli.col.answered": {"th": "ตอบแล้ว", "en": "answered"},
    "cli.col.eligible": {"th": "ผู้มีสิทธิ์", "en": "eligible"},
    "cli.col.needed": {"th": "ยังขาด", "en": "still needed"},
    "cli.scores": {"th": "คะแนน", "en": "scores"},
    "cli.by": {"th": "ราย{by}", "en": "by {by}"},
    "cli.by.agency": {"th": "หน่วยงาน", "en": "agency"},
    "cli.by.department": {"th": "ฝ่าย", "en": "department"},
    "cli.by.staff_type": {"th": "ประเภทบุคลากร", "en": "staff type"},
    "cli.by.respondent_group": {"th": "กลุ่มผู้รับบริการ", "en": "respondent group"},
    "cli.census": {"th": "ตอบครบทุกคน (SE 0)", "en": "all answered (SE 0)"},
    "cli.overall": {"th": "คะแนนรวม ITA {score:.2f} (ช่วงความเชื่อมั่น {pct}% {low:.2f}–{high:.2f}) ระดับ {grade}; "
                          "โอกาสถึง {mark:g} = {p:.0%}",
                    "en": "ITA {score:.2f} ({pct}% CI {low:.2f}–{high:.2f}), grade {grade}; P(≥ {mark:g}) = {p:.0%}"},
    "cli.weakest": {"th": "ข้อที่คะแนนต่ำสุด: {items}", "en": "weakest questions: {items}"},
    "cli.oit_missing": {"th": "OIT {item} ยังไม่เผยแพร่ — ผู้รับผิดชอบ: {who}",
                        "en": "OIT {item} not published — responsible: {who}"},
    "cli.flags": {"th": "คำตอบที่ถูกทำเครื่องหมาย (เก็บไว้ ไม่ได้ลบ): {items}", "en": "integrity flags (kept, not deleted): {items}"},
    "cli.without_flagged": {"th": "ถ้าตัดคำตอบที่ถูกทำเครื่องหมาย คะแนนรวมจะเป็น {score:.2f} ({diff:+.2f})",
                            "en": "without flagged responses the overall score would be {score:.2f} ({diff:+.2f})"},
    "cli.quota_iit": {"th": "IIT {n} / {required} {mark} · กลุ่มที่ยังไม่ถึงเกณฑ์ความครอบคลุม: {short}",
                      "en": "IIT {n} / {required} {mark} · coverage cells short: {short}"},
    "cli.quota_eit": {"th": "EIT {n} / {required} {mark} · กลุ่ม: {groups}",
                      "en": "EIT {n} / {required} {mark} · groups: {groups}"},
    "cli.ok": {"th": "ครบ", "en": "ok"},
    "cli.short": {"th": "ยังขาด", "en": "short"},
    "cli.chase": {"th": "ต้องติดตาม", "en": "who to chase"},
    "cli.problem": {"th": "ข้อสังเกต: {n} คำตอบ {department} {staff} — {reason}",
                    "en": "problem: {n} response(s) {department} {staff} — {reason}"},
    "cli.precision": {"th": "ความกว้างครึ่งหนึ่งของช่วงความเชื่อมั่น IIT: {items}", "en": "IIT interval half-width: {items}"},
    "cli.fc.assumed": {"th": " ตามที่สมมติจากปีก่อน", "en": ", assumed from an earlier year's window"},
    "cli.fc.rate": {"th": "ช่วงหลังได้วันละ {rate:.1f} คน; ", "en": "{rate:.1f} a day lately; "},
    "cli.fc.reached": {"th": "ครบเป้าหมาย {target} แล้ว ({n})", "en": "target {target} reached ({n})"},
    "cli.fc.closed": {"th": "ปิดรับแล้วเมื่อ {deadline}: ได้ {n} จาก {target} ยังขาด {short}",
                      "en": "the window closed on {deadline}: final {n} of {target}, {short} short"},
    "cli.fc.window_closes_first": {
        "th": "[red]ไม่ทันกำหนด[/red]: {rate}จะครบ {target} ราว {date} หลังปิดรับ {deadline} (ถึงวันปิดรับได้ราว {expected})",
        "en": "[red]not on track[/red]: {rate}the target {target} would be reached {date}, after the window closes "
              "{deadline} (about {expected} by then)",
    },
    "cli.fc.on_track": {"th": "ทันกำหนด: {rate}จะครบ {target} ราว {date} (ปิดรับ {deadline})",
                        "en": "on track: {rate}the target {target} is reached {date} (window closes {deadline})"},
    "cli.fc.no_deadline": {"th": "{rate}จะครบ {target} ราว {date} (ไม่ทราบวันปิดรับ: ระบุ --deadline)",
                           "en": "{rate}the target {target} is reached {date} (no deadline known: give --deadline)"},
    "cli.fc.stalled": {"th": "[red]ไม่ทันกำหนด[/red]: ไม่มีผู้ตอบในช่วงหลัง ยังขาด {short}",
                       "en": "[red]not on track[/red]: no responses in the last days; {short} still needed"},
    "cli.fc.no_dates": {"th": "ไม่มีวันที่ตอบ จึงคาดการณ์ไม่ได้", "en": "no submission dates: no forecast"},
    "cli.assumed_se": {"th": "· ข้อสมมติ: ปีที่มีแต่ผลประกาศ ใช้ค่าความคลาดเคลื่อนของอีกปี ({n} แถว)",
                       "en": "· assumed: a published year's standard error is taken to be the other year's ({n} row(s))"},
    "cli.plan_head": {"th": "ปัจจุบัน {current:.2f} → เป้าหมาย {target} ({value:.2f}): {reach}",
                      "en": "now {current:.2f} → target {target} ({value:.2f}): {reach}"},
    "cli.reachable": {"th": "ทำได้", "en": "reachable"},
    "cli.not_reachable": {"th": "ทำไม่ได้ ({missing})", "en": "not reachable ({missing})"},
    "cli.plan_cols": {"th": "การดำเนินการ|เรื่อง|จาก → เป็น|เพิ่ม|หลังทำ|โอกาสถึงเป้า|ผู้รับผิดชอบ / ข้อที่ดึงลง",
                      "en": "action|what|from → to|gain|after|P(target)|owner / weakest questions"},
    "cli.plan_after": {"th": "เมื่อทำครบ: {after:.2f} (= {current:.2f} + {gain:.2f})",
                       "en": "after every action: {after:.2f} (= {current:.2f} + {gain:.2f})"},
    "cli.kind.oit_item": {"th": "เผยแพร่ OIT", "en": "OIT item"},
    "cli.kind.indicator": {"th": "ยกตัวชี้วัด", "en": "indicator"},
    "cli.progress_head": {"th": "มาตรการ ณ {date}: เสร็จแล้ว {done} ล่าช้า {late} กำลังดำเนินการ {in_progress} "
                                "ยังไม่เริ่ม {not_started}",
                          "en": "measures as of {date}: {done} done, {late} late, {in_progress} in progress, "
                                "{not_started} not started"},
    "cli.progress_rejected": {"th": "; ปฏิเสธ {n} แถว", "en": "; {n} rows rejected"},
    "cli.progress_cols": {"th": "ที่|มาตรการ|ผู้รับผิดชอบ|กำหนด|ความก้าวหน้า", "en": "no|measure|responsible|due|state"},
    "cli.fw_weights": {"th": "น้ำหนัก {weights}; เกณฑ์ผ่าน {mark:g}", "en": "weights {weights}; pass mark {mark:g}"},
    "cli.fw_grading": {"th": "การจัดระดับ ({how}): {rules}", "en": "grading ({how}): {rules}"},
    "cli.fw_window": {"th": "ช่วงเก็บข้อมูล: {start} – {end}", "en": "collection window: {start} – {end}"},
    "cli.fw_indicators": {"th": "ตัวชี้วัด", "en": "indicators"},
    "cli.fw_cols": {"th": "ตัวชี้วัด|เครื่องมือ|ชื่อ|ข้อคำถาม", "en": "indicator|tool|name|questions"},
    "cli.fw_oit_items": {"th": "(รายการ OIT)", "en": "(OIT items)"},
    "cli.fw_counts": {"th": "ข้อคำถาม {q} ข้อ (* = ข้อกลับด้าน), รายการ OIT {o} ข้อ",
                      "en": "{q} questions (* = reverse-worded), {o} OIT items"},
    "cli.fw_valid": {"th": "{file}: กรอบการประเมินปีงบประมาณ {year} ถูกต้อง ({status}): ข้อคำถาม {q} ข้อ รายการ OIT {o} ข้อ",
                     "en": "{file}: a valid framework for FY{year} ({status}): {q} questions, {o} OIT items"},
    "cli.fw_crosswalk": {
        "th": "{file}: เสนอการจับคู่ {pairs} คู่จากปี {base} ไปปี {year} ตามความคล้ายของข้อความ (ตรวจทุกคู่ก่อนใช้) · ข้อใหม่ของปี "
              "{year}: {new} · ข้อของปี {base} ที่ไม่พบคู่: {gone}",
        "en": "{file}: {pairs} proposed pairs from FY{base} to FY{year}, matched by the similarity of the texts (confirm "
              "every pair before use) · new in FY{year}: {new} · FY{base} ids with no match: {gone}"},
    "cli.fw_new": {"th": "{file}: ปีงบประมาณ {year} ต่อจากปี {base}; กรอกตามที่หมายเหตุในไฟล์บอก แล้วตรวจด้วย "
                         "ita framework check {file}",
                   "en": "{file}: FY{year}, extending FY{base}; fill in what its comments say, then: ita framework check {file}"},
    "cli.fw_same": {"th": "ปี {a} และ {b}: ข้อคำถาม รายการ น้ำหนัก และเกณฑ์ ไม่ต่างกัน",
                    "en": "FY{a} and FY{b}: no change in questions, items, weights or rules"},
    "cli.fw_diff_title": {"th": "ปี {a} → {b}: เปลี่ยน {n} รายการ", "en": "FY{a} → FY{b}: {n} changes"},
    "cli.fw_diff_cols": {"th": "ประเภท|รหัส|การเปลี่ยน", "en": "kind|id|change"},
    "cli.demo_file": {"th": "{name:16} อ่าน {read:5,} รับไว้ {accepted:5,} ปฏิเสธ {rejected:3,}",
                      "en": "{name:16} rows {read:5,}  accepted {accepted:5,}  rejected {rejected:3,}"},
    "cli.demo_score": {"th": "ปีงบประมาณ {year}: ITA {score:.2f} (ช่วงความเชื่อมั่น 95% {low:.2f}–{high:.2f}) {grade} โอกาสผ่าน {p:.0%}",
                       "en": "FY{year}: ITA {score:.2f} (95% CI {low:.2f}–{high:.2f}), {grade}, P(pass) {p:.0%}"},
    "cli.demo_pack": {"th": "ชุดรายงานคณะกรรมการ: {pack} (และ .pdf, .xlsx); มุมมองศูนย์กลาง กทม.: {bma}",
                      "en": "committee pack: {pack} (and .pdf, .xlsx); BMA centre view: {bma}"},
    "cli.demo_plan": {"th": "แผน: {current:.2f} → {after:.2f} ({n} รายการ); รายงานการวิเคราะห์: {docx} "
                            "(และ .pdf, measures.xlsx)",
                      "en": "plan: {current:.2f} → {after:.2f} ({n} actions); the committee's analysis: {docx} "
                            "(and .pdf, measures.xlsx)"},
    "cli.demo_written": {"th": "เขียน {n} ไฟล์ใน {processed}/ และ {figures}/",
                         "en": "wrote {n} files under {processed}/ and {figures}/"},
    "cli.row_reason": {"th": "แถว {row}: {reason}", "en": "row {row}: {reason}"},
    # -- the committee's analysis document and the measures' progress report --
    "analysis.title": {"th": "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                             "ประจำปีงบประมาณ พ.ศ. {year}",
                       "en": "Analysis of the Integrity and Transparency Assessment (ITA) results, FY{year}"},
    "analysis.made": {"th": "จัดทำ {time} จากผลการประเมินปีงบประมาณ {year} · {frame} · ita_analytics {version} · "
                            "แก้ไขได้ก่อนเผยแพร่",
                      "en": "Made {time} from the FY{year} results · {frame} · ita_analytics {version} · edit before publishing"},
    "analysis.made_short": {"th": "จัดทำ {time} · ita_analytics {version}", "en": "Made {time} · ita_analytics {version}"},
    "analysis.range": {"th": "คะแนนจริงน่าจะอยู่ระหว่าง {low:.2f} ถึง {high:.2f}",
                       "en": "the true score is probably between {low:.2f} and {high:.2f}"},
    "analysis.results": {"th": "1. ผลการประเมิน", "en": "1. The results"},
    "analysis.overall": {
        "th": "คะแนนรวม {score:.2f} ระดับ {grade}: {range} (ช่วงความเชื่อมั่น {pct}%) โอกาสที่คะแนนจริงถึงเกณฑ์ผ่าน {mark:g} "
              "คือ {p:.0%}",
        "en": "Overall {score:.2f}, grade {grade}: {range} ({pct}% confidence interval). The chance that the true score "
              "reaches the pass mark {mark:g} is {p:.0%}.",
    },
    "analysis.col_range": {"th": "ช่วงที่คะแนนจริงน่าจะอยู่", "en": "where the true score probably lies"},
    "analysis.col_n": {"th": "จำนวนผู้ตอบ/ข้อ", "en": "respondents/items"},
    "analysis.changes": {"th": "2. เปรียบเทียบกับปีที่ผ่านมา", "en": "2. Compared with last year"},
    "analysis.changes_text": {
        "th": "เทียบกับปี {year}: “เปลี่ยนจริง” เมื่อช่วงของผลต่างไม่คร่อม 0 หลังปรับสำหรับการเทียบหลายรายการ",
        "en": "Against {year}: a change is real when its interval excludes 0 after allowing for the many comparisons.",
    },
    "analysis.strengths": {"th": "3. จุดแข็งและจุดที่ต้องพัฒนา", "en": "3. Strengths and weaknesses"},
    "analysis.strong": {"th": "จุดแข็ง (ตัวชี้วัดที่ถึงเกณฑ์ {mark:g}): {items}", "en": "Strengths (at or above {mark:g}): {items}"},
    "analysis.weak": {"th": "จุดที่ต้องพัฒนา (ตัวชี้วัดที่ต่ำกว่าเกณฑ์ {mark:g}): {items}",
                      "en": "To improve (below {mark:g}): {items}"},
    "analysis.oit": {"th": "4. ข้อมูลที่ยังไม่ได้เผยแพร่ (OIT)", "en": "4. What is not yet published (OIT)"},
    "analysis.oit_text": {"th": "ยังไม่ผ่าน {n} ข้อ แต่ละข้อเพิ่มคะแนนรวมได้แน่นอนเมื่อเผยแพร่ครบ",
                          "en": "{n} items are missing; each adds to the overall score for certain once published."},
    "analysis.plan_title": {"th": "5. แนวทางสู่เป้าหมาย", "en": "5. The path to the target"},
    "analysis.plan": {
        "th": "คะแนนรวมปัจจุบัน {current:.2f} เป้าหมาย {target} ({value:.2f}) หากดำเนินการครบตามตาราง คะแนนรวมจะเป็น "
              "{after:.2f} (เรียงจากสิ่งที่แน่นอนก่อน แล้วจึงตัวชี้วัดที่อ่อนที่สุด)",
        "en": "Overall now {current:.2f}; target {target} ({value:.2f}). With every action below the overall score "
              "becomes {after:.2f} (certain actions first, then the weakest indicators).",
    },
    "analysis.col_from_to": {"th": "จาก → เป็น", "en": "from → to"},
    "analysis.col_gain": {"th": "คะแนนรวมเพิ่ม", "en": "overall gain"},
    "analysis.col_after": {"th": "คะแนนรวมหลังทำ", "en": "overall after"},
    "analysis.col_chance": {"th": "โอกาสถึง {target}", "en": "chance of {target}"},
    "analysis.measures": {"th": "6. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                          "en": "6. Internal integrity and transparency measures"},
    "analysis.measures_text": {
        "th": "ร่างจากผลการประเมิน คณะกรรมการแก้ไขมาตรการ ผู้รับผิดชอบ และระยะเวลาได้ แล้วติดตามผลในไฟล์ measures.xlsx",
        "en": "Drafted from the results: the committee edits the measures, owners and periods, then follows them up in "
              "measures.xlsx.",
    },
    "progress.title": {"th": "รายงานความก้าวหน้าการดำเนินการตามมาตรการ", "en": "Progress on the measures"},
    "progress.summary": {
        "th": "ณ {date}: มาตรการทั้งหมด {n} รายการ เสร็จแล้ว {done} ล่าช้า {late} กำลังดำเนินการ {in_progress} "
              "ยังไม่เริ่ม {not_started}",
        "en": "As of {date}: {n} measures; {done} done, {late} late, {in_progress} in progress, {not_started} not started.",
    },
    "progress.section": {"th": "สถานะรายมาตรการ (ล่าช้าก่อน)", "en": "Each measure (late ones first)"},
    "progress.state": {"th": "ความก้าวหน้า", "en": "progress"},
    "progress.done": {"th": "เสร็จแล้ว", "en": "done"},
    "progress.late": {"th": "ล่าช้า {days} วัน", "en": "late by {days} days"},
    "progress.in_progress": {"th": "กำลังดำเนินการ", "en": "in progress"},
    "progress.not_started": {"th": "ยังไม่เริ่ม", "en": "not started"},
    "sheet.summary": {"th": "สรุป", "en": "Summary"},
    "sheet.provenance": {"th": "ที่มา", "en": "Provenance"},
    "col.fact": {"th": "รายการ", "en": "item"},
    "col.value": {"th": "ค่า", "en": "value"},
    "col.framework": {"th": "กรอบการประเมิน", "en": "framework"},
    "col.created": {"th": "คำนวณเมื่อ", "en": "computed"},
    "col.title": {"th": "รายงาน", "en": "report"},
    "col.ci_low": {"th": "ช่วงความเชื่อมั่น ต่ำ", "en": "interval low"},
    "col.ci_high": {"th": "ช่วงความเชื่อมั่น สูง", "en": "interval high"},
    "col.grade": {"th": "ระดับ", "en": "grade"},
    "col.probability_pass": {"th": "โอกาสผ่าน", "en": "chance of a pass"},
    "report.title_agencies": {"th": "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. {year} — ภาพรวม {n} หน่วยงาน (ศูนย์กลาง กทม.)",
                              "en": "ITA results FY{year} — {n} agencies compared (BMA centre view)"},
    "decide.oit_action": {"th": "เผยแพร่ OIT {id} {name}: เพิ่มคะแนนรวม {gain:.2f} แน่นอน — ผู้รับผิดชอบ {owner}",
                          "en": "Publish OIT {id} {name}: +{gain:.2f} overall, certain — owner {owner}"},
    "decide.indicator_action": {
        "th": "ยกตัวชี้วัด {id} {name} ({tool}) จาก {low:.2f} เป็น {high:.2f}: เพิ่มคะแนนรวม {gain:.2f}; ถ้าทำได้ "
              "โอกาสถึง {target} = {p:.0%}; ข้อที่ดึงลง: {questions}",
        "en": "Raise indicator {id} {name} ({tool}) from {low:.2f} to {high:.2f}: +{gain:.2f} overall; if it succeeds, "
              "chance of reaching {target} = {p:.0%}; weakest questions: {questions}",
    },
    "decide.target_met": {"th": "ถึงเป้าหมาย {target} แล้ว ไม่มีสิ่งที่ต้องทำเพิ่มเพื่อเป้าหมายนี้",
                          "en": "The target {target} is met: nothing more is needed for it"},
    "decide.not_reachable": {"th": "แม้ทำครบทุกข้อก็ยังไม่ถึงเป้าหมาย: {missing}", "en": "Not reachable: {missing}"},
    "decide.quota_final": {"th": "ปิดรับแล้ว ความครอบคลุมสุดท้ายยังขาด {cells} กลุ่ม เช่น {items}",
                           "en": "The window has closed with {cells} coverage cells short, e.g. {items}"},
    "skip.lead": {"th": "ส่วนที่ไม่มีในรายงานนี้: {items}", "en": "Left out of this pack: {items}"},
    "skip.quota": {"th": "ความครอบคลุม (ไม่ได้ให้บัญชีบุคลากร)", "en": "coverage (no staff roster given)"},
    "skip.changes": {"th": "เปรียบเทียบรายปี (ไม่ได้ให้ผลปีก่อน)", "en": "year-over-year changes (no earlier results given)"},
    "skip.departments": {"th": "ผลรายฝ่าย (ข้อมูลไม่มีฝ่าย)", "en": "departments (the responses name none)"},
    "skip.oit": {"th": "OIT (ไม่ได้ให้แบบตรวจ OIT)", "en": "OIT (no checklist given)"},
}

#: Month abbreviations as a Thai office writes them.
THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_words(value: Any, language: str, *, short: bool = False, time: bool = False) -> str:
    """A date as its reader writes it: "4 ก.ค. 2566" (Buddhist era; "4 ก.ค. 66" short) or "4 Jul 2023".

    Times are shown in Thai time (Asia/Bangkok): an aware timestamp is converted, a naive one is
    taken to be Thai time already (the BANGKOKITA exports are).
    """
    import pandas as pd

    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("Asia/Bangkok")
    if language == "th":
        year = ts.year + BE_OFFSET
        day = f"{ts.day} {THAI_MONTHS[ts.month - 1]} " + (f"{year % 100:02d}" if short else str(year))
    else:
        day = f"{ts.day} {_EN_MONTHS[ts.month - 1]}" + ("" if short else f" {ts.year}")
    return say("time.bangkok", language, date=day, time=f"{ts:%H:%M}") if time else day


#: The statistics layer's notes (English, for logs and JSON) in Thai, by pattern: (regex, Thai template).
NOTE_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^IIT: no roster given, so no finite population correction \(intervals are wider\)$",
     "IIT: ไม่ได้ให้บัญชีบุคลากร จึงไม่ได้ปรับตามขนาดบุคลากรทั้งหมด (ช่วงความเชื่อมั่นกว้างกว่าที่ควร)"),
    (r"^IIT: the roster counts (?P<N>\S+) eligible staff but (?P<n>\d+) answered; .*$",
     "IIT: บัญชีบุคลากรมีผู้มีสิทธิ์ {N} คน แต่มีผู้ตอบ {n} คน จึงไม่ได้ปรับตามขนาดบุคลากร (ตรวจสอบบัญชีบุคลากร)"),
    (r"^(?P<tool>\w+): nobody answered (?P<ids>.+), so it has no score; .*$",
     "{tool}: ไม่มีผู้ตอบข้อ {ids} จึงไม่มีคะแนนข้อนั้น คะแนนตัวชี้วัดและเครื่องมือคิดจากข้อที่มีผู้ตอบ"),
    (r"^OIT: (?P<ids>.+) not in the checklist, counted as not published$",
     "OIT: ข้อ {ids} ไม่อยู่ในแบบตรวจ นับว่ายังไม่เผยแพร่"),
    (r"^(?P<tool>\w+): no strata with known sizes, so the default linearization is used$",
     "{tool}: ไม่รู้ขนาดของแต่ละฝ่าย จึงใช้วิธีคำนวณแบบปกติ"),
    (r"^by agency: the OIT checklist is agency-wide, so group results have no overall score$",
     "รายหน่วยงานย่อย: OIT ประเมินทั้งหน่วยงาน จึงไม่มีคะแนนรวมรายกลุ่ม"),
    (r"^overall: needs IIT, EIT and the OIT checklist; not computed$",
     "คะแนนรวม: ต้องมีทั้ง IIT, EIT และแบบตรวจ OIT จึงยังคำนวณไม่ได้"),
)


def note_words(note: str, language: str) -> str:
    """A note of the statistics layer in the reader's language (a note with no translation is kept as it is)."""
    import re

    if language != "th":
        return note
    for pattern, template in NOTE_PATTERNS:
        if (m := re.match(pattern, note)) is not None:
            return template.format(**m.groupdict())
    return note


def chosen_language(choice: str | None = None) -> str:
    """The reader's language: ``choice`` (e.g. ``--lang``), else the ``ITA_LANG`` environment variable, else Thai."""
    import os

    chosen = (choice or os.environ.get("ITA_LANG", "")).strip().lower()
    return chosen if chosen in LANGUAGES else "th"


def label(table: dict[str, dict[str, str]], key: str, language: str) -> str:
    """The label of ``key`` in ``language``, or the key itself when there is none."""
    return table.get(key, {}).get(language, key)


def verdict_short(verdict: str, reason: str, language: str, *, threshold: float) -> str:
    """A verdict in a few words, for a terminal's column ("real ≥ 2", "untested (unmatched)"); the key says them whole."""
    if verdict == "not_tested":
        return say("short.not_tested", language, reason=say(f"short_reason.{reason or 'no_se'}", language))
    return say(f"short.{verdict}", language, threshold=threshold)


def verdict_words(verdict: str, reason: str, language: str, *, threshold: float) -> str:
    """A comparison row's verdict code (and, for ``not_tested``, its reason) as a sentence."""
    if verdict == "not_tested":
        return say("verdict.not_tested", language, reason=say(f"reason.{reason or 'no_se'}", language))
    return say(f"verdict.{verdict}", language, threshold=threshold)


def frame_words(framework: Any, language: str, *, long: bool = False) -> str:
    """Which frame a result used, in words: "กรอบปี 2567 ใช้แทนปี 2570 (ชั่วคราว)", or the year's own with its status.

    ``framework`` is a :class:`Framework`, a results document's ``method.framework`` block, or a
    provenance block (``framework_year``, ``frame_year``, ``carried_forward``, ``framework_status``).
    """
    get = framework.get if isinstance(framework, dict) else lambda k, d=None: getattr(framework, k, d)
    year = get("fiscal_year") or get("framework_year")
    frame, status = get("frame_year") or year, get("status") or get("framework_status") or "source"
    if get("carried_forward", False):
        return say("frame.carried_long" if long else "frame.carried", language, year=year, frame=frame)
    return say("frame.own", language, year=year, status=say(f"status.{status}", language))


def year_notice_words(notice: dict[str, Any], language: str) -> str:
    """A year notice (``method.framework.notices``: a code and its values) as a sentence."""
    values = dict(notice)
    code = values.pop("code")
    if code == "spans_years":
        values["spread"] = ", ".join(say("year.one", language, year=y, n=n) for y, n in values.pop("counts", {}).items())
    return say(f"year.{code}", language, **values)


def national_words(framework: Any, overall: float, language: str) -> str | None:
    """The agency's overall against the NACC's national mean of its year (else the latest published), or None."""
    result, same = framework.national_result()
    if result is None or overall != overall:
        return None
    key = "national.same" if same else "national.latest"
    return say(key, language, own=framework.fiscal_year, year=result.year, mean=result.mean, agencies=result.agencies,
               share=result.share_pass, score=overall, diff=overall - result.mean,
               derived=say("national.derived", language) if result.derived else "")


def say(key: str, language: str, **values: Any) -> str:
    """The catalogue's text for ``key`` in ``language``, filled in with ``values``.

    Raises
    ------
    KeyError
        When the catalogue has no such key (a programming error: every word is in the catalogue).
    """
    text = WORDS[key][language if language in LANGUAGES else "th"]
    return text.format(**values) if values else text


#: Reject reasons of the readers (English, for logs and JSON) in Thai, by pattern: (regex, Thai template).
#: A ``what`` or ``name`` group is a column code, shown by its Thai header.
REASON_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^duplicate (?P<what>[\w ]+), first seen at row (?P<row>\d+)$", "{what} ซ้ำ พบครั้งแรกที่แถว {row}"),
    (r"^missing (?P<name>[\w ]+)$", "ไม่ได้กรอก{name}"),
    (r"^unknown answer '(?P<v>.*)' to (?P<q>\w+)$", "คำตอบข้อ {q} อ่านไม่ได้: '{v}'"),
    (r"^answer code (?P<v>\S+) to (?P<q>\w+) is out of range \(allowed: (?P<allowed>.*)\)$",
     "รหัสคำตอบ {v} ของข้อ {q} อยู่นอกช่วง (ที่ใช้ได้: {allowed})"),
    (r"^tenure of (?P<t>\S+) years is below the minimum of (?P<m>\S+)$", "อายุงาน {t} ปี ต่ำกว่าขั้นต่ำ {m} ปี"),
    (r"^tenure_years '(?P<v>.*)' is not a number$", "อายุงาน '{v}' ไม่ใช่ตัวเลข"),
    (r"^staff type '(?P<s>.*)' of department '(?P<d>.*)' is not in the roster$",
     "ประเภทบุคลากร '{s}' ของฝ่าย '{d}' ไม่อยู่ในบัญชีบุคลากร"),
    (r"^department '(?P<d>.*)' is not in the roster$", "ฝ่าย '{d}' ไม่อยู่ในบัญชีบุคลากร"),
    (r"^unreadable date in (?P<name>\w+): '(?P<v>.*)'$", "{name} อ่านไม่ได้: '{v}'"),
    (r"^no answers at all$", "ไม่ได้ตอบเลยสักข้อ"),
    (r"^row has (?P<n>\d+) cells but the header has (?P<w>\d+)$", "แถวมี {n} ช่อง แต่หัวตารางมี {w} ช่อง"),
    (r"^a cell of (?P<n>[\d,]+) characters, longer than a spreadsheet cell holds \((?P<m>[\d,]+)\)$",
     "มีช่องยาว {n} ตัวอักษร เกินที่ช่องตารางรับได้ ({m})"),
    (r"^in merged cells (?P<ref>\S+): unmerge them in Excel and fill in every row$",
     "อยู่ในเซลล์ที่ผสานกัน {ref}: ยกเลิกการผสานใน Excel แล้วกรอกทุกแถว"),
    (r"^a formula whose value was never computed: open and save the file in Excel$",
     "มีสูตรที่ยังไม่ได้คำนวณ: เปิดแล้วบันทึกไฟล์ใน Excel"),
    (r"^eligible '(?P<v>.*)' is not a whole number of staff$", "จำนวนผู้มีสิทธิ์ '{v}' ไม่ใช่จำนวนเต็ม"),
    (r"^'(?P<v>.*)' is not an OIT item id \(O1, O2, …\)$", "'{v}' ไม่ใช่รหัสข้อ OIT (O1, O2, …)"),
    (r"^(?P<v>\S+) is not an OIT item of FY(?P<y>\d+)$", "{v} ไม่ใช่ข้อ OIT ของปีงบประมาณ {y}"),
    (r"^unknown status '(?P<v>.*)' \(use มี/ไม่มี, yes/no, pass/fail\)$", "สถานะ '{v}' อ่านไม่ได้ (ใช้ มี/ไม่มี, yes/no, pass/fail)"),
    (r"^fiscal year '(?P<v>.*)' is not a Buddhist-era year such as 2566$", "ปีงบประมาณ '{v}' ไม่ใช่ปี พ.ศ. เช่น 2566"),
    (r"^unknown level '(?P<v>.*)' \(overall, tool or indicator\)$", "ระดับ '{v}' อ่านไม่ได้ (overall, tool หรือ indicator)"),
    (r"^id '(?P<i>.*)' does not fit level '(?P<l>.*)'$", "รหัส '{i}' ไม่ตรงกับระดับ '{l}'"),
    (r"^score '(?P<v>.*)' is not a number from 0 to 100$", "คะแนน '{v}' ไม่ใช่ตัวเลข 0–100"),
    (r"^reliable '(?P<v>.*)' is not yes or no$", "ช่อง reliable '{v}' ไม่ใช่ yes หรือ no"),
    (r"^unknown (?P<what>[\w ]+) '(?P<v>.*)'$", "ไม่รู้จัก{what} '{v}'"),
)

#: Messages of unusable input (one sentence, exit 2) in Thai, by pattern; the path before them stays as given.
ERROR_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^the file does not exist\.?$", "ไม่มีไฟล์นี้"),
    (r"^is a folder, not a file\.?$", "เป็นโฟลเดอร์ ไม่ใช่ไฟล์"),
    (r"^looks like an (?P<other>\w+) export \(it has columns (?P<cols>.*)\), not (?P<kind>\w+): give it as the \w+ file "
     r"\(.*\)\.?$", "ดูเหมือนเป็นไฟล์ {other} (มีคอลัมน์ {cols}) ไม่ใช่ {kind}: ให้เป็นไฟล์ {other} แทน"),
    (r"^is missing the required column\(s\) (?P<cols>.*?)\.?$", "ไม่มีคอลัมน์ที่จำเป็น: {cols}"),
    (r"^no usable (?P<kind>\w+) response\.?$", "ไม่มีคำตอบ {kind} ที่ใช้ได้เลย"),
    (r"^exists already; give a new file name \(nothing is overwritten\)\.?$", "มีไฟล์นี้อยู่แล้ว ตั้งชื่อใหม่ (ไม่เขียนทับ)"),
    (r"^(?P<a>--deadline \S+) is before (?P<b>--as-of \S+): .*$", "{a} อยู่ก่อน {b}: วันปิดรับต้องไม่อยู่ก่อนวันที่นับ"),
    (r"^field '(?P<f>[^']+)' (?P<rest>.*?)\.?$", "ช่อง '{f}' ผิด: {rest}"),
)


def _translated(text: str, patterns: tuple[tuple[str, str], ...]) -> str | None:
    import re

    for pattern, template in patterns:
        if (m := re.match(pattern, text)) is not None:
            values = {k: label(COLUMN_LABELS, v.replace(" ", "_"), "th") if k in ("what", "name") else v
                      for k, v in m.groupdict().items()}
            return template.format(**values)
    return None


def reason_words(reason: str, language: str) -> str:
    """A reject reason in the reader's language (several reasons joined by "; " each translated; unknown ones kept)."""
    if language != "th":
        return reason
    return "; ".join(_translated(part, REASON_PATTERNS) or part for part in reason.split("; "))


def error_words(message: str, language: str) -> str:
    """An unusable-input message in the reader's language: "path: what is wrong" with the path kept as given."""
    if language != "th":
        return message
    whole = _translated(message, ERROR_PATTERNS)
    if whole is not None:
        return whole
    head, sep, tail = message.partition(": ")
    rest = _translated(tail, ERROR_PATTERNS) if sep else None
    return f"{head}: {rest}" if rest is not None else message
