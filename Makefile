# What the README tells people to type. Everything installs into .venv; system libraries
# that WeasyPrint needs are installed with apt-get when missing (as root, or with sudo).
# Each target installs what it needs and no more: `make run` the service, `make test` the
# test tools too, `make lint` the linters; a stamp file per part in .venv remembers it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The address printed in each PDF's QR code and verification link: where this serves,
# unless set (`make run PAPERWORK_PUBLIC_URL=https://paperwork.example.org`, or from the
# environment). With HOST=0.0.0.0 set it to a name others reach: the service warns.
PAPERWORK_PUBLIC_URL ?= http://$(HOST):$(PORT)

# WeasyPrint's native libraries; libharfbuzz-subset0 halves PDF time (font subsetting).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 shared-mime-info
# Tools the tests use to read PDFs back, the browser of the page tests, and LibreOffice
# with the metric twin of Times New Roman it lays out DOCX in (only a Recommends of it):
# every DOCX must keep its layout there (tests/integration/test_docx_libreoffice.py).
TEST_SYSTEM_PACKAGES := poppler-utils qpdf chromium libreoffice-writer-nogui fonts-liberation2
# `make samples` writes PNGs of the PDFs with pdftoppm.
SAMPLE_SYSTEM_PACKAGES := poppler-utils
# What the benchmarks compare against: LibreOffice converting our DOCX to PDF.
BENCH_SYSTEM_PACKAGES := libreoffice-writer-nogui

# Further targets of parts of the service (serve, load, ...) live in make/*.mk.
-include make/*.mk

.PHONY: install install-test install-dev run test lint format bench messages catalogs docx-templates samples gallery clean

# The service and what running it needs: runtime packages (pyproject's dependencies) and
# WeasyPrint's system libraries.
install: $(VENV)/.installed-run messages

$(VENV)/.installed-run: pyproject.toml
	scripts/install_system_packages.sh $(SYSTEM_PACKAGES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Besides: the test extras, and the tools the tests read documents back with.
install-test: install $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed-run pyproject.toml
	scripts/install_system_packages.sh $(TEST_SYSTEM_PACKAGES)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Besides: the dev extras (ruff, mypy).
install-dev: install $(VENV)/.installed-dev

$(VENV)/.installed-dev: $(VENV)/.installed-run pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

messages: $(VENV)/.installed-run
	$(BIN)/pybabel --quiet compile --domain messages --directory service/translations

catalogs: $(VENV)/.installed-run
	$(BIN)/python scripts/extract_messages.py

docx-templates: $(VENV)/.installed-run
	$(BIN)/python -m scripts.build_docx_templates

run: install
	$(BIN)/flask --app wsgi keys init
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi institutions seed
	PAPERWORK_PUBLIC_URL='$(PAPERWORK_PUBLIC_URL)' $(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check service tests scripts bench wsgi.py
	$(BIN)/ruff format --check service tests scripts bench wsgi.py
	$(BIN)/mypy
	$(BIN)/flask --app wsgi templates lint > /dev/null
	$(BIN)/python scripts/extract_messages.py --check

format: install-dev
	$(BIN)/ruff format service tests scripts bench wsgi.py
	$(BIN)/ruff check --fix service tests scripts bench wsgi.py

bench: install
	scripts/install_system_packages.sh $(BENCH_SYSTEM_PACKAGES)
	$(BIN)/python bench/bench_render.py

clean:
	rm -rf $(VENV) var samples .pytest_cache .mypy_cache .ruff_cache
	find service/translations -name '*.mo' -delete

samples: install
	scripts/install_system_packages.sh $(SAMPLE_SYSTEM_PACKAGES)
	$(BIN)/python -m scripts.render_samples --png

# Pictures of the main pages in Ukrainian and English (docs/gallery/), made by the test
# that walks every page looking for program keys.
gallery: install-test
	PAPERWORK_GALLERY=1 $(BIN)/python -m pytest tests/browser/test_no_keys_on_pages.py
