"""The tables as CSV: UTF-8, a header row, RFC 4180 quoting; empty cell for none, `true`/`false` for flags.

`pandas.read_csv`, R's `read.csv` and spreadsheets read them as they are.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph_schema.export.table_files import stream_zip, write_folder
from graph_schema.export.tables import ColumnType, Row
from graph_schema.store import EXPORT_PAGE, EventQuery, GraphStore

SUFFIX = ".csv"


def cell(value: Any) -> Any:
    """A value as CSV writes it: booleans in lower case (pandas and R read them as booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class CsvTable:
    """One table's CSV file, header first."""

    def __init__(self, path: Path, columns: tuple[tuple[str, ColumnType], ...]) -> None:
        self._file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by close()
        self._writer = csv.writer(self._file, lineterminator="\n")
        self._writer.writerow([name for name, _ in columns])

    def write(self, rows: list[Row]) -> None:
        self._writer.writerows([[cell(v) for v in row] for row in rows])

    def close(self) -> None:
        self._file.close()


def write_csv_folder(store: GraphStore, query: EventQuery, folder: Path, size: int = EXPORT_PAGE) -> dict[str, int]:
    """`actors.csv`, `locations.csv`, `events.csv`, `participations.csv`, `sources.csv` in `folder`."""
    return write_folder(store, query, folder, CsvTable, SUFFIX, size)


def stream_csv_zip(store: GraphStore, query: EventQuery, size: int = EXPORT_PAGE) -> Iterator[bytes]:
    return stream_zip(store, query, CsvTable, SUFFIX, compress=True, size=size)
