"""The house rules a newcomer can rely on, checked on every run (ruff, mypy and the import
contract run before pytest in ``make test``; these cover what they do not)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ita_analytics"
MAX_LINES = 80


def _functions(path: Path) -> list[tuple[str, int, int]]:
    """(name, first line, length without its docstring) of every function in a file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0]
            doc = (first.end_lineno - first.lineno + 1 if isinstance(first, ast.Expr)
                   and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str) else 0)
            out.append((node.name, node.lineno, node.end_lineno - node.lineno + 1 - doc))
    return out


def test_no_function_is_longer_than_80_lines():
    long = [f"{p.relative_to(ROOT)}:{line} {name} ({n} lines)" for p in sorted(PACKAGE.rglob("*.py"))
            for name, line, n in _functions(p) if n > MAX_LINES]
    assert not long, long


def test_the_package_shows_its_layers_as_subpackages_each_with_a_map():
    for layer in ("core", "io", "stats", "output", "app"):
        init = PACKAGE / layer / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, layer
        for module in (PACKAGE / layer).glob("_*.py"):  # every module is on its layer's map
            if module.name != "__init__.py":
                assert f"``{module.stem}``" in doc, f"{layer}/{module.name} is not in {layer}/__init__.py"


def test_every_suppression_says_why_on_its_line():
    bare = []
    for path in [*PACKAGE.rglob("*.py"), *(ROOT / "tests").glob("*.py"), *(ROOT / "benchmarks").glob("*.py")]:
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"#\s*(noqa|type:\s*ignore)\b", line) and not re.search(
                    r"#\s*(noqa|type:\s*ignore)[^#]*#\s*\S", line):
                bare.append(f"{path.relative_to(ROOT)}:{k}")
    assert not bare, bare


def test_the_catalogue_speaks_both_languages_and_has_every_word_used():
    from ita_analytics.output._i18n import WORDS, say

    for key, texts in WORDS.items():
        assert set(texts) == {"th", "en"} and all(t.strip() for t in texts.values()), key
        fields = [set(re.findall(r"\{(\w+)", t)) for t in texts.values()]
        assert fields[0] == fields[1], f"{key}: the two languages fill in different values"
    used = set()
    for path in (PACKAGE / "output").glob("*.py"):
        used |= set(re.findall(r"""say\(\s*f?["']([\w.{}]+)["']""", path.read_text(encoding="utf-8")))
    literal = {u for u in used if "{" not in u}
    assert literal and literal <= set(WORDS), sorted(literal - set(WORDS))
    assert say("report.title", "th", year=2566) == "รายงานผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2566"
    assert say("report.title", "en", year=2566) == "ITA assessment report FY2566"


def test_words_shown_to_people_come_from_the_catalogue():
    """The language is chosen in one place: no ``… if th else …`` picks between two texts."""
    pattern = re.compile(r"""f?["'][^"'\n]*["']\)?\s+if\s+th\s+else\s+\(?f?["']""")  # also across a line break
    found = [f"{p.relative_to(ROOT)}: {m.group(0)[:60]!r}" for p in PACKAGE.rglob("*.py")
             for m in pattern.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found


def test_notebooks_import_only_the_public_api():
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        assert not re.search(r"ita_analytics\.(_|core|io|stats|output|app)", code), nb.name
