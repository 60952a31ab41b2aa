"""A shortest path search bounded in depth and in time, for the embedded store's `shortest_connection`.

networkx's `bidirectional_shortest_path` searches until it meets or runs out of
graph: between two people in different parts of a 1M-event graph that is most
of the graph, for an answer (`max_hops` exceeded) that is then thrown away, and
it cannot be stopped (issue 16). This search is bidirectional too, level by
level, but grows the side whose next level costs less: the fewer neighbours to
look at, not the fewer nodes (networkx's rule). In a graph whose busiest actors
take part in a tenth of all events, one state on the frontier is 100,000
neighbours; growing the other side first usually meets it before that. Either
way the path found is a shortest one (of equal-length paths, not always the one
networkx picks). It stops once the levels searched from both ends add up to
`max_edges` (no path that short), and raises `TimeoutError` once `deadline` (a
`time.monotonic()` value) has passed.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping

Node = Hashable
CHECK_EVERY = 1024  # nodes looked at between two looks at the clock


def shortest_path(adjacency: Mapping[Node, Mapping[Node, object]], source: Node, target: Node, max_edges: int,
                  deadline: float | None = None, degree: Callable[[Node], int] | None = None) -> list[Node] | None:
    """Nodes along a shortest path from `source` to `target` of at most `max_edges` edges, or None. `degree` is a
    node's number of neighbours, if the caller has a faster way to it than `len(adjacency[node])`."""
    if source not in adjacency or target not in adjacency:
        return None
    if source == target:
        return [source]
    pred: dict[Node, Node | None] = {source: None}
    succ: dict[Node, Node | None] = {target: None}
    if degree is None:
        degree = lambda node: len(adjacency[node])  # noqa: E731
    forward, reverse = [source], [target]
    forward_cost, reverse_cost = degree(source), degree(target)
    levels = seen = 0
    while forward and reverse and levels < max_edges:
        levels += 1
        grow_forward = forward_cost <= reverse_cost
        this_level, ours, theirs = (forward, pred, succ) if grow_forward else (reverse, succ, pred)
        fringe: list[Node] = []
        cost = 0
        for v in this_level:
            seen += 1
            if deadline is not None and seen % CHECK_EVERY == 1 and time.monotonic() > deadline:
                raise TimeoutError(f"no answer within the time allowed ({seen} nodes searched)")
            for w in adjacency[v]:
                if w not in ours:
                    fringe.append(w)
                    cost += degree(w)
                    ours[w] = v
                if w in theirs:
                    return _joined(pred, succ, w)
        if grow_forward:
            forward, forward_cost = fringe, cost
        else:
            reverse, reverse_cost = fringe, cost
    return None


def _joined(pred: dict[Node, Node | None], succ: dict[Node, Node | None], meet: Node) -> list[Node]:
    path: list[Node] = []
    node: Node | None = meet
    while node is not None:
        path.append(node)
        node = pred[node]
    path.reverse()
    node = succ[meet]
    while node is not None:
        path.append(node)
        node = succ[node]
    return path
