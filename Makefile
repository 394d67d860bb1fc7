# The README's two commands. Both do all of their own set-up on a fresh Debian machine.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
TSTAMP  := $(VENV)/.installed-test

.PHONY: run test install translations clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

translations: $(STAMP)
	$(BIN)/pybabel compile --statistics -d translations 2>&1 | grep -v '^compiling' || true

install: $(STAMP) translations

## make run: install, migrate, demo data, mail worker, portal at http://127.0.0.1:5000
run: install
	PORTAL_DEMO=1 $(BIN)/portal init-db
	PORTAL_DEMO=1 $(BIN)/portal seed-demo
	PORTAL_DEMO=1 bash scripts/run-dev.sh

## make test: venv, test deps, Debian chromium + postgresql, then SQLite, PostgreSQL, browser
test: $(TSTAMP) translations
	bash scripts/ensure-system-packages.sh
	bash scripts/test-all.sh

clean:
	rm -rf $(VENV) instance .pytest_cache tests/servers/oidc/node_modules tests/servers/oidc/.runtime
