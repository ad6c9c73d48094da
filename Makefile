# Pollinate: `make run` for the demo district, `make test` for the whole suite. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo runs with debug on; production never should (see README, "Configuration").
DEMO_ENV := DJANGO_DEBUG=true

.PHONY: help venv run test test-fast test-sqlite test-postgres e2e lint fmt migrations-check bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Pollinate needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install Pollinate with its development tools

run: $(STAMP) ## migrate an SQLite database, load the demo district, serve on http://127.0.0.1:8000
	mkdir -p var
	$(DEMO_ENV) $(BIN)/pollinate migrate --noinput
	$(DEMO_ENV) $(BIN)/pollinate seed_demo --size small
	$(DEMO_ENV) $(BIN)/pollinate runserver $(HOST):$(PORT)

test: $(STAMP) ## the whole suite: lint, migrations check, unit + integration tests, browser journeys
	$(BIN)/ruff check .
	DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run >/dev/null
	$(BIN)/pytest -n 2 -q

test-fast: $(STAMP) ## the suite without the browser journeys, stopping at the first failure
	$(BIN)/pytest -n 2 -q -x -m "not e2e"

test-postgres: $(STAMP) ## the database tests again on PostgreSQL (DATABASE_URL, default: local server)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pollinate} $(BIN)/pytest -n 2 -q -m "not e2e"

e2e: $(STAMP) ## only the browser journeys (needs Chromium at /usr/bin/chromium)
	$(BIN)/pytest -q -m e2e

lint: $(STAMP) ## ruff
	$(BIN)/ruff check .

fmt: $(STAMP) ## fix what ruff can fix
	$(BIN)/ruff check --fix .

migrations-check: $(STAMP) ## fail if a model change has no migration
	DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

bench: $(STAMP) ## run the benchmarks (slow; prints figures)
	$(BIN)/python bench/run_all.py

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var
