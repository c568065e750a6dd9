# Korea's regional industrial policies, 1998-2011: a reproducible review. `make` alone lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
FORCE ?=
BUILD_FLAGS := $(if $(FORCE),--force,)

.DEFAULT_GOAL := help
.PHONY: help book check test lint format validate execute html pdf browser bench lock clean system lab grade

## help: list the targets (this text)
help:
	@echo "make TARGET, where TARGET is one of:"
	@grep -hE '^## ' $(MAKEFILE_LIST) | sed -e 's/^## /  /'

$(STAMP): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## book: install the pinned requirements into .venv, validate the data, execute the notebooks, build _build/html (FORCE=1: execute every notebook again)
book: $(STAMP)
	$(PY) -m bookbuild.pipeline all $(BUILD_FLAGS)

## check: the fast tier: lint (ruff on the packages, tests and notebooks) and the unit, data, claims and parameter tests; no build, no browser
check: $(STAMP) lint
	$(PY) -m pytest -n 2 -m "not build and not browser" tests

## test: everything: lint, every test tier (unit, data, build, browser; 2 xdist workers, tests sharing a build grouped), nbval on book/; installs the Debian packages it needs when run as root
test: system $(STAMP) lint
	$(PY) -m pytest -n 2 --dist loadgroup --durations=15 tests
	$(PY) -m pytest -n 2 --dist loadfile --nbval --nbval-current-env -p no:cacheprovider book/

## lint: ruff check and ruff format --check (the packages, the tests and the notebooks, configured in pyproject.toml)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## format: rewrite the code and the notebooks' code cells in the house style (ruff)
format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## validate: only validate the data package, the labels and the parameters
validate: $(STAMP)
	$(PY) -m bookbuild.pipeline validate

## execute: only execute the notebooks whose inputs changed (notebooks/ -> book/, book/ko/)
execute: $(STAMP)
	$(PY) -m bookbuild.pipeline execute $(BUILD_FLAGS)

## html: only compile the site from book/ (-> _build/html, _build/html/ko)
html: $(STAMP)
	$(PY) -m bookbuild.pipeline html

## pdf: the whole book as one PDF, printed offline by Chromium (/usr/bin/chromium): _build/pdf/book.pdf
pdf: $(STAMP) system
	$(PY) -m bookbuild.pipeline html
	$(PY) -m bookbuild.pdf

## browser: only the browser, accessibility, link, offline and PDF checks (screenshots in test-artifacts/)
browser: $(STAMP) system
	$(PY) -m pytest -m browser tests

## bench: time the builds, the tests, page weight and chart rendering (bench/results.json, bench/results.md)
bench: $(STAMP) system
	$(PY) -m bookbuild.bench

## system: install the Debian packages the tests need (root with apt-get), or name the command that does
system:
	@bash .ci/system-packages

## lock: recompile requirements.txt from requirements.in (needs the package index)
lock: $(STAMP)
	$(VENV)/bin/pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in

## clean: remove the built site and the generated assets (not book/, which is kept in git)
clean:
	rm -rf _build _static/vendor

## lab: open the chapters in JupyterLab (MyST rendering: exercises show as exercises) from this clone
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

## grade: grade a class: make grade SUBMISSIONS=folder runs each notebook in a sandbox -> folder/grades.csv, folder/feedback/
grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "make grade SUBMISSIONS=<folder of submitted notebooks>"; exit 2; }
	$(PY) -m bookbuild.grade "$(SUBMISSIONS)"
