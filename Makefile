# Cradle: `make run` to try it, `make test` to prove it.
SHELL := /bin/bash
# The interpreter the virtual environment is made from. The system's own python3 comes first
# where it is 3.11 or newer and can make virtual environments: Debian builds it, as the official
# container images do, with profile-guided and link-time optimisation, and Cradle's pages take
# about a fifth less CPU on it than on a build without them (pyenv's default). PYTHON=... chooses
# another; an existing .venv keeps the interpreter it was made from (`make clean` to change).
SYSTEM_PYTHON := $(shell /usr/bin/python3 -c 'import ensurepip, sys; \
	print(sys.executable if sys.version_info >= (3, 11) else "")' 2>/dev/null)
PYTHON ?= $(or $(SYSTEM_PYTHON),python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
# The Welsh catalogue, without its extension (.po is committed, .mo is built from it).
CATALOGUE := locale/cy/LC_MESSAGES/django

# Tests run with production-like settings (DEBUG off) and a throwaway key.
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-secret-key-not-for-production-use-0123456789abcdef \
	SECURE_SSL_REDIRECT=0 STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage

# The benchmark and the load test run on their own PostgreSQL database, with production
# settings. The default one (role `cradle`, database `cradle_scale` on the local server) is
# created where missing, through the `postgres` role; set SCALE_DATABASE_URL to use another.
SCALE_DATABASE_URL ?= postgres://cradle@127.0.0.1:5432/cradle_scale
PG_ADMIN := psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA
SCALE_ENV := DATABASE_URL=$(SCALE_DATABASE_URL) DEBUG=0 \
	SECRET_KEY=bench-only-secret-key-not-for-production-use-0123456789abcdef
# The same made-up data at the demo's size (a dozen areas), which `make bench` times beside the
# national scale to show which pages grow with the number of areas.
DEMO_SCALE_DATABASE_URL ?= postgres://cradle@127.0.0.1:5432/cradle_demo_scale
DEMO_SCALE_ENV := DATABASE_URL=$(DEMO_SCALE_DATABASE_URL) DEBUG=0 \
	SECRET_KEY=bench-only-secret-key-not-for-production-use-0123456789abcdef

.PHONY: run test install lint format css clean bench scale-data scale-database loadtest \
	demo-scale-data

# WeasyPrint (the board report's PDF) draws with these Debian libraries and font.
# gettext compiles the Welsh catalogue.
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation gettext
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# Installs only the packages `dpkg -s` reports missing; does nothing off Debian.
.PHONY: system-packages
system-packages:
	@command -v dpkg >/dev/null || exit 0; \
	missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing $$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# Order-only: checked on every run, without forcing a reinstall of the virtual environment.
$(STAMP): pyproject.toml | system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP) $(CATALOGUE).mo

# The Welsh catalogue (docs/welsh.md). `make messages` gathers every string marked for
# translation into the .po file, which is committed; the .mo file pages read is built from it.
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=tests --ignore=static \
	--ignore=staticfiles --ignore=cache --ignore=perf/results --ignore=backups
$(CATALOGUE).mo: $(CATALOGUE).po | system-packages
	msgfmt --check --output-file=$@ $<

.PHONY: messages
messages: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages --locale cy --no-obsolete --add-location file \
		$(MESSAGES_IGNORE)
	msgfmt --check --statistics --output-file=$(CATALOGUE).mo $(CATALOGUE).po

run: $(STAMP) $(CATALOGUE).mo
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py seed_demo
	DEBUG=1 $(BIN)/python manage.py load_statements --quiet-unchanged
	DEBUG=1 $(BIN)/python manage.py seed_voice_demo
	@# A dozen made-up neighbouring areas, so the cross-area dashboard has areas to compare.
	DEBUG=1 $(BIN)/python manage.py generate_scale_data --areas 12 --rounds 2 --if-missing
	@echo "Cradle is at http://$(HOST)/ (Ctrl+C stops it)"
	@# The import worker (large feeds queued from the upload page) runs alongside, and stops with it.
	DEBUG=1 $(BIN)/python manage.py run_import_jobs & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

