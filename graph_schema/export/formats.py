"""The export formats: their names, media types and file names, and the writer each one uses.

`export_stream` is what the CLI and the API both call: the chosen format of the events `query` picks
(no filter: the whole graph), as an iterator of bytes. `csv` and `parquet` are five tables, so they
come as one zip; `diplograph export` can also write them into a folder (`write_table_folder`).
"""
from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

from graph_schema.export.csv_tables import stream_csv_zip, write_csv_folder
from graph_schema.export.dyads import stream_dyads
from graph_schema.export.graphml import MeetingsAs, stream_graphml
from graph_schema.export.json_document import stream_document
from graph_schema.store import EXPORT_PAGE, EventQuery, GraphStore


class ExportFormat(StrEnum):
    json = "json"  # diplomatic-graph/1
    graphml = "graphml"
    csv = "csv"  # five tables, zipped
    parquet = "parquet"  # five tables, zipped
    dyads = "dyads"  # one CSV


MEDIA_TYPES: dict[ExportFormat, str] = {
    ExportFormat.json: "application/json",
    ExportFormat.graphml: "application/graphml+xml",
    ExportFormat.csv: "application/zip",
    ExportFormat.parquet: "application/zip",
    ExportFormat.dyads: "text/csv; charset=utf-8",
}
FILENAMES: dict[ExportFormat, str] = {
    ExportFormat.json: "diplograph.json",
    ExportFormat.graphml: "diplograph.graphml",
    ExportFormat.csv: "diplograph-csv.zip",
    ExportFormat.parquet: "diplograph-parquet.zip",
    ExportFormat.dyads: "diplograph-dyads.csv",
}
TABLE_FORMATS = (ExportFormat.csv, ExportFormat.parquet)


def media_type(format_: ExportFormat) -> str:
    return MEDIA_TYPES[format_]


def filename(format_: ExportFormat) -> str:
    return FILENAMES[format_]


def export_stream(store: GraphStore, format_: ExportFormat, query: EventQuery,
                  meetings_as: MeetingsAs = MeetingsAs.nodes, size: int = EXPORT_PAGE) -> Iterator[bytes]:
    """The export, a chunk at a time; `meetings_as` only shapes GraphML."""
    if format_ == ExportFormat.json:
        return stream_document(store, query, size)
    if format_ == ExportFormat.graphml:
        return stream_graphml(store, query, meetings_as, size)
    if format_ == ExportFormat.csv:
        return stream_csv_zip(store, query, size)
    if format_ == ExportFormat.parquet:
        from graph_schema.export.parquet_tables import stream_parquet_zip  # pyarrow loads only when asked for

        return stream_parquet_zip(store, query, size)
    return stream_dyads(store, query, size)


def write_table_folder(store: GraphStore, format_: ExportFormat, query: EventQuery, folder: Path,
                       size: int = EXPORT_PAGE) -> dict[str, int]:
    """The tables of `format_` (csv or parquet) as files in `folder`; the rows of each table."""
    if format_ == ExportFormat.csv:
        return write_csv_folder(store, query, folder, size)
    if format_ == ExportFormat.parquet:
        from graph_schema.export.parquet_tables import write_parquet_folder

        return write_parquet_folder(store, query, folder, size)
    raise ValueError(f"{format_} is one file, not a folder of tables")
