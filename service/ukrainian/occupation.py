"""Whether a place of Ukraine was under temporary occupation on a day: derived, not ticked.

The state's single source is the «Перелік територій, на яких ведуться (велися) бойові
дії або тимчасово окупованих Російською Федерацією» (order of the Ministry for
Reintegration of 22.12.2022 № 309, as amended): per territorial community, and for some
communities per settlement, the day the occupation began and, where it ended, the day it
ended. `data/occupation.toml` keeps the entries of that list the repository could check,
each with its source; `docs/occupation.md` says which edition and what it covers.

A place's answer is one of three:
- occupied: an entry of the place (or of a unit it lies in) covers the day;
- not occupied: the day falls outside every entry of the place, or the place lies in a
  region where the list names no occupied territory, or before the region's first
  occupation (no territory of Ukraine was occupied before the law's date);
- undetermined: the community was occupied only in part, the list gives the date by
  month only and the day falls in that month, the day the occupation began is not known
  (only that it had begun by some day), or the entries of the region are not all in the
  repository. A person must then confirm it, and the document says so.
"""

from __future__ import annotations

import functools
import tomllib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from service.i18n import N_
from service.ukrainian.codifier import Place, find_place, find_places

DATA_FILE = Path(__file__).parent / "data" / "occupation.toml"

Status = Literal["occupied", "not_occupied", "undetermined"]

# Why the data could not decide (msgids).
PARTLY_OCCUPIED = N_("the community was occupied only in part")
KNOWN_BY_MONTH = N_("the list gives the date only by month")
START_UNKNOWN = N_(
    "the day its occupation began could not be read; it was occupied by a later day at the latest"
)
REGION_INCOMPLETE = N_("the repository does not hold every entry of the list for this region")


@dataclass(frozen=True)
class Period:
    """One entry of the list: a unit occupied from `start` until `end` (or still)."""

    code: str
    name: str
    start: date
    end: date | None
    scope: Literal["whole", "part"]
    # day: the dates are the list's; month: the list gives the month only; at_latest: the
    # place was occupied on `start`, but the day it began is earlier and unknown.
    precision: Literal["day", "month", "at_latest"]
    source: str  # what was read to write the entry
    basis: Mapping[str, str]  # the act a document cites for it, {"uk": ..., "en": ...}

    def covers(self, day: date) -> bool:
        """Tell whether the day lies in the period (the end day is the day it ended)."""
        return self.start <= day and (self.end is None or day < self.end)

    def unclear_on(self, day: date) -> bool:
        """Tell whether the day falls in a month the list gives without the day."""
        if self.precision != "month":
            return False
        edges = [self.start] + ([self.end] if self.end else [])
        return any((day.year, day.month) == (edge.year, edge.month) for edge in edges)


@dataclass(frozen=True)
class Region:
    """A region (oblast, Crimea, Kyiv or Sevastopol) the list names occupied territory in."""

    code: str
    first_day: date  # no territory of the region was occupied before this day
    complete: bool  # every entry of the list for the region is in the data
    basis: Mapping[str, str]  # the act that sets the first day, {"uk": ..., "en": ...}


@dataclass(frozen=True)
class Occupation:
    """The answer for one place on one day."""

    status: Status
    period: Period | None = None  # the entry that decided it, or that left it open
    reason: str | None = None  # msgid: why undetermined
    region: Region | None = None  # the region whose first day decided it


@dataclass(frozen=True)
class OccupationList:
    """The list as the repository holds it."""

    title: str
    approved_by: str
    edition: str
    checked: date
    periods: Mapping[str, Sequence[Period]]
    regions: Mapping[str, Region]

    def on(self, chain: Sequence[str], day: date) -> Occupation:
        """Decide for a place (its codes from the region down) on a day."""
        region = self.regions.get(chain[0]) if chain else None
        if region is None:
            return Occupation("not_occupied")
        for code in reversed(chain):
            periods = self.periods.get(code)
            if periods:
                return decide(periods, day, region)
        if day < region.first_day:
            return Occupation("not_occupied", region=region)
        if region.complete:
            return Occupation("not_occupied")
        return Occupation("undetermined", reason=REGION_INCOMPLETE)


