"""One location per real place, each inside the next (ingest/resolve/places.py)."""
from __future__ import annotations

from graph_schema.model import LocationKind
from ingest.extraction import PlaceMention
from ingest.resolve import resolve
from tests.ingest.resolve.conftest import article, city, country, person


def test_premises_of_one_person_spelled_two_ways_are_one_place_placed_by_either_article():
    a1 = article("a1", actors=[person("a1", "p1", "Nouri al-Maliki", "IRQ", ["Iraqi Prime Minister"])], places=[
        PlaceMention("v:p1:office", "office of Nouri al-Maliki", LocationKind.VENUE, "IRQ", within="d:green-zone"),
        PlaceMention("d:green-zone", "Green Zone", LocationKind.DISTRICT, None)])
    a2 = article("a2", actors=[person("a2", "p4", "Nuri al-Maliki", "IRQ", ["prime minister"])], places=[
        PlaceMention("v:p4:office", "office of Nuri al-Maliki", LocationKind.VENUE, "IRQ", within="d:green-zone"),
        PlaceMention("d:green-zone", "Green Zone", LocationKind.DISTRICT, "IRQ", within="g:1"),
        city("g:1", "Baghdad", "IRQ", 98182), country("IRQ", "Iraq")])
    graph = resolve([a1, a2])
    offices = [loc for loc in graph.locations.values() if loc.kind == LocationKind.VENUE]
    assert len(offices) == 1
    assert [loc.name for loc in graph.location_chain(offices[0].id)][1:] == ["Green Zone", "Baghdad", "Iraq"]
    assert graph.locations["l:irq"].kind == LocationKind.COUNTRY


def test_sites_of_one_name_in_two_countries_are_two_places():
    a1 = article("a1", places=[PlaceMention("v:parliament-house", "Parliament House", LocationKind.VENUE, "AUS",
                                            within="g:1"), city("g:1", "Canberra", "AUS", 2172517)])
    a2 = article("a2", places=[PlaceMention("v:parliament-house", "Parliament House", LocationKind.VENUE, "GBR",
                                            within="g:2"), city("g:2", "London", "GBR", 2643743)])
    graph = resolve([a1, a2])
    houses = sorted((loc.country, loc.within) for loc in graph.locations.values() if loc.name == "Parliament House")
    assert houses == [("AUS", "l:canberra"), ("GBR", "l:london")]


def test_a_gazetteer_place_keeps_the_spellings_the_articles_use():
    from graph_schema.model import Evidence
    spelled = city("g:1", "Nay Pyi Taw", "MMR", 6611854)
    spelled.evidence = [Evidence("a1", 10, 19, "Naypyidaw"), Evidence("a1", 40, 62, "the new capital")]
    graph = resolve([article("a1", places=[spelled, country("MMR", "Myanmar")])])
    [place] = [loc for loc in graph.locations.values() if loc.kind == LocationKind.CITY]
    assert (place.name, place.aliases) == ("Nay Pyi Taw", ["Naypyidaw"])
