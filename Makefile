# Two commands on a fresh machine:  `make run`  (app with demo data)  and  `make test`  (whole suite).
# Everything installs into .venv; settings come from the environment (README, "Configuration").

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.install-stamp

.PHONY: install system-deps migrate reference-data demo-data run test lint worker beat check-deploy bench bench-load clean

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	@touch $(STAMP)

install: $(STAMP) ## install every Python dependency into .venv (idempotent)

system-deps: ## Debian packages for PDF export and browser tests (only when root and missing)
	@bash scripts/system-deps.sh

migrate: install
	$(PY) manage.py migrate --noinput

reference-data: migrate
	$(PY) manage.py load_reference_data

demo-data: reference-data ## demo partnerships and users, their feasibility runs and dashboard figures
	$(PY) manage.py load_demo
	$(PY) manage.py run_feasibility --all --sync
	$(PY) manage.py refresh_portfolio_figures

run: demo-data ## install, migrate, load reference and demo data, serve on 127.0.0.1:$(PORT)
	@echo ""
	@echo "  SMP platform: http://127.0.0.1:$(PORT)/"
	@echo "  Demo logins (password: demo-password): official, official2, reviewer, partner"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: lint system-deps ## install everything and run the whole suite (SQLite unless DATABASE_URL is set)
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

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

clean:
	rm -rf $(VENV) var staticfiles
