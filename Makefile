# melihub — every install step lives here, so a fresh machine needs only python3 (and node for the UI).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench bench-tools schema install clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)  ## the product on embedded PostgreSQL + Redis, with demo data from the sandbox
	$(BIN)/melihub demo

test: lint typecheck pytest  ## the whole suite

lint: $(STAMP)
	$(BIN)/ruff check backend workers tests bench
	$(BIN)/ruff format --check backend workers tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

schema: $(STAMP)  ## regenerate schema.graphql from the code
	$(BIN)/melihub export-schema -o schema.graphql

bench-tools:  ## wrk, the load generator bench/ingest drives (Debian's package)
	@command -v wrk >/dev/null || (apt-get install -y wrk || (apt-get update && apt-get install -y wrk)) \
		|| (echo "bench needs wrk: install Debian's package 'wrk'" && exit 1)

bench: $(STAMP) bench-tools  ## print benchmark figures (see docs/performance.md)
	@for script in bench/*/run.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .melihub .mypy_cache .ruff_cache .pytest_cache
