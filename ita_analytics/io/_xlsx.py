"""What a workbook holds before (and beside) reading its cells: size, sheets, formulas, merged cells.

openpyxl reads cell values; some facts a reader must know are only in the workbook's parts:
how large it becomes unpacked (a "zip bomb" of a few MB can unpack to gigabytes), whether it is
password-protected (then it is not a zip at all), which cells hold a formula that was never
computed (a workbook saved by a script: openpyxl reads such a cell as blank), and which cells are
merged (every row but the first of a merged block reads as blank).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..core._errors import ITAInputError

__all__ = ["DEFAULT_MAX_XLSX_MB", "SheetFacts", "check_workbook", "is_encrypted", "sheet_facts"]

#: Largest unpacked size of a workbook read by default (MB): a real export is a few dozen.
DEFAULT_MAX_XLSX_MB = 300.0
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


@dataclass
class SheetFacts:
    """Rows of a sheet (1-based, as Excel numbers them) that need a word to the user."""

    formulas: set[int] = field(default_factory=set)  # a formula cell without a computed value
    merged: dict[int, str] = field(default_factory=dict)  # row → the merged range it is inside (not its first row)


def is_encrypted(data: bytes) -> bool:
    """A password-protected Office file: an OLE container holding an ``EncryptedPackage`` stream."""
    return data.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in data[:1 << 20]


def check_workbook(data: bytes, path: Path, *, max_mb: float = DEFAULT_MAX_XLSX_MB) -> zipfile.ZipFile:
    """The workbook's zip, after checking from its directory that it unpacks to at most ``max_mb`` MB."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ITAInputError("bad_xlsx", path=path, why=type(exc).__name__) from None
    if total > max_mb * 1e6:
        raise ITAInputError("xlsx_too_big", path=path, mb=total / 1e6, limit=max_mb)
    return zf


def sheet_facts(zf: zipfile.ZipFile, sheet: str) -> SheetFacts:
    """Formula cells without a value and merged cells of one sheet, read from its XML (streamed)."""
    facts = SheetFacts()
    part = _sheet_part(zf, sheet)
    if part is None:
        return facts
    with zf.open(part) as stream:
        for _, element in ElementTree.iterparse(stream, events=("end",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "c":
                formula = element.find("m:f", _NS)
                value = element.find("m:v", _NS)
                if formula is not None and (value is None or value.text in (None, "")):
                    match = _CELL.match(element.get("r", ""))
                    if match:
                        facts.formulas.add(int(match.group(2)))
                element.clear()
            elif tag == "mergeCell":
                ref = element.get("ref", "")
                first, _, last = ref.partition(":")
                a, b = _CELL.match(first), _CELL.match(last or first)
                if a and b:
                    for row in range(int(a.group(2)) + 1, int(b.group(2)) + 1):
                        facts.merged.setdefault(row, ref)
            elif tag == "row":
                element.clear()
    return facts


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding a sheet's cells (via the workbook's relationships)."""
    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    rid = next((s.get(f"{{{_NS['r']}}}id") for s in book.iter(f"{{{_NS['m']}}}sheet") if s.get("name") == sheet), None)
    target = next((r.get("Target") for r in rels.iter(f"{{{_NS['p']}}}Relationship") if r.get("Id") == rid), None)
    if target is None:
        return None
    target = target.lstrip("/")
    return target if target.startswith("xl/") else f"xl/{target}"
