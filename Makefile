# Two commands on a fresh machine:  `make run`  (app with demo data)  and  `make test`  (whole suite).
# Everything installs into .venv; settings come from the environment (README, "Configuration").
# requirements.lock pins the runtime (what the Docker image installs); requirements-dev.lock adds the dev
# extra (tests, lint, browser and contract tools) and is what .venv gets. Regenerate both: `make lock`.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.install-stamp

MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=test-artifacts --ignore='*/tests/*' --ignore='tests/*' \
	--ignore='bench/*' --ignore='examples/*' --ignore=staticfiles

.PHONY: install messages lock system-deps migrate reference-data demo-data run test test-fast lint worker beat check-deploy bench bench-load bench-wizard clean

$(STAMP): requirements-dev.lock requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements-dev.lock
	@touch $(STAMP)

install: $(STAMP) ## install every Python dependency (runtime + dev) into .venv and compile the translations
	@if ! command -v msgfmt >/dev/null; then \
	   echo "install: gettext (msgfmt) is missing, so pages stay in English: make system-deps installs it"; \
	 elif [ -d locale ]; then $(PY) manage.py compilemessages --ignore=.venv --verbosity 0; fi

# The French and Spanish catalogues (locale/): every string people read, extracted from the code and templates.
# Translate what is new in locale/*/LC_MESSAGES/django.po; tests/test_catalogues.py fails while any is left.
messages: install ## extract new strings into the French and Spanish catalogues
	$(PY) manage.py makemessages -l fr -l es --no-obsolete $(MESSAGES_IGNORE)

# Keeps every version already pinned (uv prefers the pins of the output file); `uv pip compile --upgrade-package X`
# moves one package on purpose.
lock: install ## regenerate requirements.lock (runtime) and requirements-dev.lock (runtime + dev) from pyproject.toml
	$(VENV)/bin/uv pip compile --quiet pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock
	$(VENV)/bin/uv pip compile --quiet pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements-dev.lock

system-deps: ## Debian packages for PDF export and browser tests (only when root and missing)
	@bash scripts/system-deps.sh

migrate: install
	$(PY) manage.py migrate --noinput

reference-data: migrate
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_practices

demo-data: reference-data ## demo partnerships and users, their feasibility runs and dashboard figures
	$(PY) manage.py load_demo
	$(PY) manage.py run_feasibility --all --sync
	$(PY) manage.py refresh_portfolio_figures

# The address and the demo logins are printed once the server answers (scripts/run.sh), below its start-up lines.
run: demo-data ## install, migrate, load reference and demo data, serve on 127.0.0.1:$(PORT)
	@PY=$(PY) PORT=$(PORT) bash scripts/run.sh

test: system-deps lint ## install everything and run the whole suite (SQLite unless DATABASE_URL is set)
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n auto --dist loadgroup -m "not worker and not reliability"
	$(VENV)/bin/pytest -m "worker or reliability"

# Markers declared in pyproject.toml; `make test` (and CI) still runs all of them.
FAST_MARKERS := not browser and not schemathesis and not reliability and not worker and not whole_api and not embedded

test-fast: lint ## the suite without the browser, Schemathesis, reliability and real-worker tests
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n auto -m "$(FAST_MARKERS)"

lint: install ## ruff (style, bugs, format) and the architecture contracts of pyproject.toml (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

worker: install ## a Celery worker against CELERY_BROKER_URL
	$(VENV)/bin/celery -A smp worker -l INFO

beat: install ## Celery beat (periodic jobs) against CELERY_BROKER_URL
	$(VENV)/bin/celery -A smp beat -l INFO

check-deploy: install
	DEBUG=0 SECRET_KEY=$${SECRET_KEY:-check-deploy-only-$$(date +%s)-not-a-real-secret-key-000000000000} \
	ALLOWED_HOSTS=smp.example.org $(PY) manage.py check --deploy --fail-level WARNING

bench: install
	$(PY) bench/feasibility.py

bench-load: install ## load test (bench/load.py; needs a PostgreSQL DATABASE_URL and Redis); options in BENCH_LOAD_ARGS
	$(PY) bench/load.py $(BENCH_LOAD_ARGS)

bench-wizard: install ## wizard steps: time, HTML weight, queries (bench/wizard.py; PostgreSQL DATABASE_URL); options in BENCH_WIZARD_ARGS
	$(PY) bench/wizard.py $(BENCH_WIZARD_ARGS)

clean:
	rm -rf $(VENV) var staticfiles
