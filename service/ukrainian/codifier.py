"""Places of Ukraine by the KATOTTG codifier: a code gives the settlement and its units.

The codifier («Кодифікатор адміністративно-територіальних одиниць та територій
територіальних громад») lists every oblast, raion, territorial community (hromada),
settlement and city district with a code `UA` + 17 digits and the unit it lies in.
A place is picked by its code; names are derived from it, never typed. A place named by
words instead (settlement, and any of hromada, raion, oblast) is resolved to the codes
that fit: one fit is the place, several or none are for the caller to report.

Data: `data/katottg.tsv.gz`, built by `scripts/build_katottg.py` from the official
spreadsheet, loaded once per process on first use.
"""

from __future__ import annotations

import difflib
import functools
import gzip
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from service.ukrainian.names import MODIFIER_APOSTROPHE
from service.ukrainian.places import region_in_english, settlement_in_english, unit_in_english
from service.ukrainian.transliteration import transliterate

DATA_FILE = Path(__file__).parent / "data" / "katottg.tsv.gz"
CODIFIER_EDITION = (
    "Кодифікатор адміністративно-територіальних одиниць та територій територіальних громад, "
    "затверджений наказом Міністерства розвитку громад та територій України від 26 листопада "
    "2020 року № 290 (в редакції наказу Міністерства розвитку громад, територій та "
    "інфраструктури України від 19 січня 2024 року № 48)"
)

# Categories of the codifier: O oblast or Crimea, K Kyiv or Sevastopol, P raion,
# H territorial community, M city, X селище, C village, B city district (T, the
# urban-type settlement, is gone from the 2024 edition: they are селища now).
REGION = frozenset("OK")
SETTLEMENTS = frozenset("KMXCT")
PLACE_CATEGORIES = frozenset("KMXCTBH")
SETTLEMENT_PREFIXES = {"M": "м.", "K": "м.", "X": "с-ще", "T": "с-ще", "C": "с."}
HROMADA_TYPES = {"M": "міська", "K": "міська", "X": "селищна", "T": "селищна", "C": "сільська"}
CRIMEA = "Автономна Республіка Крим"

# What a person types before a settlement's name, and the categories it allows.
TYPED_PREFIXES: dict[str, frozenset[str]] = {
    "м": frozenset("MK"),
    "місто": frozenset("MK"),
    "с": frozenset("C"),
    "село": frozenset("C"),
    "с-ще": frozenset("XT"),
    "селище": frozenset("XT"),
    "сел": frozenset("XT"),
    "смт": frozenset("XT"),
    "с.м.т": frozenset("XT"),
    "селище міського типу": frozenset("XT"),
}
_PREFIX = re.compile(
    r"^(селище міського типу|с\.м\.т|місто|село|селище|с-ще|смт|сел|м|с)\.?\s+", re.IGNORECASE
)
_UNIT_WORDS = re.compile(
    r"\b(міська|селищна|сільська|територіальна|громада|район|область|обл\.?|р-н|м\.)",
    re.IGNORECASE,
)
_APOSTROPHES = str.maketrans("\u2019\u02bc`\u2018", "'" * 4)
_TO_MODIFIER = str.maketrans("'\u2019`", MODIFIER_APOSTROPHE * 3)


@dataclass(frozen=True)
class Unit:
    """One row of the codifier."""

    code: str
    category: str
    name: str  # as the codifier writes it: "Донецька" (oblast, raion or hromada), "Донецьк"
    parent: str | None


@dataclass(frozen=True)
class Place:
    """A settlement, city district or territorial community, with the units it lies in.

    Names are official, in the nominative: "м. Донецьк", "Донецька міська територіальна
    громада", "Донецький район", "Донецька область"; `chain` holds the codes from the
    region down to the place itself (occupation is looked up along it).
    """

    katottg: str
    category: str
    settlement: str | None
    district: str | None
    hromada: str | None
    raion: str | None
    oblast: str | None  # None for Kyiv and Sevastopol, cities with a region's status
    region: str  # the oblast, Crimea, or "м. Київ" / "м. Севастополь"
    chain: tuple[str, ...]

    @property
    def line(self) -> str:
        """One line from the settlement to the region, as a document prints it."""
        parts = (self.settlement, self.district, self.hromada, self.raion, self.oblast)
        return ", ".join(dict.fromkeys(part for part in parts if part))

    @property
    def line_en(self) -> str:
        """The same line in English: types translated, proper names transliterated."""
        parts = (
            settlement_in_english(self.settlement) if self.settlement else None,
            unit_in_english(self.district) if self.district else None,
            unit_in_english(self.hromada) if self.hromada else None,
            unit_in_english(self.raion) if self.raion else None,
            region_in_english(self.oblast) if self.oblast else None,
        )
        return ", ".join(dict.fromkeys(part for part in parts if part))


