# The two commands of the README: `make book` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED_GEO := ../shared/geo/upstream

.PHONY: book test execute html validate lock clean

$(STAMP): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## book: install what is needed, validate the data, execute the notebooks into book/, build _build/html
book: $(STAMP)
	$(PY) -m regional_policy.pipeline all

validate: $(STAMP)
	$(PY) -m regional_policy.pipeline validate

execute: $(STAMP)
	$(PY) -m regional_policy.pipeline execute

html: $(STAMP)
	$(PY) -m regional_policy.pipeline html

## test: every test (package, bad data, nbval on book/, drift, the built site)
test: $(STAMP)
	$(PY) -m pytest tests
	$(PY) -m pytest --nbval --nbval-current-env -p no:cacheprovider book/

## lock: recompile requirements.txt from requirements.in (needs the package index)
lock: $(STAMP)
	$(VENV)/bin/pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --output-file requirements.txt requirements.in

clean:
	rm -rf _build _static/vendor
