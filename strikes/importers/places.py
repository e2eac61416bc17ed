"""Place cells as analysts write them, parsed into names to geocode; and resolving them without guessing.

"Ryazan - (2 units)", "Tuapse (Rosneft refinery)", "Kharkiv / Харків", "Novoshakhtinsk\\n(Rostov oblast)",
"м. Київ": the place is the part before the parentheses, counts and line breaks; a parenthesis or line that
names a region ("oblast", "krai", "область") becomes the region hint; the rest is kept as detail (it often
names the facility). Alternatives split on "/" or ";" must agree — if they point to different places the row
is rejected with the candidates, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, is_dataclass, replace

from strikes.importers.base import RowRejected
from strikes.importers.coords import distance_km
from strikes.taxonomy import find_target_terms

_REGION_WORD = re.compile(
    r"\b(?:oblast|obl\.?|region|krai|kray|province|republic|область|обл\.?|край|республика|республіка|округ)\b",
    re.IGNORECASE,
)
_PARENS = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_COUNT = re.compile(
    r"(?:^|\s)[-–—:,x×]*\s*\d+\s*(?:units?|objects?|strikes?|hits?|times|targets?|sites?|x|од\.?|шт\.?|"
    r"ударів|удара|ударов|об'єкти|объекта|объектов)?\s*$",
    re.IGNORECASE,
)
_PREFIX = re.compile(
    r"^(?:м|г|с|смт|пгт|сел|село|селище|місто|город|посёлок|поселок|city of|town of|village of|the city of)"
    r"\.?\s+",
    re.IGNORECASE,
)
_QUOTES = str.maketrans({"«": "", "»": "", "“": "", "”": "", "„": "", '"': "", "'": "'"})
_COUNTRY_WORDS = {"ukraine", "russia", "україна", "украина", "россия", "росія", "rf", "рф"}
# Same place if the alternatives resolve within this distance (a town and its facility, two spellings).
SAME_PLACE_KM = 25.0


_NEAR = re.compile(
    r"^(?:near|nearby|close to|around|outside|(?:in )?the vicinity of|vicinity of|(?:on )?the outskirts of|"
    r"outskirts of|поблизу|біля|під|около|под|возле|недалеко от)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PlaceCell:
    """What a place cell says: the names to try (alternatives), a region hint and the rest (detail).

    `near` is True when the cell says the strike was near the place ("near Kupiansk", "біля Харкова"): the
    point is then the place's, with geo_precision 2 (near / part of), as ACLED codes it.
    """

    raw: str
    names: tuple[str, ...]
    region: str = ""
    detail: str = ""
    near: bool = False


def _tidy(text: str) -> str:
    text = text.translate(_QUOTES)
    text = re.sub(r"\s+", " ", text).strip(" -–—,.;:")
    previous = None
    while previous != text:
        previous = text
        text = _COUNT.sub("", text).strip(" -–—,.;:")
        text = _PREFIX.sub("", text).strip()
    return text


def parse_place_cell(raw: str) -> PlaceCell:
    """Split a messy place cell into names to geocode, a region hint and detail.

    Examples
    --------
    >>> parse_place_cell("Ryazan - (2 units)").names
    ('Ryazan',)
    >>> cell = parse_place_cell("Tuapse (Rosneft refinery)")
    >>> cell.names, cell.detail
    (('Tuapse',), 'Rosneft refinery')
    >>> parse_place_cell("Novoshakhtinsk\\n(Rostov oblast)").region
    'Rostov oblast'
    >>> parse_place_cell("Kharkiv / Харків").names
    ('Kharkiv', 'Харків')
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    region_parts: list[str] = []
    detail_parts: list[str] = []

    def take_group(match: re.Match[str]) -> str:
        inner = _tidy(match.group(1))
        if inner and not _COUNT.fullmatch(" " + inner):
            (region_parts if _REGION_WORD.search(inner) else detail_parts).append(inner)
        return " "

    text = _PARENS.sub(take_group, text)
    lines = [line.strip() for line in text.split("\n") if line.strip(" -–—,.;:")]
    main = ""
    for line in lines:
        if not main and not _REGION_WORD.search(line):
            main = line
        elif _REGION_WORD.search(line):
            region_parts.append(_tidy(line))
        else:
            detail_parts.append(_tidy(line))
    if not main and region_parts:
        main = region_parts.pop(0)  # the cell names only a region: geocode the region itself
    names: list[str] = []
    near = bool(_NEAR.match(main))
    main = _NEAR.sub("", main)
    for part in re.split(r"\s+/\s+|/|;|\s+\|\s+", main):
        pieces = [_tidy(piece) for piece in part.split(",")]
        pieces = [piece for piece in pieces if piece and piece.lower() not in _COUNTRY_WORDS]
        for index, piece in enumerate(pieces):
            if index and _REGION_WORD.search(piece):
                region_parts.append(piece)
            elif piece and piece not in names:
                names.append(piece)
    return PlaceCell(raw=raw, names=tuple(names), region="; ".join(region_parts), detail="; ".join(detail_parts),
                     near=near)


