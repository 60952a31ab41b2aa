"""The tables as files: one per table in a folder, or the folder as one zip stream.

The CSV and Parquet writers differ only in how they open a table file (`OpenTable`); this module
fills all five in one pass over the store. A folder is filled through temporary names, renamed at the
end, so a reader never sees half an export. The zip is built from a temporary folder, because zip
members go one after the other while the store fills all tables at once.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from graph_schema.export.archive import zip_stream
from graph_schema.export.tables import TABLES, ColumnType, Row, table_rows
from graph_schema.store import EXPORT_PAGE, EventQuery, GraphStore


class TableFile(Protocol):
    def write(self, rows: list[Row]) -> None: ...

    def close(self) -> None: ...


OpenTable = Callable[[Path, tuple[tuple[str, ColumnType], ...]], TableFile]


def write_folder(store: GraphStore, query: EventQuery, folder: Path, open_table: OpenTable, suffix: str,
                 size: int = EXPORT_PAGE) -> dict[str, int]:
    """Write every table into `folder` as `<table><suffix>`; the rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    temporary = {name: folder / f".{name}{suffix}.tmp" for name in TABLES}
    counts = dict.fromkeys(TABLES, 0)
    files: dict[str, TableFile] = {}
    try:
        for name, columns in TABLES.items():
            files[name] = open_table(temporary[name], columns)
        for name, rows in table_rows(store, query, size):
            if rows:
                files[name].write(rows)
                counts[name] += len(rows)
        for name in TABLES:
            files.pop(name).close()
            os.replace(temporary[name], folder / f"{name}{suffix}")
    finally:
        for file in files.values():  # a failed export: close what is open, keep nothing
            with contextlib.suppress(Exception):
                file.close()
        for path in temporary.values():
            path.unlink(missing_ok=True)
    return counts


def stream_zip(store: GraphStore, query: EventQuery, open_table: OpenTable, suffix: str, compress: bool,
               size: int = EXPORT_PAGE) -> Iterator[bytes]:
    """Every table as one zip: filled into a temporary folder first, then streamed from it."""
    with tempfile.TemporaryDirectory(prefix="diplograph-export-") as tmp:
        folder = Path(tmp)
        write_folder(store, query, folder, open_table, suffix, size)
        yield from zip_stream([(f"{name}{suffix}", folder / f"{name}{suffix}") for name in TABLES], compress)
