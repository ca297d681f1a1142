"""The committee pack as a PDF: A4 pages, Thai shaped by HarfBuzz, a text layer that reads back as written.

Headings, paragraphs and tables are text; charts are vector graphics (matplotlib's SVG, drawn by
fpdf2); every page says "หน้า N จาก M". Wide tables get a landscape page of their own.

Why fpdf2 and not matplotlib pages
----------------------------------
Both were tried on the same pack. matplotlib lays text out glyph by glyph without Thai shaping
rules, so its PDF text layer repeats marks ("ประเมิมิน", "ตัตัวชี้ชี้ชี้วัวัด"), it has no tables that flow
over pages, and every page is sized by hand. fpdf2 shapes with HarfBuzz (uharfbuzz, a wheel on
PyPI, so ``make demo`` needs only Python), writes a ToUnicode map, flows tables across pages with
their headers repeated, and draws matplotlib's SVG as vectors.

Two repairs are made here, both for the text layer. Each line of text is wrapped in a
marked-content span whose ``/ActualText`` is the line as written (:func:`_pack_pdf_class`). And
HarfBuzz's Thai shaper splits SARA AM (ำ) into NIKHAHIT + SARA AA, and fpdf2 gives the cluster's
text to the first glyph; poppler (``pdftotext``) then reads "สำนักงาน" as "สำ นักงาน", because that
glyph sits over the consonant. :func:`_shape_text` gives the text to the cluster's *last* glyph
instead. A test reads every Thai line of the catalogue back from a PDF.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core._files import atomic_write
from ._fonts import thai_font_files

__all__ = ["PdfPack", "PdfSection", "PdfTable", "write_pdf"]

_BREAK = "\u200b"  # a zero-width space: where a line may break between two Thai words (never in the text layer)
_THAI = re.compile(f"[{chr(0x0E00)}-{chr(0x0E7F)}]")  # the Thai block of Unicode
_WORD_GAP = re.compile("[\\s\u200b]+")
_BLUE = (0, 114, 178)
_GREY = (100, 100, 100)
_FONT = "Sarabun"


@dataclass(frozen=True)
class PdfTable:
    """A table as text: headers, rows of cell texts, and which columns are numbers (right-aligned)."""

    headers: list[str]  # one per column
    rows: list[list[str]]  # cell texts, as the HTML page shows them
    numeric: list[bool]  # per column: right-align
    caption: str = ""  # a line above the table (optional)


@dataclass(frozen=True)
class PdfSection:
    """One section: title, paragraphs, charts (SVG and caption) and tables."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    charts: list[tuple[bytes, str]] = field(default_factory=list)  # (SVG, caption)
    tables: list[PdfTable] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)  # a list after the paragraphs


@dataclass(frozen=True)
class PdfPack:
    """Everything the PDF shows, in order."""

    title: str
    subtitle: str
    sections: list[PdfSection]
    page_words: str  # "หน้า {n} จาก {total}": how a page is numbered
    footer: str  # left of the page number, on every page
    language: str  # "th" shapes with the Thai script; "en" lets HarfBuzz guess
    author: str = ""  # the PDF's metadata


def _shape_text(self: Any, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None) -> list[dict[str, Any]]:
    """fpdf2's ``TTFFont.shape_text``, but a cluster's characters go to the cluster's last glyph.

    Notes
    -----
    fpdf2 gives all of a cluster's characters to its first glyph and none to the others. For a
    decomposed SARA AM the first glyph (NIKHAHIT) is drawn back over the consonant, so a text
    extractor sees a gap and inserts a space. On the last glyph the text follows the drawing order.
    """
    if not text:
        return []
    infos, positions = self.perform_harfbuzz_shaping(text, font_size_pt, text_shaping_params)
    starts = sorted({int(gi.cluster) for gi in infos})
    ends = {start: (starts[k + 1] if k + 1 < len(starts) else len(text)) for k, start in enumerate(starts)}
    last_of_cluster = {int(gi.cluster): k for k, gi in enumerate(infos)}  # the last glyph wins
    out = []
    for k, (gi, pos) in enumerate(zip(infos, positions)):
        cluster = int(gi.cluster)
        chars = tuple(ord(c) for c in text[cluster:ends[cluster]]) if last_of_cluster[cluster] == k else ()
        if cluster == starts[0] and last_of_cluster[cluster] == k:  # characters before the first cluster, if any
            chars = tuple(ord(c) for c in text[:cluster]) + chars
        name = self.ttfont.getGlyphName(gi.codepoint)
        width = round(self.scale * self.ttfont["hmtx"].metrics[name][0])
        glyph = self.subset.get_glyph(glyph=gi.codepoint, unicode=chars, glyph_name=name, glyph_width=width)
        if glyph is None:
            continue
        moved = width != pos.x_advance or pos.x_offset != 0 or pos.y_offset != 0 or pos.y_advance != 0
        out.append({"mapped_char": self.subset.pick_glyph(glyph), "x_advance": pos.x_advance, "y_advance": pos.y_advance,
                    "x_offset": pos.x_offset, "y_offset": pos.y_offset, "force_positioning": moved})
    return out