def without_target_words(name: str) -> str:
    """`name` with taxonomy target words removed ("Ryazan oil refinery" → "Ryazan"); "" if nothing is left.

    Examples
    --------
    >>> without_target_words("Ryazan oil refinery"), without_target_words("Refinery")
    ('Ryazan', '')
    """
    kept, last = [], 0
    for start, end, _ in find_target_terms(name):
        kept.append(name[last:start])
        last = end
    kept.append(name[last:])
    rest = _tidy(" ".join(kept))
    return rest if rest != name else ""


def _only_target_words(name: str) -> bool:
    """True for an alternative such as "refinery" that names the target, not a place."""
    return bool(find_target_terms(name)) and not without_target_words(name)


_REGION_NOISE = re.compile(
    r"\b(?:oblast|obl|region|krai|kray|province|republic|of|the|область|обл|край|республика|республіка)\b|[^\w\s]",
    re.IGNORECASE,
)


def region_matches(hint: str, admin1: str) -> bool:
    """Whether a region hint names `admin1`, loosely ("Kharkivs'ka oblast" ~ "Kharkiv Oblast").

    Examples
    --------
    >>> region_matches("Rostov oblast", "Rostov Oblast"), region_matches("Kharkivs'ka", "Kharkiv Oblast")
    (True, True)
    >>> region_matches("Kherson", "Dnipropetrovsk Oblast"), region_matches("", "Kyiv City")
    (False, False)
    """
    a = " ".join(_REGION_NOISE.sub(" ", hint.lower()).split())
    b = " ".join(_REGION_NOISE.sub(" ", admin1.lower()).split())
    if not a or not b:
        return False
    return a.startswith(b) or b.startswith(a) or (len(a) >= 5 and a[:5] == b[:5])


def _rival(place: object, other: object, score: float, region_hinted: bool) -> bool:
    """Whether `other` makes `place` a guess: as good a match, the same kind, elsewhere, and not dwarfed.

    A homonymous village does not make a city ambiguous ("Zaporizhzhia": 710,000 people against 1,000): a rival
    must have at least a tenth of the population of the best place. With a region hint that names the best
    place's region, only places in that region compete (the hint already chose the region).
    """
    if float(getattr(other, "score", 0.0)) < score - 0.01 or getattr(other, "kind", "") != getattr(place, "kind", ""):
        return False
    if region_hinted and getattr(other, "admin1", "") != getattr(place, "admin1", ""):
        return False
    if distance_km(place.lat, place.lon, other.lat, other.lon) <= SAME_PLACE_KM:  # type: ignore[attr-defined]
        return False
    return int(getattr(other, "population", 0) or 0) * 10 >= int(getattr(place, "population", 0) or 0)


def _describe(place: object) -> str:
    name = getattr(place, "name", "?")
    admin1 = getattr(place, "admin1", "")
    score = getattr(place, "score", None)
    country = getattr(place, "country", "")
    lat, lon = getattr(place, "lat", None), getattr(place, "lon", None)
    where = ", ".join(part for part in (admin1, country) if part)
    if isinstance(lat, float) and isinstance(lon, float):
        where = f"{where}; {lat:.4f}, {lon:.4f}" if where else f"{lat:.4f}, {lon:.4f}"
    text = f"{name} ({where})" if where else str(name)
    return f"{text} score {score:.2f}" if isinstance(score, float) else text


