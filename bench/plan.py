"""The plan of a case: how long `build_plan` takes for a case of 20 children.

Storage builds a plan on every GET with readiness it stored when the case was saved, so
that is the figure the goal is about (issue 16: under 20 ms). The default check (loading
each step's document data with its template's schema) is reported beside it: it runs
when a case or its document data is saved. `measure_plan()` is for bench/bench_render.py
to report; run this file to see it alone.
"""

from __future__ import annotations

import copy
import json
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.planning.model import CasePlan, MissingField, StepProgress
from service.planning.plan import build_plan
from service.planning.readiness import check_readiness

SEED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seed_family.json"
TODAY = date(2026, 12, 7)
CHILDREN = 20


def build_case(children: int = CHILDREN) -> dict[str, Any]:
    """The seed's family, its children repeated (new ids) up to `children`."""
    case: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
    seed_children = case["children"]
    case["children"] = []
    for index in range(children):
        child = copy.deepcopy(seed_children[index % len(seed_children)])
        child["id"] = f"child{index:04d}"
        case["children"].append(child)
    return case


def build_progress(case: Mapping[str, Any]) -> dict[str, StepProgress]:
    """Some recorded progress: every other child's court case filed, one decided."""
    progress: dict[str, StepProgress] = {}
    for index, child in enumerate(case["children"]):
        if index % 2:
            progress[f"{child['id']}.birth_fact"] = StepProgress(
                status="filed", filed={"date": "2026-11-02", "where": "суд"}
            )
    progress["child0004.birth_fact"] = StepProgress(
        status="decided",
        filed={"date": "2026-11-02"},
        decided={"date": "2026-12-01", "outcome": "granted", "court": {"name": "Суд"}},
    )
    return progress


Check = Callable[[str, Mapping[str, Any], str | None, Mapping[str, Any] | None], Any]


def stored_check(case: Mapping[str, Any], progress: Mapping[str, StepProgress]) -> Check:
    """A check that answers from results computed once, as storage does."""
    stored: dict[tuple[str, str | None], tuple[MissingField, ...]] = {}

    def remember(
        template_id: str,
        case_data: Mapping[str, Any],
        child_id: str | None,
        overrides: Mapping[str, Any] | None,
    ) -> tuple[MissingField, ...]:
        found = check_readiness(template_id, case_data, child_id, overrides)
        stored[(template_id, child_id)] = found
        return found

    build_plan(case, progress, today=TODAY, check_readiness=remember)

    def answer(
        template_id: str,
        case_data: Mapping[str, Any],
        child_id: str | None,
        overrides: Mapping[str, Any] | None,
    ) -> tuple[MissingField, ...]:
        return stored[(template_id, child_id)]

    return answer


def time_ms(function: Callable[[], object], rounds: int) -> list[float]:
    """Wall-clock milliseconds of each of `rounds` calls."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure_plan(rounds: int = 50) -> dict[str, float]:
    """Time a plan of 20 children: stored readiness (the GET), and the default check."""
    case = build_case()
    progress = build_progress(case)
    stored = stored_check(case, progress)  # also warms the schemas and catalogs

    def with_stored() -> CasePlan:
        return build_plan(case, progress, today=TODAY, check_readiness=stored)

    def with_default() -> CasePlan:
        return build_plan(case, progress, today=TODAY)

    plan = with_stored()
    steps = sum(len(person.steps) for person in plan.people)
    stored_times = time_ms(with_stored, rounds)
    default_times = time_ms(with_default, max(5, rounds // 5))
    return {
        "children": float(CHILDREN),
        "steps": float(steps),
        "stored_median_ms": statistics.median(stored_times),
        "stored_slowest_ms": max(stored_times),
        "default_median_ms": statistics.median(default_times),
        "default_slowest_ms": max(default_times),
    }


if __name__ == "__main__":
    for label, value in measure_plan().items():
        print(f"{label}: {value:.2f}")
