"""The embedded store's saved index says what a scan of the graph's records says (issue 16)."""
from __future__ import annotations

import orjson

from bench.generate_graph import generate_graph
from graph_schema.stores.fingerprint import graph_records
from graph_schema.stores.graph_index import GraphIndex, build_index
from graph_schema.stores.ordering import event_order, is_meeting


def test_every_row_of_the_index_is_what_a_scan_of_the_records_finds() -> None:
    records = graph_records(generate_graph(800, seed=5))
    events = records["events"]
    index = GraphIndex.from_json(orjson.loads(orjson.dumps(build_index(records).to_json())))  # as saved, read back
    assert index is not None
    order = sorted(events, key=lambda i: event_order(events[i]["date"], i))
    assert index.event_ids == order
    for actor in list(records["actors"])[:300]:
        taking_part = [i for i in order if any(p["actor"] == actor for p in events[i]["participants"])]
        represented = [i for i in order if any(p["represents"] == actor for p in events[i]["participants"])]
        involved = [i for i in order if i in set(taking_part) | set(represented)]
        assert [order[r] for r in index.taking_part(actor)] == taking_part
        assert [order[r] for r in index.of_actor(index.represented, actor)] == represented
        assert [order[r] for r in index.of_actor(index.involved, actor)] == involved
        assert [order[r] for r in index.of_actor(index.involved_meetings, actor)] == [
            i for i in involved if is_meeting(events[i]["type"], events[i]["cameo"])]
    for r, i in enumerate(order):
        e = events[i]
        assert index.date_of(r) == e["date"]
        assert list(index.participants(r)) == list(dict.fromkeys(p["actor"] for p in e["participants"]))
        assert index.types[index.type_of[r]] == e["type"] and index.cameos[index.cameo_of[r]] == e["cameo"]
    reps = sorted({(p["actor"], p["represents"], i) for i in order for p in events[i]["participants"]
                   if p["represents"]}, key=lambda x: (index.rank[x[2]], x[0], x[1]))
    assert [(index.actor_ids[p], index.actor_ids[s], order[r])
            for p, s, r in zip(index.rep_person, index.rep_state, index.rep_rank)] == reps


def test_a_date_range_is_the_ranks_of_the_events_dated_within_it() -> None:
    records = graph_records(generate_graph(400, seed=2))
    index = build_index(records)
    dates = sorted({d for d in index.dates if d})
    for lo, hi in [(None, None), (dates[3], None), (None, dates[-4]), (dates[5], dates[9]), (dates[9], dates[5]),
                   ("0000", "9999"), ("9999", None)]:
        expected = [r for r, i in enumerate(index.event_ids)
                    if (lo is None and hi is None) or (
                        (d := records["events"][i]["date"]) is not None and (lo is None or d >= lo)
                        and (hi is None or d <= hi))]
        assert list(index.ranks_dated(lo, hi)) == expected


def test_an_actor_s_counterparts_from_the_index_are_those_its_meetings_give() -> None:
    from graph_schema.stores.counterparts import met_by

    records = graph_records(generate_graph(800, seed=7))
    events = records["events"]
    index = build_index(records)
    for actor in records["actors"]:
        meetings = [(i, e["date"], [p["actor"] for p in e["participants"]]) for i, e in events.items()
                    if is_meeting(e["type"], e["cameo"]) and any(p["actor"] == actor for p in e["participants"])]
        assert index.counterparts(actor) == met_by(actor, meetings), actor
    assert index.counterparts("a:nobody") == []
