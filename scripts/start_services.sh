#!/bin/bash
# Start PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) if they are not running:
# what the tests, `make cluster` and `.ci/run` need. Nothing happens for a service that
# answers already.
set -uo pipefail

if ! (echo > /dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "starting PostgreSQL" >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
fi
# Redis keeps its data (append-only file, fsynced every second) under PAPERWORK_REDIS_DIR:
# a restart loses no queued job. Should a message be lost anyway, the web processes'
# sweeper sends its job again (docs/deploy.md, "Redis: keeping the job queue").
if ! (echo > /dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  echo "starting Redis" >&2
  redis_dir="${PAPERWORK_REDIS_DIR:-/var/lib/redis}"
  mkdir -p "$redis_dir"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --appendonly yes \
    --appendfsync everysec --dir "$redis_dir" || true
fi
