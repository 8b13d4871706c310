# Past one machine (issue 19): two web nodes, a Celery worker, shared PostgreSQL and Redis,
# all on loopback (scripts/cluster.py). Ports: PAPERWORK_CLUSTER_PORT_A and _B.

.PHONY: cluster cluster-test

# Runs in the foreground and prints the addresses; Ctrl-C stops every process.
cluster: install
	$(BIN)/python -m scripts.cluster

# Starts its own cluster (fresh database, free ports), proves the fault scenarios, stops it.
cluster-test: install-test
	$(BIN)/python -m pytest -m cluster tests/cluster
