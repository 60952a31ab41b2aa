"""The tables as Parquet (pyarrow): typed columns (strings, 64-bit ints, doubles, booleans), zstd.

Rows are buffered and written as a row group every `ROW_GROUP` rows, so memory stays flat. pandas
(`read_parquet`), R (`arrow::read_parquet`), DuckDB and Spark read them as they are.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from graph_schema.export.table_files import stream_zip, write_folder
from graph_schema.export.tables import ColumnType, Row
from graph_schema.store import EXPORT_PAGE, EventQuery, GraphStore

SUFFIX = ".parquet"
ROW_GROUP = 64_000
ARROW_TYPES: dict[ColumnType, pa.DataType] = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(),
                                              "bool": pa.bool_()}


class ParquetTable:
    """One table's Parquet file, written a row group at a time."""

    def __init__(self, path: Path, columns: tuple[tuple[str, ColumnType], ...]) -> None:
        self._schema = pa.schema([pa.field(name, ARROW_TYPES[kind]) for name, kind in columns])
        self._writer = pq.ParquetWriter(str(path), self._schema, compression="zstd")
        self._rows: list[Row] = []

    def write(self, rows: list[Row]) -> None:
        self._rows.extend(rows)
        if len(self._rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        columns = list(zip(*self._rows, strict=True)) if self._rows else [() for _ in self._schema]
        arrays = [pa.array(values, type=f.type) for values, f in zip(columns, self._schema, strict=True)]
        self._writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=self._schema))
        self._rows = []

    def close(self) -> None:
        if self._rows:
            self._flush()
        self._writer.close()


def write_parquet_folder(store: GraphStore, query: EventQuery, folder: Path,
                         size: int = EXPORT_PAGE) -> dict[str, int]:
    """`actors.parquet`, `locations.parquet`, ... in `folder`."""
    return write_folder(store, query, folder, ParquetTable, SUFFIX, size)


def stream_parquet_zip(store: GraphStore, query: EventQuery, size: int = EXPORT_PAGE) -> Iterator[bytes]:
    return stream_zip(store, query, ParquetTable, SUFFIX, compress=False, size=size)  # already compressed
