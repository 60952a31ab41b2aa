"""One contract, both stores: every read of `GraphStore` answers the same for the sample graph."""
from __future__ import annotations

import socket

import networkx as nx
import pytest

from graph_schema.document import from_document, to_document
from graph_schema.model import ActorKind, ActorName, Article, Conflict, Evidence, Graph, Participation
from graph_schema.store import (
    Counterpart,
    EventQuery,
    GraphStore,
    InvalidGraph,
    Representation,
    RepresentationPage,
    StoreUnavailable,
)
from tests.fixtures.sample_graph import (
    ART1,
    ART2,
    ELODIE,
    ELYSEE,
    FRA,
    FRANCE,
    GENEVA,
    GENEVA_MEETING,
    GENEVA_STATEMENT,
    JANE,
    JEAN,
    PARIS,
    PARIS_MEETING,
    PARIS_TALKS,
    UN,
    USA,
    without_article,
)

ALL_IN_ORDER = [GENEVA_MEETING, PARIS_MEETING, PARIS_TALKS, GENEVA_STATEMENT]  # by date, undated last


def canonical(graph: Graph) -> Graph:
    """The graph as a store gives it back: lists in document order."""
    return from_document(to_document(graph))


@pytest.fixture
def loaded(store: GraphStore, sample_graph: Graph) -> GraphStore:
    stats = store.replace_graph(sample_graph)
    # 2 articles, 6 actors, 5 places, 4 events, 2 conflicts
    assert (stats.created, stats.updated, stats.deleted) == (19, 0, 0)
    return store


def event_ids(store: GraphStore, **query) -> list[str]:
    return [e.id for e in store.find_events(EventQuery(**query)).items]


# writing --------------------------------------------------------------------------

def test_read_graph_gives_back_what_was_written(loaded: GraphStore, sample_graph: Graph) -> None:
    assert to_document(loaded.read_graph()) == to_document(sample_graph)


def test_writing_the_same_graph_again_changes_nothing(loaded: GraphStore, sample_graph: Graph) -> None:
    before = to_document(loaded.read_graph())
    stats = loaded.replace_graph(sample_graph)
    assert stats.changed == 0
    assert to_document(loaded.read_graph()) == before


def test_graph_without_an_article_drops_its_events(loaded: GraphStore, sample_graph: Graph) -> None:
    smaller = without_article(sample_graph, ART2)
    stats = loaded.replace_graph(smaller)
    # deleted: ART2, the UN, two Geneva events, two conflicts; updated: Jane, Jean, the Paris meeting
    assert (stats.created, stats.updated, stats.deleted) == (0, 3, 6)
    assert loaded.get_event(GENEVA_STATEMENT) is None
    assert loaded.get_event(GENEVA_MEETING) is None
    assert loaded.get_actor(UN) is None
    assert event_ids(loaded) == [PARIS_MEETING, PARIS_TALKS]
    assert [s.article for s in loaded.get_event(PARIS_MEETING).sources] == [ART1, ART1]
    assert loaded.get_actor(JEAN).titles == canonical(smaller).actors[JEAN].titles
    assert loaded.conflicts(PARIS_MEETING) == []
    assert to_document(loaded.read_graph()) == to_document(smaller)
    # and back again: everything returns
    stats = loaded.replace_graph(sample_graph)
    assert (stats.created, stats.updated, stats.deleted) == (6, 3, 0)
    assert to_document(loaded.read_graph()) == to_document(sample_graph)


def test_a_graph_can_come_back_after_another_replaced_it(store: GraphStore) -> None:
    """Its events return with their representations (on Neo4j, deleting an event once left its
    `:Representation` nodes behind, so writing the event again failed on their uniqueness)."""
    from bench.generate_graph import generate_graph

    first, second = generate_graph(events=40, seed=21), generate_graph(events=24, seed=22)
    assert any(p.represents for e in first.events.values() for p in e.participants)
    for graph in (first, second, first, second):
        store.replace_graph(graph)
        assert to_document(store.read_graph()) == to_document(graph)


def test_changing_one_event_updates_only_that_event(loaded: GraphStore, sample_graph: Graph) -> None:
    sample_graph.events[PARIS_TALKS].participants.append(Participation(UN, represents=None))
    sample_graph.events[PARIS_TALKS].date_text = "on Tuesday"
    stats = loaded.replace_graph(sample_graph)
    assert (stats.created, stats.updated, stats.deleted) == (0, 1, 0)
    assert loaded.get_event(PARIS_TALKS) == canonical(sample_graph).events[PARIS_TALKS]
    assert event_ids(loaded, actor=UN) == [GENEVA_MEETING, PARIS_TALKS]


