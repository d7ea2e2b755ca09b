# RxGuild: `make run` to try it, `make test` to test it. Both set up .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve loadtest setup scale install migrate test lint bench worker clean openapi

$(STAMP): requirements.txt requirements-dev.txt
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "RxGuild needs Python 3.11 or newer (found %s). Set PY=python3.11." % sys.version.split()[0])'
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

setup: migrate
	$(BIN)/python manage.py load_catalog
	$(BIN)/python manage.py load_growth_frameworks
	$(BIN)/python manage.py seed_demo

# The demo at load-test scale (issue #18): SCALE_MEMBERS members and SCALE_POSTINGS postings,
# bulk-inserted after the demo (deterministic, idempotent; about 2 minutes for the defaults).
SCALE_MEMBERS ?= 10000
SCALE_POSTINGS ?= 100000
scale: setup
	$(BIN)/python manage.py scale_demo --members $(SCALE_MEMBERS) --postings $(SCALE_POSTINGS)

run: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: migrate
	$(BIN)/python manage.py task_worker

# Production's way on this machine: migrations, static files collected for whitenoise, then
# gunicorn (gunicorn.conf.py) and a task worker side by side (scripts/serve.py); SQLite under
# var/ unless DATABASE_URL is set. HOST, PORT and WEB_CONCURRENCY choose where and how many.
serve: migrate
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python scripts/serve.py

# Every test, browser tests included, spread over the machine's cores (pytest-xdist).
# On SQLite by default; with DATABASE_URL=postgres://... on PostgreSQL.
PYTEST_ARGS ?= -n auto
test: install
	RXGUILD_TESTING=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Load against a server you started (`make setup` for demo data, `make scale` for the issue's
# 10,000 members and 100,000 postings, then `make serve`): locust in
# its own .venv-load; issue #18's mix (benchmarks/loadtest/locustfile.py). Each user paces itself
# to LOAD_RATE_PER_USER requests a second, so LOAD_USERS=50 asks for about 50 requests a second.
# p50/p95/p99, error rate and achieved rate of the measured requests land in
# var/loadtest/summary.json (the issue's run: LOAD_TIME=5m). The knee: LOAD_STEPS=10,20,30
# LOAD_STEP_SECONDS=40 steps the users up, with each step's figures. Never part of `make test`.
LOAD_URL ?= http://$(HOST):$(PORT)
LOAD_USERS ?= 50
LOAD_TIME ?= 60s
loadtest:
	test -x .venv-load/bin/locust || ($(PY) -m venv .venv-load && .venv-load/bin/python -m pip install --quiet -r benchmarks/loadtest/requirements.txt)
	mkdir -p var/loadtest
	LOAD_SUMMARY=var/loadtest/summary.json .venv-load/bin/locust -f benchmarks/loadtest/locustfile.py \
		--headless --host $(LOAD_URL) --users $(LOAD_USERS) --spawn-rate 10 --run-time $(LOAD_TIME) \
		--csv var/loadtest/run --only-summary

bench: install
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var build

# Regenerate the checked-in OpenAPI schema (CI fails when it is stale).
openapi: install
	RXGUILD_TESTING=1 $(BIN)/python manage.py export_openapi_schema --api rxguild.api.main.api --indent 2 --sorted --output docs/openapi.json
