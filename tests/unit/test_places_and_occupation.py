"""Places by the KATOTTG codifier, and occupation derived from a place and a day."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from marshmallow import ValidationError

from service.errors import translate_message
from service.schemas.common import AddressSchema, PlaceSchema
from service.ukrainian.codifier import find_place, find_places, similar_places
from service.ukrainian.occupation import (
    load_occupation_list,
    occupation_of,
    occupation_on,
    parse_list,
)
from service.ukrainian.typography import NBSP, typeset

DONETSK = "UA14080030010048113"
MARIUPOL = "UA14140050010029262"
YALTA_VILLAGE = "UA01020010010075540"  # с. Андріївка, Бахчисарайський район, АР Крим
KHARKIV = "UA63120270010096107"
KYIV = "UA80000000000093317"


# --- the codifier ------------------------------------------------------------------------


def test_a_code_gives_the_settlement_and_every_unit_it_lies_in() -> None:
    place = find_place(DONETSK)
    assert place is not None
    assert place.line == (
        "м. Донецьк, Донецька міська територіальна громада, Донецький район, Донецька область"
    )
    assert (
        place.line_en == "city of Donetsk, Donetska City Hromada, Donetskyi Raion, Donetsk Oblast"
    )


@pytest.mark.parametrize(
    ("code", "hromada"),
    [
        ("UA23100070010036682", "Гуляйпільська міська територіальна громада"),  # not the village
        ("UA01020010010075540", "Андріївська сільська територіальна громада"),
    ],
)
def test_a_communitys_kind_follows_its_centre(code: str, hromada: str) -> None:
    place = find_place(code)
    assert place is not None and place.hromada == hromada


def test_kyiv_is_a_city_with_a_regions_status_and_its_districts() -> None:
    kyiv = find_place(KYIV)
    district = find_place("UA80000000001078669")
    assert kyiv is not None and kyiv.line == "м. Київ" and kyiv.oblast is None
    assert district is not None and district.line == "м. Київ, Шевченківський район"


@pytest.mark.parametrize(
    ("typed", "units", "found"),
    [
        ("м. Донецьк", {}, [DONETSK]),
        ("Донецьк", {"oblast": "Донецька обл."}, [DONETSK]),
        ("Donetsk", {}, [DONETSK]),  # Latin, as another system may send it
        ("м. Маріуполь", {}, [MARIUPOL]),  # "м." rules out the village in Kirovohrad oblast
        ("Маріуполь", {"oblast": "Донецька область"}, [MARIUPOL]),
        (
            "с. Андріївка",
            {"oblast": "Автономна Республіка Крим", "raion": "Бахчисарайський район"},
            [YALTA_VILLAGE],
        ),
    ],
)
def test_names_that_fit_one_place_resolve_to_its_code(
    typed: str, units: dict[str, str], found: list[str]
) -> None:
    assert [place.katottg for place in find_places(typed, **units)] == found


def test_a_name_of_several_places_gives_every_candidate() -> None:
    assert len(find_places("Маріуполь")) == 2
    assert len(find_places("с. Андріївка")) > 20


def test_a_misspelt_name_suggests_the_likely_places() -> None:
    assert MARIUPOL in [place.katottg for place in similar_places("Маріупіль")]


def load_place(data: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = PlaceSchema().load(data)
    return loaded


def place_errors(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    with pytest.raises(ValidationError) as raised:
        PlaceSchema().load(data)
    return {key: translate_message(messages[0]) for key, messages in raised.value.messages.items()}


def test_a_place_is_stored_with_its_code_and_official_names() -> None:
    loaded = load_place({"settlement": "Донецьк", "hromada": "Донецька міська громада"})
    assert loaded["katottg"] == DONETSK
    assert loaded["hromada"] == "Донецька міська територіальна громада"
    assert loaded["raion"] == "Донецький район" and loaded["oblast"] == "Донецька область"


def test_a_code_wins_over_typed_names() -> None:
    loaded = load_place({"katottg": DONETSK, "settlement": "Луганськ"})
    assert loaded["settlement"] == "м. Донецьк"


def test_an_ambiguous_name_is_refused_listing_the_candidates_in_both_languages() -> None:
    error = place_errors({"settlement": "Маріуполь"})["settlement"]
    assert MARIUPOL in error["uk"] and "UA35040170340027152" in error["uk"]
    assert "м. Маріуполь, Маріупольська міська" in error["uk"]
    assert "city of Mariupol, Mariupolska City Hromada" in error["en"]


def test_an_unknown_name_is_refused_with_what_it_may_have_meant() -> None:
    error = place_errors({"settlement": "м. Маріупіль"})["settlement"]
    assert "KATOTTG" in error["en"] and MARIUPOL in error["uk"]


def test_an_unknown_code_is_refused() -> None:
    assert "katottg" in place_errors({"katottg": "UA99999999999999999"})


def test_a_place_abroad_is_typed_and_has_no_code() -> None:
    loaded = load_place({"country": "RU", "settlement": "Ростов-на-Дону"})
    assert loaded["katottg"] is None and loaded["settlement"] == "Ростов-на-Дону"


def test_the_old_occupied_tick_is_accepted_and_ignored() -> None:
    loaded = AddressSchema().load({"settlement": "м. Київ", "occupied": True})
    assert "occupied" not in loaded


# --- occupation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "day", "status"),
    [
        (DONETSK, date(2011, 3, 14), "not_occupied"),  # before 2014
        (DONETSK, date(2014, 4, 6), "not_occupied"),  # the day before the law's date
        (DONETSK, date(2014, 4, 7), "occupied"),
        (DONETSK, date(2017, 7, 2), "occupied"),
        (YALTA_VILLAGE, date(2014, 2, 19), "not_occupied"),  # Crimea: from 20.02.2014
        (YALTA_VILLAGE, date(2014, 2, 20), "occupied"),
        (MARIUPOL, date(2022, 3, 1), "not_occupied"),
        (MARIUPOL, date(2022, 4, 10), "undetermined"),  # the editions of the list disagree
        (MARIUPOL, date(2022, 5, 21), "occupied"),
        (KHARKIV, date(2022, 5, 1), "undetermined"),  # the region's entries are not all here
        (KHARKIV, date(2021, 5, 1), "not_occupied"),  # before the invasion
        (KYIV, date(2022, 3, 1), "not_occupied"),  # a region the list names nothing in
        ("UA46060250010015970", date(2023, 1, 1), "not_occupied"),  # Lviv oblast
    ],
)
def test_occupation_on_known_days(code: str, day: date, status: str) -> None:
    place = find_place(code)
    assert place is not None, code
    assert occupation_on(place.chain, day).status == status


KHERSON = "UA65100150010064384"
KHERSON_COMMUNITY = "UA65100150000057191"


def test_a_liberated_city_is_occupied_only_between_its_dates() -> None:
    """An entry with an end date, as the list gives one for a liberated community.

    (The repository could read no liberated community's dates: this entry is the test's
    own, not the list's; docs/occupation.md says what the data hold.)
    """
    data = parse_list(
        {
            "list": {"title": "t", "approved_by": "a", "edition": "e", "checked": "2026-12-07"},
            "basis": {"test": {"uk": "тест", "en": "test"}},
            "region": [{"code": "UA65000000000030969", "first_day": "2022-02-24", "basis": "test"}],
            "territory": [
                {
                    "code": KHERSON_COMMUNITY,
                    "name": "Херсонська міська територіальна громада",
                    "start": "2022-03-01",
                    "end": "2022-11-11",
                    "source": "test",
                    "basis": "test",
                }
            ],
        }
    )
    place = find_place(KHERSON)
    assert place is not None
    assert data.on(place.chain, date(2022, 2, 28)).status == "not_occupied"
    assert data.on(place.chain, date(2022, 6, 1)).status == "occupied"
    assert data.on(place.chain, date(2022, 11, 10)).status == "occupied"
    ended = data.on(place.chain, date(2022, 11, 11))
    assert ended.status == "not_occupied" and ended.period is not None
    assert ended.period.end == date(2022, 11, 11)


def test_a_persons_confirmation_settles_only_what_the_list_cannot() -> None:
    undecided = {"katottg": MARIUPOL, "occupation_confirmed": True}
    finding = occupation_of(undecided, date(2022, 4, 10))
    assert finding.occupied and finding.confirmed
    decided = {"katottg": DONETSK, "occupation_confirmed": False}
    finding = occupation_of(decided, date(2017, 7, 2))
    assert finding.occupied and not finding.confirmed


def test_every_entry_names_a_place_of_the_codifier_and_what_was_read() -> None:
    data = load_occupation_list()
    for code, periods in data.periods.items():
        assert find_place(code) is not None or code in data.regions, code
        for period in periods:
            assert period.source and period.basis["uk"] and period.basis["en"]
            assert period.end is None or period.end > period.start


# --- typography -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("серія ВН № 284615", ["серія" + NBSP + "ВН", "ВН" + NBSP + "№", "№" + NBSP + "284615"]),
        ("м. Київ, вул. Соборна, 12", ["м." + NBSP + "Київ", "вул." + NBSP + "Соборна"]),
        (
            "ст. 317, п. 21 ч. 1 ст. 5",
            ["ст." + NBSP + "317", "п." + NBSP + "21", "ч." + NBSP + "1"],
        ),
        ("12 березня 2016 р.", ["12" + NBSP + "березня" + NBSP + "2016" + NBSP + "р."]),
        ("О. М. Петренко", ["О." + NBSP + "М." + NBSP + "Петренко"]),
        ("No. 302 of 25 March 2015", ["No." + NBSP + "302", "25" + NBSP + "March" + NBSP + "2015"]),
    ],
)
def test_no_break_spaces_keep_units_together(text: str, kept: list[str]) -> None:
    typeset_text = typeset(text)
    for unit in kept:
        assert unit in typeset_text
    assert typeset_text.replace(NBSP, " ") == text
