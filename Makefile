# Two commands on a fresh machine: `make demo` (the bot against the sandbox) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench install chaos

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/loti-bot demo

test: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/pytest -q

bench: $(STAMP)
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

# The long chaos season (about 200 worker cycles with faults); prints its figures.
chaos: $(STAMP)
	$(BIN)/python -m tests.chaos.long_season
