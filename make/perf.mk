# Serving with gunicorn, and the load test against it (targets of issue 9).
# `make bench` (in the Makefile) writes bench/results.md; these are not part of `make test`.

LOAD_DURATION ?= 60
LOAD_CLIENTS ?= 20

.PHONY: serve load

# One gunicorn worker per core, recycled; settings in service/gunicorn_config.py.
serve: install
	$(BIN)/flask --app wsgi keys init
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi institutions seed
	PAPERWORK_BIND=$(HOST):$(PORT) PAPERWORK_PUBLIC_URL='$(PAPERWORK_PUBLIC_URL)' $(BIN)/gunicorn -c python:service.gunicorn_config wsgi:app

# Starts its own gunicorn on a free loopback port with a temporary var/, then runs
# LOAD_CLIENTS clients for LOAD_DURATION seconds (mixed render and validate); exits
# non-zero on any error. The table also goes to bench/load.md, which `make bench` quotes.
load: install
	$(BIN)/python bench/load.py --duration $(LOAD_DURATION) --clients $(LOAD_CLIENTS) --output bench/load.md
