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
# What is installed: the demo's extras for `make run`, all of them for the rest.
DEMO_STAMP := $(VENV)/.djoser-demo-installed
STAMP := $(VENV)/.djoser-installed
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: install install-demo run test test-lanes test-devicetokens test-concurrency lint docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the packaging metadata changes.
$(DEMO_STAMP): $(BIN)/python setup.py pyproject.toml
	$(PIP) install -e '.[demo]' $(if $(DJANGO),'$(DJANGO)')
	touch $@

$(STAMP): $(BIN)/python setup.py pyproject.toml
	$(PIP) install -e '.[demo,test]' $(if $(DJANGO),'$(DJANGO)')
	touch $(DEMO_STAMP) $@

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
docs: install
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	$(BIN)/sphinx-build -W -q -b html docs docs/_build/html

# The demo app clicked through in headless Chromium (/usr/bin/chromium and
# /usr/bin/chromedriver); screenshots land in artifacts/e2e/.
.PHONY: e2e
e2e: install
	$(BIN)/python -m pip install --quiet -e '.[e2e]'
	$(PYTEST) e2e $(PYTEST_ARGS)
