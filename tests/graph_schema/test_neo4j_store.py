"""What only the Neo4j store has to do: its schema, safe full-text queries, finishing interrupted writes, locking."""
from __future__ import annotations

import threading
import time

import pytest

from graph_schema.document import to_document
from graph_schema.model import Graph
from graph_schema.schema import apply_schema, schema_statements, statement_name
from graph_schema.store import StoreUnavailable
from graph_schema.stores.neo4j import Neo4jStore, lucene_query
from tests.fixtures.sample_graph import ART2, PARIS_MEETING, without_article


def test_lucene_query_escapes_and_fuzzes_words() -> None:
    assert lucene_query("Jnae  Doe") == "jnae~1 doe~1"
    assert lucene_query("Al-Maliki, U.S.") == "al maliki~2 us"
    assert lucene_query('Doe~ AND "x" (y) [z TO w] a:b \\ / * ? ! ^ {') == "doe~1 and~1 x y z to w a b"
    assert lucene_query("*:*") == ""


def test_schema_is_applied_once_and_complete(neo4j_store: Neo4jStore) -> None:
    neo4j_store.ping()
    with neo4j_store._driver.session(database=neo4j_store.database) as session:
        assert apply_schema(session) == []  # everything exists already
        names = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")}
        names |= {r["name"] for r in session.run("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE'")}
    assert {statement_name(s) for s in schema_statements()} <= names


def test_an_interrupted_write_is_finished_by_the_next(neo4j_store: Neo4jStore, sample_graph: Graph,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    neo4j_store.batch_size = 3  # many small transactions
    real_write = Neo4jStore._write
    calls = {"n": 0}

    def failing_write(self: Neo4jStore, work):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 8:
            raise StoreUnavailable("connection lost")
        return real_write(self, work)

    monkeypatch.setattr(Neo4jStore, "_write", failing_write)
    with pytest.raises(StoreUnavailable):
        neo4j_store.replace_graph(sample_graph)
    monkeypatch.setattr(Neo4jStore, "_write", real_write)
    assert to_document(neo4j_store.read_graph()) != to_document(sample_graph)
    assert neo4j_store.replace_graph(sample_graph).changed > 0
    assert to_document(neo4j_store.read_graph()) == to_document(sample_graph)
    assert neo4j_store.replace_graph(sample_graph).changed == 0


def test_facts_are_rewritten_only_when_they_change(neo4j_store: Neo4jStore, sample_graph: Graph) -> None:
    neo4j_store.replace_graph(sample_graph)
    ids = "MATCH (:Event {id: $id})<-[r:PARTICIPATED_IN]-() RETURN elementId(r) AS r ORDER BY r"
    with neo4j_store._driver.session(database=neo4j_store.database) as s:
        before = [r["r"] for r in s.run(ids, id=PARIS_MEETING)]
        sample_graph.events[PARIS_MEETING].date_text = "on Monday"  # a property, not a relationship
        assert neo4j_store.replace_graph(sample_graph).updated == 1
        assert [r["r"] for r in s.run(ids, id=PARIS_MEETING)] == before
        neo4j_store.replace_graph(without_article(sample_graph, ART2))  # its sources change
        assert neo4j_store.get_event(PARIS_MEETING).date_text == "on Monday"


def test_the_lock_makes_a_second_writer_wait(neo4j_store: Neo4jStore) -> None:
    other = Neo4jStore(neo4j_store.uri, "neo4j", "", neo4j_store.database)
    order: list[str] = []

    def second() -> None:
        with other.lock():
            order.append("second has the lock")

    try:
        with neo4j_store.lock(), neo4j_store.lock():  # re-entrant
            waiter = threading.Thread(target=second)
            waiter.start()
            time.sleep(1.0)
            order.append("first lets go")
        waiter.join(timeout=30)
        assert order == ["first lets go", "second has the lock"]
    finally:
        other.close()
