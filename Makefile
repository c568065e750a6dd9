# The two commands of the README: `make book` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: book test execute html validate lock clean pdf browser bench

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

## pdf: the whole book as one PDF, printed offline by Chromium (/usr/bin/chromium): _build/pdf/book.pdf
pdf: $(STAMP)
	$(PY) -m regional_policy.pipeline html
	$(PY) -m regional_policy.pdf

## browser: only the browser, accessibility, link, offline and PDF checks (screenshots in test-artifacts/)
browser: $(STAMP)
	$(PY) -m pytest tests/test_browser.py tests/test_links.py tests/test_offline.py tests/test_pdf.py

## bench: time the builds, the tests, page weight and chart rendering (bench/results.json, bench/results.md)
bench: $(STAMP)
	$(PY) -m regional_policy.bench

## test: every test (package, bad data, nbval on book/, drift, the built site, browser checks)
test: $(STAMP)
	$(PY) -m pytest tests
	$(PY) -m pytest --nbval --nbval-current-env -p no:cacheprovider book/

## lock: recompile requirements.txt from requirements.in (needs the package index)
lock: $(STAMP)
	$(VENV)/bin/pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --output-file requirements.txt requirements.in

clean:
	rm -rf _build _static/vendor
