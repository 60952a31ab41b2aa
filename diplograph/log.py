"""Structured logs on stdlib `logging`: one event per line, as JSON or for a console.

Callers log an event name and its fields, never prose with values pasted in:

    log.info("article.failed", extra={"article": "a1", "reason": "empty file"})

so a JSON line reads `{"level": "info", "event": "article.failed", "article": "a1", ...}`.
Secrets never reach a log: settings are not logged, and fields named like a
secret are masked.
"""
from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from diplograph.settings import Settings

# attributes every LogRecord has; anything else on a record came in through `extra=`
_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}
_SECRET_WORDS = ("password", "secret", "token", "api_key", "apikey", "authorization")
_HANDLER_NAME = "diplograph"


def fields(record: logging.LogRecord) -> dict[str, Any]:
    """The structured fields a record carries (from `extra=`), secrets masked."""
    out: dict[str, Any] = {}
    for key, value in vars(record).items():
        if key in _RECORD_FIELDS or key.startswith("_"):
            continue
        out[key] = "***" if any(word in key.lower() for word in _SECRET_WORDS) else value
    return out


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, event and the record's fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        entry.update(fields(record))
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class ConsoleFormatter(logging.Formatter):
    """`12:00:01 INFO  article.failed article=a1 reason='empty file'` for people at a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        pairs = " ".join(f"{k}={v!r}" if isinstance(v, str) and " " in v else f"{k}={v}"
                         for k, v in fields(record).items() if v is not None)
        line = f"{when} {record.levelname:<5} {record.getMessage()}" + (f" {pairs}" if pairs else "")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is now (test runners and progress bars swap it)."""

    @property
    def stream(self) -> TextIO:  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


def configure_logging(settings: Settings, stream: TextIO | None = None) -> None:
    """Send the project's logs to `stream` (stderr) in the format and level the settings name.

    Calling it again replaces the handler it installed, so it is safe in tests.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if settings.log_format == "json" else ConsoleFormatter())
    root.addHandler(handler)
    level = logging.getLevelName(str(settings.log_level).upper())
    root.setLevel(level if isinstance(level, int) else logging.INFO)
    for noisy in ("neo4j", "urllib3", "httpx"):  # libraries' debug chatter is not our events
        logging.getLogger(noisy).setLevel(max(root.level, logging.WARNING))