def test_changing_a_kind_and_a_meeting_type_is_seen_by_reads(loaded: GraphStore, sample_graph: Graph) -> None:
    sample_graph.actors[UN].kind = ActorKind.GROUP
    sample_graph.events[PARIS_TALKS].cameo = "010"  # no longer a meeting
    assert loaded.replace_graph(sample_graph).updated == 2
    assert loaded.get_actor(UN).kind == ActorKind.GROUP
    assert [h.actor.id for h in loaded.search_actors("United Nations", kind=ActorKind.GROUP)] == [UN]
    assert event_ids(loaded, type="meeting") == [GENEVA_MEETING, PARIS_MEETING]


def test_a_graph_with_dangling_references_is_refused(store: GraphStore, sample_graph: Graph) -> None:
    sample_graph.events[PARIS_TALKS].participants.append(Participation("a:nobody"))
    sample_graph.events[PARIS_TALKS].location = "l:nowhere"
    with pytest.raises(InvalidGraph, match="a:nobody"):
        store.replace_graph(sample_graph)
    assert store.counts()["events"] == 0


def test_counts(loaded: GraphStore) -> None:
    # facts: 8 participations + 6 sources + 4 event places + 3 titles + 2 affiliations + 3 withins + 2 conflicts
    assert loaded.counts() == {"articles": 2, "records": 0, "actors": 6, "events": 4, "locations": 5,
                               "conflicts": 2, "facts": 28}


def test_an_empty_store_answers_empty(store: GraphStore) -> None:
    assert to_document(store.read_graph()) == to_document(Graph())
    assert store.find_events(EventQuery()).total == 0
    assert store.search_actors("Jane Doe") == []
    assert store.meeting_network().number_of_nodes() == 0
    assert store.counts()["events"] == 0


# per-article records ----------------------------------------------------------------

def test_article_payloads_are_kept_whole_and_in_id_order(store: GraphStore) -> None:
    b = Article("b-2", title="Second", published="2024-01-02")
    a = Article("a/1 ü", title="First", outlet="Wire", published="2024-01-01")
    payload_b = {"version": 1, "actors": [{"key": "p1", "name": "Zoë", "evidence": [{"start": 0, "end": 3}]}]}
    payload_a = {"version": 1, "events": [], "nested": {"x": [1, 2.5, None, True]}}
    assert store.put_article(b, payload_b) is True
    assert store.put_article(a, payload_a) is True
    assert list(store.article_payloads()) == [(a, payload_a), (b, payload_b)]
    assert store.counts()["records"] == 2


def test_putting_the_same_article_twice_changes_nothing(store: GraphStore) -> None:
    article = Article("x-1", title="T")
    assert store.put_article(article, {"events": [1]}) is True
    assert store.put_article(article, {"events": [1]}) is False
    assert store.put_article(article, {"events": [1, 2]}) is True
    assert store.put_article(Article("x-1", title="T2"), {"events": [1, 2]}) is True
    assert list(store.article_payloads()) == [(Article("x-1", title="T2"), {"events": [1, 2]})]


def test_deleting_an_article_record(store: GraphStore) -> None:
    store.put_article(Article("x-1"), {"n": 1})
    store.put_article(Article("x-2"), {"n": 2})
    assert store.delete_article("x-1") is True
    assert store.delete_article("x-1") is False
    assert store.delete_article("never") is False
    assert [a.id for a, _ in store.article_payloads()] == ["x-2"]


def test_records_and_graph_are_independent(loaded: GraphStore, sample_graph: Graph) -> None:
    loaded.put_article(Article("rec-only", title="Only a record"), {"n": 1})
    loaded.put_article(sample_graph.articles[ART1], {"n": 2})
    assert loaded.replace_graph(sample_graph).changed == 0
    loaded.replace_graph(without_article(sample_graph, ART2))
    assert [a.id for a, _ in loaded.article_payloads()] == [ART1, "rec-only"]
    loaded.delete_article(ART1)
    assert loaded.get_event(PARIS_MEETING) is not None  # the graph changes only through replace_graph
    # articles are looked up in the graph first, then among the records
    assert loaded.get_articles([ART1, "rec-only", ART2, "nope"]) == [
        sample_graph.articles[ART1], Article("rec-only", title="Only a record")]


# single look-ups ---------------------------------------------------------------------

def test_get_actor(loaded: GraphStore, sample_graph: Graph) -> None:
    for actor_id in (USA, FRA, UN, JANE, JEAN, ELODIE):
        assert loaded.get_actor(actor_id) == canonical(sample_graph).actors[actor_id]
    jean = loaded.get_actor(JEAN)
    assert [(t.title, t.of) for t in jean.titles] == [("Foreign Minister", FRA), ("party leader", None)]
    assert jean.affiliation == FRA


