"""Derived keys a store written before them lacks, set once: when the index that reads them is first created.

Without this a store written by an older version would list no representations
(and, once its actors are written again, no timeline) from the key indexes: its
representation nodes and participations have no keys until their events are
written again.
"""
from __future__ import annotations

from neo4j import Driver

from graph_schema.stores.neo4j.writes import SEP

# `writes.representation_keys` in Cypher, in batches of their own (a big store has millions)
_REPRESENTATION_KEYS = """
MATCH (p:Actor)-[:REPRESENTED]->(r:Representation)-[:ON_BEHALF_OF]->(s:Actor), (r)-[:AT]->(e:Event)
WHERE r.key IS NULL OR r.state_key IS NULL OR r.person_key IS NULL
CALL (r, p, s, e) {
  WITH r, p, s, e, CASE WHEN e.date IS NULL THEN '1' ELSE '0' + e.date END + $sep + e.id AS tail
  SET r.key = tail + $sep + p.id + $sep + s.id, r.state_key = s.id + $sep + tail + $sep + p.id,
      r.person_key = p.id + $sep + tail + $sep + s.id
} IN TRANSACTIONS OF 10000 ROWS
"""
# `writes.meeting_key` of every participation, for timelines (the actor's `event_count` comes with its next write)
_EVENT_KEYS = """
MATCH (a:Actor)-[p:PARTICIPATED_IN]->(e:Event)
WHERE p.event_key IS NULL
CALL (a, p, e) {
  WITH a, p, e, $sep + CASE WHEN e.date IS NULL THEN '1' ELSE '0' + e.date END + $sep + e.id AS tail
  SET p.event_key = a.id + tail, p.event_rep_key = CASE WHEN p.represents IS NULL THEN NULL ELSE p.represents + tail END
} IN TRANSACTIONS OF 10000 ROWS
"""
_BACKFILLS = {"representation_key": _REPRESENTATION_KEYS, "representation_state_key": _REPRESENTATION_KEYS,
              "representation_person_key": _REPRESENTATION_KEYS, "participation_event_key": _EVENT_KEYS,
              "participation_event_rep_key": _EVENT_KEYS}


def backfill(driver: Driver, database: str, created: list[str]) -> None:
    """Set the keys whose indexes `apply_schema` has just `created` (each statement once)."""
    for statement in dict.fromkeys(_BACKFILLS[name] for name in created if name in _BACKFILLS):
        with driver.session(database=database) as session:
            session.run(statement, sep=SEP).consume()
