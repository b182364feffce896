# The two commands a new user types: `make run` and `make test` (see README.md).
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup deps serve worker backup restore bench lint

run: setup
	$(PY) manage.py runserver $(HOST):$(PORT)

test: deps
	$(PY) -m pytest $(PYTEST_ARGS)

setup:
	scripts/setup.sh app

deps:
	scripts/setup.sh deps

lint: deps
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	PYTHONPATH=. .venv/bin/lint-imports

# --- Running it for a school (docs/deploy.md) -------------------------------------------------
WORKERS ?= 2
THREADS ?= 2
BACKUP_DIR ?= backups

# gunicorn with hashed, compressed static files from whitenoise. For production set PRODUCTION=1,
# SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL in the environment (docs/deploy.md).
serve: setup
	$(PY) manage.py collectstatic --noinput -v 0
	.venv/bin/gunicorn config.wsgi:application --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --threads $(THREADS) --access-logfile - $(GUNICORN_ARGS)

# A background worker for the database task queue; the web processes must run with
# RANDNOTIZ_TASKS=database too, so that they queue work instead of running it in the request.
worker: deps
	RANDNOTIZ_TASKS=database $(PY) manage.py db_worker

# The school's data (no re-importable dictionary, no sessions) as JSON.
backup:
	@mkdir -p $(BACKUP_DIR)
	$(PY) manage.py backup $(or $(FILE),$(BACKUP_DIR)/randnotiz-$(shell date +%Y%m%d-%H%M%S).json)

# Into an empty database only (the command refuses otherwise); then the dictionary is re-imported.
restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/randnotiz-....json"; exit 2; }
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py createcachetable
	$(PY) manage.py restore $(FILE)
	$(PY) manage.py import_ding
