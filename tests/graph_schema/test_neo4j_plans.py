"""Issue 16: the paged reads of the busiest actors and states, checked with PROFILE on the real Neo4j.

A page must cost what its items cost: no label scan, and no operator handling
more rows than a few per item on the page, however many the actor or state
has (the busiest here have over 40, the page is 5). Deep pages are
checked too: a cursor's page is a range seek from its key, not a walk past
the pages before it.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from graph_schema.model import Graph
from graph_schema.store import EventQuery
from graph_schema.stores.neo4j import Neo4jStore
from graph_schema.stores.neo4j.reads import (
    ACTOR_EVENTS_PAGE,
    COUNTERPART_KEYED_PAGE,
    GROUP_KEYED_PAGE,
    REPRESENTATION_KEYED_PAGE,
    actor_meetings,
)
from graph_schema.stores.neo4j.store import ALL_KEYS_END
from graph_schema.stores.neo4j.writes import SEP, counterpart_key, key_end, meeting_prefix, representation_keys

PAGE = 5
MAX_ROWS_PER_ITEM = 6  # participants, places and names of a page's items: a few rows each


def _operators(plan: Any) -> Iterator[Any]:
    yield plan
    for child in plan.get("children", []):
        yield from _operators(child)


def _profile(store: Neo4jStore, query: str, params: dict[str, Any]) -> list[tuple[str, int, str]]:
    with store._driver.session(database=store.database) as session:
        plan = session.run("PROFILE " + query, params).consume().profile
    return [(op["operatorType"].split("@")[0], op.get("rows", 0), str((op.get("args") or {}).get("Details", "")))
            for op in _operators(plan)]


def _assert_paged(operators: list[tuple[str, int, str]], what: str) -> None:
    scans = [op for op in operators if "Scan" in op[0]]
    assert not scans, f"{what}: scans {scans}"
    heavy = [op for op in operators if op[1] > MAX_ROWS_PER_ITEM * PAGE]
    assert not heavy, f"{what}: operators handling more rows than a page needs: {heavy}"


@pytest.fixture
def busy(neo4j_store: Neo4jStore) -> tuple[Neo4jStore, Graph, str, str, str, str]:
    """A generated graph with a heavy tail, loaded; its busiest actor (meetings taken part in or represented at),
    state, representing person and participant."""
    from bench.generate_graph import generate_graph

    graph = generate_graph(600, seed=3)
    neo4j_store.replace_graph(graph)
    meetings = [e for e in graph.events.values() if e.is_meeting]
    actors = Counter(a for e in meetings for a in e.actor_ids())
    states = Counter(p.represents for e in graph.events.values() for p in e.participants if p.represents)
    persons = Counter(p.actor for e in graph.events.values() for p in e.participants if p.represents)
    participants = Counter(p.actor for e in meetings for p in e.participants)
    actor, state, person, participant = (c.most_common(1)[0][0] for c in (actors, states, persons, participants))
    # supernodes next to the page
    assert min(actors[actor], states[state], participants[participant]) > 8 * PAGE
    return neo4j_store, graph, actor, state, person, participant


def test_a_busy_actors_meetings_page_is_a_range_seek(busy) -> None:
    store, _, actor, _, _, _ = busy
    whole = store.find_events(EventQuery(actor=actor, type="meeting", limit=1000)).items
    deep = whole[len(whole) // 2]
    for after in (None, (deep.date, deep.id)):
        operators = _profile(store, *_meetings(actor, after))
        _assert_paged(operators, f"meetings of {actor} after {after}")
        assert any("IndexSeekByRange" in name for name, _, _ in operators)


def _meetings(actor: str, after: tuple[str | None, str] | None) -> tuple[str, dict[str, Any]]:
    return ACTOR_EVENTS_PAGE[True], actor_meetings(EventQuery(actor=actor, type="meeting", limit=PAGE, after=after))


def test_representation_pages_are_range_seeks_with_counts_read_not_counted(busy) -> None:
    store, _, _, state, person, _ = busy
    for by, owner in (("state", state), ("person", person), ("all", None)):
        whole = store.representation_page(**({by: owner} if owner else {}), limit=1000).items
        deep = whole[len(whole) // 2]
        for after in (None, representation_keys(deep.date, deep.event, deep.person, deep.state)):
            start = (owner or "") + SEP if after is None else after[{"state": "rsk", "person": "rpk", "all": "rk"}[by]]
            params = {"state": owner if by == "state" else None, "person": owner if by == "person" else None,
                      "offset": 0, "limit": PAGE, "from": start, "to": key_end(owner) if owner else ALL_KEYS_END}
            operators = _profile(store, REPRESENTATION_KEYED_PAGE[by], params)
            _assert_paged(operators, f"representations by {by} {owner} after {after}")
            assert any("IndexSeekByRange" in name for name, _, _ in operators)
            assert any(("getDegree" in details or "count(" in details)  # the total is read, not counted
                       and name in ("Projection", "NodeCountFromCountStore") for name, _, details in operators)


def test_a_busy_actors_counterpart_page_is_a_range_seek(busy) -> None:
    store, _, _, _, _, actor = busy
    whole = store.counterparts(actor)
    assert len(whole) > 4 * PAGE
    deep = whole[len(whole) // 2]
    for start in (meeting_prefix(actor), counterpart_key(actor, deep.meetings, deep.actor.id)):
        operators = _profile(store, COUNTERPART_KEYED_PAGE, {"id": actor, "offset": 0, "limit": PAGE, "from": start,
                                                             "to": key_end(actor)})
        _assert_paged(operators, f"counterparts of {actor} from {start!r}")
        assert any("IndexSeekByRange" in name for name, _, _ in operators)


def test_a_busy_states_representatives_page_is_a_range_seek(busy) -> None:
    """The busiest state has over 100 representations: its representatives page reads only its page."""
    store, _, _, state, person, _ = busy
    for actor, by in ((state, "person"), (person, "state")):
        whole = store.representation_group_page(actor, by, limit=1000).items
        deep = whole[len(whole) // 2]
        for start in (meeting_prefix(actor), counterpart_key(actor, deep.events, deep.actor)):
            operators = _profile(store, GROUP_KEYED_PAGE[by], {"id": actor, "offset": 0, "limit": PAGE,
                                                               "from": start, "to": key_end(actor)})
            _assert_paged(operators, f"representation groups of {actor} by {by} from {start!r}")
            assert any("IndexSeekByRange" in name for name, _, _ in operators)


def test_a_busy_actors_timeline_page_is_a_range_seek(busy) -> None:
    store, _, actor, _, _, _ = busy
    whole = store.find_events(EventQuery(actor=actor, limit=1000)).items
    assert len(whole) > 8 * PAGE
    deep = whole[len(whole) // 2]
    for after in (None, (deep.date, deep.id)):
        operators = _profile(store, ACTOR_EVENTS_PAGE[False], actor_meetings(EventQuery(actor=actor, limit=PAGE,
                                                                                       after=after)))
        _assert_paged(operators, f"timeline of {actor} after {after}")
        assert any("IndexSeekByRange" in name for name, _, _ in operators)
