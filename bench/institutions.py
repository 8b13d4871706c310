"""Institution names: the time one derivation of the dative, genitive and English takes.

`measure_institution_forms()` is for bench/bench_render.py to report; run this file to see
it alone. Warm: the terms file is read before the clock starts (the first call reads it).
"""

from __future__ import annotations

import functools
import statistics
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.ukrainian import derive_institution_forms

NAMES = [
    "Шевченківський районний суд міста Києва",
    "Житомирський міськрайонний суд Житомирської області",
    "Сьомий апеляційний адміністративний суд",
    "Верховний Суд",
    "Служба у справах дітей Житомирської міської ради",
    "Відділ державної реєстрації актів цивільного стану у місті Мелітополі",
    "так званий відділ ЗАГС м. Донецька",
    "Центр надання адміністративних послуг Житомирської міської ради",
    "Головне управління ДМС у Житомирській області",
    "Богунський РВ ЖМУ УМВС України",
    "Управління соціального захисту населення Богунської районної адміністрації",
    "Комунальне некомерційне підприємство «Міська дитяча лікарня» Житомирської міської ради",
    "Центр первинної медико-санітарної допомоги Житомирської міської ради",
    "Жіноча консультація № 2",
    "Пологовий будинок № 1",
    "Приватний нотаріус Житомирського міського нотаріального округу",
    "Перша житомирська державна нотаріальна контора",
    "Житомирська обласна державна адміністрація",
    "Мелітопольська міська військова адміністрація",
    "Уповноважений Верховної Ради України з прав людини",
]


# The service caches the forms of each name; the rules themselves are what is timed.
derive_uncached = derive_institution_forms.__wrapped__


def measure_institution_forms(rounds: int = 200) -> dict[str, float]:
    """Time derive_institution_forms over NAMES: mean, median and slowest ms per name."""
    for name in NAMES:
        derive_institution_forms(name)
    per_name = [
        timeit.timeit(functools.partial(derive_uncached, name), number=rounds) / rounds * 1000
        for name in NAMES
    ]
    return {
        "names": float(len(NAMES)),
        "mean_ms": statistics.fmean(per_name),
        "median_ms": statistics.median(per_name),
        "slowest_ms": max(per_name),
    }


if __name__ == "__main__":
    for label, value in measure_institution_forms().items():
        print(f"{label}: {value:.3f}")