class Codifier:
    """The codifier in memory: units by code, and settlements by normalised name."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = {unit.code: unit for unit in units}
        self.children: dict[str, list[Unit]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for unit in units:
            if unit.parent:
                self.children[unit.parent].append(unit)
            if unit.category in PLACE_CATEGORIES:
                self.by_name[match_key(unit.name)].append(unit.code)

    @functools.cached_property
    def by_latin_name(self) -> dict[str, list[str]]:
        """Settlements by their transliterated name, built on the first Latin query."""
        index: dict[str, list[str]] = defaultdict(list)
        for unit in self.units.values():
            if unit.category in PLACE_CATEGORIES:
                index[match_key(transliterate(official(unit.name)))].append(unit.code)
        return index

    def chain(self, code: str) -> list[Unit]:
        """The unit and every unit it lies in, region first."""
        chain = []
        unit = self.units.get(code)
        while unit is not None:
            chain.append(unit)
            unit = self.units.get(unit.parent) if unit.parent else None
        return chain[::-1]

    def hromada_type(self, hromada: Unit) -> str | None:
        """Міська, селищна or сільська: the kind of the settlement that is its centre.

        The codifier does not say which settlement is a community's centre. A community
        with a city is a city's (in the 2024 codifier every community holding a city is
        one, 428 of them). Otherwise the centre is the settlement whose name the
        community's adjective grows from ("Андріївка" → "Андріївська"); when no name fits,
        or a village and a селище fit alike, the kind is left out rather than guessed.
        """
        settlements = [u for u in self.children.get(hromada.code, ()) if u.category in SETTLEMENTS]
        if any(unit.category in "MK" for unit in settlements):
            return HROMADA_TYPES["M"]
        key = match_key(hromada.name)
        scored = []
        for unit in settlements:
            name = match_key(unit.name)
            shared = common_prefix(key, name)
            if shared >= max(3, len(name) - 2):
                scored.append((shared, unit.category))
        if not scored:
            return None
        best = max(score for score, _ in scored)
        kinds = {HROMADA_TYPES[category] for score, category in scored if score >= best - 1}
        return kinds.pop() if len(kinds) == 1 else None

    def place(self, code: str) -> Place | None:
        """The place of a settlement, city district or community code, or None."""
        chain = self.chain(code)
        if not chain or chain[-1].category not in PLACE_CATEGORIES:
            return None
        by_category = {unit.category: unit for unit in chain}
        region = chain[0]
        settlement = next((u for u in reversed(chain) if u.category in SETTLEMENTS), None)
        district = by_category.get("B")
        hromada = by_category.get("H")
        raion = by_category.get("P")
        return Place(
            katottg=chain[-1].code,
            category=chain[-1].category,
            settlement=settlement_name(settlement) if settlement else None,
            district=f"{official(district.name)} район" if district else None,
            hromada=self.hromada_name(hromada) if hromada else None,
            raion=f"{official(raion.name)} район" if raion else None,
            oblast=None if region.category == "K" else region_name(region),
            region=region_name(region),
            chain=tuple(unit.code for unit in chain),
        )

    def hromada_name(self, hromada: Unit) -> str:
        """ "Донецька міська територіальна громада" (the type left out when unknown)."""
        kind = self.hromada_type(hromada)
        words = (official(hromada.name), kind, "територіальна громада")
        return " ".join(word for word in words if word)

    def find(
        self,
        settlement: str,
        *,
        hromada: str | None = None,
        raion: str | None = None,
        oblast: str | None = None,
    ) -> list[Place]:
        """Every place whose names fit: the settlement (with its type, if typed) and units."""
        categories, name = split_typed_name(settlement)
        key = match_key(name)
        index = self.by_name if has_cyrillic(key) or not key.isascii() else self.by_latin_name
        codes = index.get(key, [])
        places = []
        for code in codes:
            unit = self.units[code]
            if categories and unit.category not in categories:
                continue
            if not categories and unit.category in ("H", "B"):
                continue  # a bare name means a settlement; units are named with their kind
            place = self.place(code)
            if place and fits(place, hromada=hromada, raion=raion, oblast=oblast):
                places.append(place)
        return sorted(places, key=lambda place: place.katottg)

    def suggest(self, text: str, limit: int = 20) -> list[Place]:
        """Settlements whose name begins with `text` (a typed type word is honoured)."""
        categories, name = split_typed_name(text)
        key = match_key(name)
        if len(key) < 2:
            return []
        index = self.by_name if not key.isascii() else self.by_latin_name
        found: list[Place] = []
        for exact in (True, False):
            for indexed, codes in index.items():
                if (indexed == key) != exact or not indexed.startswith(key):
                    continue
                for code in codes:
                    category = self.units[code].category
                    if category not in (categories or SETTLEMENTS):
                        continue
                    place = self.place(code)
                    if place is not None and place not in found:
                        found.append(place)
                    if len(found) >= limit:
                        return found
        return found

    def similar(self, text: str, limit: int = 8) -> list[Place]:
        """Settlements whose names look like `text`: for "did you mean" after a miss."""
        categories, name = split_typed_name(text)
        key = match_key(name)
        index = self.by_name if not key.isascii() else self.by_latin_name
        close = difflib.get_close_matches(key, [k for k in index if k[:1] == key[:1]], n=limit)
        found = []
        for indexed in close:
            for code in index[indexed]:
                if self.units[code].category in (categories or SETTLEMENTS):
                    place = self.place(code)
                    if place is not None:
                        found.append(place)
        return found[:limit]


def official(name: str) -> str:
    """A codifier name with the project's apostrophe (U+02BC, a letter)."""
    return name.translate(_TO_MODIFIER)


