"""Centrality rankings: computed once per network in the background, waited for at most a bound."""
from __future__ import annotations

import networkx as nx
import pytest

from app.centrality import Rankings, StillComputing, network_key, rank
from app.schemas.network import CentralityMeasure


def _network(n: int, seed: int = 1) -> nx.Graph:
    network = nx.barabasi_albert_graph(n, 3, seed=seed)
    network = nx.relabel_nodes(network, {i: f"a:{i}" for i in network})
    nx.set_edge_attributes(network, 1, "weight")
    return network


def test_the_key_is_the_network_not_the_order_it_was_read_in() -> None:
    network = _network(50)
    shuffled = nx.Graph()
    shuffled.add_nodes_from(sorted(network, reverse=True))
    shuffled.add_edges_from(sorted(((b, a, d) for a, b, d in network.edges(data=True)), reverse=True))
    assert network_key(shuffled) == network_key(network)
    network.add_edge("a:0", "a:49", weight=2)
    assert network_key(network) != network_key(shuffled)


def test_a_ranking_is_computed_once_and_then_remembered() -> None:
    rankings, network = Rankings(), _network(60)
    try:
        first = rankings.get(network, CentralityMeasure.BETWEENNESS, 5, wait_s=60)
        assert first == rank(network, CentralityMeasure.BETWEENNESS, 5)
        assert [s.betweenness for s in first.scores] == sorted((s.betweenness for s in first.scores), reverse=True)
        assert rankings.get(network.copy(), CentralityMeasure.BETWEENNESS, 5, wait_s=60) is first
        assert rankings.get(network, CentralityMeasure.DEGREE, 5, wait_s=60) is not first
    finally:
        rankings.close()


def test_a_slow_ranking_answers_still_computing_and_is_ready_later() -> None:
    rankings, network = Rankings(), _network(4000)  # exact-free: sampled betweenness over 12k ties, ~1 s or more
    try:
        with pytest.raises(StillComputing, match="4000 actors"):
            rankings.get(network, CentralityMeasure.EIGENVECTOR, 3, wait_s=0.001)
        ready = rankings.get(network, CentralityMeasure.EIGENVECTOR, 3, wait_s=300)
        assert ready.approximate and ready.node_count == 4000 and len(ready.scores) == 3
    finally:
        rankings.close()
