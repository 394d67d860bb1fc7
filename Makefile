# The README's two commands. Both do all of their own set-up on a fresh Debian machine.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
TSTAMP  := $(VENV)/.installed-test

.PHONY: run test lint install translations lock clean css

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Exact versions with hashes from the lock files; the project itself without dependencies.
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(TSTAMP): pyproject.toml requirements-test.lock $(STAMP)
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	touch $@

translations: $(STAMP)
	$(BIN)/pybabel compile --statistics -d translations 2>&1 | grep -v '^compiling' || true

install: $(STAMP) translations

## make run: install, migrate, demo data, mail worker, portal at http://127.0.0.1:5000
run: install
	PORTAL_DEMO=1 $(BIN)/portal init-db
	PORTAL_DEMO=1 $(BIN)/portal seed-demo
	PORTAL_DEMO=1 bash scripts/run-dev.sh

## make lint: formatting, lint rules, types and the import layers (make test runs it first)
lint: $(TSTAMP)
	$(BIN)/ruff format --check --quiet .
	$(BIN)/ruff check --quiet .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

## make test: venv, test deps, Debian packages, lint, then SQLite, PostgreSQL, browser
test: $(TSTAMP) translations
	bash scripts/ensure-system-packages.sh
	$(MAKE) --no-print-directory lint
	bash scripts/test-all.sh

## make lock: after changing dependencies in pyproject.toml (needs PyPI), write the lock files
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile -q --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu pyproject.toml -o requirements.lock
	$(BIN)/uv pip compile -q --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu pyproject.toml --extra test -o requirements-test.lock
	$(BIN)/uv pip compile -q --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu pyproject.toml --extra bench -o requirements-bench.lock

## make css: the NL Design System CSS the templates use, from the npm packages (needs Node.js)
css:
	cd assets && npm ci --ignore-scripts --no-audit --no-fund && node build-css.mjs

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache .import_linter_cache \
	  tests/servers/oidc/node_modules tests/servers/oidc/.runtime assets/node_modules tests/servers/vnu/node_modules
