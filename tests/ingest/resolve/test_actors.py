"""One actor per real person and state across articles (ingest/resolve/actors.py)."""
from __future__ import annotations

from graph_schema.integrity import graph_problems
from ingest.resolve import resolve
from tests.ingest.resolve.conftest import article, person, state


def persons(graph):
    return {a.name: a for a in graph.actors.values() if a.kind == "person"}


def test_spellings_and_hyphenations_of_one_name_are_one_person():
    graph = resolve([
        article("a1", actors=[person("a1", "p1", "Nouri al-Maliki", "IRQ", ["Iraqi Prime Minister"]),
                              state("a1", "IRQ", "Iraq")]),
        article("a2", actors=[person("a2", "p1", "Nuri al-Maliki", "IRQ", ["prime minister"])]),
        article("a3", actors=[person("a3", "p1", "Hassan Kazemi-Qomi"), person("a3", "p2", "Hassan Kazemi Qomi")]),
    ])
    found = persons(graph)
    assert len(found) == 2
    maliki = next(a for a in found.values() if "Maliki" in a.name)
    assert {"Nouri al-Maliki", "Nuri al-Maliki"} == {maliki.name, *maliki.aliases}
    assert maliki.country == "IRQ" and maliki.affiliation == "a:irq"


def test_a_surname_joins_the_one_full_name_that_holds_it_and_not_two():
    one = resolve([
        article("a1", actors=[person("a1", "p1", "George W. Bush", "USA", ["U.S. President"])]),
        article("a2", actors=[person("a2", "p1", "Bush", None, ["President"])]),
    ])
    assert list(persons(one)) == ["George W. Bush"]
    two = resolve([
        article("a1", actors=[person("a1", "p1", "George W. Bush", "USA", ["President"]),
                              person("a1", "p2", "Laura Bush", "USA", ["first lady"])]),
        article("a2", actors=[person("a2", "p1", "Bush", None, ["President"])]),
    ])
    found = persons(two)  # "Bush" could be either: it joins neither and stands for no one
    assert set(found) == {"George W. Bush", "Laura Bush"}
    assert all("Bush" not in a.aliases for a in found.values())
    slip = resolve([  # a lone surname given a wrong country joins neither, not the one without a country
        article("a1", actors=[person("a1", "p1", "George W. Bush", "USA", ["President"]),
                              person("a1", "p2", "Laura Bush", None, [])]),
        article("a2", actors=[person("a2", "p1", "Bush", "CAN", ["President"])]),
    ])
    assert all("Bush" not in a.aliases for a in persons(slip).values())


def test_people_sharing_a_surname_from_different_states_stay_apart():
    graph = resolve([
        article("a1", actors=[person("a1", "p1", "Ahmed Hassan", "EGY", ["Egyptian Trade Minister"])]),
        article("a2", actors=[person("a2", "p1", "Ali Hassan", "IRQ", ["Iraqi Defence Minister"])]),
        article("a3", actors=[person("a3", "p1", "Hassan", "IRQ", ["Iraqi Defence Minister"])]),
    ])
    found = persons(graph)
    assert set(found) == {"Ahmed Hassan", "Ali Hassan"}
    assert "Hassan" in found["Ali Hassan"].aliases


def test_one_name_two_offices_two_states_is_two_people_but_one_office_is_one_person_with_a_conflict():
    two = resolve([
        article("a1", actors=[person("a1", "p1", "Ali Hassan", "EGY", ["Egyptian Trade Minister"])]),
        article("a2", actors=[person("a2", "p1", "Ali Hassan", "IRQ", ["Iraqi Defence Minister"])]),
    ])
    assert len([a for a in two.actors.values() if a.kind == "person"]) == 2
    one = resolve([
        article(f"a{n}", actors=[person(f"a{n}", "p1", "Manuel Ortiz", code, [f"{word} foreign minister"])])
        for n, (code, word) in enumerate([("PER", "Peru's"), ("PER", "Peruvian"), ("BOL", "Bolivia's")])
    ])
    [ortiz] = [a for a in one.actors.values() if a.kind == "person"]
    assert ortiz.country == "PER"
    assert [(c.field, c.kept, c.other) for c in one.conflicts if c.subject == ortiz.id and c.field == "country"] == [
        ("country", "PER", "BOL")]


def test_an_official_without_a_stated_country_takes_the_datelines_but_a_reporter_does_not():
    graph = resolve([article("a1", dateline="Tokyo", actors=[
        person("a1", "p1", "Hiroshi Tanabe", None, ["Prime Minister"]),
        person("a1", "p2", "Mika Sato", None, ["correspondent"]), state("a1", "JPN", "Japan")])])
    found = persons(graph)
    assert found["Hiroshi Tanabe"].country == "JPN"
    assert found["Mika Sato"].country is None


def test_an_official_in_a_dispatch_about_other_states_takes_no_dateline_country_but_an_expert_does():
    graph = resolve([article("a1", dateline="Cairo", actors=[
        person("a1", "p1", "Dan Carter", None, ["Vice President"]),
        person("a1", "p2", "Amr Nabil", None, ["political expert"]), state("a1", "USA", "U.S.")])])
    found = persons(graph)
    assert found["Dan Carter"].country is None
    assert found["Amr Nabil"].country == "EGY"
    assert found["Amr Nabil"].affiliation is None  # Egypt is no actor of the graph
    assert graph_problems(graph) == []


def test_states_are_their_codes():
    graph = resolve([article("a1", actors=[state("a1", "USA", "United States")]),
                     article("a2", actors=[state("a2", "USA", "Washington")])])
    assert list(graph.actors) == ["a:usa"]
    assert graph.actors["a:usa"].name == "United States" and "Washington" in graph.actors["a:usa"].aliases
