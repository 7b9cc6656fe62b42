# Two entry points for a fresh machine: `make chat` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install chat test bench lint

$(BIN)/timeline-bot: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/timeline-bot

chat: install
	$(BIN)/timeline-bot run

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python -m bench
