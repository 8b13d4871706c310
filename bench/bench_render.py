"""Benchmark warm renders of the court application (run by `make bench`, never by tests).

Prints a table of median and p95 milliseconds per format and language, through the
HTTP API (Flask test client: validation, rendering, hashing, response) and writes the
same table to bench/results.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

from service import create_app
from service.documents import get_template

TEMPLATE = "identity.birth_fact_court_application"
RESULTS = Path(__file__).parent / "results.md"


def percentile(samples: list[float], fraction: float) -> float:
    """The value below which `fraction` of the samples fall (nearest rank)."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[index]


def measure(client, body: dict, runs: int, warmup: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Time `runs` renders after `warmup` untimed ones; milliseconds each."""
    for _ in range(warmup):
        assert client.post("/api/v1/render", json=body).status_code == 200
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.post("/api/v1/render", json=body)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return samples


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    app = create_app({"LOG_LEVEL": "WARNING"})
    client = app.test_client()
    data = get_template(TEMPLATE).load_example()
    rows = []
    for fmt in ("docx", "pdf"):
        for lang in ("uk", "uk-en"):
            body = {"template": TEMPLATE, "lang": lang, "format": fmt, "data": data}
            samples = measure(client, body, args.runs, args.warmup)
            rows.append(
                f"| {fmt} | {lang} | {statistics.median(samples):.0f} | "
                f"{percentile(samples, 0.95):.0f} | {args.runs} |"
            )
    table = "\n".join(
        [
            f"Warm renders of `{TEMPLATE}` through POST /api/v1/render, one process, "
            f"{platform.processor() or platform.machine()}, Python {platform.python_version()}.",
            "",
            "| format | lang | median ms | p95 ms | runs |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )
    print(table)
    RESULTS.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
