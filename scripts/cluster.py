"""A cluster on loopback: two web nodes, one Celery worker, shared PostgreSQL and Redis.

`make cluster` runs this module: it starts PostgreSQL and Redis if they are not running
(as `.ci/run` does), makes the database `paperwork_cluster` and the keys every node
shares (data key, session secret, signing certificate, under var/cluster/shared/), then
two gunicorn nodes, each with its own var/ folder (var/cluster/node-a, node-b), and a
Celery worker, prints their addresses, and stops them all on Ctrl-C. Ports come from
PAPERWORK_CLUSTER_PORT_A and PAPERWORK_CLUSTER_PORT_B (8101 and 8102 by default).

The nodes share only what a real deployment shares: the database (records and document
bytes), Redis (the job queue and the rate limits) and the keys. `make cluster-test`
drives the same `Cluster` from tests/cluster/.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import psycopg
from cryptography.fernet import Fernet

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
POSTGRES_ADMIN_URL = os.environ.get(
    "PAPERWORK_CLUSTER_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = "redis://127.0.0.1:6379"
STARTUP_SECONDS = 60.0


@dataclass
class Node:
    """One web node: its name, address, var/ folder and gunicorn master."""

    name: str
    port: int
    var_dir: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Where the node serves."""
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    """The processes of a cluster and the settings they share."""

    root: Path
    database: str
    ports: tuple[int, int]
    queue: str = "paperwork-cluster"
    broker_db: int = 13
    limits_db: int = 12
    rate_limit: str = "600 per minute"
    job_lease_seconds: float = 30.0
    nodes: list[Node] = field(default_factory=list)
    worker: subprocess.Popen[bytes] | None = None
    logs: list[IO[bytes]] = field(default_factory=list)

    @property
    def database_url(self) -> str:
        """The shared database."""
        return f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{self.database}"

    def shared_settings(self) -> dict[str, str]:
        """The keys every node shares, made once and kept under root/shared/."""
        shared = self.root / "shared"
        shared.mkdir(parents=True, exist_ok=True)
        saved = shared / "keys.json"
        if not saved.exists():
            saved.write_text(
                json.dumps(
                    {
                        "PAPERWORK_DATA_KEYS": Fernet.generate_key().decode(),
                        "PAPERWORK_SECRET_KEY": secrets.token_urlsafe(32),
                    }
                ),
                encoding="utf-8",
            )
            saved.chmod(0o600)
        keys: dict[str, str] = json.loads(saved.read_text(encoding="utf-8"))
        return keys | {"PAPERWORK_SIGNING_P12": str(shared / "signing.p12")}

    def environment(self, var_dir: Path) -> dict[str, str]:
        """The environment of a process of the cluster with its own var/ folder."""
        return {
            **os.environ,
            **self.shared_settings(),
            "DATABASE_URL": self.database_url,
            "PAPERWORK_VAR_DIR": str(var_dir),
            "PAPERWORK_PUBLIC_URL": f"http://127.0.0.1:{self.ports[0]}",
            "CELERY_BROKER_URL": f"{REDIS_URL}/{self.broker_db}",
            "PAPERWORK_CELERY_QUEUE": self.queue,
            "PAPERWORK_RATE_LIMIT": self.rate_limit,
            "PAPERWORK_RATE_LIMIT_STORAGE": f"{REDIS_URL}/{self.limits_db}",
            "PAPERWORK_JOB_LEASE_SECONDS": str(self.job_lease_seconds),
            "PAPERWORK_SECURE_COOKIES": "0",
            "PAPERWORK_WEB_WORKERS": "1",
            "PAPERWORK_RENDER_WORKERS": "1",
            "PAPERWORK_LOG_LEVEL": "WARNING",
        }

    def prepare(self) -> None:
        """Start PostgreSQL and Redis if needed, make the database, keys and schema."""
        subprocess.run([str(PROJECT / "scripts" / "start_services.sh")], check=True)
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (self.database,)
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{self.database}"')
        environment = self.environment(self.root / "shared")
        # The signing certificate lives with the shared keys: `keys init` makes it there.
        environment.pop("PAPERWORK_SIGNING_P12")
        for command in (["keys", "init"], ["db", "upgrade"]):
            subprocess.run(
                [str(BIN / "flask"), "--app", "wsgi", *command],
                cwd=PROJECT,
                env=environment,
                check=True,
                capture_output=True,
            )

    def start(self) -> None:
        """Start both web nodes and the worker, and wait until the nodes are ready."""
        self.prepare()
        self.nodes = [
            Node(name, port, self.root / f"node-{name}")
            for name, port in zip(("a", "b"), self.ports, strict=True)
        ]
        for node in self.nodes:
            node.var_dir.mkdir(parents=True, exist_ok=True)
            environment = self.environment(node.var_dir) | {
                "PAPERWORK_BIND": f"127.0.0.1:{node.port}"
            }
            node.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "python:service.gunicorn_config", "wsgi:app"],
                cwd=PROJECT,
                env=environment,
                start_new_session=True,
                stdout=self.log(f"node-{node.name}"),
                stderr=subprocess.STDOUT,
            )
        self.start_worker()
        for node in self.nodes:
            wait_until_ready(node.url)

    def start_worker(self) -> None:
        """Start the Celery worker (again, after it was killed)."""
        var_dir = self.root / "worker"
        var_dir.mkdir(parents=True, exist_ok=True)
        self.worker = subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "service.jobs.worker",
                "worker",
                "--pool=solo",
                "--queues",
                self.queue,
                "--without-gossip",
                "--without-mingle",
                "--loglevel=WARNING",
                "--hostname",
                f"cluster-{secrets.token_hex(3)}@%h",
            ],
            cwd=PROJECT,
            env=self.environment(var_dir),
            start_new_session=True,
            stdout=self.log("worker"),
            stderr=subprocess.STDOUT,
        )

    def log(self, name: str) -> IO[bytes]:
        """The log file of one process of the cluster (appended to; closed on stop)."""
        stream = (self.root / f"{name}.log").open("ab")
        self.logs.append(stream)
        return stream

    def stop(self) -> None:
        """Stop every process of the cluster (gracefully, then by force)."""
        processes = [node.process for node in self.nodes if node.process] + [self.worker]
        for process in processes:
            if process is not None and process.poll() is None:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for stream in self.logs:
            stream.close()

    def drop_database(self) -> None:
        """Remove the cluster's database (tests make a fresh one each run)."""
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (self.database,),
            )
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}"')


