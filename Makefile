# Development commands. `make examples` and `make test` work on a fresh clone:
# they create .venv and install the project and its test tools into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: examples test lint goldens bench profile templates browser-tools clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e . --group dev
	touch $(STAMP)

examples: $(STAMP)  ## render the bundled example releases into examples/out/
	$(BIN)/python examples/make_releases.py

test: $(STAMP)  ## run the whole test suite, type check and lint
	$(BIN)/python -m pytest
	$(BIN)/python -m mypy
	$(BIN)/python -m ruff check src tests examples benchmarks

goldens: $(STAMP)  ## rewrite the golden files after a deliberate change; review the diff
	$(BIN)/python tests/update_goldens.py

bench: $(STAMP)  ## time rendering against python-docx and bare imports (see README)
	$(BIN)/python benchmarks/bench.py

templates: $(STAMP)  ## compile the templates into the checkout again after editing them (optional)
	$(BIN)/python hatch_build.py

profile: $(STAMP)  ## show where the time of the benchmarked renders goes (pyinstrument)
	$(BIN)/python benchmarks/profile.py

browser-tools:  ## axe-core for the browser tests, from the npm registry (Chromium: apt, see README)
	npm ci --prefix tests/browser --no-audit --no-fund

clean:
	rm -rf $(VENV) examples/out build dist tests/browser/node_modules