@lru_cache(maxsize=4096)
def _breakable(text: str) -> str:
    """``text`` with a break opportunity between Thai words, so a long phrase wraps between words, not inside one.

    Thai is written without spaces between words; fpdf2 breaks lines at spaces and zero-width spaces,
    and otherwise inside a word ("ห|น่วยงาน"). PyThaiNLP's dictionary segmenter (newmm) finds the
    words; the zero-width spaces it leaves are taken out of the text layer again (``/ActualText``).
    """
    if not _THAI.search(text):
        return text
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(text, engine="newmm", keep_whitespace=True)
    out = [words[0]] if words else []
    for before, word in zip(words, words[1:]):
        thai_pair = _THAI.search(before[-1:]) and _THAI.search(word[:1])
        out.append((_BREAK if thai_pair else "") + word)
    return "".join(out)


def _pack_pdf_class() -> type:
    """fpdf2's FPDF, with every line of text marked with its ``ActualText`` (the words as written).

    Thai marks are drawn with offsets (a tone mark moved left over ผ, raised over an upper vowel),
    and a text extractor that orders glyphs by position then reads "ผา่ น" for "ผ่าน". A marked-content
    span with ``/ActualText`` (PDF 32000-1, 14.9.4) tells readers the text of the glyphs inside it;
    poppler, pdf.js and Acrobat honour it for search and copy.
    """
    from fpdf import FPDF

    class PackPDF(FPDF):
        def _render_styled_text_line(self, text_line: Any, *args: Any, **kwargs: Any) -> Any:
            text = "".join(fragment.string for fragment in text_line.fragments).replace(_BREAK, "")
            if not text.strip():
                return super()._render_styled_text_line(text_line, *args, **kwargs)
            self._out(f"/Span <</ActualText <FEFF{text.encode('utf-16-be').hex().upper()}>>> BDC")
            drawn = super()._render_styled_text_line(text_line, *args, **kwargs)
            self._out("EMC")
            return drawn

    return PackPDF


_SHAPED: dict[type, type] = {}  # fpdf2's font class → its subclass with the repaired shape_text


def _shaped_font_class(base: type) -> type:
    """A subclass of fpdf2's font class whose ``shape_text`` is :func:`_shape_text` (no new fields: slots stay)."""
    if base not in _SHAPED:
        _SHAPED[base] = type(f"Shaped{base.__name__}", (base,), {"__slots__": (), "shape_text": _shape_text})
    return _SHAPED[base]


