"""The bounded shortest path search finds a path as short as networkx finds, stops at the depth bound and at the
deadline."""
from __future__ import annotations

import random
import time

import networkx as nx
import pytest

from graph_schema.stores.paths import shortest_path


def test_a_path_as_short_as_networkx_s_within_the_bound_and_none_beyond() -> None:
    rng = random.Random(16)
    for _ in range(60):
        g = nx.gnm_random_graph(rng.randint(2, 120), rng.randint(0, 200), seed=rng.randint(0, 10**6))
        for _ in range(10):
            s, t = rng.randrange(len(g)), rng.randrange(len(g))
            bound = rng.randint(1, 8)
            try:
                expected = nx.bidirectional_shortest_path(g, s, t)
            except nx.NetworkXNoPath:
                expected = None
            if expected is not None and len(expected) - 1 > bound:
                expected = None
            found = shortest_path(g.adj, s, t, bound)
            if expected is None:
                assert found is None, (s, t, bound)
                continue
            assert found is not None and len(found) == len(expected) and (found[0], found[-1]) == (s, t)
            assert all(g.has_edge(a, b) for a, b in zip(found, found[1:])), (s, t, bound)


def test_unknown_ends_and_the_same_end() -> None:
    g = nx.path_graph(3)
    assert shortest_path(g.adj, 0, 9, 5) is None
    assert shortest_path(g.adj, 1, 1, 0) == [1]


def test_a_search_past_its_deadline_stops() -> None:
    g = nx.path_graph(10)
    with pytest.raises(TimeoutError):
        shortest_path(g.adj, 0, 9, 20, deadline=time.monotonic() - 1)
    assert shortest_path(g.adj, 0, 9, 20, deadline=time.monotonic() + 60) == list(range(10))
