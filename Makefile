# Two commands on a fresh machine (Debian, Python >= 3.11):
#   make demo   set everything up, run the main job on the bundled sample reports
#   make test   set everything up, run the whole test suite (what CI runs)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= sillok.db

.PHONY: demo test venv lint browser bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Sillok needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	$(BIN)/sillok run samples/ --db $(DB)
	$(BIN)/sillok summary --db $(DB)

browser:
	@bash scripts/install-browser.sh

lint: venv
	$(BIN)/ruff check sillok tests benchmarks
	$(BIN)/ruff format --check sillok tests benchmarks

test: venv browser
	$(BIN)/ruff check sillok tests benchmarks
	$(BIN)/ruff format --check sillok tests benchmarks
	$(BIN)/python -m pytest -q

bench: venv
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache $(DB) $(DB)-wal $(DB)-shm
