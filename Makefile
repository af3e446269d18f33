# wardvote: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
# Debian packages the app and its tests use: WeasyPrint's Pango (and the HarfBuzz
# subsetter that makes it ~3x faster), Chromium for the browser tests, and the Redis and
# PostgreSQL servers the fault tests start privately (and kill) in CI's second pass.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium postgresql redis-server

.PHONY: run dev test test-fast lint bench deps sysdeps migrate demo messages clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

deps: $(STAMP)

# Installs the missing Debian packages when we can (root or sudo); otherwise
# says exactly what to install.
sysdeps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; \
	  else echo "Please install as root: apt-get install$$missing" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq$$missing >/dev/null \
	    || { echo "Could not install:$$missing -- run: apt-get install$$missing" >&2; exit 1; }; \
	fi

migrate: deps
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# `make run` serves the demo as production does: DEBUG off, static files from WhiteNoise, the
# app's own error pages, gunicorn; over plain http on this machine only (LOCAL_HTTP), with a
# secret key made once in var/. `make dev` serves it with DEBUG on and auto-reload.
SECRET_KEY_FILE ?= var/secret_key
LOCAL_PRODUCTION = DEBUG=0 LOCAL_HTTP=1 ALLOWED_HOSTS=127.0.0.1,localhost SECRET_KEY="$$(cat $(SECRET_KEY_FILE))"

# The QR code on printed notices must point at the port this server answers on.
run dev: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
run: sysdeps demo
	@$(BIN)/python manage.py seed_demo --print-logins
	@mkdir -p $(dir $(SECRET_KEY_FILE)); test -s $(SECRET_KEY_FILE) || (umask 077; $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $(SECRET_KEY_FILE))
	$(LOCAL_PRODUCTION) $(BIN)/python manage.py collectstatic --noinput -v0
	$(LOCAL_PRODUCTION) $(BIN)/python -m gunicorn wardvote.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --access-logfile -

dev: sysdeps demo
	@$(BIN)/python manage.py seed_demo --print-logins
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: sysdeps deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The benchmark builds a national campaign: PostgreSQL and Redis, as on this machine
# (override with DATABASE_URL / REDIS_URL). It uses a throw-away test_* database.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/wardvote_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
bench: sysdeps deps
	DATABASE_URL=$${DATABASE_URL:-$(BENCH_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(BENCH_REDIS_URL)} \
	  $(BIN)/python -m bench $(BENCH_ARGS)

messages: deps
	$(BIN)/python manage.py makemessages -l en --no-wrap --no-location --ignore=.venv --ignore=var --ignore=static/vendor --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var/*.sqlite3 var/media var/staticfiles
