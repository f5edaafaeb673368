# Guanxi — the two commands: `make run` and `make test`. `make install` is the step both share.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: install install-test run test lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs Guanxi (creates .venv/bin/guanxi) and the pinned JavaScript libraries.
install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi

install-test: install
	$(BIN)/python -m pip install --quiet -e '.[test]'

# Migrates, loads the demo when the database is empty, serves http://127.0.0.1:$(PORT)
# with the background worker beside the server (`guanxi run` = serve + worker)
run: install
	$(BIN)/guanxi migrate
	$(BIN)/guanxi demo --if-empty
	$(BIN)/guanxi run --port $(PORT)

# The whole suite (DATABASE_URL chooses the database; SQLite by default).
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check guanxi tests bench
	$(BIN)/ruff format --check guanxi tests bench
	$(BIN)/python -m django makemigrations --check --dry-run --settings=guanxi.settings

clean:
	rm -rf $(VENV) node_modules staticfiles *.egg-info

# Refresh the Chinese catalogue from the code and compile it (needs gettext's msgfmt).
messages: install
	cd guanxi && DJANGO_SETTINGS_MODULE=guanxi.settings ../$(BIN)/django-admin makemessages -l zh_Hans --no-obsolete --ignore "tests/*" --ignore "*/tests/*"
	cd guanxi && DJANGO_SETTINGS_MODULE=guanxi.settings ../$(BIN)/django-admin compilemessages -l zh_Hans
