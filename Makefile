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