def test_get_event(loaded: GraphStore, sample_graph: Graph) -> None:
    for event_id in ALL_IN_ORDER:
        assert loaded.get_event(event_id) == canonical(sample_graph).events[event_id]
    meeting = loaded.get_event(PARIS_MEETING)
    assert [(p.actor, p.role, p.represents) for p in meeting.participants] == [
        (JANE, "participant", USA), (JEAN, "host", FRA)]
    assert [(s.article, s.start) for s in meeting.sources] == [(ART1, 0), (ART1, 200), (ART2, 0)]


def test_get_location_and_chain(loaded: GraphStore, sample_graph: Graph) -> None:
    assert loaded.get_location(ELYSEE) == sample_graph.locations[ELYSEE]
    assert [loc.id for loc in loaded.location_chain(ELYSEE)] == [ELYSEE, PARIS, FRANCE]
    assert loaded.location_chain(ELYSEE) == canonical(sample_graph).location_chain(ELYSEE)
    assert [loc.id for loc in loaded.location_chain(FRANCE)] == [FRANCE]


def test_get_articles_keeps_the_requested_order(loaded: GraphStore, sample_graph: Graph) -> None:
    assert loaded.get_articles([ART2, "nope", ART1, ART2]) == [sample_graph.articles[ART2],
                                                                sample_graph.articles[ART1]]


def test_unknown_ids(loaded: GraphStore) -> None:
    assert loaded.get_actor("a:nobody") is None
    assert loaded.get_event("e:none") is None
    assert loaded.get_location("l:nowhere") is None
    assert loaded.location_chain("l:nowhere") == []
    assert loaded.get_articles(["nope"]) == []
    assert loaded.counterparts("a:nobody") == []
    assert loaded.representations(state="a:nobody") == []
    assert loaded.conflicts("a:nobody") == []
    assert loaded.shortest_connection("a:nobody", JANE) == []
    assert loaded.find_events(EventQuery(actor="a:nobody")).total == 0
    assert loaded.find_events(EventQuery(place="l:nowhere")).total == 0


# finding events ------------------------------------------------------------------------

def test_find_all_events_by_date_unknown_last(loaded: GraphStore, sample_graph: Graph) -> None:
    page = loaded.find_events(EventQuery())
    assert [e.id for e in page.items] == ALL_IN_ORDER
    assert page.items == [canonical(sample_graph).events[i] for i in ALL_IN_ORDER]
    assert (page.total, page.offset, page.limit) == (4, 0, 50)


def test_pagination_keeps_the_total(loaded: GraphStore) -> None:
    page = loaded.find_events(EventQuery(offset=1, limit=2))
    assert [e.id for e in page.items] == [PARIS_MEETING, PARIS_TALKS]
    assert (page.total, page.offset, page.limit) == (4, 1, 2)
    beyond = loaded.find_events(EventQuery(offset=10, limit=2))
    assert (beyond.items, beyond.total) == ([], 4)


def test_find_events_by_actor_taking_part_or_represented(loaded: GraphStore) -> None:
    assert event_ids(loaded, actor=JANE) == [GENEVA_MEETING, PARIS_MEETING, PARIS_TALKS]
    assert event_ids(loaded, actor=JEAN) == [PARIS_MEETING, PARIS_TALKS, GENEVA_STATEMENT]
    assert event_ids(loaded, actor=FRA) == [PARIS_MEETING, PARIS_TALKS]  # represented, not a participant
    assert event_ids(loaded, actor=JANE, counterpart=UN) == [GENEVA_MEETING]
    assert event_ids(loaded, actor=USA, counterpart=FRA) == [PARIS_MEETING, PARIS_TALKS]
    assert event_ids(loaded, actor=ELODIE, counterpart=UN) == []


def test_find_events_by_represented_state(loaded: GraphStore) -> None:
    assert event_ids(loaded, represents=FRA) == [PARIS_MEETING, PARIS_TALKS]
    assert event_ids(loaded, represents=JANE) == []


def test_place_filter_includes_everything_within(loaded: GraphStore) -> None:
    assert event_ids(loaded, place=PARIS) == [PARIS_MEETING, PARIS_TALKS]  # the meeting was at a venue in Paris
    assert event_ids(loaded, place=FRANCE) == [PARIS_MEETING, PARIS_TALKS]
    assert event_ids(loaded, place=ELYSEE) == [PARIS_MEETING]
    assert event_ids(loaded, place=GENEVA) == [GENEVA_MEETING, GENEVA_STATEMENT]


def test_date_range_is_inclusive_and_skips_undated(loaded: GraphStore) -> None:
    assert event_ids(loaded, date_from="2024-03-04", date_to="2024-03-05") == [PARIS_MEETING, PARIS_TALKS]
    assert event_ids(loaded, date_from="2024-03-05") == [PARIS_TALKS]
    assert event_ids(loaded, date_to="2024-03-04") == [GENEVA_MEETING, PARIS_MEETING]
    assert event_ids(loaded, date_from="2025-01-01") == []


