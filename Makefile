# Developer entry points: `make run` serves the demo project, `make test` runs
# the suite once per user model. VENV, PYTHON and DJANGO select another
# interpreter or Django release, e.g.
#   make test VENV=.ci/venv313 PYTHON=python3.13 DJANGO='Django>=6.1,<6.2'

VENV ?= .venv
PYTHON ?= python3
DJANGO ?=
BIN := $(abspath $(VENV))/bin
PYTEST ?= $(BIN)/python -m pytest
PYTEST_ARGS ?=
# pytest-xdist: one worker per CPU.
XDIST ?= -n auto
USER_MODELS := auth.User testapp.EmailUser testapp.CustomUser
STAMP := $(VENV)/.djoser-installed

.PHONY: install run test test-lanes test-devicetokens lint docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the packaging metadata changes.
$(STAMP): $(BIN)/python setup.py pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[jwt,test]' $(if $(DJANGO),'$(DJANGO)')
	touch $@

install: $(STAMP)

run: install
	cd testproject && $(BIN)/python manage.py migrate --noinput
	cd testproject && $(BIN)/python manage.py runserver 127.0.0.1:8088

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

# This package against djoser 2.3.5, dj-rest-auth and django-rest-knox
# (docs/performance.rst); builds its virtualenvs under bench/.venvs/. Not part
# of `make test` or CI. BENCH_ARGS: e.g. --quick, --no-load, --rounds 9.
BENCH_ARGS ?=
.PHONY: bench
bench:
	$(PYTHON) bench/compare.py $(BENCH_ARGS)
