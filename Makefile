# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint venv pulumi bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

venv: $(VENV)/.installed

pulumi:
	scripts/bootstrap-pulumi

demo: venv pulumi
	scripts/demo

test: venv pulumi
	$(BIN)/python -m pytest

# Benchmarks against the engine's floor (bench/results.md); BENCH_ARGS="--sizes 10,100 --runs 3" for a shorter run.
bench: venv pulumi
	$(BIN)/python -m bench $(BENCH_ARGS)

lint: venv
	$(BIN)/ruff check provider tests examples bench
	$(BIN)/ruff format --check provider tests examples bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .state Pulumi.demo.yaml
