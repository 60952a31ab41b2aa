"""What only the embedded store has to do: persist, reload, save atomically, share a data dir safely."""
from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from graph_schema.document import to_document
from graph_schema.model import Article, Event, Graph, Participation
from graph_schema.store import EventQuery, StoreError
from graph_schema.stores.embedded import GRAPH_FILE, EmbeddedStore
from tests.fixtures.sample_graph import ART2, JANE, PARIS, build_sample_graph, without_article


def test_a_new_store_on_the_same_dir_reads_what_was_saved(tmp_path: Path, sample_graph: Graph) -> None:
    first = EmbeddedStore(tmp_path)
    first.replace_graph(sample_graph)
    first.put_article(Article("r-1", title="R"), {"k": [1]})
    first.close()
    second = EmbeddedStore(tmp_path)
    assert to_document(second.read_graph()) == to_document(sample_graph)
    assert list(second.article_payloads()) == [(Article("r-1", title="R"), {"k": [1]})]
    assert second.replace_graph(sample_graph).changed == 0


def test_a_reader_sees_another_store_s_writes(tmp_path: Path, sample_graph: Graph) -> None:
    reader, writer = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    assert reader.find_events(EventQuery()).total == 0
    writer.replace_graph(sample_graph)
    assert reader.find_events(EventQuery(place=PARIS)).total == 2
    writer.replace_graph(without_article(sample_graph, ART2))
    assert reader.find_events(EventQuery()).total == 2
    assert reader.get_actor("a:un") is None


def test_a_snapshot_keeps_answering_from_the_graph_it_started_with(tmp_path: Path, sample_graph: Graph) -> None:
    reader, writer = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    writer.replace_graph(sample_graph)
    with reader.snapshot() as view:
        assert view.find_events(EventQuery()).total == 4
        writer.replace_graph(without_article(sample_graph, ART2))
        assert view.find_events(EventQuery()).total == 4
        assert view.get_actor("a:un") is not None
    assert reader.find_events(EventQuery()).total == 2  # the store itself has moved on


def test_a_failed_save_leaves_the_old_file(tmp_path: Path, sample_graph: Graph,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    store = EmbeddedStore(tmp_path)
    store.replace_graph(sample_graph)
    saved = (tmp_path / GRAPH_FILE).read_bytes()

    def crash(src: str, dst: str) -> None:
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk pulled out"):
        store.replace_graph(without_article(sample_graph, ART2))
    monkeypatch.undo()
    assert (tmp_path / GRAPH_FILE).read_bytes() == saved
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", GRAPH_FILE, "records"]  # no temp file left
    assert to_document(EmbeddedStore(tmp_path).read_graph()) == to_document(sample_graph)
    assert to_document(store.read_graph()) == to_document(sample_graph)


def test_a_killed_save_s_temporaries_are_removed_when_the_lock_is_taken(tmp_path: Path, sample_graph: Graph) -> None:
    EmbeddedStore(tmp_path).replace_graph(sample_graph)
    leftovers = [tmp_path / ".graph.json.k2j4_x.tmp", tmp_path / "records" / ".r-1.json.9a8b7c.tmp"]
    kept = [tmp_path / "notes.tmp", tmp_path / ".graph.json.bak", tmp_path / "records" / "r-2.json"]
    for path in leftovers + kept:
        path.write_bytes(b"{half a save")
    store = EmbeddedStore(tmp_path)
    assert all(p.exists() for p in leftovers)  # opening to read removes nothing: a writer may hold the lock
    with store.lock():
        assert [p for p in leftovers if p.exists()] == []
    assert all(p.exists() for p in kept)
    assert to_document(store.read_graph()) == to_document(sample_graph)


def test_a_corrupt_graph_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / GRAPH_FILE).write_bytes(b'{"format": "diplomatic-graph/1", "events": [')
    with pytest.raises(StoreError, match=GRAPH_FILE):
        EmbeddedStore(tmp_path)