def _document(pack: PdfPack) -> Any:
    """An fpdf2 document with Sarabun (regular and bold) and Thai shaping."""
    pdf = _pack_pdf_class()(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    files = {p.stem: p for p in thai_font_files()}
    pdf.add_font(_FONT, "", files["Sarabun-Regular"])
    pdf.add_font(_FONT, "B", files["Sarabun-Bold"])
    for font in pdf.fonts.values():  # the same font object, with the repaired shape_text (see the module's notes)
        font.__class__ = _shaped_font_class(type(font))
    pdf.set_text_shaping(use_shaping_engine=True, script="thai" if pack.language == "th" else None,
                         language="tha" if pack.language == "th" else None)
    pdf.set_title(pack.title)
    pdf.set_lang(pack.language)
    pdf.set_creator(pack.author)
    pdf.set_author(pack.author)
    return pdf


def write_pdf(path: str | Path, pack: PdfPack) -> Path:
    """Write the pack as a PDF, whole or not at all.

    Parameters
    ----------
    path : file
        Where; the folder must exist.
    pack : PdfPack
        The content, already in the reader's language.
    """
    pdf = _document(pack)
    pdf.add_page()
    pdf.set_font(_FONT, "B", 17)
    pdf.multi_cell(0, 8.5, _breakable(pack.title), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FONT, "", 9.5)
    pdf.set_text_color(*_GREY)
    pdf.multi_cell(0, 5, _breakable(pack.subtitle), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    for section in pack.sections:
        _section(pdf, section)
    _number_pages(pdf, pack)
    return atomic_write(path, lambda tmp: pdf.output(str(tmp)))


def _number_pages(pdf: Any, pack: PdfPack) -> None:
    """The footer of every page: the pack's name and "หน้า N จาก M" (written last, when M is known)."""
    total = pdf.pages_count
    pdf.set_auto_page_break(False)
    for n in range(1, total + 1):
        pdf.page = n
        w_pt, h_pt = pdf.pages[n].dimensions()
        landscape = w_pt > h_pt
        # fpdf2 keeps the last page's size when it goes back to an earlier page: set this page's (its private
        # method, as add_page does; fpdf2 is pinned below 2.9 and a test checks the number on every page)
        pdf._set_orientation("L" if landscape else "P", min(w_pt, h_pt), max(w_pt, h_pt))
        width = pdf.w - 36
        y = pdf.h - 11
        # fpdf2 remembers one font and colour for the whole document, not per page: set another one first, so
        # that the footer's own is written into this page's content (else it is drawn at the page's last size).
        pdf.set_font(_FONT, "B", 9)
        pdf.set_font(_FONT, "", 8.5)
        pdf.set_text_color(0)
        pdf.set_text_color(*_GREY)
        pdf.set_xy(18, y)
        pdf.cell(width * 0.75, 5, _fitted(pdf, pack.footer, width * 0.75 - 3), align="L")
        pdf.set_xy(18 + width * 0.75, y)
        pdf.cell(width * 0.25, 5, pack.page_words.format(n=n, total=total), align="R")
    pdf.set_text_color(0)


def _fitted(pdf: Any, text: str, width: float) -> str:
    """``text`` cut at a space (never inside a Thai cluster) with "…" so that it fits ``width`` mm."""
    if pdf.get_string_width(text) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and pdf.get_string_width(" ".join(words) + " …") > width:
        words.pop()
    return " ".join(words) + " …"


def _heading(pdf: Any, title: str, *, room: float = 40) -> None:
    """A section heading; a new page first when less than ``room`` mm is left (no heading alone at a page's foot)."""
    if pdf.get_y() > pdf.h - pdf.b_margin - room:
        pdf.add_page(orientation=pdf.cur_orientation)
    pdf.ln(4)
    pdf.set_font(_FONT, "B", 13.5)
    pdf.set_text_color(*_BLUE)
    pdf.multi_cell(0, 7, _breakable(title), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(220)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_text_color(0)
    pdf.ln(1.5)


def _landscape(pdf: Any) -> bool:
    """Whether the current page is landscape (fpdf2 says so with an enum whose value is "L")."""
    return str(getattr(pdf.cur_orientation, "value", pdf.cur_orientation)) == "L"


def _section(pdf: Any, section: PdfSection) -> None:
    if _landscape(pdf):  # after a wide table's landscape page, the next section is portrait again
        pdf.add_page(orientation="P")
    first = _chart_size(pdf, section.charts[0][0])[1] + 10 if section.charts and not section.paragraphs else 30
    _heading(pdf, section.title, room=min(first + 12, pdf.h - pdf.t_margin - pdf.b_margin - 20))  # never alone
    pdf.set_font(_FONT, "", 10.5)
    for text in section.paragraphs:
        pdf.multi_cell(0, 5.6, _breakable(text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.2)
    for line in section.bullets:
        pdf.set_x(pdf.l_margin + 2)
        pdf.multi_cell(0, 5.6, "•  " + _breakable(line), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)
    for svg, caption in section.charts:
        _chart(pdf, svg, caption)
    for table in section.tables:
        _table(pdf, table)


_METADATA = re.compile(rb"<metadata>.*?</metadata>", re.S)
_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)


def _chart_size(pdf: Any, svg: bytes) -> tuple[float, float]:
    """The chart's width and height on the page (mm): as wide as the text (never wider than drawn), within a page."""
    size = _SIZE.search(svg[:2000])
    w_pt, h_pt = (float(size.group(1)), float(size.group(2))) if size else (600.0, 400.0)
    width = min(pdf.epw, w_pt * 25.4 / 72 * 0.9)
    height = width * h_pt / w_pt
    tallest = pdf.h - pdf.b_margin - 10 - pdf.t_margin
    if height > tallest:  # taller than a page: scale to fit one
        height, width = tallest, tallest * w_pt / h_pt
    return width, height


def _chart(pdf: Any, svg: bytes, caption: str) -> None:
    """A chart as vectors, with its caption under it."""
    width, height = _chart_size(pdf, svg)
    room = pdf.h - pdf.b_margin - 10
    if pdf.get_y() + height + 8 > room:
        pdf.add_page(orientation=pdf.cur_orientation)
    x = pdf.l_margin + (pdf.epw - width) / 2
    svg = _METADATA.sub(b"", svg, count=1)  # matplotlib's <metadata> block: fpdf2 does not read it (and would log so)
    pdf.image(io.BytesIO(svg), x=x, y=pdf.get_y(), w=width, h=height)
    pdf.set_y(pdf.get_y() + height + 1)
    pdf.set_font(_FONT, "", 9)
    pdf.set_text_color(*_GREY)
    pdf.multi_cell(0, 4.6, _breakable(caption), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.ln(2)


def _widths(pdf: Any, table: PdfTable, size: float) -> tuple[list[float], list[float]]:
    """Each column's natural width (its longest cell) and its floor (its longest word: no word is broken), in mm."""
    pdf.set_font(_FONT, "B", size)  # headers are bold: the widest
    natural, floors = [], []
    for k, header in enumerate(table.headers):
        cells = [row[k] for row in table.rows[:400]]
        words = [w for text in [header, *cells] for w in _WORD_GAP.split(_breakable(text)) if w]  # no word is broken
        longest_word = max([pdf.get_string_width(w) for w in words] + [0.0]) + 5.0  # + the cell's padding and margins
        longest = max([pdf.get_string_width(c) for c in [header, *cells]] + [0.0]) + 5.0
        floors.append(min(max(longest_word, 10.0), 60.0))  # room for the padding and a digit or two, at least
        natural.append(max(min(longest, 95.0), floors[-1]))
    return natural, floors


def _fit(natural: list[float], floors: list[float], room: float) -> list[float]:
    """Column widths within ``room``: no column below its floor (its longest word), the wider ones share the rest.

    When even the floors do not fit, they are scaled down alike (long words then wrap mid-word).
    """
    if sum(natural) <= room:
        return natural
    if sum(floors) >= room:
        return [f * room / sum(floors) for f in floors]
    widths = list(natural)
    for _ in range(len(widths)):  # a column squeezed below its floor is fixed at it, and the rest shared again
        fixed = [w <= f + 1e-9 for w, f in zip(widths, floors)]
        free = sum(n for n, f in zip(natural, fixed) if not f)
        left = room - sum(f for f, x in zip(floors, fixed) if x)
        widths = [f if x else max(f, n * left / free) for n, f, x in zip(natural, floors, fixed)]
        if sum(widths) <= room + 1e-6:
            break
    return widths


def _table(pdf: Any, table: PdfTable) -> None:
    """A table as text: headers repeated on each page, numbers right-aligned; a landscape page when too wide."""
    from fpdf.fonts import FontFace

    size = 9.0 if len(table.headers) <= 6 else 8.0
    natural, floors = _widths(pdf, table, size)
    if (sum(natural) > pdf.epw * 1.25 or sum(floors) > pdf.epw) and not _landscape(pdf):
        pdf.add_page(orientation="L")
    elif pdf.get_y() > pdf.h - pdf.b_margin - 30:
        pdf.add_page(orientation=pdf.cur_orientation)
    widths = _fit(natural, floors, pdf.epw - 0.01)  # fpdf2 refuses a table a hair wider than the page (float sums)
    if table.caption:
        pdf.set_font(_FONT, "B", 10)
        pdf.multi_cell(0, 5.5, _breakable(table.caption), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FONT, "", size)
    align = tuple("RIGHT" if n else "LEFT" for n in table.numeric)
    with pdf.table(col_widths=tuple(widths), width=sum(widths), align="LEFT", text_align=align, line_height=size * 0.52,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(240, 240, 240)), borders_layout="HORIZONTAL_LINES",
                   padding=(0.8, 1.2), v_align="TOP") as grid:
        head = grid.row()
        for text in table.headers:
            head.cell(_breakable(text))
        for cells in table.rows:
            row = grid.row()
            for text in cells:
                row.cell(_breakable(text))
    pdf.ln(3)
