# `make run` opens the app, `make test` runs ruff and the whole suite headless.
# Both create .venv in the repo root and install the project (editable, with the test extra) first.
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench clean translations

$(VPY):
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VPY) main.py

test: $(STAMP)
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -n auto --dist loadfile

lint: $(STAMP)
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .

format: $(STAMP)
	$(VPY) -m ruff format .
	$(VPY) -m ruff check --fix .

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VPY) -m benchmarks.run

# Refresh gui/i18n/*.ts from the code, then compile them to the .qm files the window loads.
translations: $(STAMP)
	$(VPY) -m gui.i18n.update

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
