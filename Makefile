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
# The browser journeys drive this Chromium; Playwright never downloads its own browser.
CHROMIUM ?= /usr/bin/chromium
PYTEST_ENV := POLLINATE_CHROMIUM=$(CHROMIUM)
# pytest exits 5 when it collected nothing: a suite that ran no tests must not look green.
define pytest_run
	$(2) $(PYTEST_ENV) $(BIN)/pytest $(1); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests (exit 5): the suite is missing or all deselected"; fi; \
	exit $$rc
endef

.PHONY: help venv chromium run test test-fast test-postgres e2e lint fmt migrations-check bench clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Pollinate needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP) ## create .venv and install Pollinate with its development tools

chromium: ## make sure the system Chromium the browser journeys use is there (installs it when root)
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Chromium for the browser journeys (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1; \
	    [ -x "$(CHROMIUM)" ] || { echo "Chromium was installed but $(CHROMIUM) is still missing; set CHROMIUM=/path/to/chromium"; exit 1; }; \
	  else \
	    echo "The browser journeys need Chromium at $(CHROMIUM): run 'sudo apt-get install -y chromium' (or make test CHROMIUM=/path/to/chromium)"; \
	    exit 1; \
	  fi; \
	fi

run: $(STAMP) ## migrate an SQLite database, load the demo district, serve on http://127.0.0.1:8000
	mkdir -p var
	$(DEMO_ENV) $(BIN)/pollinate migrate --noinput
	$(DEMO_ENV) $(BIN)/pollinate roster_fail_interrupted
	$(DEMO_ENV) $(BIN)/pollinate seed_demo --size small
	$(DEMO_ENV) $(BIN)/pollinate runserver $(HOST):$(PORT)

test: $(STAMP) chromium ## the whole suite on SQLite: lint, migrations check, unit + integration tests, browser journeys
	$(BIN)/ruff check .
	DJANGO_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run >/dev/null
	@# DATABASE_URL is dropped so this run is the SQLite one even where PostgreSQL is configured.
	$(call pytest_run,-n 2 -q,env -u DATABASE_URL)

test-fast: $(STAMP) ## the suite without the browser journeys, stopping at the first failure
	$(call pytest_run,-n 2 -q -x -m "not e2e")

test-postgres: $(STAMP) ## the database tests again on PostgreSQL (DATABASE_URL, default: local server)
	@# pytest-django names each xdist worker's database test_<name>_gw<N>, so the two workers never collide.
	$(call pytest_run,-n 2 -q -m "not e2e",DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pollinate})

e2e: $(STAMP) chromium ## only the browser journeys (system Chromium, CHROMIUM=/usr/bin/chromium by default)
	$(call pytest_run,-q -m e2e)

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
