# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint venv pulumi clean

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

lint: venv
	$(BIN)/ruff check provider tests examples
	$(BIN)/ruff format --check provider tests examples
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .state Pulumi.demo.yaml
