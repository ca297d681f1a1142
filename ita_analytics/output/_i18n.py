"""Every word shown to people, in Thai (the default) and English: one catalogue.

Results carry codes (check names, levels, flags); this module turns them into words. A text is
looked up by its key and filled in with :meth:`str.format` values, e.g.
``say("report.title", "th", year=2566)``. Assessment facts (names of indicators, questions,
OIT items) are not here: they belong to the fiscal year's framework file.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CHECK_LABELS", "KIND_LABELS", "LANGUAGES", "WORDS", "label", "say", "verdict_words"]

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
    "verdict.real_small": {"th": "เปลี่ยนจริงแต่น้อยกว่า {threshold:g} คะแนน", "en": "real, but smaller than {threshold:g} points"},
    "verdict.multiplicity": {"th": "ช่วงไม่ครอบคลุม 0 แต่เมื่อเทียบหลายรายการพร้อมกัน อาจเป็นความบังเอิญ",
                             "en": "the interval excludes 0, but among this many comparisons that could be chance"},
    "verdict.unclear": {"th": "ยังบอกไม่ได้ว่าเปลี่ยนจริง (ช่วงครอบคลุม 0)", "en": "not clear: the interval includes 0"},
    "verdict.not_tested": {"th": "ไม่ได้ทดสอบ: {reason}", "en": "not tested: {reason}"},
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
    "report.made": {"th": "จัดทำ {time} UTC · กรอบการประเมิน FY{year} ({status}) · ita_analytics {version}",
                    "en": "Made {time} UTC · framework FY{year} ({status}) · ita_analytics {version}"},
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
    "caption.funnel": {"th": "แผนภาพกรวย {tool}", "en": "Funnel plot {tool}"},
    "section.integrity": {"th": "ความน่าเชื่อถือของคำตอบ", "en": "Response integrity"},
    "text.integrity": {"th": "คำตอบที่น่าสงสัยถูกทำเครื่องหมายไว้ ไม่ได้ลบทิ้ง ตารางที่สองเทียบคะแนนเมื่อรวมและเมื่อไม่รวมคำตอบเหล่านี้",
                       "en": "Suspicious responses are flagged, never deleted; the second table shows the scores "
                             "with and without them."},
    # -- what to decide --
    "decide.overall": {"th": "คะแนนรวม {score:.2f} (ช่วงความเชื่อมั่น {pct}% {low:.2f}–{high:.2f}) ระดับ {grade}; "
                             "โอกาสที่คะแนนจริงถึงเกณฑ์ผ่าน {mark:g}: {p:.0%}",
                       "en": "Overall {score:.2f} ({pct}% interval {low:.2f}–{high:.2f}), grade {grade}; chance the "
                             "true score reaches {mark:g}: {p:.0%}"},
    "decide.straddles": {"th": "ช่วงความเชื่อมั่นคร่อมเกณฑ์ผ่าน: ยังสรุปไม่ได้ว่าผ่านแน่นอน ควรเร่งเก็บข้อมูลหรือปรับปรุงตัวชี้วัดที่อ่อน",
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
    "method.intervals": {"th": "ช่วงความเชื่อมั่น {confidence:.0%}: linearization ระดับผู้ตอบ, t (n − 1); IIT {fpc}",
                         "en": "{confidence:.0%} intervals: respondent-level linearization, t with n − 1 df; IIT {fpc}"},
    "method.fpc.applied": {"th": "ปรับด้วย finite population correction จากบัญชีบุคลากร",
                           "en": "with the finite population correction from the roster"},
    "method.fpc.not_applied": {"th": "ไม่ได้ปรับ FPC", "en": "without FPC"},
    "method.overall": {"th": "คะแนนรวม = {formula}; OIT ไม่มีความคลาดเคลื่อนจากการสุ่ม",
                       "en": "Overall = {formula}; the OIT has no sampling error"},
    # -- charts --
    "chart.funnel_centre": {"th": "ค่ากลาง (เฉลี่ยถ่วงด้วยจำนวนผู้ตอบ) {centre:.2f}",
                            "en": "centre (respondent-weighted mean) {centre:.2f}"},
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
        "th": "Funnel plot คะแนน {tool} รายหน่วยงาน ({n} หน่วยงาน)",
        "en": "{tool} score by agency ({n} agencies)",
    },
    "chart.indicator": {"th": "ตัวชี้วัดที่ {id} {name}", "en": "Indicator {id} {name}"},
    "chart.ita_score": {"th": "คะแนน ITA", "en": "ITA score"},
    "chart.limits": {"th": "ขอบเขต {level}", "en": "limits {level}"},
    "chart.not_comparable": {"th": "เทียบไม่ได้", "en": "not comparable"},
    "chart.oit_owners": {"th": "ผู้รับผิดชอบข้อที่ยังขาด\\n", "en": "Who must publish what is missing\\n"},
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
        "th": "คะแนน (เส้นขีด = ช่วงความเชื่อมั่น {pct}%)",
        "en": "score (whiskers = {pct}% confidence interval)",
    },
    "chart.short_by": {"th": "  ขาด {n}", "en": "  short {n}"},
    "chart.short_of_the_rule": {"th": "ยังไม่ถึงเกณฑ์", "en": "short of the rule"},
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
        "th": "OIT: เผยแพร่แล้ว {v0} จาก {v1} ข้อ (แดง = ยังไม่ผ่าน)",
        "en": "OIT: {v0} of {v1} items published (red = missing)",
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
}


def label(table: dict[str, dict[str, str]], key: str, language: str) -> str:
    """The label of ``key`` in ``language``, or the key itself when there is none."""
    return table.get(key, {}).get(language, key)


def verdict_words(verdict: str, reason: str, language: str, *, threshold: float) -> str:
    """A comparison row's verdict code (and, for ``not_tested``, its reason) as a sentence."""
    if verdict == "not_tested":
        return say("verdict.not_tested", language, reason=say(f"reason.{reason or 'no_se'}", language))
    return say(f"verdict.{verdict}", language, threshold=threshold)


def say(key: str, language: str, **values: Any) -> str:
    """The catalogue's text for ``key`` in ``language``, filled in with ``values``.

    Raises
    ------
    KeyError
        When the catalogue has no such key (a programming error: every word is in the catalogue).
    """
    text = WORDS[key][language if language in LANGUAGES else "th"]
    return text.format(**values) if values else text
