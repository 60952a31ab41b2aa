"""Pausing Python's cyclic garbage collector while a store does bulk work.

A big graph is millions of live objects. Writing it (rows, records, prints) or
loading it allocates millions more, and every time the collector's thresholds
trip it walks the survivors: at 100k events that was 60% of the CPU a Neo4j
write spends building its rows, and half of an embedded write. What is built
holds no cycles, so reference counting alone frees it.

Pauses nest and may overlap across threads: the collector is resumed, if it
was running before the first, when the last one ends.
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
def collector_paused() -> Iterator[None]:
    global _depth, _resume
    with _mutex:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _mutex:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
