# Ningxia Portal — `make help` lists the targets.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_BENCH := $(VENV)/.installed-bench
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run test lint format evolve bench i18n mo clean

help: ## Show this help.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install 'setuptools<81' wheel

$(STAMP_RUN): $(BIN)/python setup.cfg setup.py pyproject.toml
	$(PIP) install -e ".[dev]"
	@touch $@

$(STAMP_TEST): $(BIN)/python setup.cfg setup.py pyproject.toml
	$(PIP) install -e '.[test,dev,relstorage]'
	@touch $@ $(STAMP_RUN)

run: $(STAMP_RUN) ## Serve development.ini (demo data, FileStorage in var/) at http://127.0.0.1:6543/.
	@mkdir -p var/blobs
	$(BIN)/pserve development.ini

test: $(STAMP_TEST) ## Install the test extras and run the whole suite.
	@mkdir -p var
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP_TEST) ## ruff check and format check.
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP_TEST) ## Apply ruff's fixes and formatting.
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

evolve: $(STAMP_RUN) ## Run pending evolve steps on development.ini's database.
	@mkdir -p var/blobs
	$(BIN)/ningxia-portal-evolve development.ini

$(STAMP_BENCH): $(STAMP_RUN) setup.cfg setup.py pyproject.toml
	$(PIP) install -e ".[dev,bench]"
	@touch $@

BENCH_ARGS ?=
bench: $(STAMP_BENCH) ## Generate/reuse a dataset, serve it, drive it with wrk; writes bench/results/.
	bench/setup
	$(BIN)/python -m bench.run $(BENCH_ARGS)

LOCALE := src/ningxia_portal/locale
i18n: $(STAMP_TEST) ## Extract messages into the .pot and update zh_CN; translate, then `make mo`.
	$(BIN)/pybabel extract --no-location --sort-output -F babel.cfg -o $(LOCALE)/ningxia_portal.pot src/ningxia_portal
	$(BIN)/pybabel update --no-fuzzy-matching --width 100 -D ningxia_portal -i $(LOCALE)/ningxia_portal.pot -d $(LOCALE) -l zh_CN

mo: $(STAMP_TEST) ## Compile the .po catalogs (ours and colander's zh_CN) into .mo files.
	$(BIN)/pybabel compile -d $(LOCALE) -D ningxia_portal -l zh_CN
	$(BIN)/pybabel compile -d $(LOCALE) -D colander -l zh_CN

clean: ## Remove the virtualenv and the local database.
	rm -rf $(VENV) var build src/*.egg-info bench/work .hypothesis
