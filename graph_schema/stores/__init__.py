"""The two stores behind `GraphStore`, and how settings pick one."""
from __future__ import annotations

from pathlib import Path

from diplograph.settings import Settings
from graph_schema.store import GraphStore


def open_store(settings: Settings, kind: str | None = None, data_dir: Path | None = None) -> GraphStore:
    """Open the store the settings (or the explicit `kind`) name."""
    kind = kind or settings.store_kind
    if kind == "neo4j":
        from graph_schema.stores.neo4j import Neo4jStore

        return Neo4jStore(
            uri=settings.neo4j_uri or "bolt://127.0.0.1:7687",
            user=settings.neo4j_user,
            password=settings.neo4j_password.get_secret_value(),
            database=settings.neo4j_database,
            query_timeout_s=settings.query_timeout_s,
            write_workers=settings.neo4j_write_workers,
        )
    if kind == "embedded":
        from graph_schema.stores.embedded import EmbeddedStore

        return EmbeddedStore(data_dir or settings.data_dir, query_timeout_s=settings.query_timeout_s)
    raise ValueError(f"unknown store {kind!r}: use 'embedded' or 'neo4j'")
