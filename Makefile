# Developer entry points: `make run` serves the demo project, `make test` runs
# the suite once per user model. VENV, PYTHON and DJANGO select another
# interpreter or Django release, e.g.
#   make test VENV=.ci/venv313 PYTHON=python3.13 DJANGO='Django>=6.1,<6.2'
# PORT chooses the demo's port: PORT=9000 make run.

VENV ?= .venv
PYTHON ?= python3
DJANGO ?=
PORT ?= 8088
BIN := $(abspath $(VENV))/bin
PYTEST ?= $(BIN)/python -m pytest
PYTEST_ARGS ?=
# pytest-xdist: one worker per CPU.
XDIST ?= -n auto
USER_MODELS := auth.User testapp.EmailUser testapp.CustomUser
# What is installed, each with a stamp file: the package with the demo's
# extra for `make run`; the other extras' requirements on top of it.
DEMO_STAMP := $(VENV)/.djoser-demo-installed
STAMP := $(VENV)/.djoser-test-installed
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# Prints the requirements of one extra of the installed package (its name
# follows), read from the package's metadata.
EXTRA_REQUIREMENTS := $(BIN)/python -c 'import sys; from importlib.metadata import requires; marker = "extra == \"%s\"" % sys.argv[1]; print("\n".join(r.replace(" and " + marker, "").replace("; " + marker, "") for r in requires("djoser") if r.endswith(marker)))'

.PHONY: install install-demo run test test-lanes test-devicetokens test-concurrency lint docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The package is (re)installed only when the packaging metadata changes.
$(DEMO_STAMP): $(BIN)/python setup.py pyproject.toml
	$(PIP) install -e '.[demo]' $(if $(DJANGO),'$(DJANGO)')
	touch $@

# An extra's requirements alone, not the package again: reinstalling it
# rewrites its editable finder, which restarts the server of a running
# `make run` (and they change only when the metadata does).
$(VENV)/.djoser-%-installed: $(DEMO_STAMP)
	$(EXTRA_REQUIREMENTS) $* > $(VENV)/$*-requirements.txt
	$(PIP) install -r $(VENV)/$*-requirements.txt $(if $(DJANGO),'$(DJANGO)')
	touch $@

install-demo: $(DEMO_STAMP)

install: $(STAMP)

# Passkeys are bound to the page's origin: the demo's follows PORT.
run: install-demo
	cd testproject && $(BIN)/python manage.py migrate --noinput --verbosity 0
	cd testproject && DJOSER_DEMO_ORIGIN=http://localhost:$(PORT) \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	@$(MAKE) --no-print-directory test-lanes
	@$(MAKE) --no-print-directory test-devicetokens

# One pytest run per user model; exit code 5 (nothing collected) is not a failure.
test-lanes:
	@status=0; \
	for model in $(USER_MODELS); do \
		echo "---- user model $$model ----"; \
		DJOSER_TEST_USER_MODEL=$$model $(PYTEST) $(XDIST) $(PYTEST_ARGS); \
		code=$$?; \
		if [ $$code -eq 5 ]; then code=0; fi; \
		if [ $$code -ne 0 ]; then status=1; echo "---- FAILED: $$model ----"; fi; \
	done; \
	exit $$status

# The suite again with djoser.devicetokens as TOKEN_MODEL (one user model is
# enough: the token code does not depend on it); drf_token tests are left out.
test-devicetokens:
	@echo "---- TOKEN_MODEL djoser.devicetokens ----"; \
	DJOSER_TEST_TOKEN_MODEL=devicetokens DJOSER_TEST_USER_MODEL=auth.User \
		$(PYTEST) $(XDIST) $(PYTEST_ARGS); \
	code=$$?; if [ $$code -eq 5 ]; then code=0; fi; exit $$code

# Bursts of parallel requests against the testproject under gunicorn (2
# processes x 16 threads) on PostgreSQL and Redis, which the suite starts
# itself (pg_config, initdb and redis-server must be installed). The other
# targets do not collect tests/concurrency.
test-concurrency: install
	DJOSER_CONCURRENCY_SUITE=1 DJOSER_TEST_USER_MODEL=auth.User \
		$(PYTEST) -p no:xdist tests/concurrency $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The documentation, with warnings treated as errors.
docs: install $(VENV)/.djoser-docs-installed
	$(BIN)/sphinx-build -W -q -b html docs docs/_build/html

# The demo app clicked through in headless Chromium (/usr/bin/chromium and
# /usr/bin/chromedriver); screenshots land in artifacts/e2e/.
.PHONY: e2e
e2e: install $(VENV)/.djoser-e2e-installed
	$(PYTEST) e2e $(PYTEST_ARGS)

# This package against djoser 2.3.5, dj-rest-auth and django-rest-knox
# (docs/performance.rst); builds its virtualenvs under bench/.venvs/. Not part
# of `make test` or CI. BENCH_ARGS: e.g. --quick, --no-load, --rounds 9.
BENCH_ARGS ?=
.PHONY: bench
bench:
	$(PYTHON) bench/compare.py $(BENCH_ARGS)