def settlement_name(unit: Unit) -> str:
    """ "м. Донецьк", "с-ще Мирне", "с. Андріївка"; Kyiv and Sevastopol are cities."""
    return f"{SETTLEMENT_PREFIXES[unit.category]} {official(unit.name)}"


def region_name(unit: Unit) -> str:
    """ "Донецька область", "Автономна Республіка Крим", "м. Київ"."""
    if unit.category == "K":
        return f"м. {official(unit.name)}"
    if unit.name == CRIMEA:
        return CRIMEA
    return f"{official(unit.name)} область"


def match_key(text: str) -> str:
    """A name as matching compares it: lower case, one apostrophe, single spaces."""
    return " ".join(text.translate(_APOSTROPHES).lower().replace("ё", "е").split())


def has_cyrillic(text: str) -> bool:
    """Tell whether a text has a Cyrillic letter."""
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def split_typed_name(text: str) -> tuple[frozenset[str] | None, str]:
    """Split "м. Донецьк" into the categories its type word allows and the name."""
    text = " ".join(text.split())
    match = _PREFIX.match(text)
    if not match:
        return None, text
    return TYPED_PREFIXES[match.group(1).lower()], text[match.end() :]


def unit_key(text: str) -> str:
    """A unit's proper name without its kind: "Донецька міська громада" → "донецька"."""
    return match_key(_UNIT_WORDS.sub(" ", text))


def fits(place: Place, *, hromada: str | None, raion: str | None, oblast: str | None) -> bool:
    """Tell whether a place lies in the named units (units not named fit anything)."""
    pairs = ((hromada, place.hromada), (raion, place.raion), (oblast, place.region))
    for typed, actual in pairs:
        if typed and (actual is None or unit_key(typed) != unit_key(actual)):
            return False
    return True


def common_prefix(one: str, other: str) -> int:
    """The length of the beginning two strings share."""
    length = 0
    for first, second in zip(one, other, strict=False):
        if first != second:
            break
        length += 1
    return length


@functools.cache
def load_codifier() -> Codifier:
    """Read the codifier once per process."""
    units = []
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as table:
        for line in table:
            code, category, name, parent = line.rstrip("\n").split("\t")
            units.append(Unit(code, category, name, parent or None))
    return Codifier(units)


@functools.lru_cache(maxsize=4096)
def find_place(code: str) -> Place | None:
    """The place a KATOTTG code names (settlement, city district or community), or None."""
    return load_codifier().place(code)


def find_places(
    settlement: str,
    *,
    hromada: str | None = None,
    raion: str | None = None,
    oblast: str | None = None,
) -> list[Place]:
    """Every place whose names fit the typed ones (none, one, or several to choose from)."""
    return list(_find_places(settlement, hromada, raion, oblast))


@functools.lru_cache(maxsize=4096)
def _find_places(
    settlement: str, hromada: str | None, raion: str | None, oblast: str | None
) -> tuple[Place, ...]:
    """The places of names, remembered: a place is checked, then loaded (and on each case)."""
    return tuple(load_codifier().find(settlement, hromada=hromada, raion=raion, oblast=oblast))


def suggest_places(text: str, limit: int = 20) -> list[Place]:
    """Settlements whose names begin with `text`, exact names first (for a picker)."""
    return load_codifier().suggest(text, limit)


def similar_places(text: str, limit: int = 8) -> list[Place]:
    """Settlements whose names look like `text` (a misspelling's likely meaning)."""
    return load_codifier().similar(text, limit)
