# Iruma DX Portal — everyday commands. `make run` and `make test` do all the
# set-up a fresh machine needs (a virtual environment in .venv).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Settings for the test run; DATABASE_URL passes through when it is set.
TEST_ENV := DEBUG=false HTTPS=false SECRET_KEY=test-only-not-secret-$(USER)
PYTEST_ARGS ?= -n auto

.PHONY: install install-directory run serve test test-fast lint format check migrate messages backup restore bench loadtest clean

# The project runs from this folder; only its dependencies (runtime and the
# dev extra, read from pyproject.toml) go into the virtual environment.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["dev"]))' > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet -r $(VENV)/requirements.txt
	touch $(STAMP)

install: $(STAMP)

# The optional directory (LDAP) sign-in: the `directory` extra of
# pyproject.toml. python-ldap builds from C sources, so this needs Debian's
# libldap2-dev, libsasl2-dev, gcc and python3-dev; `make run` and `make test`
# never ask for it (the directory tests are skipped without it).
DIRECTORY_STAMP := $(VENV)/.directory-stamp
$(DIRECTORY_STAMP): $(STAMP)
	$(BIN)/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["optional-dependencies"]["directory"]))' > $(VENV)/requirements-directory.txt
	$(BIN)/python -m pip install --quiet -r $(VENV)/requirements-directory.txt
	touch $(DIRECTORY_STAMP)

install-directory: $(DIRECTORY_STAMP)

# A development .env: DEBUG on and a random secret key. Never used in production.
.env:
	@printf 'DEBUG=true\nSECRET_KEY=%s\n' \
	  "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "Created .env for local development (DEBUG on)."

migrate: install .env
	$(BIN)/python manage.py migrate --noinput

run: migrate
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@if $(BIN)/python manage.py help seed_demo >/dev/null 2>&1; then \
	  $(BIN)/python manage.py seed_demo; fi
	@echo ""
	@echo "  いるまDXポータル: open http://127.0.0.1:8000/  (stop with Ctrl+C)"
	@echo "  Glossary (no sign-in needed): http://127.0.0.1:8000/glossary/"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production: settings come from the environment (see .env.example and the
# README); gunicorn serves on BIND with WORKERS processes.
BIND ?= 127.0.0.1:8000
WORKERS ?= 4
serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py check --deploy
	$(BIN)/gunicorn iruma_dx.wsgi --bind $(BIND) --workers $(WORKERS) \
	  --access-logfile - --timeout 60 --graceful-timeout 30

# A dated copy of the database in backups/ (pg_dump for PostgreSQL).
backup: install
	$(BIN)/python manage.py backup

# make restore FILE=backups/iruma-dx-20250401-120000.dump
restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=path/to/backup"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

# Benchmark: a city, ten cities, and ten cities with ten years of history, on
# SQLite and on PostgreSQL (when one answers at BENCH_POSTGRES); figures in
# bench-results/*.json.
BENCH_ENV := DEBUG=false HTTPS=false SECRET_KEY=bench-only-not-secret-0123456789abcdefghijklmnop
BENCH_POSTGRES ?= postgres://iruma_dx:iruma_dx@127.0.0.1:5432/iruma_dx_bench
bench: install
	mkdir -p bench-results
	@# DEBUG is off, as in production: pages need the hashed static files.
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BENCH_ENV) DATABASE_URL=sqlite:///$(CURDIR)/bench-results/bench.sqlite3 \
	  $(BIN)/python -m tests.bench bench --fresh --output bench-results/sqlite.json
	@if pg_isready -q -h 127.0.0.1 -p 5432; then \
	  $(BENCH_ENV) DATABASE_URL=$(BENCH_POSTGRES) \
	    $(BIN)/python -m tests.bench bench --fresh --output bench-results/postgresql.json; \
	else echo "PostgreSQL does not answer at 127.0.0.1:5432: skipped."; fi

# Load: 50 people for 60 s through two gunicorn instances on PostgreSQL with
# ten cities' data and ten years of history (built first).
loadtest: install
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "make loadtest needs PostgreSQL at 127.0.0.1:5432"; exit 2; }
	$(BENCH_ENV) DATABASE_URL=$(BENCH_POSTGRES) $(BIN)/python -m tests.bench bench --fresh --data-only
	$(BENCH_ENV) DATABASE_URL=$(BENCH_POSTGRES) $(BIN)/python -m tests.bench loadtest --users 50 --seconds 60

test: install
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# Everything but the browser journeys.
test-fast: install
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS) -m "not browser"

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint test

# Refresh the Japanese translation after changing UI strings; edit
# locale/ja/LC_MESSAGES/django.po, then run this again to compile it.
messages: install
	$(TEST_ENV) $(BIN)/python manage.py makemessages --locale ja --no-obsolete \
	  --ignore "$(VENV)/*" --ignore "staticfiles/*" --add-location file
	$(TEST_ENV) $(BIN)/python manage.py compilemessages --locale ja --ignore "$(VENV)/*"

clean:
	rm -rf staticfiles .pytest_cache