def test_type_meeting_includes_cameo_04(loaded: GraphStore) -> None:
    assert event_ids(loaded, type="meeting") == [GENEVA_MEETING, PARIS_MEETING, PARIS_TALKS]
    assert event_ids(loaded, type="statement") == [GENEVA_STATEMENT]
    assert event_ids(loaded, type="consultation") == [PARIS_TALKS]
    assert event_ids(loaded, type="attack") == []


def test_cameo_filter_takes_a_code_or_a_prefix(loaded: GraphStore) -> None:
    assert event_ids(loaded, cameo="04") == [GENEVA_MEETING, PARIS_MEETING, PARIS_TALKS]
    assert event_ids(loaded, cameo="043") == [PARIS_MEETING]
    assert event_ids(loaded, type="meeting", cameo="01") == []
    page = loaded.find_events(EventQuery(cameo="04", offset=1, limit=1))
    assert ([e.id for e in page.items], page.total) == ([PARIS_MEETING], 3)


def test_a_page_brings_the_actors_and_place_chains_of_its_events(loaded: GraphStore, sample_graph: Graph) -> None:
    page = loaded.find_events(EventQuery(actor=JEAN, type="meeting"))
    graph = canonical(sample_graph)
    named = {i for e in page.items for p in e.participants for i in (p.actor, p.represents) if i}
    assert FRA in named  # a represented state, not a participant
    assert page.actors == {i: graph.actors[i] for i in named}
    places = {e.location for e in page.items if e.location}
    assert page.chains == {place: loaded.location_chain(place) for place in places}
    assert [loc.id for loc in page.chains[ELYSEE]] == [ELYSEE, PARIS, FRANCE]


def test_an_event_dossier_is_the_event_with_all_it_names(loaded: GraphStore, sample_graph: Graph) -> None:
    graph = canonical(sample_graph)
    dossier = loaded.event_dossier(PARIS_MEETING)
    event = graph.events[PARIS_MEETING]
    assert dossier.event == event
    assert dossier.actors == {i: graph.actors[i] for i in event.actor_ids()}
    assert dossier.chain == loaded.location_chain(event.location)
    assert sorted(a.id for a in dossier.articles) == sorted({s.article for s in event.sources})
    assert dossier.conflicts == loaded.conflicts(PARIS_MEETING)
    assert loaded.event_dossier("e:nowhere") is None


def test_a_connection_is_the_shortest_path_with_all_it_names(loaded: GraphStore, sample_graph: Graph) -> None:
    graph = canonical(sample_graph)
    found = loaded.connection(UN, JEAN, max_hops=6)
    assert (found.source, found.target) == (graph.actors[UN], graph.actors[JEAN])
    assert found.path == loaded.shortest_connection(UN, JEAN, max_hops=6) and len(found.path) == 5
    assert found.actors == {i: graph.actors[i] for i in found.path[0::2]}
    assert found.events == {i: graph.events[i] for i in found.path[1::2]}
    nobody = loaded.connection(UN, "a:nobody")
    assert (nobody.source, nobody.target, nobody.path) == (graph.actors[UN], None, [])
    assert loaded.connection(UN, UN).path == [UN]


def test_a_snapshot_answers_as_the_store_does(loaded: GraphStore, sample_graph: Graph) -> None:
    with loaded.snapshot() as view:
        assert [e.id for e in view.find_events(EventQuery()).items] == ALL_IN_ORDER
        assert view.get_actor(JANE) == canonical(sample_graph).actors[JANE]
        assert [c.actor.id for c in view.counterparts(JANE)] == [c.actor.id for c in loaded.counterparts(JANE)]
    with loaded.snapshot() as view:  # a second snapshot after the first has closed
        assert view.get_event(PARIS_MEETING) == canonical(sample_graph).events[PARIS_MEETING]


def test_actor_names_are_the_actors_names_kinds_and_countries(loaded: GraphStore, sample_graph: Graph) -> None:
    graph = canonical(sample_graph)
    names = loaded.actor_names([JANE, FRA, "a:nobody", JANE])
    assert names == {i: ActorName(i, graph.actors[i].name, graph.actors[i].kind, graph.actors[i].country)
                     for i in (JANE, FRA)}
    with loaded.snapshot() as view:
        view.counterparts(JEAN)  # on Neo4j this brings actors along, which the names then come from
        assert view.actor_names([JEAN, JANE, UN]) == loaded.actor_names([JEAN, JANE, UN])


def test_a_snapshot_names_actors_a_read_brought_along_as_they_are(loaded: GraphStore, sample_graph: Graph) -> None:
    graph = canonical(sample_graph)
    with loaded.snapshot() as view:
        met = view.counterparts(JEAN)
        assert view.get_actor(JEAN) == graph.actors[JEAN]
        assert view.get_actors([c.actor.id for c in met] + [UN]) == {
            i: graph.actors[i] for i in [*(c.actor.id for c in met), UN]}
        assert view.get_actors(["a:nobody"]) == {}


