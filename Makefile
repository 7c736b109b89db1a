# My Kazan: the two set-up commands are `make run` and `make test`; both start from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install migrate run test lint bench fuzz i18n clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "My Kazan needs Python 3.11 or newer (set PYTHON=python3.11)")'
	@echo "Installing My Kazan into $(VENV) (a minute or two the first time)..."
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/mykazan migrate

# `mykazan run` migrates (idempotent) before it starts, so a fresh clone needs nothing else.
# Quiet: the page's address (sandbox mode) is the last thing it prints at start.
run: install
	@$(BIN)/mykazan run

test: lint
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy bot domain storage handlers scheduler sandbox

# bench_public_page.py needs PostgreSQL at 127.0.0.1:5432 and takes a few minutes (a million
# requests); run it alone with --requests 50000 for a quick look.
bench: install
	$(BIN)/python tests/bench/bench_address.py
	$(BIN)/python tests/bench/bench_updates.py
	$(BIN)/python tests/bench/bench_latency.py
	$(BIN)/python tests/bench/bench_webhook.py --minutes 1
	$(BIN)/python tests/bench/bench_outbox.py
	$(BIN)/python tests/bench/bench_broadcast.py
	$(BIN)/python tests/bench/crash_broadcast.py
	$(BIN)/python tests/bench/bench_targeting.py
	$(BIN)/python tests/bench/bench_faq.py
	$(BIN)/python tests/bench/bench_public_page.py
	$(MAKE) fuzz

# Schemathesis, the long run (every check and phase, 200 examples per operation and phase)
# against the admin API on 127.0.0.1; `make test` runs a short one (tests/api/test_fuzz.py).
fuzz: install
	$(BIN)/python tests/bench/fuzz_api.py

# Extract message ids from the code into the template, merge into every catalogue, compile.
i18n: install
	$(BIN)/pybabel extract --no-location --sort-output -k _ -k __ -k ngettext:1,2 -k lazy_ngettext:1,2 \
		-o locales/messages.pot bot handlers domain
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -d locales -D messages -i locales/messages.pot
	$(BIN)/python -m bot.i18n_source locales/ru/LC_MESSAGES/messages.po
	$(BIN)/pybabel compile -d locales -D messages --statistics

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
