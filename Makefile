# Tremplin — two commands: `make run` and `make test`. Both are idempotent.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# System packages the platform needs (sandbox, translations, browser tests, Redis for production-like runs).
APT_PACKAGES := bubblewrap gettext chromium redis-server python3-venv fonts-dejavu-core

.PHONY: run test lint format install system-packages prepare messages clean bench

# Development mode is explicit: settings read DJANGO_DEBUG=1 from this file (production is the default).
# Written once; edit it for local settings (it is not in git).
.env:
	printf '%s\n' '# Written by make: this checkout runs in development mode (production is the default without it).' \
	  'DJANGO_DEBUG=1' > $@

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# The grading sandbox's own Python (Debian's /usr/bin/python3 + pinned packages), mounted
# read-only inside bubblewrap; nothing of the project's virtualenv is visible there.
SANDBOX_VENV := .sandbox-venv
$(SANDBOX_VENV)/.installed: exercises/sandbox_files/requirements.txt | system-packages
	test -x $(SANDBOX_VENV)/bin/python || /usr/bin/python3 -m venv $(SANDBOX_VENV)
	$(SANDBOX_VENV)/bin/python -m pip install --quiet -r exercises/sandbox_files/requirements.txt
	# matplotlib's font cache, built once here and copied into each notebook run (building it takes seconds).
	MPLCONFIGDIR=$(SANDBOX_VENV)/mplconfig $(SANDBOX_VENV)/bin/python -c "import matplotlib.pyplot"
	touch $@

install: .env $(VENV)/.installed $(SANDBOX_VENV)/.installed

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages: $$missing"; \
	    (apt-get install -y -qq $$missing || (apt-get update -qq && apt-get install -y -qq $$missing)) >/dev/null; \
	  else \
	    echo "Missing system packages; run: sudo apt-get install -y $$missing"; \
	  fi; \
	fi

messages: .env $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore '.venv/*' -v0

prepare: install system-packages messages
	mkdir -p var/broker/queue var/broker/processed var/media
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py load_framework
	$(PY) manage.py import_course content
	$(PY) manage.py import_positioning content
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --no-input -v0

run: prepare
	PORT=$(PORT) bin/run

test: install system-packages messages lint
	mkdir -p var/broker/queue var/broker/processed
	$(VENV)/bin/pytest

# Lint and format check (configuration in pyproject.toml); `make format` rewrites the files.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var/static var/broker

bench: install system-packages
	$(PY) bench/grading.py
	$(PY) bench/web.py
	$(PY) bench/progress.py
	$(PY) bench/notebooks.py
	$(PY) bench/simulations.py
	$(PY) bench/attendance.py
