"""Exports that analysts' tools open, one module per format.

- `formats.py`: the format names, their media types and file names, and `export_stream`, which picks the writer
- `selection.py`: what an export holds (the API's event filters; none means the whole graph)
- `json_document.py`: `diplomatic-graph/1`, the project's own document (what `ingest/export.py` writes whole)
- `graphml.py`: GraphML for Gephi, Cytoscape, networkx and igraph; meetings as nodes or as actor-actor edges
- `tables.py`: the tables (actors, locations, events, participations, sources): their columns and rows
- `csv_tables.py`, `parquet_tables.py`: those tables as CSV or Parquet files, in a folder or one zip
- `dyads.py`: one row per ordered actor pair per event, in the ICEWS/GDELT habit
- `archive.py`: files as one zip, streamed

Every writer reads the store a page at a time (`GraphStore.event_pages`) and gives its output as an
iterator of bytes, so a graph of any size leaves with flat memory. The columns are documented in
`docs/export.md`.
"""
from graph_schema.export.formats import ExportFormat, MeetingsAs, export_stream, filename, media_type

__all__ = ["ExportFormat", "MeetingsAs", "export_stream", "filename", "media_type"]
