# Two commands do everything on a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
CATALOGUES := $(wildcard site/locale/*/LC_MESSAGES/django.po)

.PHONY: run test lint lock check messages catalogues bench clean browser-deps bench-deps screenshots

# Development and tests install the dev lock (the runtime lock plus the test tools); servers install
# requirements.lock alone. Both are hashed: pip installs exactly the files that were locked.
$(BIN)/.installed: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

# `make lock` after changing pyproject.toml's dependencies. Only the package index counts: this
# machine's own pip settings (extra indexes, local wheels) never reach the lock files.
LOCK := env PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= $(BIN)/pip-compile --quiet --strip-extras \
	--generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(BIN)/.installed
	$(LOCK) --output-file requirements.lock pyproject.toml
	$(LOCK) --extra dev --constraint requirements.lock --output-file requirements-dev.lock pyproject.toml

# Compiled catalogues are build output: made here, never committed.
%.mo: %.po $(BIN)/.installed
	$(BIN)/python -m config.catalogues compile $<

messages: $(CATALOGUES:.po=.mo)

# The site's own address (sitemap, feeds, emails) is where this server listens, unless
# SITE_BASE_URL says otherwise; load_demo gives it to the site. The system checks run once, with
# the server: run before, they would report the address load_demo is about to set (another PORT).
SITE_BASE_URL ?= http://127.0.0.1:$(PORT)
run: $(BIN)/.installed messages
	mkdir -p var
	$(MANAGE) migrate --noinput --skip-checks
	SITE_BASE_URL=$(SITE_BASE_URL) $(MANAGE) load_demo
	SITE_BASE_URL=$(SITE_BASE_URL) $(MANAGE) runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's chromium; install it when missing and allowed to. Pages, screenshots
# and printed certificates are checked with the Arabic fonts most Debian desktops have (Noto);
# without them the tests still pass, with Chromium's fallback fonts.
browser-deps:
	@command -v chromium >/dev/null 2>&1 && dpkg-query -W -f='$${Status}' fonts-noto-core 2>/dev/null | grep -q "ok installed" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; \
	  elif ! command -v chromium >/dev/null 2>&1; then \
	    echo "Browser tests need Debian's chromium: sudo apt-get install chromium fonts-noto-core"; exit 1; \
	  else echo "Arabic fonts for the browser tests: sudo apt-get install fonts-noto-core"; fi; }

# One worker per CPU (TEST_WORKERS=0 runs in one process); a test file stays on one worker so
# its module-wide fixtures are built once.
TEST_WORKERS ?= auto
test: $(BIN)/.installed messages browser-deps
	mkdir -p var
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --junitxml=var/test-results.xml $(PYTEST_ARGS)

# lint-imports holds the layers (pyproject.toml's [tool.importlinter], docs/architecture.md).
lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

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
# The site bench loads the server with wrk (a load generator in C; one in Python would take a
# good share of the two cores from the server it measures).
bench-deps:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "The site bench needs wrk: sudo apt-get install wrk"; exit 1; fi; }

bench: $(BIN)/.installed messages browser-deps bench-deps $(if $(NPM),$(LIGHTHOUSE)/node_modules/.installed)
	$(BIN)/python bench/site_bench.py --pages $(SITE_PAGES)
	$(BIN)/python bench/search_bench.py --pages $(SEARCH_PAGES)
	$(BIN)/python bench/search_quality.py
	$(BIN)/python bench/ratelimit_bench.py
	$(BIN)/python bench/submission_bench.py
	$(BIN)/python bench/registration_bench.py
	$(BIN)/python bench/faults.py
ifneq ($(NPM),)
	$(BIN)/python bench/lighthouse.py
else
	@echo "npm is not installed: Lighthouse skipped (sudo apt-get install npm)"
endif

# Every page type in ar, en and fr at 390 and 1366 px, and a contact sheet: var/screenshots/index.html.
screenshots: $(BIN)/.installed messages browser-deps
	$(BIN)/python -m config.screenshots

clean:
	rm -rf $(VENV) var $(LIGHTHOUSE)/node_modules
