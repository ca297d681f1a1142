# Two commands matter: `make demo` and `make test`. Both build .venv from pyproject.toml first.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint install sample-data clean bench lab

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=…)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.notebooks-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[notebooks]'
	@touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

install: $(VENV)/.installed

## Run the whole job on the sample data in data/raw/: results to data/processed/, charts to figures/.
## The notebooks are run too and written as pages (figures/notebooks/*.html), to read without Jupyter.
demo: $(VENV)/.notebooks-installed
	$(BIN)/ita demo
	$(BIN)/python notebooks/build_notebooks.py --html figures/notebooks

## Open the notebooks in JupyterLab (installs the optional "analysis" extra).
lab: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[analysis]'
	cd notebooks && ../$(BIN)/jupyter lab

## The checks first (style and docstrings, types, the layers' import contract), then the whole test suite
## (notebooks and slow tests included).
test: lint
	$(BIN)/python -m pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check ita_analytics tests benchmarks notebooks
	$(BIN)/mypy
	$(BIN)/lint-imports

## Regenerate the committed sample data (seeded: the same files every time).
sample-data: $(VENV)/.installed
	$(BIN)/python -c 'from ita_analytics.app._synth import write_sample_data; write_sample_data("data/raw")'

clean:
	rm -rf $(VENV) data/processed/* figures/* .pytest_cache

## National-scale benchmark: results go into benchmarks/README.md.
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py
