#!/bin/bash
# Start PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) if they are not running:
# what the tests, `make cluster` and `.ci/run` need. Nothing happens for a service that
# answers already.
set -uo pipefail

if ! (echo > /dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "starting PostgreSQL" >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
fi
if ! (echo > /dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  echo "starting Redis" >&2
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
fi
