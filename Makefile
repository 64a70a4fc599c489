# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint migrations-check worker beat clean serve bench bench-tools

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving HTTP + WebSocket on http://$(HOST):$(PORT)/ (API under /v1/, admin under /admin/)"
	$(VENV)/bin/uvicorn eventyay.asgi:application --host $(HOST) --port $(PORT) --ws websockets-sansio --lifespan off

lint: install
	$(VENV)/bin/ruff check .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

test: install lint migrations-check
	$(VENV)/bin/pytest $(PYTEST_ARGS)

serve: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) -m eventyay.serve --host $(HOST) --port $(PORT) --worker

# wrk and nginx come from Debian; installed here when missing (the machine's user is root)
bench-tools:
	@command -v wrk >/dev/null && { command -v nginx >/dev/null || test -x /usr/sbin/nginx; } || \
		{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light; }

bench: install bench-tools
	$(PY) bench/run.py

worker: install
	$(VENV)/bin/celery -A eventyay worker --loglevel=info

beat: install
	$(VENV)/bin/celery -A eventyay beat --loglevel=info

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
