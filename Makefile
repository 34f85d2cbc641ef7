# Two commands on a fresh machine: `make demo` (the bot against the sandbox) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench chaos install

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/loti-bot demo

# Four workers on the 2 cores CI and every machine here have: about a third of the suite waits
# (worker processes, PostgreSQL, loopback HTTP), and the two extra workers fill those waits.
# PYTHONDONTWRITEBYTECODE is cleared so Python's bytecode and pytest's rewritten test modules
# are cached between runs.
test: $(STAMP)
	$(BIN)/ruff check bot tests bench
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -n 4 --dist loadgroup

# Every figure in docs/benchmarks.md, in one command.
bench: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python bench/run_all.py

# The long chaos season (about 200 worker cycles with faults); prints its figures.
chaos: $(STAMP)
	$(BIN)/python -m tests.chaos.long_season