def test_filters_combine(loaded: GraphStore) -> None:
    assert event_ids(loaded, actor=JANE, place=FRANCE, type="meeting", date_from="2024-03-05") == [PARIS_TALKS]
    page = loaded.find_events(EventQuery(actor=JEAN, place=PARIS, represents=USA, offset=1, limit=1))
    assert ([e.id for e in page.items], page.total) == ([PARIS_TALKS], 2)


# actors, meetings, paths ----------------------------------------------------------------

def test_search_tolerates_typos_case_and_accents(loaded: GraphStore) -> None:
    assert loaded.search_actors("Jnae Doe")[0].actor.id == JANE
    assert loaded.search_actors("DUPONT")[0].actor.id == JEAN
    hits = loaded.search_actors("elodie martin")
    assert [(h.actor.id, h.score) for h in hits] == [(ELODIE, 1.0)]
    assert hits[0].actor == loaded.get_actor(ELODIE)


def test_search_by_alias_is_exact(loaded: GraphStore) -> None:
    hits = loaded.search_actors("U.S.")
    assert (hits[0].actor.id, hits[0].score) == (USA, 1.0)
    assert loaded.search_actors("us")[0].actor.id == USA
    assert [(h.actor.id, h.score) for h in loaded.search_actors("Secretary Doe")][0] == (JANE, 1.0)


def test_search_filters_by_kind_and_limits(loaded: GraphStore) -> None:
    assert [h.actor.id for h in loaded.search_actors("Doe", kind=ActorKind.STATE)] == []
    assert [h.actor.id for h in loaded.search_actors("France", kind=ActorKind.STATE)] == [FRA]
    assert loaded.search_actors("Dupont", limit=0) == []
    assert loaded.search_actors("zzzzqqq") == []
    assert loaded.search_actors("  ") == []


def test_search_survives_query_syntax_in_user_text(loaded: GraphStore) -> None:
    for text in ['Doe~ AND "', "Jane) OR (*:*", "name:Doe^10 \\", "[Jane TO Doe]", "/re.ge/ && !x", "-", "*"]:
        assert isinstance(loaded.search_actors(text), list)  # no query-syntax error
    assert loaded.search_actors("Doe (Jane)")[0].actor.id == JANE


def test_counterparts(loaded: GraphStore, sample_graph: Graph) -> None:
    actors = canonical(sample_graph).actors
    assert loaded.counterparts(JANE) == [
        Counterpart(actors[JEAN], 2, "2024-03-04", "2024-03-05", [PARIS_MEETING, PARIS_TALKS]),
        Counterpart(actors[ELODIE], 1, "2024-03-05", "2024-03-05", [PARIS_TALKS]),
        Counterpart(actors[UN], 1, "2024-02-20", "2024-02-20", [GENEVA_MEETING]),
    ]
    assert [c.actor.id for c in loaded.counterparts(JEAN)] == [JANE, ELODIE]  # the statement is no meeting
    assert loaded.counterparts(FRA) == []  # represented, not taking part


def test_representations(loaded: GraphStore) -> None:
    assert loaded.representations() == [
        Representation(JANE, USA, PARIS_MEETING, "2024-03-04"),
        Representation(JEAN, FRA, PARIS_MEETING, "2024-03-04"),
        Representation(JANE, USA, PARIS_TALKS, "2024-03-05"),
        Representation(JEAN, FRA, PARIS_TALKS, "2024-03-05"),
    ]
    assert [r.event for r in loaded.representations(state=FRA)] == [PARIS_MEETING, PARIS_TALKS]
    assert {r.state for r in loaded.representations(person=JANE)} == {USA}
    assert loaded.representations(state=USA, person=JEAN) == []


def test_a_representation_page_is_a_slice_of_representations_naming_its_persons_and_states(
        loaded: GraphStore, sample_graph: Graph) -> None:
    actors = canonical(sample_graph).actors
    page = loaded.representation_page(offset=1, limit=2)
    assert page == RepresentationPage(
        [Representation(JEAN, FRA, PARIS_MEETING, "2024-03-04"), Representation(JANE, USA, PARIS_TALKS, "2024-03-05")],
        total=4, offset=1, limit=2,
        actors={i: ActorName(i, actors[i].name, actors[i].kind, actors[i].country) for i in (JEAN, FRA, JANE, USA)})
    for state, person in [(None, None), (FRA, None), (None, JANE), (USA, JANE), (USA, JEAN), ("a:nobody", None)]:
        found = loaded.representations(state=state, person=person)
        for offset, limit in [(0, 50), (0, 1), (1, 1), (2, 5), (4, 5), (9, 5)]:
            page = loaded.representation_page(state=state, person=person, offset=offset, limit=limit)
            items = found[offset:offset + limit]
            assert (page.items, page.total, page.offset, page.limit) == (items, len(found), offset, limit)
            assert set(page.actors) == {i for r in items for i in (r.person, r.state)}
    with loaded.snapshot() as view:
        assert view.representation_page(state=FRA, limit=1) == loaded.representation_page(state=FRA, limit=1)