test: $(STAMP) $(CATALOGUE).mo
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# National-scale data (175 areas, six rounds: over a million responses), made once.
scale-database:
ifeq ($(origin SCALE_DATABASE_URL),file)
	@$(PG_ADMIN) -c "SELECT 1 FROM pg_roles WHERE rolname = 'cradle'" | grep -q 1 || \
		$(PG_ADMIN) -c "CREATE ROLE cradle LOGIN CREATEDB"
	@$(PG_ADMIN) -c "SELECT 1 FROM pg_database WHERE datname = 'cradle_scale'" | grep -q 1 || \
		$(PG_ADMIN) -c "CREATE DATABASE cradle_scale OWNER cradle"
endif
ifeq ($(origin DEMO_SCALE_DATABASE_URL),file)
	@$(PG_ADMIN) -c "SELECT 1 FROM pg_database WHERE datname = 'cradle_demo_scale'" | grep -q 1 || \
		$(PG_ADMIN) -c "CREATE DATABASE cradle_demo_scale OWNER cradle"
endif

scale-data: $(STAMP) scale-database
	$(SCALE_ENV) $(BIN)/python manage.py migrate --no-input -v0
	$(SCALE_ENV) $(BIN)/python manage.py generate_scale_data --if-missing
	$(SCALE_ENV) $(BIN)/python manage.py collectstatic --no-input -v0

demo-scale-data: $(STAMP) scale-database
	$(DEMO_SCALE_ENV) $(BIN)/python manage.py migrate --no-input -v0
	$(DEMO_SCALE_ENV) $(BIN)/python manage.py generate_scale_data --areas 12 --if-missing

# Demo scale, then national scale; the second prints both side by side and flags any page whose
# query count differs between them.
bench: scale-data demo-scale-data
	$(DEMO_SCALE_ENV) $(BIN)/python manage.py bench --output perf/results/bench-demo.json $(BENCH_ARGS)
	$(SCALE_ENV) $(BIN)/python manage.py bench --compare perf/results/bench-demo.json $(BENCH_ARGS)

# The national-scale bench with 2 ms added to every round trip to PostgreSQL (a small proxy of
# our own, perf/latency.py), as with a database on another machine.
.PHONY: bench-distant
bench-distant: scale-data
	$(SCALE_ENV) $(BIN)/python manage.py bench --db-delay-ms 2 --output perf/results/bench-distant.json $(BENCH_ARGS)

# The resilience phase starts a throwaway PostgreSQL cluster of its own on a free port.
loadtest: scale-data
	$(BIN)/pip install --quiet -e ".[load]"
	$(SCALE_ENV) $(BIN)/python manage.py loadtest $(LOADTEST_ARGS)

# A consistent online backup of DATABASE_URL into BACKUP_DIR (default backups/), with a manifest
# of every table's rows and checksum; run it with the service's environment (DEBUG=1 locally).
# `make restore BACKUP=backups/cradle-<time>.dump TARGET_DATABASE_URL=postgres://.../cradle_restored`
# restores one into a fresh database and checks every table against the manifest.
.PHONY: backup restore
backup: $(STAMP)
	$(BIN)/python manage.py backup

restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "Name the backup: make restore BACKUP=backups/cradle-<time>.dump TARGET_DATABASE_URL=..."; exit 2; }
	TARGET_DATABASE_URL="$(TARGET_DATABASE_URL)" $(BIN)/python manage.py restore "$(BACKUP)" $(RESTORE_ARGS)

# Two app servers behind nginx (installed from the system packages where missing) on the scale
# data: one server, two, and two with one killed mid-run and started again.
.PHONY: scaleout nginx-package
nginx-package:
	@command -v dpkg >/dev/null || exit 0; \
	dpkg -s nginx >/dev/null 2>&1 || { echo "Installing nginx"; $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx >/dev/null; }

scaleout: scale-data nginx-package
	$(BIN)/python -c "import locust" 2>/dev/null || $(BIN)/pip install --quiet -e ".[load]"
	$(SCALE_ENV) $(BIN)/python manage.py scaleout $(SCALEOUT_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuilds static/css/app.css and the GOV.UK Frontend files from package.json (needs npm).
css:
	npm ci --no-audit --no-fund
	npm run build

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
