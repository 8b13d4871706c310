"""Transliteration by CMU Resolution 55 of 27.01.2010: the official examples and the rules."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from translitua import UkrainianKMU, translit

from service.ukrainian import transliterate

# The examples printed in the resolution's table, one per letter or rule.
OFFICIAL_EXAMPLES = [
    ("Алушта", "Alushta"),
    ("Андрій", "Andrii"),
    ("Борщагівка", "Borshchahivka"),
    ("Борисенко", "Borysenko"),
    ("Вінниця", "Vinnytsia"),
    ("Володимир", "Volodymyr"),
    ("Гадяч", "Hadiach"),
    ("Богдан", "Bohdan"),
    ("Згурський", "Zghurskyi"),
    ("Ґалаґан", "Galagan"),
    ("Ґорґани", "Gorgany"),
    ("Донецьк", "Donetsk"),
    ("Дмитро", "Dmytro"),
    ("Рівне", "Rivne"),
    ("Олег", "Oleh"),
    ("Есмань", "Esman"),
    ("Єнакієве", "Yenakiieve"),
    ("Гаєвич", "Haievych"),
    ("Короп'є", "Koropie"),
    ("Житомир", "Zhytomyr"),
    ("Жанна", "Zhanna"),
    ("Жежелів", "Zhezheliv"),
    ("Закарпаття", "Zakarpattia"),
    ("Казимирчук", "Kazymyrchuk"),
    ("Медвин", "Medvyn"),
    ("Михайленко", "Mykhailenko"),
    ("Іванків", "Ivankiv"),
    ("Іващенко", "Ivashchenko"),
    ("Їжакевич", "Yizhakevych"),
    ("Кадиївка", "Kadyivka"),
    ("Мар'їне", "Marine"),
    ("Йосипівка", "Yosypivka"),
    ("Стрий", "Stryi"),
    ("Олексій", "Oleksii"),
    ("Київ", "Kyiv"),
    ("Коваленко", "Kovalenko"),
    ("Лебедин", "Lebedyn"),
    ("Леонід", "Leonid"),
    ("Миколаїв", "Mykolaiv"),
    ("Маринич", "Marynych"),
    ("Ніжин", "Nizhyn"),
    ("Наталія", "Nataliia"),
    ("Одеса", "Odesa"),
    ("Онищенко", "Onyshchenko"),
    ("Полтава", "Poltava"),
    ("Петро", "Petro"),
    ("Решетилівка", "Reshetylivka"),
    ("Рибчинський", "Rybchynskyi"),
    ("Суми", "Sumy"),
    ("Соломія", "Solomiia"),
    ("Тернопіль", "Ternopil"),
    ("Троць", "Trots"),
    ("Ужгород", "Uzhhorod"),
    ("Уляна", "Uliana"),
    ("Фастів", "Fastiv"),
    ("Філіпчук", "Filipchuk"),
    ("Харків", "Kharkiv"),
    ("Христина", "Khrystyna"),
    ("Біла Церква", "Bila Tserkva"),
    ("Стеценко", "Stetsenko"),
    ("Чернівці", "Chernivtsi"),
    ("Шевченко", "Shevchenko"),
    ("Шостка", "Shostka"),
    ("Кишеньки", "Kyshenky"),
    ("Щербухи", "Shcherbukhy"),
    ("Гоща", "Hoshcha"),
    ("Гаращенко", "Harashchenko"),
    ("Юрій", "Yurii"),
    ("Корюківка", "Koriukivka"),
    ("Яготин", "Yahotyn"),
    ("Ярошенко", "Yaroshenko"),
    ("Костянтин", "Kostiantyn"),
    ("Знам'янка", "Znamianka"),
    ("Феодосія", "Feodosiia"),
    # DOMAIN.md and the brief
    ("Згорани", "Zghorany"),
    ("Розгон", "Rozghon"),
    ("Тетерів", "Teteriv"),
    ("Дон", "Don"),
    ("Іршава", "Irshava"),
    ("Ромни", "Romny"),
    ("Русь", "Rus"),
]


@pytest.mark.parametrize(("ukrainian", "latin"), OFFICIAL_EXAMPLES)
def test_official_examples(ukrainian: str, latin: str) -> None:
    assert transliterate(ukrainian) == latin


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc"])
def test_every_apostrophe_is_dropped(apostrophe: str) -> None:
    assert transliterate(f"Знам{apostrophe}янка") == "Znamianka"
    assert transliterate(f"Мар{apostrophe}яна В{apostrophe}ячеславівна") == (
        "Mariana Viacheslavivna"
    )


@pytest.mark.parametrize("slip", ["`", "\u2018"])
def test_mistyped_apostrophe_between_letters_is_dropped(slip: str) -> None:
    assert transliterate(f"Знам{slip}янка") == "Znamianka"


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("ПЕТРЕНКО", "PETRENKO"),
        ("ШЕВЧЕНКО", "SHEVCHENKO"),
        ("Іван ШЕВЧЕНКО", "Ivan SHEVCHENKO"),  # translitua writes "ShEVChENKO" here
        ("ЮРІЙ ЄВГЕНОВИЧ", "YURII YEVHENOVYCH"),
        ("ЗГОРАНИ", "ZGHORANY"),
        ("ЩУЧИНСЬКА", "SHCHUCHYNSKA"),
        ("Щ. Я.", "Shch. Ya."),  # initials
        ("Юрій ЖУК-ЧАЙКА", "Yurii ZHUK-CHAIKA"),
        ("зГоряни", "zGhoriany"),  # a stray capital stays where it was typed
        ("ЗгОРАНИ", "ZghORANY"),
        ("Мак-Інтош", "Mak-Intosh"),
    ],
)
def test_letter_case_is_kept_per_word(ukrainian: str, latin: str) -> None:
    assert transliterate(ukrainian) == latin


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Косач-Їжак", "Kosach-Yizhak"),
        ("Квітка-Основ'яненко", "Kvitka-Osnovianenko"),
        ("Сидоренко-Яковлева", "Sydorenko-Yakovleva"),
        ("Ющенко-Юрченко", "Yushchenko-Yurchenko"),
        ("Нью-Йорк", "Niu-York"),
    ],
)
def test_each_part_of_a_hyphenated_word_starts_a_word(ukrainian: str, latin: str) -> None:
    assert transliterate(ukrainian) == latin


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("м. Маріуполь, вул. Миру, 5", "m. Mariupol, vul. Myru, 5"),
        ("O'Connor", "O'Connor"),  # a Latin word keeps its apostrophe
        ("Jean-Пʼєр", "Jean-Pier"),
        ("№ 12 «Ясла»", "№ 12 «Yasla»"),
        ("", ""),
        ("\u02bc", ""),  # U+02BC alone: str.isalpha() says it is a letter
        ("\u02bcЯ", "Ya"),
        ("Ї\u0301жак", "Yizhak"),  # a stress mark is not printed
        ("Ёлкин Эдуард", "Yolkyn Eduard"),  # Russian letters, spelled by analogy
        ("Подъячий", "Podiachyi"),
    ],
)
def test_other_characters(text: str, latin: str) -> None:
    assert transliterate(text) == latin


UKRAINIAN_LETTERS = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ"


@given(st.text(alphabet=UKRAINIAN_LETTERS + " -'\u2019\u02bc", max_size=60))
def test_output_is_plain_latin(text: str) -> None:
    assert re.fullmatch(r"[A-Za-z -]*", transliterate(text))


# translitua's UkrainianKMU is an independent implementation of the same table; where its
# known defects (case of multi-letter capitals, ь and apostrophes before a word-initial
# letter) cannot show, both must agree.
lowercase_word = st.text(alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщюя", min_size=2, max_size=12)


@given(st.lists(lowercase_word, min_size=1, max_size=4), st.booleans())
def test_agrees_with_translitua(words: list[str], title: bool) -> None:
    text = " ".join(word.capitalize() if title else word for word in words)
    assert transliterate(text) == translit(text, UkrainianKMU)
