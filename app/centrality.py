"""Centrality of the meeting network, computed off the request and remembered.

Betweenness and eigenvector centrality grow with the network (tens of seconds
for the largest graphs), far beyond a request's time budget. So each ranking
is computed in a worker thread and kept per network (its edges and weights),
and a request waits for it at most the query timeout: past that it gets a
503 with Retry-After while the computation goes on, and the retry is answered
from memory. A changed graph has a different network, hence a fresh ranking.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

import networkx as nx

from app.schemas.network import CentralityMeasure

EXACT_BETWEENNESS_MAX = 1000  # actors; above it betweenness is estimated from a fixed sample of sources
BETWEENNESS_SAMPLE = 256
REMEMBERED = 32  # rankings kept (network, measure, limit)


class StillComputing(RuntimeError):
    """The ranking is not ready within the wait; it goes on in the background."""


@dataclass(frozen=True, slots=True)
class Score:
    actor: str
    degree: float
    meetings: int
    betweenness: float
    closeness: float
    eigenvector: float | None


@dataclass(frozen=True, slots=True)
class Ranking:
    node_count: int
    edge_count: int
    approximate: bool
    scores: list[Score]


def _eigenvector(network: nx.Graph) -> dict[str, float]:
    if not network.number_of_edges():
        return {}
    try:
        return nx.eigenvector_centrality(network, max_iter=1000, weight="weight")
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        return {}


def _betweenness(network: nx.Graph) -> tuple[dict[str, float], bool]:
    if network.number_of_nodes() <= EXACT_BETWEENNESS_MAX:
        return nx.betweenness_centrality(network), False
    return nx.betweenness_centrality(network, k=BETWEENNESS_SAMPLE, seed=0), True


def rank(network: nx.Graph, by: CentralityMeasure, limit: int) -> Ranking:
    """The `limit` most central actors by `by`, with every measure for each."""
    degree = nx.degree_centrality(network) if len(network) > 1 else dict.fromkeys(network, 0.0)
    meetings = dict(network.degree(weight="weight"))
    betweenness, approximate = _betweenness(network)
    eigenvector = _eigenvector(network)
    # closeness is one search per actor: for all of them only when ranking by it
    closeness = nx.closeness_centrality(network) if by == CentralityMeasure.CLOSENESS else {}
    value = {CentralityMeasure.DEGREE: degree, CentralityMeasure.MEETINGS: meetings,
             CentralityMeasure.BETWEENNESS: betweenness, CentralityMeasure.CLOSENESS: closeness,
             CentralityMeasure.EIGENVECTOR: eigenvector}[by]
    ranked = sorted(network, key=lambda n: (-(value.get(n) or 0.0), n))[:limit]
    scores = [Score(n, degree.get(n, 0.0), int(meetings.get(n, 0)), betweenness.get(n, 0.0),
                    closeness[n] if n in closeness else nx.closeness_centrality(network, u=n), eigenvector.get(n))
              for n in ranked]
    return Ranking(network.number_of_nodes(), network.number_of_edges(), approximate, scores)


def network_key(network: nx.Graph) -> str:
    """The same for the same actors and weighted ties, whatever order they were read in."""
    h = hashlib.blake2b(digest_size=16)
    for node in sorted(network):
        h.update(f"{node}\n".encode())
    for a, b, w in sorted((min(a, b), max(a, b), d.get("weight", 1)) for a, b, d in network.edges(data=True)):
        h.update(f"{a}\t{b}\t{w}\n".encode())
    return h.hexdigest()


class Rankings:
    """Rankings by network, measure and limit, each computed once in a worker thread."""

    def __init__(self, workers: int = 1) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="centrality")
        self._jobs: OrderedDict[tuple[str, str, int], Future[Ranking]] = OrderedDict()
        self._mutex = threading.Lock()

    def get(self, network: nx.Graph, by: CentralityMeasure, limit: int, wait_s: float) -> Ranking:
        """The ranking, waiting for it at most `wait_s`; `StillComputing` past that."""
        key = (network_key(network), str(by), limit)
        with self._mutex:
            job = self._jobs.get(key)
            if job is None or (job.done() and job.exception() is not None):
                job = self._jobs[key] = self._pool.submit(rank, network, by, limit)
            self._jobs.move_to_end(key)
            while len(self._jobs) > REMEMBERED:
                self._jobs.popitem(last=False)
        try:
            return job.result(timeout=wait_s)
        except FutureTimeout:
            raise StillComputing(f"the {by} ranking of {network.number_of_nodes()} actors is still being "
                                 "computed") from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
