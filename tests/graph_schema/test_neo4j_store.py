"""What only the Neo4j store has to do: its schema, safe full-text queries, finishing interrupted writes, locking,
and keeping the meeting keys and counts that list an actor's meetings in step with every write."""
from __future__ import annotations

import threading
import time

import pytest

import graph_schema.stores.neo4j.store as neo4j_store_module
from graph_schema.document import to_document
from graph_schema.model import Event, Graph
from graph_schema.schema import apply_schema, schema_statements, statement_name
from graph_schema.store import EventQuery, StoreUnavailable
from graph_schema.stores.neo4j import Neo4jStore, lucene_query
from graph_schema.stores.neo4j.writes import meeting_key, meeting_prefix
from graph_schema.stores.ordering import event_order
from tests.conftest import _open_neo4j
from tests.fixtures.sample_graph import (
    ART2,
    ELODIE,
    FRA,
    GENEVA_MEETING,
    JANE,
    JEAN,
    PARIS_MEETING,
    PARIS_TALKS,
    UN,
    USA,
    without_article,
)


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


def _all_pages(store: Neo4jStore, actor: str) -> list[tuple[int, list[str]]]:
    return [(page.total, [e.id for e in page.items])
            for offset, limit in ((0, 50), (0, 1), (1, 1), (1, 5), (3, 2), (0, 0))
            for page in [store.find_events(EventQuery(actor=actor, type="meeting", offset=offset, limit=limit))]]


def _generic_pages(store: Neo4jStore, actor: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, list[str]]]:
    """The same pages through the general filter (every event of the actor, counted and sorted)."""
    with monkeypatch.context() as m:
        m.setattr(neo4j_store_module, "actor_meetings", lambda query: None)
        return _all_pages(store, actor)


def test_meeting_keys_sort_like_the_listing() -> None:
    events = [Event(id=i, type="meeting", date=d) for i, d in (
        ("e:b", "2024-03-04"), ("e:a", "2024-03-04"), ("e:a-1", "2024-03-04"), ("e:z", "2024"), ("e:c", "2024-03"),
        ("e:d", None), ("e:0", None), ("e:y", "2023-12-31"), ("e:x", ""))]
    by_key = sorted(events, key=lambda e: meeting_key("a:x", e))
    assert [e.id for e in by_key] == [e.id for e in sorted(events, key=lambda e: event_order(e.date, e.id))]
    assert all(meeting_key("a:x", e).startswith(meeting_prefix("a:x")) for e in events)
    assert not meeting_key("a:xy", events[0]).startswith(meeting_prefix("a:x"))


