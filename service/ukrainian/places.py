"""Place and address parts in English: terms translated, proper names transliterated.

"Донецька область" → "Donetsk Oblast", "Маріупольський район" → "Mariupolskyi Raion",
"Мелітопольська міська громада" → "Melitopolska City Hromada", "вул. Дегтярівська" →
"Dehtiarivska Street", "31-А" → "31-A". Region names follow the English the Verkhovna
Rada and the Cabinet of Ministers use (Decree on the names of regions in English, as on
the official portal); a raion or hromada keeps its proper adjective transliterated by
CMU Resolution 55, as the KATOTTG codifier's Latin names do, and its type is translated.
Words "Raion", "Oblast" and "Hromada" are the English terms of the decentralisation
reform (they are printed so in the Law on the administrative-territorial structure's
English summaries), not transliterated common nouns.
"""

from __future__ import annotations

from service.ukrainian.transliteration import transliterate

# The regions of Ukraine (Constitution art. 133) in English.
REGIONS_EN = {
    "Автономна Республіка Крим": "Autonomous Republic of Crimea",
    "Вінницька область": "Vinnytsia Oblast",
    "Волинська область": "Volyn Oblast",
    "Дніпропетровська область": "Dnipropetrovsk Oblast",
    "Донецька область": "Donetsk Oblast",
    "Житомирська область": "Zhytomyr Oblast",
    "Закарпатська область": "Zakarpattia Oblast",
    "Запорізька область": "Zaporizhzhia Oblast",
    "Івано-Франківська область": "Ivano-Frankivsk Oblast",
    "Київська область": "Kyiv Oblast",
    "Кіровоградська область": "Kirovohrad Oblast",
    "Луганська область": "Luhansk Oblast",
    "Львівська область": "Lviv Oblast",
    "Миколаївська область": "Mykolaiv Oblast",
    "Одеська область": "Odesa Oblast",
    "Полтавська область": "Poltava Oblast",
    "Рівненська область": "Rivne Oblast",
    "Сумська область": "Sumy Oblast",
    "Тернопільська область": "Ternopil Oblast",
    "Харківська область": "Kharkiv Oblast",
    "Херсонська область": "Kherson Oblast",
    "Хмельницька область": "Khmelnytskyi Oblast",
    "Черкаська область": "Cherkasy Oblast",
    "Чернівецька область": "Chernivtsi Oblast",
    "Чернігівська область": "Chernihiv Oblast",
    "м. Київ": "Kyiv City",
    "м. Севастополь": "Sevastopol City",
}

SETTLEMENT_TYPES_EN = {
    "м.": "city of",
    "с.": "village of",
    "смт": "urban-type settlement of",
    "сел.": "settlement of",
    "с-ще": "settlement of",
}

# A type word before or after a proper name: "вул. Соборна" → "Soborna Street".
STREET_TYPES_EN = {
    "вул.": "Street",
    "вулиця": "Street",
    "просп.": "Avenue",
    "проспект": "Avenue",
    "пров.": "Lane",
    "провулок": "Lane",
    "бульв.": "Boulevard",
    "бул.": "Boulevard",
    "бульвар": "Boulevard",
    "пл.": "Square",
    "площа": "Square",
    "майдан": "Square",
    "наб.": "Embankment",
    "набережна": "Embankment",
    "шосе": "Highway",
    "узвіз": "Descent",
    "тупик": "Dead End",
    "мкрн": "Microdistrict",
    "мікрорайон": "Microdistrict",
    "кв-л": "Quarter",
    "квартал": "Quarter",
}

# The type words of a raion, hromada or oblast not in REGIONS_EN.
UNIT_WORDS_EN = {
    "область": "Oblast",
    "району": "Raion",
    "район": "Raion",
    "міська": "City",
    "селищна": "Settlement",
    "сільська": "Village",
    "територіальна": "Territorial",
    "громада": "Hromada",
}


def region_in_english(name: str) -> str:
    """Name a region of Ukraine in English ("Донецька область" → "Donetsk Oblast")."""
    return REGIONS_EN.get(name) or unit_in_english(name)


def unit_in_english(name: str) -> str:
    """Translate the type words of a raion or hromada and transliterate its proper name.

    "Територіальна громада" is one term in English: "Hromada" ("Donetska City Hromada").
    """
    words = name.replace("територіальна громада", "громада").split()
    return " ".join(UNIT_WORDS_EN.get(word.lower()) or transliterate(word) for word in words)


def settlement_in_english(name: str) -> str:
    """Name a settlement in English ("м. Маріуполь" → "city of Mariupol")."""
    for prefix, english in SETTLEMENT_TYPES_EN.items():
        if name.startswith(prefix + " "):
            return f"{english} {transliterate(name[len(prefix) + 1 :])}"
    return transliterate(name)


def street_in_english(name: str) -> str:
    """Name a street in English, its type translated after the name ("Soborna Street")."""
    words = name.split()
    kinds = [STREET_TYPES_EN[word.lower()] for word in words if word.lower() in STREET_TYPES_EN]
    proper = [word for word in words if word.lower() not in STREET_TYPES_EN]
    if not proper:
        return transliterate(name)
    return " ".join([transliterate(" ".join(proper)), *kinds[:1]])
