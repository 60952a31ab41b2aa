"""Pausing Python's cyclic garbage collector while a store does bulk work.

A big graph is millions of live objects. Writing it (rows, records, prints) or
loading it allocates millions more, and every time the collector's thresholds
trip it walks the survivors: at 100k events that was 60% of the CPU a Neo4j
write spends building its rows, and half of an embedded write. What is built
holds no cycles, so reference counting alone frees it.

Pauses nest and may overlap across threads: the collector is resumed, if it
was running before the first, when the last one ends.

What a pause builds to keep (a loaded graph, an index) would still sit in the
collector's youngest generation afterwards, and the first collections would
walk all of it: one request took 724 ms at 100k events and 7–11 s at 1M
(issue 16). `collector_paused(long_lived=True)` ends with `gc.freeze()`, which
moves every object alive then into the permanent generation: collections never
walk them again, and reference counting still frees them when they are
dropped. The price: a reference cycle that is already garbage at that moment
is never collected, so freeze only after work that makes no cycles.
"""
from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_mutex = threading.Lock()
_depth = 0
_resume = False


@contextlib.contextmanager
def collector_paused(long_lived: bool = False) -> Iterator[None]:
    """Pause the collector for the block; with `long_lived`, freeze what is alive when it ends."""
    global _depth, _resume
    with _mutex:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
        if long_lived:
            gc.freeze()
    finally:
        with _mutex:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
