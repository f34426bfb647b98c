# Two commands do everything on a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
CATALOGUES := $(wildcard site/locale/*/LC_MESSAGES/django.po)

.PHONY: run test lint check messages catalogues bench clean browser-deps

$(BIN)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Compiled catalogues are build output: made here, never committed.
%.mo: %.po $(BIN)/.installed
	$(BIN)/python -m config.catalogues compile $<

messages: $(CATALOGUES:.po=.mo)

run: $(BIN)/.installed messages
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's chromium; install it when missing and allowed to.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

# One worker per CPU (TEST_WORKERS=0 runs in one process); a test file stays on one worker so
# its module-wide fixtures are built once.
TEST_WORKERS ?= auto
test: $(BIN)/.installed messages browser-deps
	mkdir -p var
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --junitxml=var/test-results.xml $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The habits CI keeps: migrations match the models, the Arabic catalogue is complete.
check: $(BIN)/.installed messages
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m config.catalogues check site/locale/ar/LC_MESSAGES/django.po

catalogues: $(BIN)/.installed
	$(MANAGE) makemessages --locale ar --locale fr --ignore '.venv/*' --ignore 'var/*' --no-obsolete

# Lighthouse comes from npm, installed from its lock file, again whenever the lock changes; where
# npm is missing, `make bench` runs the other benchmarks and says Lighthouse was skipped.
LIGHTHOUSE := bench/lighthouse
NPM := $(shell command -v npm)
$(LIGHTHOUSE)/node_modules/.installed: $(LIGHTHOUSE)/package-lock.json
	cd $(LIGHTHOUSE) && npm ci --no-audit --no-fund
	touch $@

# SEARCH_PAGES=20000 for the full-size search measurement (building the pages takes a while).
SEARCH_PAGES ?= 2000
SITE_PAGES ?= 10000
bench: $(BIN)/.installed messages browser-deps $(if $(NPM),$(LIGHTHOUSE)/node_modules/.installed)
	$(BIN)/python bench/site_bench.py --pages $(SITE_PAGES)
	$(BIN)/python bench/search_bench.py --pages $(SEARCH_PAGES)
	$(BIN)/python bench/submission_bench.py
ifneq ($(NPM),)
	$(BIN)/python bench/lighthouse.py
else
	@echo "npm is not installed: Lighthouse skipped (sudo apt-get install npm)"
endif

clean:
	rm -rf $(VENV) var $(LIGHTHOUSE)/node_modules
