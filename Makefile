# One command to set up and run the main job; one to set up and pass the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
OUT    ?= build

.PHONY: demo test fuzz venv system-deps bench clean golden docs tables vscode-deps vsix messages catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Every extra (plan, simulate, distributed, lsp): the demo and the tests use them all.
# The install compiles the French catalog (hatch_build.py), so it is redone when the .po changes.
PO := src/reformlang/locale/fr/LC_MESSAGES/reformlang.po

$(STAMP): $(BIN)/python pyproject.toml $(PO)
	$(BIN)/pip install -q -e '.[all]'
	touch $@

$(TSTAMP): $(BIN)/python pyproject.toml $(PO)
	$(BIN)/pip install -q -e '.[all,test]'
	touch $@ $(STAMP)

venv: $(STAMP)

# System programs: Graphviz's dot (SVG and PNG diagrams, the HTML plan, build),
# Chromium (the browser test of the HTML plan), Node.js and git (tests that
# drive them). Installed with apt-get where we can (root on Debian), quietly;
# elsewhere we say which to install, and the tests that need one skip, naming it.
SYSTEM_TOOLS := dot:graphviz chromium:chromium node:nodejs git:git zsh:zsh fish:fish

system-deps:
	@missing=""; for pair in $(SYSTEM_TOOLS); do tool=$${pair%%:*}; pkg=$${pair##*:}; \
		command -v $$tool >/dev/null 2>&1 || { [ $$tool = chromium ] && command -v chromium-browser >/dev/null 2>&1; } \
		|| missing="$$missing $$pkg"; done; \
	if [ -z "$$missing" ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing$$missing with apt-get"; \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $$missing >/dev/null \
		|| echo "note: apt-get could not install$$missing; the tests that need them will skip"; \
	else echo "note: install$$missing for diagrams and the tests that drive them (they skip without)"; fi

## demo: set up and run the main job on the examples
demo: $(STAMP) system-deps
	$(BIN)/reformlang check examples/
	$(BIN)/reformlang build examples/*.reform -o $(OUT)

# The VS Code extension's Node packages (its language client; vscode-textmate and vscode-oniguruma, which
# the grammar's test runs), exactly as editors/vscode/package-lock.json pins them.
EXT := editors/vscode
$(EXT)/node_modules/.package-lock.json: $(EXT)/package-lock.json $(EXT)/package.json
	cd $(EXT) && npm ci --no-audit --no-fund --silent

vscode-deps: $(EXT)/node_modules/.package-lock.json

## vsix: build the VS Code extension (editors/vscode/reformlang-VERSION.vsix)
vsix: vscode-deps
	cd $(EXT) && npx --yes @vscode/vsce package

## test: set up and run the whole test suite, then the fuzz target for REFORMLANG_FUZZ_SECONDS (default 60)
test: $(TSTAMP) system-deps vscode-deps
	$(BIN)/python -m pytest -q tests tests/fuzz.py

## fuzz: only the fuzz target (REFORMLANG_FUZZ_SECONDS=600 make fuzz for a longer run)
fuzz: $(TSTAMP)
	$(BIN)/python -m pytest -q tests/fuzz.py

## golden: regenerate golden files after a deliberate change (review the diff)
golden: $(TSTAMP)
	$(BIN)/python -m pytest -q --update-golden

## docs: regenerate the generated pages (docs/rules.md from the rules' own docs; docs/language.md's
## reference from the schema and the standard library; docs/verdicts.md from examples/cases.toml;
## src/reformlang/cli/_help.py, the --help texts, from the parser), then build the site (mkdocs.yml) into build/site
## with --strict: a broken link, anchor or page is an error
docs: $(TSTAMP)
	$(BIN)/python -m reformlang.checks.docs docs/rules.md
	$(BIN)/python -m reformlang.reference docs/language.md
	$(BIN)/python -m reformlang.verdicts examples/cases.toml docs/verdicts.md
	$(BIN)/python -m reformlang.cli.main --write-help
	$(BIN)/python -m mkdocs build --strict --quiet

## tables: regenerate the parser's tables (src/reformlang/syntax/_tables.py) after changing grammar/reform.lark
tables: $(STAMP)
	$(BIN)/python -m reformlang.syntax.lalr

bench: $(TSTAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_cache.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache

## messages: extract the messages (code, templates, stdlib, rules) and merge them into the French catalog
messages: $(TSTAMP)
	$(BIN)/python -m reformlang.i18n_extract
	$(BIN)/python -c "import hatch_build, pathlib; hatch_build.compile_catalogs(pathlib.Path('.'))"

## catalogs: compile the catalogs (.po -> .mo) without reinstalling
catalogs: $(TSTAMP)
	$(BIN)/python -c "import hatch_build, pathlib; hatch_build.compile_catalogs(pathlib.Path('.'))"