class PlaceResolver:
    """Resolves place cells through a geocoder, once per distinct (name, country, region), never guessing.

    The geocoder is anything with `geocode(name, country=, region=)` returning an object with `place`,
    `candidates` and `suggestions` (geocoding.GeocodeResult). A match scoring below `min_score`, a near tie
    with a place elsewhere (see `_rival`), or alternatives that point to different places are rejected with
    the candidates.
    """

    def __init__(self, geocoder: object, min_score: float = 0.75) -> None:
        self._geocoder = geocoder
        self._min_score = min_score
        self._cache: dict[tuple[str, str, str], object] = {}

    def _lookup(self, name: str, country: str, region: str) -> object:
        key = (name.lower(), country, region.lower())
        if key not in self._cache:
            self._cache[key] = self._geocoder.geocode(  # type: ignore[attr-defined]
                name, country=country or None, region=region or None
            )
        return self._cache[key]

    def _one(self, name: str, country: str, region: str) -> tuple[object | None, str]:
        """The place for one name (trying it without target words too), or None and why not."""
        tried = [name]
        bare = without_target_words(name)
        if bare:
            tried.append(bare)
        reasons: list[str] = []
        for query in tried:
            result = self._lookup(query, country, region)
            place = getattr(result, "place", None)
            candidates = tuple(getattr(result, "candidates", ()) or ())
            if place is None:
                hints = [_describe(c) for c in candidates[:4]]
                label = "candidates"
                if not hints:
                    hints, label = list(getattr(result, "suggestions", ())[:4]), "did you mean"
                reasons.append(f"unknown place {query!r}" + (f" ({label}: {'; '.join(hints)})" if hints else ""))
                continue
            score = float(getattr(place, "score", 1.0))
            if score < self._min_score:
                others = [_describe(c) for c in (place, *candidates)][:4]
                reasons.append(f"uncertain place {query!r}: best match scores {score:.2f} "
                               f"(candidates: {'; '.join(dict.fromkeys(others))})")
                continue
            hinted = bool(region) and region_matches(region, getattr(place, "admin1", ""))
            rivals = [c for c in candidates if _rival(place, c, score, hinted)]
            if rivals:
                listed = "; ".join(_describe(c) for c in (place, *rivals[:3]))
                reasons.append(f"ambiguous place {query!r}: equally good matches {listed}")
                continue
            return place, ""
        return None, "; ".join(reasons)

    def resolve(self, cell: PlaceCell, country: str = "", region: str = "") -> object:
        """The one place a cell names; RowRejected with the candidates when unknown, unsure or ambiguous."""
        if not cell.names:
            raise RowRejected(f"field 'place': expected a place name, got {cell.raw!r}")
        hint = cell.region or region
        found: list[object] = []
        failures: list[str] = []
        names = [name for name in cell.names if not _only_target_words(name)] or list(cell.names)
        for name in names:
            place, why = self._one(name, country, hint)
            if place is None:
                failures.append(why)
            else:
                found.append(place)
        if not found:
            raise RowRejected("field 'place': " + "; ".join(failures))
        if failures:
            # "A / B" with B unknown: B may be another place, so taking A would be a guess.
            raise RowRejected(
                f"field 'place': {cell.raw!r} names {len(cell.names)} places and not all are known: "
                + "; ".join(failures) + "; known: " + "; ".join(_describe(p) for p in found)
            )
        place = _agree(found, cell)
        if cell.near and is_dataclass(place) and getattr(place, "geo_precision", 1) < 2:
            place = replace(place, geo_precision=2)  # type: ignore[type-var]
        return place


def _agree(found: list[object], cell: PlaceCell) -> object:
    best = min(found, key=lambda p: (getattr(p, "geo_precision", 3), -float(getattr(p, "score", 0.0))))
    for other in found:
        near = distance_km(best.lat, best.lon, other.lat, other.lon) <= SAME_PLACE_KM  # type: ignore[attr-defined]
        inside = (
            getattr(other, "geo_precision", 1) == 3
            and getattr(other, "admin1", None) == getattr(best, "admin1", "")
        )
        if not (near or inside):
            listed = "; ".join(_describe(p) for p in found)
            raise RowRejected(f"field 'place': {cell.raw!r} names different places: {listed}")
    return best
