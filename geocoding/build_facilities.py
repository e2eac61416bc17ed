"""`python -m geocoding.build_facilities GPPD_CSV`: convert the WRI Global Power Plant Database rows for
Ukraine into `data/facilities/power_plants.csv` (columns `geocoding.facilities.FACILITY_COLUMNS`).

Source: Global Energy Observatory, Google, KTH Royal Institute of Technology in Stockholm, Enipedia, World
Resources Institute. 2018. Global Power Plant Database. Published on Resource Watch and Google Earth Engine;
licence CC BY 4.0. The committed CSV is the source of truth; this script documents how it was made.

`admin1` is the admin1 of the nearest cities500 settlement of the same country. `name` is the usual
English name of the large plants (written here by hand in `ALIASES`), GPPD's own name then becomes an
alias; the index adds the generic forms
("X TPP", "X power station", …) by itself.

Examples
--------
>>> GPPD_FUELS["Coal"]
'coal'
"""

from __future__ import annotations

import argparse
import csv
import io
import math
from pathlib import Path
from typing import Any, Final

from geocoding.facilities import FACILITIES_DIR, FACILITY_COLUMNS
from geocoding.sources import iter_cities500

OUTPUT: Final = FACILITIES_DIR / "power_plants.csv"
GPPD_FUELS: Final = {"Coal": "coal", "Gas": "gas", "Oil": "oil", "Hydro": "hydro", "Nuclear": "nuclear",
                     "Solar": "solar", "Wind": "wind", "Biomass": "biomass"}
_COUNTRY_ISO2: Final = {"UKR": "UA", "RUS": "RU", "BLR": "BY", "MDA": "MD"}

# Usual English names of the larger plants, by GPPD id.
ALIASES: Final[dict[str, str]] = {
    "WRI1005114": "Zaporizhzhia Nuclear Power Plant|Zaporizhzhia NPP|ZNPP|Enerhodar NPP",
    "WRI1005113": "South Ukraine Nuclear Power Plant|South Ukraine NPP|Pivdennoukrainsk NPP",
    "WRI1005112": "Rivne Nuclear Power Plant|Rivne NPP|Rovno NPP",
    "WRI1005111": "Khmelnytskyi Nuclear Power Plant|Khmelnytskyi NPP|Khmelnitsky NPP",
    "WRI1005125": "Kyiv CHP-5|Kyiv TETs-5|Kiev TETs-5",
    "WRI1005126": "Kharkiv CHP-5|Kharkiv TETs-5|Kharkov CHP-5",
    "WRI1005118": "Kakhovka HPP|Kakhovka hydroelectric power plant|Nova Kakhovka HPP",
    "WRI1005120": "Dnipro HPP|DniproHES|Dnipro Hydroelectric Station",
    "WRI1005119": "Middle Dnipro HPP|Kamianske HPP",
    "WRI1005099": "Trypillia TPP|Trypilska TPP",
    "WRI1005100": "Kryvyi Rih TPP|Kryvorizka TPP",
    "WRI1005107": "Vuhlehirska TPP|Uglegorsk TPP|Vuhlehirsk TPP",
    "WRI1005103": "Zmiiv TPP|Zmiivska TPP",
    "WRI1005110": "Luhansk TPP|Shchastia TPP",
    "WRI1005105": "Starobesheve TPP|Starobeshivska TPP",
    "WRI1005104": "Kurakhove TPP|Kurakhivska TPP",
    "WRI1005109": "Sloviansk TPP|Slovianska TPP",
    "WRI1005106": "Zuivska TPP|Zuyevskaya TPP",
    "WRI1005108": "Myronivska TPP|Myronivskyi TPP",
    "WRI1005115": "Dniester HPP|Dnister HPP",
    "WRI1005116": "Dniester pumped storage power plant|Dnister PSPP",
    "WRI1005117": "Tashlyk pumped storage power plant|Tashlyk PSPP",
    "WRI1005121": "Kremenchuk HPP",
    "WRI1005122": "Kaniv HPP",
    "WRI1005123": "Kyiv HPP",
    "WRI1005124": "Kyiv pumped storage power plant|Kyiv PSPP",
    "WRI1075854": "Darnytsia CHP|Darnytska TPP",
    "WRI1075857": "Sievierodonetsk CHP|Sievierodonetsk TPP",
}


def _nearest_admin1(lat: float, lon: float, country: str, cities: list[dict[str, Any]]) -> tuple[str, str]:
    def distance(city: dict[str, Any]) -> float:
        dlat = math.radians(city["latitude"] - lat)
        dlon = math.radians(city["longitude"] - lon) * math.cos(math.radians(lat))
        return dlat * dlat + dlon * dlon

    nearest = min((c for c in cities if c["countrycode"] == country), key=distance)
    return nearest["countrycode"], nearest["admin1code"]


def convert(gppd_csv: Path, regions_csv: Path) -> list[dict[str, str]]:
    """The rows of `power_plants.csv` from the GPPD extract `gppd_csv`."""
    with regions_csv.open(encoding="utf-8") as handle:
        region_names = {(r["country"], r["admin1_code"]): r["name"] for r in csv.DictReader(handle)}
    cities = [c for c in iter_cities500() if c["countrycode"] in _COUNTRY_ISO2.values()]
    rows = []
    with gppd_csv.open(encoding="utf-8") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            country = _COUNTRY_ISO2.get(record["country"])
            if country is None:
                raise ValueError(f"{gppd_csv}: row {line}, column 'country': expected one of "
                                 f"{sorted(_COUNTRY_ISO2)}, got {record['country']!r}")
            lat, lon = float(record["latitude"]), float(record["longitude"])
            admin1 = region_names.get(_nearest_admin1(lat, lon, country, cities), "")
            # The usual English name is shown; GPPD's own name stays an alias ("Zaporozhye").
            aliases = [a for a in ALIASES.get(record["gppd_idnr"], "").split("|") if a]
            name = aliases.pop(0) if aliases else record["name"]
            if name != record["name"]:
                aliases.append(record["name"])
            rows.append({
                "id": record["gppd_idnr"], "name": name, "aliases": "|".join(aliases),
                "subtype": "power_generation",
                "fuel": GPPD_FUELS.get(record["primary_fuel"], record["primary_fuel"].lower()),
                "capacity_mw": record["capacity_mw"], "lat": f"{lat:.4f}", "lon": f"{lon:.4f}", "country": country,
                "admin1": admin1, "source": "gppd", "licence": "CC BY 4.0 (WRI Global Power Plant Database)",
            })
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geocoding.build_facilities")
    parser.add_argument("gppd_csv", type=Path, help="GPPD extract, e.g. ../shared/gppd_ukraine.csv")
    parser.add_argument("--regions", type=Path, default=FACILITIES_DIR.parent / "regions.csv")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rows = convert(args.gppd_csv, args.regions)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACILITY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(buffer.getvalue(), encoding="utf-8")
    print(f"{len(rows)} facilities written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
