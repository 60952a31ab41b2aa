"""The Neo4j store: `store.py` (the `GraphStore`), `reads.py` and `writes.py` (its Cypher)."""
from graph_schema.stores.neo4j.reads import lucene_query
from graph_schema.stores.neo4j.store import Neo4jStore

__all__ = ["Neo4jStore", "lucene_query"]
