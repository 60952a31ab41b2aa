"""The API's hold on its graph store: opened on first use, reopened after a failure.

The process must start (and `/healthz` answer) even when Neo4j is down; the
requests that need the store then get a 503 until it answers again.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from graph_schema.store import GraphStore, StoreUnavailable

log = logging.getLogger("app.store")


class StoreHandle:
    def __init__(self, opener: Callable[[], GraphStore] | None = None, store: GraphStore | None = None) -> None:
        self._opener = opener
        self._store = store
        self._owned = store is None  # a store we were given belongs to the caller
        self._lock = threading.Lock()

    def opened(self) -> GraphStore | None:
        """The store if it is open already (no waiting, no I/O)."""
        return self._store

    def get(self) -> GraphStore:
        store = self._store
        if store is not None:
            return store
        with self._lock:
            if self._store is None:
                if self._opener is None:
                    raise StoreUnavailable("no store configured")
                try:
                    self._store = self._opener()
                except StoreUnavailable:
                    raise
                except (OSError, ConnectionError) as exc:
                    log.warning("store.open_failed", extra={"reason": str(exc)})
                    raise StoreUnavailable(str(exc)) from exc
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None and self._owned:
                self._store.close()
                self._store = None
