# One task runner for developers and CI: `make install`, `make check`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install build test lint typecheck check clean

install:  ## create .venv and install claimgraph with its dev tools
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"

build:  ## the main job: convert, validate and publish the bundled seeds into dist/
	$(BIN)/claimgraph build seeds --out dist

test:  ## the test suite
	$(BIN)/python -m pytest -q

lint:  ## ruff
	$(BIN)/ruff check src tests bench scripts

typecheck:  ## mypy
	$(BIN)/mypy src

check: lint typecheck test  ## what CI runs

clean:
	rm -rf dist .claimgraph .pytest_cache .mypy_cache .ruff_cache
