"""Matching rules of eval/FORMAT.md: names, kinds, states by country, places up the `within` chain."""
from __future__ import annotations

import pytest

from diplograph.evaluation.exported import ExportedActor, read_export
from diplograph.evaluation.gold import GoldPlace, read_gold
from diplograph.evaluation.matching import ActorMatcher, normalise_name, place_matches

GOLD = read_gold({"actors": [
    {"id": "maliki", "kind": "person", "names": ["Nouri al-Maliki", "Maliki"]},
    {"id": "iran", "kind": "state", "country": "IRN", "names": ["Iran"]},
    {"id": "un", "kind": "organization", "names": ["United Nations", "UN"]}], "meetings": []})


@pytest.mark.parametrize(("name", "normalised"), [
    ("Nouri al-Maliki", "nourialmaliki"), ("Çavuşoğlu", "cavusoglu"), ("Maliki’s", "maliki"),
    ("U.S.", "us"), (None, "")])
def test_names_are_compared_without_case_accents_punctuation_or_possessives(name: str | None,
                                                                            normalised: str) -> None:
    assert normalise_name(name) == normalised


@pytest.mark.parametrize(("actor", "gold_id"), [
    (ExportedActor("a:1", "NOURI AL MALIKI"), "maliki"),
    (ExportedActor("a:2", "the premier", aliases=("Maliki",), kind="person"), "maliki"),
    (ExportedActor("a:3", "Maliki", kind="state"), None),  # a name of a person on a state matches nothing
    (ExportedActor("a:4", "Islamic Republic", kind="state", country="IRN"), "iran"),  # a state by its country
    (ExportedActor("a:5", "Iran", kind="government"), "iran"),
    (ExportedActor("a:6", "UN", kind="organization"), "un"),
    (ExportedActor("a:7", "Bob Kaye", kind="person"), None)])
def test_actors_match_by_name_and_kind_and_states_by_country(actor: ExportedActor, gold_id: str | None) -> None:
    assert ActorMatcher(GOLD).match(actor) == gold_id


def test_a_place_matches_up_its_within_chain_and_a_country_only_gold_by_country() -> None:
    graph = read_export({"format": "diplomatic-graph/1", "locations": [
        {"id": "l:site", "name": "Green Zone", "within": "l:city"},
        {"id": "l:city", "name": "Baghdad", "country": "IRQ", "within": "l:site"},  # a cycle ends the walk
        {"id": "l:basra", "name": "Basra", "country": "IRQ"}]})
    assert place_matches(graph, "l:site", GoldPlace(cities=("Baghdad",), country="IRQ"))
    assert not place_matches(graph, "l:basra", GoldPlace(cities=("Baghdad",), country="IRQ"))
    assert place_matches(graph, "l:basra", GoldPlace(country="IRQ"))
    assert not place_matches(graph, None, GoldPlace(country="IRQ"))