def wait_until_ready(url: str) -> None:
    """Wait for a node's /readyz to answer 200."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become ready in {STARTUP_SECONDS:.0f} s")
        time.sleep(0.3)


@contextmanager
def running_cluster(root: Path, database: str, ports: tuple[int, int]) -> Iterator[Cluster]:
    """A started cluster, stopped on exit."""
    cluster = Cluster(root, database, ports)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


def main() -> None:
    """Run the cluster in the foreground until Ctrl-C (or SIGTERM)."""
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
    ports = (
        int(os.environ.get("PAPERWORK_CLUSTER_PORT_A", "8101")),
        int(os.environ.get("PAPERWORK_CLUSTER_PORT_B", "8102")),
    )
    with running_cluster(PROJECT / "var" / "cluster", "paperwork_cluster", ports) as cluster:
        print("cluster ready:")
        for node in cluster.nodes:
            print(f"  web node {node.name}: {node.url} (var: {node.var_dir})")
        print(f"  Celery worker: queue {cluster.queue} on {REDIS_URL}/{cluster.broker_db}")
        print(f"  PostgreSQL: {cluster.database_url}")
        print(f"  Redis: {REDIS_URL} (jobs {cluster.broker_db}, rate limits {cluster.limits_db})")
        print(f"  logs: {cluster.root}/*.log")
        flask = f"DATABASE_URL={cluster.database_url} .venv/bin/flask --app wsgi"
        print("a token for both nodes (organisations and tokens live in the shared database):")
        print(f"  {flask} orgs create --name …")
        print(f"  {flask} tokens create --role caseworker --name me --organisation ORG_ID")
        print("Ctrl-C stops it.", flush=True)
        with suppress(KeyboardInterrupt):
            while all(node.process and node.process.poll() is None for node in cluster.nodes):
                time.sleep(1)


if __name__ == "__main__":
    main()