def test_conflicts(loaded: GraphStore) -> None:
    assert loaded.conflicts(PARIS_MEETING) == [
        Conflict(PARIS_MEETING, "date", "2024-03-04", "2024-03-03", [Evidence(ART2, 40, 49, "on Sunday")])]
    assert [c.field for c in loaded.conflicts(JEAN)] == ["title"]


def test_meeting_network(loaded: GraphStore) -> None:
    network = loaded.meeting_network()
    assert isinstance(network, nx.Graph) and not network.is_directed()
    assert dict(network.nodes(data=True)) == {
        JANE: {"name": "Jane Doe", "kind": "person"},
        JEAN: {"name": "Jean Dupont", "kind": "person"},
        ELODIE: {"name": "Élodie Martin", "kind": "person"},
        UN: {"name": "United Nations", "kind": "organization"},
    }
    edges = {tuple(sorted((a, b))): d for a, b, d in network.edges(data=True)}
    assert edges == {
        (JANE, JEAN): {"weight": 2},
        (ELODIE, JANE): {"weight": 1},
        (ELODIE, JEAN): {"weight": 1},
        (JANE, UN): {"weight": 1},
    }


def test_shortest_connection(loaded: GraphStore) -> None:
    assert loaded.shortest_connection(ELODIE, UN) == [ELODIE, PARIS_TALKS, JANE, GENEVA_MEETING, UN]
    assert loaded.shortest_connection(ELODIE, UN, max_hops=2) == [ELODIE, PARIS_TALKS, JANE, GENEVA_MEETING, UN]
    assert loaded.shortest_connection(ELODIE, UN, max_hops=1) == []
    assert loaded.shortest_connection(JANE, JANE) == [JANE]
    assert loaded.shortest_connection(USA, JANE) == []  # represented only: no participation path
    path = loaded.shortest_connection(JANE, JEAN)
    assert len(path) == 3 and path[1] in {PARIS_MEETING, PARIS_TALKS}


# pages of a generated graph (issue 16: pages picked without sorting every match) --------------------

def _generated(store: GraphStore) -> tuple[Graph, list[str]]:
    """A generated graph with a heavy tail and undated events, loaded; its 3 busiest actors and one other."""
    from collections import Counter

    from bench.generate_graph import generate_graph

    graph = generate_graph(600, seed=3)
    store.replace_graph(graph)
    activity = Counter(i for e in graph.events.values() for p in e.participants for i in (p.actor, p.represents) if i)
    return graph, [a for a, _ in activity.most_common(3)] + [sorted(activity)[7]]


def test_pages_of_busy_actors_are_slices_of_the_whole_order(store: GraphStore) -> None:
    """Every page, whether the store sorts all matches or picks the first ones, is the same slice of the same
    order: by date, undated last, then id."""
    from graph_schema.stores.ordering import event_order, is_meeting

    graph, actors = _generated(store)
    for actor in actors:
        for kind in (None, "meeting"):
            expected = sorted((e for e in graph.events.values()
                               if any(actor in (p.actor, p.represents) for p in e.participants)
                               and (kind is None or is_meeting(e.type, e.cameo))),
                              key=lambda e: event_order(e.date, e.id))
            ids = [e.id for e in expected]
            for offset, limit in ((0, 50), (0, 5), (7, 13), (max(len(ids) - 3, 0), 50), (len(ids) + 1, 5)):
                page = store.find_events(EventQuery(actor=actor, type=kind, offset=offset, limit=limit))
                assert ([e.id for e in page.items], page.total) == (ids[offset:offset + limit], len(ids)), \
                    (actor, kind, offset, limit)


