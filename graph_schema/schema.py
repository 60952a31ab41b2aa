"""Apply `schema.cypher` (constraints and indexes) to a Neo4j database.

Idempotent and cheap when already applied: statements whose constraint or
index already exists (by name) are not sent again.
"""
from __future__ import annotations

import re
from pathlib import Path

from neo4j import Driver, Session

SCHEMA_FILE = Path(__file__).with_name("schema.cypher")
_NAME = re.compile(r"CREATE\s+(?:FULLTEXT\s+)?(?:CONSTRAINT|INDEX)\s+(\w+)", re.IGNORECASE)


def schema_statements() -> list[str]:
    """The statements of `schema.cypher`, comments removed."""
    lines = [line for line in SCHEMA_FILE.read_text().splitlines() if not line.strip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def statement_name(statement: str) -> str:
    match = _NAME.search(statement)
    if not match:
        raise ValueError(f"schema statement without a name: {statement[:60]}")
    return match.group(1)


def apply_schema(target: Driver | Session, database: str | None = None, wait_s: int = 300) -> list[str]:
    """Create what is missing and wait until every index is online; returns the names created."""
    if isinstance(target, Session):
        return _apply(target, wait_s)
    with target.session(database=database) as session:
        return _apply(session, wait_s)


def _apply(session: Session, wait_s: int) -> list[str]:
    existing = {r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name RETURN name")}
    existing |= {r["name"] for r in session.run("SHOW INDEXES YIELD name RETURN name")}
    created = []
    for statement in schema_statements():
        name = statement_name(statement)
        if name not in existing:
            session.run(statement).consume()
            created.append(name)
    if created:
        session.run("CALL db.awaitIndexes($seconds)", seconds=wait_s).consume()
    return created
