"""Load test (`make load`): concurrent clients against gunicorn on loopback, bounded in time.

Starts the service as `make serve` does (gunicorn with service/gunicorn_config.py) on a
free 127.0.0.1 port with a temporary var/ folder, makes a system token with the CLI,
then runs `--clients` threads for `--duration` seconds, each sending a mix of renders
(PDF and DOCX, every one with new data, so nothing is served from the store) and
validations. Prints throughput, p50 / p95 / p99 latency per kind and the error count,
and exits non-zero on any error. Only loopback addresses are ever contacted.
"""

from __future__ import annotations

import argparse
import copy
import ipaddress
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TEMPLATE = "identity.birth_fact_court_application"
EXAMPLE = ROOT / "service" / "documents" / "examples" / f"{TEMPLATE}.json"
MAX_DURATION = 600.0
# kind -> share of requests
MIX = {"render_pdf": 0.6, "render_docx": 0.15, "validate": 0.25}


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[index]


def check_loopback(url: str) -> None:
    """Refuse any target that is not on this machine's loopback interface."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    if not ipaddress.ip_address(host).is_loopback:
        raise SystemExit(f"refusing to load-test a non-loopback address: {host}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served(workers: int, threads: int) -> Iterator[tuple[str, str]]:
    """Run gunicorn as `make serve` does on a free port; yield its URL and a system token."""
    var_dir = Path(tempfile.mkdtemp(prefix="paperwork-load-"))
    env = {
        **os.environ,
        "PAPERWORK_VAR_DIR": str(var_dir),
        "PAPERWORK_RATE_LIMIT": "1000000 per minute",
        "PAPERWORK_LOG_LEVEL": "WARNING",
        "PAPERWORK_WEB_WORKERS": str(workers),
        "PAPERWORK_WEB_THREADS": str(threads),
    }
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for command in (["keys", "init"], ["db", "upgrade"]):
        subprocess.run([*flask, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    created = subprocess.run(
        [*flask, "tokens", "create", "--role", "system", "--name", "load-test"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    token = re.findall(r"pwk_[A-Za-z0-9_\-]+", created.stdout + created.stderr)[-1]
    port = free_port()
    env["PAPERWORK_BIND"] = f"127.0.0.1:{port}"
    env["PAPERWORK_PUBLIC_URL"] = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "python:service.gunicorn_config", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.2)
        yield url, token
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def make_body(kind: str, example: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A request of a kind, with data no earlier request had (no reuse from the store)."""
    data = copy.deepcopy(example)
    data["court"]["name"] += f" {rng.getrandbits(40):x}"
    fmt = "docx" if kind == "render_docx" else "pdf"
    return {"template": TEMPLATE, "lang": "uk", "format": fmt, "data": data}


def run_clients(
    url: str, token: str, clients: int, duration: float, max_requests: int
) -> tuple[dict[str, list[float]], list[str], float, int]:
    """Run the clients; return latencies (ms) by kind, errors, elapsed seconds, request count."""
    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    kinds, weights = list(MIX), list(MIX.values())
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    sent = [0]
    stop_at = time.monotonic() + duration

    def client(number: int) -> None:
        rng = random.Random(number)  # noqa: S311 - varied test data, not a secret
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=url, headers=headers, timeout=60) as session:
            while time.monotonic() < stop_at:
                with lock:
                    if sent[0] >= max_requests:
                        return
                    sent[0] += 1
                kind = rng.choices(kinds, weights)[0]
                body = make_body(kind, example, rng)
                path = "/api/v1/validate" if kind == "validate" else "/api/v1/render"
                started = time.perf_counter()
                try:
                    response = session.post(path, json=body)
                    status = response.status_code
                except httpx.HTTPError as error:
                    status, response = 0, None
                    with lock:
                        errors.append(f"{kind}: {type(error).__name__}")
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if status == 200:
                        latencies[kind].append(elapsed)
                    elif response is not None:
                        errors.append(f"{kind}: HTTP {status}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.monotonic() - started, sent[0]


def report(
    latencies: dict[str, list[float]], errors: list[str], elapsed: float, clients: int
) -> str:
    """The results as a Markdown table."""
    total = sum(len(samples) for samples in latencies.values())
    lines = [
        f"{clients} clients for {elapsed:.0f} s: {total} answers, {total / elapsed:.1f} per "
        f"second, {len(errors)} errors.",
        "",
        "| kind | answers | per second | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|",
    ]
    for kind in MIX:
        samples = latencies.get(kind, [])
        if samples:
            lines.append(
                f"| {kind} | {len(samples)} | {len(samples) / elapsed:.1f} | "
                f"{statistics.median(samples):.0f} | {percentile(samples, 0.95):.0f} | "
                f"{percentile(samples, 0.99):.0f} |"
            )
    everything = [value for samples in latencies.values() for value in samples]
    if everything:
        lines.append(
            f"| all | {total} | {total / elapsed:.1f} | {statistics.median(everything):.0f} | "
            f"{percentile(everything, 0.95):.0f} | {percentile(everything, 0.99):.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Serve, load, report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (at most 600)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--max-requests", type=int, default=100_000, help="a hard bound")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--url", help="an already running service on loopback (needs --token)")
    parser.add_argument("--token", help="a system token of that service")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    duration = min(max(args.duration, 1.0), MAX_DURATION)
    clients = max(1, min(args.clients, 200))

    if args.url:
        check_loopback(args.url)
        if not args.token:
            raise SystemExit("--url needs --token")
        latencies, errors, elapsed, _ = run_clients(
            args.url, args.token, clients, duration, args.max_requests
        )
    else:
        with served(args.workers, args.threads) as (url, token):
            check_loopback(url)
            run_clients(url, token, args.workers * 2, 3.0, args.workers * 8)  # warm-up
            latencies, errors, elapsed, _ = run_clients(
                url, token, clients, duration, args.max_requests
            )
    table = report(latencies, errors, elapsed, clients)
    print(table)
    for error in sorted(set(errors))[:20]:
        print(f"error: {error} (x{errors.count(error)})")
    if args.output:
        args.output.write_text(table + "\n", encoding="utf-8")
    if errors or not latencies:
        sys.exit(1)


if __name__ == "__main__":
    main()
