# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint migrations-check worker beat clean bench-search

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	-$(PY) manage.py search_rebuild
	@echo "Serving HTTP + WebSocket on http://$(HOST):$(PORT)/ (API under /v1/, admin under /admin/)"
	$(VENV)/bin/uvicorn eventyay.asgi:application --host $(HOST) --port $(PORT) --ws websockets-sansio --lifespan off

lint: install
	$(VENV)/bin/ruff check .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

test: install lint migrations-check
	$(VENV)/bin/pytest $(PYTEST_ARGS)

worker: install
	$(VENV)/bin/celery -A eventyay worker --loglevel=info

beat: install
	$(VENV)/bin/celery -A eventyay beat --loglevel=info

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles

# Search benchmark (needs DATABASE_URL=postgres://…; starts the Elasticsearch emulator): bench/results/search.*
bench-search: install
	$(PY) bench/search_bench.py
