"""Words shown to people, in Thai (default) and English. Assessment facts are not here."""

from __future__ import annotations

__all__ = ["CHECK_LABELS", "KIND_LABELS", "label"]

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
}

#: Kinds of input file.
KIND_LABELS: dict[str, dict[str, str]] = {
    "IIT": {"th": "IIT (บุคลากร)", "en": "IIT (staff)"},
    "EIT": {"th": "EIT (ผู้รับบริการ)", "en": "EIT (service users)"},
    "roster": {"th": "บัญชีบุคลากร", "en": "staff roster"},
    "oit": {"th": "OIT (เว็บไซต์)", "en": "OIT (website)"},
    "published": {"th": "ผลที่ประกาศแล้ว", "en": "published results"},
}


def label(table: dict[str, dict[str, str]], key: str, language: str) -> str:
    """The label of ``key`` in ``language``, or the key itself when there is none."""
    return table.get(key, {}).get(language, key)
