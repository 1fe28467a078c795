# One command to set up and run the main job; one to set up and pass the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
OUT    ?= build

.PHONY: demo test venv system-deps bench clean golden docs tables

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Every extra (plan, simulate, distributed, lsp): the demo and the tests use them all.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[all]'
	touch $@

$(TSTAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[all,test]'
	touch $@ $(STAMP)

venv: $(STAMP)

# Graphviz renders SVG and PNG diagrams; Chromium opens the HTML plan in a test.
# Installed with apt-get where we can (root on Debian), skipped elsewhere.
system-deps:
	@if command -v dot >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz chromium >/dev/null; \
	else echo "note: install Graphviz (dot) and Chromium for SVG/PNG diagrams and the browser test"; fi

## demo: set up and run the main job on the examples
demo: $(STAMP) system-deps
	$(BIN)/reformlang check examples/
	$(BIN)/reformlang build examples/*.reform -o $(OUT)

## test: set up and run the whole test suite
test: $(TSTAMP) system-deps
	$(BIN)/python -m pytest -q

## golden: regenerate golden files after a deliberate change (review the diff)
golden: $(TSTAMP)
	$(BIN)/python -m pytest -q --update-golden

## docs: regenerate generated docs (docs/rules.md from the rules' own docs)
docs: $(STAMP)
	$(BIN)/python -m reformlang.checks.docs docs/rules.md

## tables: regenerate the parser's tables (src/reformlang/syntax/_tables.py) after changing grammar/reform.lark
tables: $(STAMP)
	$(BIN)/python -m reformlang.syntax.lalr

bench: $(TSTAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
