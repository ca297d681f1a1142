"""A real Thai font for every chart: Sarabun, installed from the package index."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["thai_font_files", "use_thai_font"]


def thai_font_files() -> list[Path]:
    """The Sarabun .ttf files shipped by the ``fontpkg-sarabun`` package."""
    import fontpkg_sarabun

    return sorted((Path(fontpkg_sarabun.ROOT) / "files").glob("Sarabun-*.ttf"))


@cache
def use_thai_font(family: str = "Sarabun") -> str:
    """Register Sarabun with matplotlib and make ``family`` the default; returns the family.

    Raises
    ------
    RuntimeError
        When the font files are missing (the package installs them; reinstall it).
    """
    import matplotlib
    from matplotlib import font_manager

    files = thai_font_files()
    if not files:
        raise RuntimeError("the Sarabun font files are missing: reinstall the package (pip install fontpkg-sarabun)")
    for ttf in files:
        font_manager.fontManager.addfont(str(ttf))
    matplotlib.rcParams["font.family"] = family
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["text.parse_math"] = False  # names are plain text: "$…$" in a department's name is no formula
    matplotlib.rcParams["svg.fonttype"] = "path"  # SVGs show Thai without the font installed
    return family
