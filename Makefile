# The commands the README names. Each sets up what it needs and is idempotent.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test lab bench lint lock clean-venv browser golden

# A stamp file makes set-up idempotent: it re-runs only when the lock or the project changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (analysis)" >/dev/null
	touch $(STAMP)

setup: $(STAMP)

## Main job: execute every notebook on the seed (or ARTICLES="a.txt b.html"), writing figures/.
run: $(STAMP)
	$(BIN)/python -m analysis run $(ARTICLES)

## The test suite (what CI runs).
# The browser test runs on its own after the rest, so its timings are not shared with
# two parallel notebook runs. (Its old stalls were ipykernel 7.0-7.3 leaving a request
# unread, not load: see the README's notes on the browser test.)
test: $(STAMP) browser
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

## JupyterLab on notebooks/ with the project's kernel.
lab: $(STAMP)
	$(BIN)/python -m analysis lab

## Benchmarks (timings are measured here, never asserted in tests).
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

## Rewrite tests/golden/ after a deliberate change of outputs (the commit says why).
golden: $(STAMP)
	$(BIN)/python -m tests.golden --write

lint: $(STAMP)
	$(BIN)/ruff check analysis tests benchmarks

# Debian's Chromium for the JupyterLab browser test; never a browser a tool downloads.
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## Re-resolve the pinned lock file after editing pyproject.toml.
lock:
	uv pip compile pyproject.toml --extra dev --extra dask --generate-hashes --python-version 3.10 -o requirements.lock

clean-venv:
	rm -rf $(VENV)
