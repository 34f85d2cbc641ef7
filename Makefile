# Two commands on a fresh machine: `make demo` (the bot against the sandbox) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench install

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/loti-bot demo

# Two workers (CI and every machine here have 2 cores). PYTHONDONTWRITEBYTECODE is cleared
# so Python's bytecode and pytest's rewritten test modules are cached between runs.
test: $(STAMP)
	$(BIN)/ruff check bot tests bench
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -n 2 --dist loadgroup

# Every figure in docs/benchmarks.md, in one command.
bench: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python bench/run_all.py
