"""Every notebook runs top to bottom on the sample data."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def _builder():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_notebooks", NOTEBOOKS[0].parent / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_notebooks_are_built_from_their_source():
    module = _builder()
    assert {p.name for p in NOTEBOOKS} == set(module.NOTEBOOKS)
    for path in NOTEBOOKS:
        cells = nbformat.read(path, as_version=4).cells
        assert [c.source for c in cells] == [src for _, src in module.NOTEBOOKS[path.name]], path.name


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    page = _builder().write_html(nb, tmp_path / "page.html").read_text(encoding="utf-8")  # what make demo writes
    assert "data:image/png;base64" in page and nb.cells[0].source.splitlines()[0].lstrip("# ") in page
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    assert any(o.get("data", {}).get("image/png") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
