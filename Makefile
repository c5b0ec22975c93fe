# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
# The exact versions, with hashes: requirements/dev.txt (everything, for development and tests)
# and requirements/runtime.txt (what the bot needs, the same versions; the Dockerfile's).
LOCK    := requirements/dev.txt
RUNTIME := requirements/runtime.txt
STAMP   := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
COMPILE  = $(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
           --no-emit-index-url --no-emit-find-links $(PIP_COMPILE_ARGS)
PG_URL  ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test
# Set TEST_DATABASE_URL when PostgreSQL answers on 127.0.0.1:5432 (and none was given).
PG_ENV   = if [ -z "$$TEST_DATABASE_URL" ] && $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; \
           then export TEST_DATABASE_URL=$(PG_URL); fi;

.PHONY: i18n demo test check lint typecheck unit bench console clean lock audit imports browser screenshots simulate

$(PY):
	@echo "Making a Python environment in $(VENV) (first time only)..."
	$(PYTHON) -m venv $(VENV)

# Installs the lock exactly (every file checked against its hash), then plcbot itself.
$(STAMP): pyproject.toml $(LOCK) | $(PY)
	@echo "Installing plcbot and its packages into $(VENV): Slack, Discord, SQLAlchemy and the"
	@echo "test tools. This takes about two minutes the first time (less when pyproject.toml changes)."
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@echo "Installed."
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# After changing a dependency range in pyproject.toml: resolve again, keeping every pin that
# still fits (`make lock PIP_COMPILE_ARGS=--upgrade` takes the newest that fit instead).
# tests/unit/test_lock.py fails while pyproject.toml and the lock disagree.
lock: | $(PY)
	test -x $(VENV)/bin/pip-compile || $(PY) -m pip install --quiet 'pip-tools>=7.4,<7.7'
	$(COMPILE) --extra dev -o $(LOCK) pyproject.toml
	$(COMPILE) -c $(LOCK) -o $(RUNTIME) pyproject.toml

# Known vulnerabilities in the locked versions (pip-audit); a package the vulnerability
# service could not be asked about fails the audit, never passes silently.
audit: $(STAMP)
	$(PY) tools/audit.py $(RUNTIME) $(LOCK)

# The message catalogs: re-extract the code's English strings into prompts/plcbot.pot, add the
# new ones to every prompts/<lang>/plcbot.po (to translate), compile each into plcbot.mo.
i18n: $(STAMP)
	$(PY) tools/i18n.py all

# `make demo LANG=es`: the demo (or the console) with the community's default language set.
# LANG is also the shell's locale (en_US.UTF-8), so only a LANG given on make's command line
# counts; otherwise the settings' default_language (or English) is kept.
LANGUAGE_OPTION := $(if $(filter command line,$(origin LANG)),--language $(LANG))

demo: $(STAMP)
	$(VENV)/bin/plcbot demo $(LANGUAGE_OPTION)

console: $(STAMP)
	$(VENV)/bin/plcbot console $(LANGUAGE_OPTION)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/hadolint Dockerfile

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The web panel's browser tests run in Debian's chromium (Playwright's own browser download
# cannot be reached here); installed when missing.
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

# The web panel's main pages at desktop and phone widths, for the README.
screenshots: $(STAMP) browser
	$(PY) tools/screenshots.py

test: lint typecheck browser
	@$(PG_ENV) echo "TEST_DATABASE_URL=$${TEST_DATABASE_URL:-<unset: PostgreSQL tests will skip, or fail under CI=true>}"; \
	$(PY) -m pytest -q -n $(TEST_WORKERS)

# Most of the suite waits on real processes, sockets and timeouts rather than the CPU, so four
# workers (pytest-xdist) finish it in about a third of the time even on two cores; every test
# owns its database, ports and folders. TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 4

# The fast loop: lint, type check, and the unit, architecture and prompt-library tests.
# `make test` stays the full suite (SQLite and PostgreSQL, adapters, scheduler, reliability).
FAST_TESTS = tests/unit tests/test_architecture.py tests/test_prompt_library.py tests/test_catalogs.py tests/test_operations_docs.py \
             tests/test_library_parity.py \
             tests/test_sizes.py

check: lint typecheck
	$(PY) -m pytest -q $(FAST_TESTS)

# The import picture: which of our packages each package imports, and any arrow the wrong way.
imports: $(STAMP)
	@$(PY) -m tools.imports

bench: $(STAMP)
	@$(PG_ENV) $(PY) -m benchmarks

# The school year, simulated through the real adapters and scheduler and checked against an
# independent count (simulation/); writes docs/simulation.md. SEED picks the district and what
# everyone does; UNTIL (YYYY-MM-DD) stops early. The scale: TEAMS (each with its facilitator),
# TEACHERS, WEEKS; by default the whole district's year, both DST changes and every break
# (`plcbot simulate` runs a small one). SAMPLE: teachers asked at each checkpoint.
# SLACK=socket drives Slack in Socket Mode instead of HTTP. PG=1 runs it on PostgreSQL at
# PG_URL (in a database of its own) instead of SQLite, served by PROCESSES `plcbot run`
# processes (2: a killed process and 20 s database cuts; 1: in the simulation's process).
SEED     ?= 1
UNTIL    ?=
TEAMS    ?= 36
TEACHERS ?= 600
WEEKS    ?= 36
SAMPLE   ?= 12
SLACK    ?= http
PROCESSES ?= 2
simulate: $(STAMP)
	$(PY) -m simulation --seed $(SEED) $(if $(UNTIL),--until $(UNTIL)) --teams $(TEAMS) \
	  --teachers $(TEACHERS) --weeks $(WEEKS) --sample $(SAMPLE) --slack $(SLACK) \
	  $(if $(PG),--postgres $(PG_URL) --processes $(PROCESSES))

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache data