def test_a_counterpart_page_is_a_slice_of_all_counterparts(store: GraphStore) -> None:
    """Issue 16: stores build only the page's counterparts; the page is the same slice of the same answer."""
    from graph_schema.stores.ordering import event_order

    graph, actors = _generated(store)
    for actor in [*actors, "a:nobody"]:
        shared: dict[str, list[str]] = {}
        for e in sorted(graph.events.values(), key=lambda e: event_order(e.date, e.id)):
            taking_part = {p.actor for p in e.participants}
            if e.is_meeting and actor in taking_part:
                for other in taking_part - {actor}:
                    shared.setdefault(other, []).append(e.id)
        everyone = store.counterparts(actor)
        assert [(c.actor.id, c.meetings, c.event_ids) for c in everyone] == [
            (other, len(ids), ids) for other, ids in sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
        for offset, limit in ((0, 50), (0, 1), (3, 7), (max(len(everyone) - 2, 0), 50), (len(everyone) + 1, 5)):
            page = store.counterpart_page(actor, offset=offset, limit=limit)
            assert (page.items, page.total, page.offset, page.limit) == (
                everyone[offset:offset + limit], len(everyone), offset, limit), (actor, offset, limit)



# keyset paging (issue 16): a walk page by page, each after the last item of the one before ---------------

def _walk(page_after, position, limit: int) -> list:
    """Every item of a list read `limit` at a time, each page after the last item of the page before."""
    found, after = [], None
    while True:
        items = page_after(after, limit)
        found.extend(items)
        if len(items) < limit:
            return found
        after = position(items[-1])


def test_a_walk_by_cursor_is_the_whole_order(store: GraphStore) -> None:
    """Events (an actor's, an actor's meetings, filtered ones, all), counterparts and representations: read by
    cursor, the same items in the same order as read whole; and a cursor at an item no longer held (or never
    held) still continues at its place in the order."""
    graph, actors = _generated(store)
    event_position = lambda e: (e.date, e.id)
    queries = [EventQuery(actor=a, type=t) for a in actors for t in (None, "meeting")] + [
        EventQuery(), EventQuery(type="meeting", date_from="2016-01-01"),
        EventQuery(actor=actors[0], counterpart=actors[1]), EventQuery(represents=actors[0])]
    for q in queries:
        whole = [e.id for e in store.find_events(EventQuery(**{**_fields(q), "limit": 100_000})).items]
        for limit in (1, 7, 50):
            walked = _walk(lambda after, n, q=q: store.find_events(EventQuery(**{**_fields(q), "after": after,
                                                                                "limit": n})).items,
                           event_position, limit)
            assert [e.id for e in walked] == whole, (q, limit)
    first = store.find_events(EventQuery(actor=actors[0], limit=4)).items
    between = (first[1].date, first[1].id + "~")  # after the second event, before the third
    assert [e.id for e in store.find_events(EventQuery(actor=actors[0], after=between, limit=2)).items] == [
        e.id for e in first[2:4]]
    for actor in [*actors, "a:nobody"]:
        whole_counterparts = store.counterparts(actor)
        walked = _walk(lambda after, n, a=actor: store.counterpart_page(a, limit=n, after=after).items,
                       lambda c: (c.meetings, c.actor.id), 3)
        assert walked == whole_counterparts
    states = sorted({p.represents for e in graph.events.values() for p in e.participants if p.represents})
    persons = sorted({p.actor for e in graph.events.values() for p in e.participants if p.represents})
    for actor, by in [(s, "person") for s in states] + [(p, "state") for p in persons[:20]]:
        whole_groups = store.representation_group_page(actor, by, limit=10_000).items
        walked = _walk(lambda after, n, a=actor, b=by: store.representation_group_page(a, b, limit=n,
                                                                                       after=after).items,
                       lambda g: (g.events, g.actor), 2)
        assert walked == whole_groups
    for state, person in [(None, None), (states[0], None), (states[-1], None), (None, persons[0]),
                          (states[0], persons[0])]:
        whole_representations = store.representations(state=state, person=person)
        for limit in (1, 4, 50):
            walked = _walk(lambda after, n, s=state, p=person: store.representation_page(
                state=s, person=p, limit=n, after=after).items, lambda r: (r.date, r.event, r.person, r.state), limit)
            assert walked == whole_representations, (state, person, limit)


def _fields(q: EventQuery) -> dict:
    return {name: getattr(q, name) for name in EventQuery.__slots__}



# write-time aggregates (issue 16): kept exact by the writes ---------------------------------------------

def _recount(graph: Graph) -> tuple[dict[str, int], dict[str, list[tuple]]]:
    """Per actor, from the graph alone: its meetings (taken part in or represented at), and its counterparts as
    (other, meetings, first, last, meeting ids in event order), most meetings first."""
    from graph_schema.stores.ordering import event_order

    meetings: dict[str, int] = {}
    shared: dict[str, dict[str, list]] = {}
    for e in sorted(graph.events.values(), key=lambda e: event_order(e.date, e.id)):
        if not e.is_meeting:
            continue
        for actor in set(e.actor_ids()):
            meetings[actor] = meetings.get(actor, 0) + 1
        present = {p.actor for p in e.participants}
        for actor in present:
            for other in present - {actor}:
                shared.setdefault(actor, {}).setdefault(other, []).append(e)
    counterparts = {}
    for actor, by_other in shared.items():
        rows = []
        for other, events in by_other.items():
            dates = [e.date for e in events if e.date]
            rows.append((other, len(events), min(dates, default=None), max(dates, default=None),
                         [e.id for e in events]))
        counterparts[actor] = sorted(rows, key=lambda r: (-r[1], r[0]))
    return meetings, counterparts


def _mutate(graph: Graph, rng) -> Graph:
    """Another version of the graph as ingests, re-ingests and deletions make them: events dropped, meetings
    moved in time or made statements, participants replaced, meetings copied with other participants."""
    import copy

    graph = copy.deepcopy(graph)
    events = sorted(graph.events)
    actors = sorted(graph.actors)
    for event_id in rng.sample(events, 15):
        del graph.events[event_id]
    for event_id in rng.sample(sorted(graph.events), 30):
        event = graph.events[event_id]
        change = rng.randrange(4)
        if change == 0:
            event.date = rng.choice([None, f"20{rng.randrange(10, 24)}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}"])
        elif change == 1:
            event.type, event.cameo = ("statement", "010") if event.is_meeting else ("meeting", "040")
        elif change == 2 and event.participants:
            taken = {p.actor for p in event.participants}
            free = [a for a in actors if a not in taken]
            event.participants[rng.randrange(len(event.participants))].actor = rng.choice(free)
        else:
            twin = copy.deepcopy(event)
            twin.id = f"{event.id}-twin{rng.randrange(10**6)}"
            for p in twin.participants:
                p.actor = rng.choice(actors)
            seen: set[str] = set()
            twin.participants = [p for p in twin.participants if not (p.actor in seen or seen.add(p.actor))]
            graph.events[twin.id] = twin
    subjects = graph.actors.keys() | graph.events.keys() | graph.locations.keys()
    graph.conflicts = [c for c in graph.conflicts if c.subject in subjects]
    return graph


def test_actor_aggregates_stay_exact_through_random_writes(store: GraphStore) -> None:
    """Meeting counts, counterparts (counts, first and last dates, meetings), a state's representatives and the
    states a person represented, which the stores keep per actor, equal a recomputation from the graph after
    each of a series of random writes, with a re-ingest of the same
    graph among them; every actor is read before the next write, so a kept answer that went stale would show."""
    import random

    from bench.generate_graph import generate_graph

    rng = random.Random(16)
    graph = generate_graph(200, seed=5)
    for step in range(6):
        store.replace_graph(graph)
        if step == 3:
            store.replace_graph(graph)  # a re-ingest: nothing changes
        meetings, counterparts = _recount(graph)
        for actor in sorted(graph.actors):
            got = [(c.actor.id, c.meetings, c.first, c.last, c.event_ids) for c in store.counterparts(actor)]
            assert got == counterparts.get(actor, []), (step, actor)
            assert store.counterpart_page(actor, limit=1).total == len(counterparts.get(actor, []))
            assert store.find_events(EventQuery(actor=actor, type="meeting", limit=1)).total == meetings.get(actor, 0)
            for by, owner_is in (("person", "represents"), ("state", "actor")):
                got = [(g.actor, g.events, g.first, g.last, g.event_ids)
                       for g in store.representation_group_page(actor, by, limit=10_000).items]
                assert got == _regroup(graph, actor, owner_is), (step, actor, by)
        graph = _mutate(graph, rng)


def _regroup(graph: Graph, owner: str, owner_is: str) -> list[tuple]:
    """From the graph alone: the persons who represented `owner` (`owner_is` "represents") or the states the
    person `owner` represented, each with (other, events, first, last, event ids in event order)."""
    from graph_schema.stores.ordering import event_order

    found: dict[str, list] = {}
    for e in sorted(graph.events.values(), key=lambda e: event_order(e.date, e.id)):
        for p in e.participants:
            if p.represents and getattr(p, owner_is) == owner:
                other = p.actor if owner_is == "represents" else p.represents
                if e not in found.setdefault(other, []):
                    found[other].append(e)
    rows = []
    for other, events in found.items():
        dates = [e.date for e in events if e.date]
        rows.append((other, len(events), min(dates, default=None), max(dates, default=None), [e.id for e in events]))
    return sorted(rows, key=lambda r: (-r[1], r[0]))


# an unreachable Neo4j ---------------------------------------------------------------------

def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_neo4j_at_a_closed_port_is_unavailable() -> None:
    from graph_schema.stores.neo4j import Neo4jStore

    store = Neo4jStore(f"bolt://127.0.0.1:{_closed_port()}", "neo4j", "", "neo4j", query_timeout_s=1)
    try:
        with pytest.raises(StoreUnavailable):
            store.ping()
        with pytest.raises(StoreUnavailable):
            store.get_actor(JANE)
        with pytest.raises(StoreUnavailable):
            store.find_events(EventQuery(actor=JANE))
        with pytest.raises(StoreUnavailable):
            store.put_article(Article("x"), {})
    finally:
        store.close()
