# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PG_URL  ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test
# Set TEST_DATABASE_URL when PostgreSQL answers on 127.0.0.1:5432 (and none was given).
PG_ENV   = if [ -z "$$TEST_DATABASE_URL" ] && $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; \
           then export TEST_DATABASE_URL=$(PG_URL); fi;

.PHONY: demo test check lint typecheck unit bench console clean

$(PY):
	@echo "Making a Python environment in $(VENV) (first time only)..."
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	@echo "Installing plcbot and its packages into $(VENV): Slack, Discord, SQLAlchemy and the"
	@echo "test tools. This takes about two minutes the first time (less when pyproject.toml changes)."
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@echo "Installed."
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/plcbot demo

console: $(STAMP)
	$(VENV)/bin/plcbot console

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

test: lint typecheck
	@$(PG_ENV) echo "TEST_DATABASE_URL=$${TEST_DATABASE_URL:-<unset: PostgreSQL tests will skip, or fail under CI=true>}"; \
	$(PY) -m pytest -q

# The fast loop: lint, type check, and the unit, architecture and prompt-library tests.
# `make test` stays the full suite (SQLite and PostgreSQL, adapters, scheduler, reliability).
FAST_TESTS = tests/unit tests/test_architecture.py tests/test_prompt_library.py

check: lint typecheck
	$(PY) -m pytest -q $(FAST_TESTS)

bench: $(STAMP)
	@$(PG_ENV) $(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache data