def test_an_actors_meetings_read_from_the_keys_follow_every_write(neo4j_store: Neo4jStore, sample_graph: Graph,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    actors = [JANE, JEAN, FRA, USA, UN, ELODIE, "a:nobody"]

    def agree() -> None:
        for actor in actors:
            assert _all_pages(neo4j_store, actor) == _generic_pages(neo4j_store, actor, monkeypatch), actor

    neo4j_store.replace_graph(sample_graph)
    assert _all_pages(neo4j_store, FRA)[0] == (2, [PARIS_MEETING, PARIS_TALKS])  # represented, not taking part
    agree()
    sample_graph.events[PARIS_TALKS].date = "2024-02-01"  # the meeting moves before the others
    neo4j_store.replace_graph(sample_graph)
    assert _all_pages(neo4j_store, JANE)[0] == (3, [PARIS_TALKS, GENEVA_MEETING, PARIS_MEETING])
    agree()
    sample_graph.events[PARIS_TALKS].participants = [  # France no longer represented there
        p for p in sample_graph.events[PARIS_TALKS].participants if p.actor != JEAN]
    sample_graph.events[GENEVA_MEETING].type, sample_graph.events[GENEVA_MEETING].cameo = "statement", "010"
    neo4j_store.replace_graph(sample_graph)
    assert _all_pages(neo4j_store, FRA)[0] == (1, [PARIS_MEETING])
    assert _all_pages(neo4j_store, UN)[0] == (0, [])
    agree()
    assert neo4j_store.replace_graph(sample_graph).changed == 0


def test_a_store_written_before_meeting_keys_still_lists_meetings(neo4j_store: Neo4jStore,
                                                                 sample_graph: Graph) -> None:
    neo4j_store.replace_graph(sample_graph)
    expected = _all_pages(neo4j_store, JANE)
    with neo4j_store._driver.session(database=neo4j_store.database) as s:
        s.run("MATCH (a:Actor) REMOVE a.meeting_count").consume()
        s.run("MATCH ()-[p:PARTICIPATED_IN]->() REMOVE p.meeting_key, p.meeting_rep_key").consume()
    assert _all_pages(neo4j_store, JANE) == expected


def test_a_store_written_before_representation_keys_gets_them_when_their_indexes_are_made(
        neo4j_store: Neo4jStore, sample_graph: Graph) -> None:
    """Issue 16: representation pages are read from key indexes; an older store's representations have no keys
    until the store that first creates those indexes sets them."""
    neo4j_store.replace_graph(sample_graph)
    expected = {by: neo4j_store.representation_page(**kw, limit=1) for by, kw in (
        ("all", {}), ("state", {"state": FRA}), ("person", {"person": JANE}))}
    with neo4j_store._driver.session(database=neo4j_store.database) as s:
        s.run("MATCH (r:Representation) REMOVE r.key, r.state_key, r.person_key").consume()
        for name in ("representation_key", "representation_state_key", "representation_person_key"):
            s.run(f"DROP INDEX {name} IF EXISTS").consume()  # the name is the schema's own, not a value
    assert neo4j_store.representation_page(state=FRA, limit=1).items == []  # keys gone: nothing found by them
    reopened = _open_neo4j()  # a newly started process's store on the same database
    try:
        assert {by: reopened.representation_page(**kw, limit=1) for by, kw in (
            ("all", {}), ("state", {"state": FRA}), ("person", {"person": JANE}))} == expected
    finally:
        reopened.close()


def test_a_store_written_before_event_keys_gets_them_when_their_indexes_are_made(
        neo4j_store: Neo4jStore, sample_graph: Graph) -> None:
    """Timelines are read from participations' event keys; an older store's participations get them from the
    store that first creates their indexes (its actors' event counts come with the next write)."""
    neo4j_store.replace_graph(sample_graph)
    expected = {actor: [e.id for e in neo4j_store.find_events(EventQuery(actor=actor)).items]
                for actor in (JANE, JEAN, FRA, USA)}
    with neo4j_store._driver.session(database=neo4j_store.database) as s:
        s.run("MATCH ()-[p:PARTICIPATED_IN]->() REMOVE p.event_key, p.event_rep_key").consume()
        for name in ("participation_event_key", "participation_event_rep_key"):
            s.run(f"DROP INDEX {name} IF EXISTS").consume()  # the name is the schema's own, not a value
    assert neo4j_store.find_events(EventQuery(actor=JANE)).items == []  # keys gone: nothing found by them
    reopened = _open_neo4j()
    try:
        assert {actor: [e.id for e in reopened.find_events(EventQuery(actor=actor)).items]
                for actor in expected} == expected
    finally:
        reopened.close()

def test_new_events_are_written_side_by_side_and_the_graph_comes_out_whole(
        neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.generate_graph import generate_graph

    graph = generate_graph(120, seed=3)  # a heavy tail: many events share the busiest actors
    neo4j_store.batch_size, neo4j_store.write_workers = 40, 3  # new events: 8 a transaction, 3 at a time
    real_write = Neo4jStore._write
    running, most = [0], [0]
    guard = threading.Lock()

    def counting_write(self: Neo4jStore, work):  # type: ignore[no-untyped-def]
        if threading.current_thread().name == "neo4j-lock-lease":  # the lease's renewal, every 2 s
            return real_write(self, work)
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            time.sleep(0.01)  # so that side by side is seen even when the server is quick
            return real_write(self, work)
        finally:
            with guard:
                running[0] -= 1

    monkeypatch.setattr(Neo4jStore, "_write", counting_write)
    assert neo4j_store.replace_graph(graph).changed > 0
    assert most[0] == 3
    assert to_document(neo4j_store.read_graph()) == to_document(graph)
    assert neo4j_store.replace_graph(graph).changed == 0
