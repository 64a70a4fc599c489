# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint migrations-check worker beat clean serve bench bench-tools bench-search

# No secret key ships with the code. Locally, one random key per checkout lives in the git-ignored
# `.secret_key` (made on first use); a SECRET_KEY already in the environment wins.
SECRET_KEY_FILE := .secret_key
LOCAL_ENV = SECRET_KEY="$${SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}"
# `make run` serves plain http on 127.0.0.1: cookies without the Secure flag, no HSTS (see README).
RUN_ENV = $(LOCAL_ENV) DJANGO_INSECURE_HTTP="$${DJANGO_INSECURE_HTTP:-1}"

$(SECRET_KEY_FILE):
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@ 2>/dev/null \
		|| python3 -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@echo "Generated a random SECRET_KEY in $@ (git-ignored)."

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

run: install $(SECRET_KEY_FILE)
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo
	-$(RUN_ENV) $(PY) manage.py search_rebuild
	@echo "Serving HTTP + WebSocket on http://$(HOST):$(PORT)/ (API under /v1/, admin under /admin/)"
	$(RUN_ENV) $(VENV)/bin/uvicorn eventyay.asgi:application --host $(HOST) --port $(PORT) --ws websockets-sansio --lifespan off

lint: install
	$(VENV)/bin/ruff check .

migrations-check: install $(SECRET_KEY_FILE)
	$(LOCAL_ENV) $(PY) manage.py makemigrations --check --dry-run

test: install lint migrations-check
	$(VENV)/bin/pytest $(PYTEST_ARGS)

serve: install $(SECRET_KEY_FILE)
	$(LOCAL_ENV) $(PY) manage.py migrate --noinput
	$(LOCAL_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(LOCAL_ENV) $(PY) -m eventyay.serve --host $(HOST) --port $(PORT) --worker

# wrk and nginx come from Debian; installed here when missing (the machine's user is root)
bench-tools:
	@command -v wrk >/dev/null && { command -v nginx >/dev/null || test -x /usr/sbin/nginx; } || \
		{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light; }

bench: install bench-tools $(SECRET_KEY_FILE)
	$(LOCAL_ENV) $(PY) bench/run.py

worker: install $(SECRET_KEY_FILE)
	$(RUN_ENV) $(VENV)/bin/celery -A eventyay worker --loglevel=info

beat: install $(SECRET_KEY_FILE)
	$(RUN_ENV) $(VENV)/bin/celery -A eventyay beat --loglevel=info

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles

# Search benchmark (needs DATABASE_URL=postgres://…; starts the Elasticsearch emulator): bench/results/search.*
bench-search: install $(SECRET_KEY_FILE)
	$(LOCAL_ENV) $(PY) bench/search_bench.py
