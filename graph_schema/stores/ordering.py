"""The orders both stores list things in, so their answers compare equal."""
from __future__ import annotations

from graph_schema.model import Event


def event_order(date: str | None, event_id: str) -> tuple[bool, str, str]:
    """By date, unknown dates last, then by id."""
    return (date is None, date or "", event_id)


def is_meeting(event_type: str | None, cameo: str | None) -> bool:
    return Event(id="", type=event_type or "", cameo=cameo).is_meeting
