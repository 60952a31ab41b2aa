"""Disagreements kept side by side (ingest/resolve/conflicts.py)."""
from __future__ import annotations

from graph_schema.model import Conflict, Evidence
from ingest.resolve.conflicts import collect


def test_one_entry_per_subject_field_and_other_value_with_all_their_evidence():
    e1, e2 = Evidence("a1", 0, 4, "Iraq"), Evidence("a2", 10, 14, "Iraq")
    merged = collect([Conflict("a:x", "country", "IRN", "IRQ", [e1])],
                     [Conflict("a:x", "country", "IRN", "IRQ", [e2]), Conflict("a:x", "country", "IRN", "SYR", [])])
    assert [(c.other, c.evidence) for c in merged] == [("IRQ", [e1, e2]), ("SYR", [])]
