# The two commands of the README: `make run` and `make test`. Everything they need is set up
# from this repository's own files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_STAMP := $(VENV)/.dev-installed
RUN_STAMP := $(VENV)/.installed

# Development defaults; production sets these in its own environment.
run test check lint migrations: export DJANGO_DEBUG ?= 1
test: export DJANGO_DEBUG = 0
test: export DJANGO_SECRET_KEY ?= test-only-secret-key-not-for-production

.PHONY: run test check lint format migrations css bench clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs the exact versions in requirements.lock (`make lock` refreshes it).
$(RUN_STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --constraint requirements.lock .
	touch $@

$(DEV_STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --constraint requirements.lock ".[dev]"
	touch $@ $(RUN_STAMP)

lock: $(DEV_STAMP)
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock pyproject.toml

run: $(RUN_STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Two runs: the browser tests need the live server on plain HTTP (DJANGO_HTTPS=0); every other
# test runs with production's HTTPS settings. Exit 5 means "none selected" (PYTEST_ARGS).
test: $(DEV_STAMP)
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	DJANGO_HTTPS=0 $(BIN)/python -m pytest -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]

lint: $(DEV_STAMP)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/python -m ruff format .
	$(BIN)/python -m ruff check --fix .

migrations: $(DEV_STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

# Rebuild the compiled GOV.UK Frontend assets under static/ (needs Node and npm).
css:
	frontend/build.sh

# Load every page type on PostgreSQL with 100,000 projects and report throughput and latency
# against a bare view (see bench/README.md). Not part of `make test`.
bench: $(DEV_STAMP)
	bench/run.sh

clean:
	rm -rf $(VENV) staticfiles
