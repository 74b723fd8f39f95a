# eventwire: set-up, demo and tests. Everything installs into .venv from pinned, hashed requirements.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet
DEMO   := build/demo

.PHONY: setup setup-test setup-browser demo test eval lint schema clean

setup: $(VENV)/.base-installed

setup-test: $(VENV)/.test-installed

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: requirements/base.txt pyproject.toml | $(VENV)/bin/python
	$(PIP) install --require-hashes --no-deps -r requirements/base.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.test-installed: requirements/test.txt $(VENV)/.base-installed
	$(PIP) install --require-hashes --no-deps -r requirements/test.txt
	touch $@

# Debian's Chromium for the browser tests (never a downloaded browser), installed only when
# missing; where apt-get cannot install it, the browser tests skip with a message.
setup-browser:
	@test -x /usr/bin/chromium || (apt-get update -q && apt-get install -y -q chromium chromium-driver) \
		|| echo "setup-browser: chromium not installed; the browser tests will be skipped"

demo: setup
	@mkdir -p $(DEMO)
	$(BIN)/eventwire code examples/corpus.jsonl -o $(DEMO)/results.jsonl --force
	rm -f $(DEMO)/eventwire.sqlite*
	$(BIN)/eventwire ingest examples/corpus.jsonl --db $(DEMO)/eventwire.sqlite
	$(BIN)/eventwire report --db $(DEMO)/eventwire.sqlite
	$(BIN)/eventwire timeline $(DEMO)/results.jsonl
	@echo
	@echo "The dashboard over this corpus: $(BIN)/eventwire serve --db $(DEMO)/eventwire.sqlite"
	@echo "then open http://127.0.0.1:8000/"

test: setup-test setup-browser
	$(BIN)/python -m pytest -q

# Accuracy on every dev set in ../shared, scored by its scorer; writes benchmarks/ACCURACY.md.
eval: setup
	$(BIN)/python benchmarks/accuracy.py

lint: setup-test
	$(BIN)/ruff check eventwire tests benchmarks scripts docs
	$(BIN)/ruff format --check eventwire tests benchmarks scripts docs

schema: setup
	$(BIN)/python -m eventwire.schema > eventwire/data/document-result.schema.json

clean:
	rm -rf $(VENV) build .pytest_cache
