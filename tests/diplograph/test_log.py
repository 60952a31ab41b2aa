"""Structured logs: one JSON object per event with its fields, secrets masked."""
from __future__ import annotations

import io
import json
import logging

from diplograph.log import configure_logging
from diplograph.settings import Settings


def test_json_lines_carry_event_and_fields() -> None:
    out = io.StringIO()
    configure_logging(Settings(log_format="json", log_level="INFO"), stream=out)
    logging.getLogger("diplograph.ingest").warning(
        "article.failed", extra={"article": "a1", "reason": "empty file", "neo4j_password": "hunter2"})
    logging.getLogger("diplograph.ingest").debug("article.unchanged", extra={"article": "a2"})
    lines = out.getvalue().splitlines()
    assert len(lines) == 1  # DEBUG is below the configured level
    entry = json.loads(lines[0])
    assert entry["event"] == "article.failed"
    assert entry["level"] == "warning"
    assert entry["article"] == "a1" and entry["reason"] == "empty file"
    assert entry["neo4j_password"] == "***"
    assert "hunter2" not in out.getvalue()


def test_console_format_and_reconfiguring_replaces_the_handler() -> None:
    first, second = io.StringIO(), io.StringIO()
    configure_logging(Settings(log_format="console"), stream=first)
    configure_logging(Settings(log_format="console"), stream=second)
    logging.getLogger("diplograph.ingest").info("ingest.done", extra={"read": 3, "reason": "two words"})
    assert first.getvalue() == ""
    line = second.getvalue().strip()
    assert "INFO" in line and "ingest.done" in line and "read=3" in line and "reason='two words'" in line