def decide(periods: Sequence[Period], day: date, region: Region) -> Occupation:
    """The answer of the entries of one unit for a day (none before the region's first)."""
    if day < region.first_day:
        return Occupation(
            "not_occupied", min(periods, key=lambda period: period.start), region=region
        )
    for period in periods:
        if period.unclear_on(day):
            return Occupation("undetermined", period, KNOWN_BY_MONTH)
        if period.precision == "at_latest" and day < period.start:
            return Occupation("undetermined", period, START_UNKNOWN)
        if period.covers(day):
            if period.scope == "part":
                return Occupation("undetermined", period, PARTLY_OCCUPIED)
            return Occupation("occupied", period)
    before = [period for period in periods if day < period.start]
    earliest = min(before, key=lambda period: period.start) if before else None
    ended = [period for period in periods if period.end is not None and day >= period.end]
    latest_end = max(ended, key=lambda period: period.end or period.start) if ended else None
    return Occupation("not_occupied", earliest or latest_end)


def parse_list(raw: Mapping[str, Any]) -> OccupationList:
    """Build the list from its TOML (dates as TOML dates or ISO strings)."""
    header = raw["list"]
    bases = raw["basis"]
    periods: dict[str, list[Period]] = defaultdict(list)
    for entry in raw.get("territory", ()):
        periods[entry["code"]].append(
            Period(
                code=entry["code"],
                name=entry["name"],
                start=as_date(entry["start"]),
                end=as_date(entry["end"]) if entry.get("end") else None,
                scope=entry.get("scope", "whole"),
                precision=entry.get("precision", "day"),
                source=entry["source"],
                basis=bases[entry["basis"]],
            )
        )
    regions = {
        entry["code"]: Region(
            entry["code"],
            as_date(entry["first_day"]),
            bool(entry.get("complete", False)),
            bases[entry["basis"]],
        )
        for entry in raw.get("region", ())
    }
    return OccupationList(
        title=header["title"],
        approved_by=header["approved_by"],
        edition=header["edition"],
        checked=as_date(header["checked"]),
        periods=dict(periods),
        regions=regions,
    )


def as_date(value: date | str) -> date:
    """A TOML date or an ISO string as a date."""
    return value if isinstance(value, date) else date.fromisoformat(value)


@functools.cache
def load_occupation_list() -> OccupationList:
    """Read the list once per process."""
    with DATA_FILE.open("rb") as data:
        return parse_list(tomllib.load(data))


def occupation_on(chain: Sequence[str], day: date) -> Occupation:
    """Whether the place whose codes are `chain` (region first) was occupied on `day`."""
    return load_occupation_list().on(chain, day)


@dataclass(frozen=True)
class PlaceOnDay:
    """Whether a place was occupied on a day, and how that is known."""

    status: str  # "occupied", "not_occupied", "undetermined"
    place: Place | None
    day: date
    occupation: Occupation | None = None
    confirmed: bool = False  # a person answered what the list could not decide

    @property
    def occupied(self) -> bool:
        """True only when occupied by the list, or by a person's confirmation."""
        return self.status == "occupied"


def occupation_of(place: Mapping[str, Any] | None, day: date) -> PlaceOnDay:
    """Whether a loaded place was under occupation on `day`.

    A place abroad was not on the occupied territory of Ukraine. Where the list cannot
    decide, the place's `occupation_confirmed` (a person's answer) decides, marked as
    confirmed; without it the answer stays undetermined.
    """
    if not place:
        return PlaceOnDay("undetermined", None, day)
    if place.get("country", "UA") != "UA":
        return PlaceOnDay("not_occupied", None, day)
    found = locate(place)
    if found is None:
        return PlaceOnDay("undetermined", None, day)
    occupation = occupation_on(found.chain, day)
    if occupation.status == "undetermined" and place.get("occupation_confirmed") is not None:
        status = "occupied" if place["occupation_confirmed"] else "not_occupied"
        return PlaceOnDay(status, found, day, occupation, confirmed=True)
    return PlaceOnDay(occupation.status, found, day, occupation)


def locate(place: Mapping[str, Any]) -> Place | None:
    """The codifier's place of a place of Ukraine: by its code, or by names that fit one.

    Loaded data always has the code; a stored case from before codes were kept may not.
    """
    if place.get("katottg"):
        return find_place(place["katottg"])
    if not place.get("settlement"):
        return None
    found = find_places(
        place["settlement"],
        hromada=place.get("hromada"),
        raion=place.get("raion"),
        oblast=place.get("oblast"),
    )
    return found[0] if len(found) == 1 else None
