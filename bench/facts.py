"""Deriving the facts of a case: birth under occupation, a return from occupied territory.

`measure_facts()` is for bench/bench_render.py to report (issue 27: under 1 ms a case);
run this file to see it alone. The seed family (8 children, the mother) is loaded as a
stored case is; the codifier and the occupation list are read before the clock starts
(once per process, about 0.1 s). What is timed is what the plan does for every case:
each child's facts, from the birth place and date and the place and day left.
"""

from __future__ import annotations

import json
import statistics
import sys
import timeit
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.planning.plan import child_facts
from service.ukrainian.codifier import load_codifier
from service.ukrainian.occupation import load_occupation_list

SEED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seed_family.json"


def measure_facts(rounds: int = 300) -> dict[str, float]:
    """Time the derived facts of every child of the seed family: ms per case."""
    case = json.loads(SEED.read_text(encoding="utf-8"))
    children = case["children"]
    load_codifier()
    load_occupation_list()
    today = date(2026, 12, 7)

    def derive() -> None:
        for child in children:
            child_facts(child, today)

    per_case = [timeit.timeit(derive, number=rounds) / rounds * 1000 for _ in range(7)]
    return {
        "children": float(len(children)),
        "median_ms": statistics.median(per_case),
        "slowest_ms": max(per_case),
    }


if __name__ == "__main__":
    print(json.dumps(measure_facts()))
