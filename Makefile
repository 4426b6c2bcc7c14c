# healthtrove: the two commands are `make demo` and `make test`; both build .venv once
# from the pinned lock file and reuse it afterwards.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.synced-stamp
DEMO_DIR ?= demo-output
DEMO_PATIENTS ?= 500
# A limited data set keeps the dates the example studies compare within a person.
DEMO_METHOD ?= limited_data_set
export HEALTHTROVE_OFFLINE := 1

.PHONY: demo test lint typecheck unit browser docs bench lock clean lab help

help:
	@echo "make demo   - set up .venv, generate, validate and de-identify a dataset, build a cohort, run a study"
	@echo "make test   - set up .venv, then lint, type check and run the test suite"
	@echo "make lab    - open JupyterLab on notebooks/ in the project's environment (run make demo first)"
	@echo "make docs   - regenerate docs/data_contracts.md and the README's CLI and configuration references"
	@echo "make bench  - run the benchmarks and print their figures"
	@echo "make lock   - re-resolve uv.lock after editing pyproject.toml"

$(BIN)/uv:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "healthtrove needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r tools/bootstrap-requirements.txt

$(STAMP): $(BIN)/uv pyproject.toml uv.lock
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --frozen --all-extras --python $(BIN)/python
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/healthtrove demo --out $(DEMO_DIR) --patients $(DEMO_PATIENTS) --method $(DEMO_METHOD)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

# The report's browser test needs Chromium: install Debian's package when we may (root
# with apt-get); otherwise the test is skipped with a message.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; } || \
	      echo "could not install chromium: the report's browser test will be skipped"; \
	    else echo "chromium missing and not root: the report's browser test will be skipped"; fi; }

test: lint typecheck browser unit

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

docs: $(STAMP)
	$(BIN)/healthtrove contracts docs --out docs/data_contracts.md
	$(BIN)/python -m healthtrove.readme_docs README.md

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_synth.py
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_linkage.py
	$(BIN)/python benchmarks/bench_deid.py --patients 100000

lock:
	$(BIN)/uv lock

clean:
	rm -rf $(VENV) $(DEMO_DIR) .mypy_cache .pytest_cache .ruff_cache