def _ingest_one_by_one(data_dir: str, worker: int, n: int) -> None:
    """Each step reads the graph, adds one event and writes it back, under the store's lock."""
    store = EmbeddedStore(data_dir)
    for i in range(n):
        store.put_article(Article(f"w{worker}-{i}"), {"worker": worker, "i": i})
        with store.lock():
            graph = store.read_graph()
            graph.events[f"e:w{worker}-{i}"] = Event(f"e:w{worker}-{i}", "meeting",
                                                     participants=[Participation(JANE)])
            store.replace_graph(graph)
    store.close()


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    seed = build_sample_graph()
    EmbeddedStore(tmp_path).replace_graph(seed)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_ingest_one_by_one, args=(str(tmp_path), w, 15)) for w in (1, 2)]
    for p in workers:
        p.start()
    for p in workers:
        p.join(timeout=120)
    assert [p.exitcode for p in workers] == [0, 0]
    store = EmbeddedStore(tmp_path)
    events = store.read_graph().events
    assert {f"e:w{w}-{i}" for w in (1, 2) for i in range(15)} | seed.events.keys() == events.keys()
    assert len(list(store.article_payloads())) == 30


def test_a_loaded_graph_and_its_indexes_are_kept_out_of_the_collector_s_walks(tmp_path: Path,
                                                                             sample_graph: Graph) -> None:
    """Issue 16: collections after a load walked every record (seconds at 1M events); frozen, they never do."""
    import gc

    EmbeddedStore(tmp_path).replace_graph(sample_graph)
    before = gc.get_freeze_count()
    store = EmbeddedStore(tmp_path)  # reads the records and the index saved with them
    page = store.find_events(EventQuery(actor=JANE))
    assert page.total > 0
    state = store._current()
    tracked = {id(o) for o in gc.get_objects()}
    assert id(state.records) not in tracked
    assert not {id(r) for r in state.records["events"].values()} & tracked
    assert id(state.index) not in tracked and id(state.rank) not in tracked
    assert gc.get_freeze_count() > before  # what the opening read joined them


def test_the_first_events_in_order_are_those_a_full_sort_gives() -> None:
    """`find_events` picks a page's events with a heap when the page is small against the matches."""
    import random

    from graph_schema.stores.embedded import _first_in_order

    rng = random.Random(16)
    for _ in range(200):
        ranks = rng.sample(range(10_000), rng.randint(0, 400))
        k = rng.choice([0, 1, 5, 50, 99, 400, 1000])
        assert _first_in_order(ranks, k) == sorted(ranks)[:k]


def test_a_shortest_connection_past_the_query_time_out_is_unavailable_not_an_error(
        tmp_path: Path, sample_graph: Graph) -> None:
    from graph_schema.store import StoreUnavailable
    from tests.fixtures.sample_graph import ELODIE, UN

    store = EmbeddedStore(tmp_path, query_timeout_s=1e-9)
    store.replace_graph(sample_graph)
    with pytest.raises(StoreUnavailable, match="took longer than") as raised:
        store.shortest_connection(UN, ELODIE)
    assert raised.value.reason == "a query took longer than 1e-09 s"
    assert EmbeddedStore(tmp_path, query_timeout_s=60).shortest_connection(UN, ELODIE)[0] == UN


def test_shortest_connections_are_as_short_as_networkx_finds_and_real(tmp_path: Path) -> None:
    """The bounded search over the store's own index finds a path exactly as long as networkx's (of equal-length
    paths, not always the same one: it grows the cheaper side first), made of real participations."""
    import random

    import networkx as nx

    from bench.generate_graph import generate_graph

    graph = generate_graph(600, seed=3)
    store = EmbeddedStore(tmp_path)
    store.replace_graph(graph)
    g = nx.Graph()
    for e in graph.events.values():
        for p in e.participants:
            g.add_edge(("actor", p.actor), ("event", e.id))
    actors = sorted(a for kind, a in g if kind == "actor")
    rng = random.Random(16)
    for _ in range(300):
        source, target = rng.sample(actors, 2)
        try:
            expected = nx.shortest_path_length(g, ("actor", source), ("actor", target))
        except nx.NetworkXNoPath:
            expected = None
        found = store.shortest_connection(source, target, max_hops=6)
        if expected is None or expected // 2 > 6:
            assert found == []
            continue
        assert len(found) == expected + 1 and (found[0], found[-1]) == (source, target)
        for n, node in enumerate(found):
            kind = "actor" if n % 2 == 0 else "event"
            if n:
                assert g.has_edge((kind, node), ("event" if kind == "actor" else "actor", found[n - 1]))
