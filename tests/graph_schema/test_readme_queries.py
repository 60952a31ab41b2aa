"""The example Cypher in graph_schema/README.md runs on the real Neo4j and gives the sample's answers."""
from __future__ import annotations

import re
from pathlib import Path

from graph_schema.model import Graph
from graph_schema.schema import schema_statements
from graph_schema.stores.neo4j import Neo4jStore
from tests.fixtures.sample_graph import FRA, PARIS, PARIS_MEETING, PARIS_TALKS

README = Path(__file__).resolve().parents[2] / "graph_schema" / "README.md"


def cypher_blocks() -> list[str]:
    return re.findall(r"```cypher\n(.*?)```", README.read_text(), flags=re.S)


def test_readme_shows_the_schema_as_applied() -> None:
    shown = cypher_blocks()[0]
    assert [" ".join(s.split()) for s in schema_statements()] == [
        " ".join(s.split()) for s in shown.split(";") if s.strip()]


def test_readme_examples_give_the_sample_answers(neo4j_store: Neo4jStore, sample_graph: Graph) -> None:
    neo4j_store.replace_graph(sample_graph)
    params = {"city": PARIS, "state": FRA, "event": PARIS_MEETING}
    with neo4j_store._driver.session(database=neo4j_store.database) as session:
        answers = [[tuple(r.values()) for r in session.run(q, params)] for q in cypher_blocks()[1:]]
    who_met_whom, in_city, represented, sources, participation_quotes = answers
    assert {(a, b) for a, b, *_ in who_met_whom} == {
        ("Jane Doe", "United Nations"), ("Jane Doe", "Jean Dupont"), ("Élodie Martin", "Jane Doe"),
        ("Élodie Martin", "Jean Dupont")}
    assert len(who_met_whom) == 5
    assert in_city == [(PARIS_MEETING, "2024-03-04"), (PARIS_TALKS, "2024-03-05")]
    assert represented == [("Jean Dupont", "2024-03-04", PARIS_MEETING), ("Jean Dupont", "2024-03-05", PARIS_TALKS)]
    assert [(art, start, quote) for art, _, _, start, _, quote in sources] == [
        (s.article, s.start, s.quote) for s in sorted(sample_graph.events[PARIS_MEETING].sources,
                                                      key=lambda s: (s.article, s.start))]
    assert sorted(participation_quotes) == sorted(
        (sample_graph.actors[p.actor].name, e.article, e.quote)
        for p in sample_graph.events[PARIS_MEETING].participants for e in p.evidence)
