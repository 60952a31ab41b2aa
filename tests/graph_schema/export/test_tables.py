"""CSV and Parquet tables read back with pyarrow (and the csv module): the store's counts, the documented
columns and types, a folder or one zip, filters."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from graph_schema.export.csv_tables import stream_csv_zip, write_csv_folder
from graph_schema.export.parquet_tables import stream_parquet_zip, write_parquet_folder
from graph_schema.export.tables import TABLES
from graph_schema.model import Graph
from graph_schema.store import EventQuery, GraphStore
from tests.fixtures import sample_graph as sample
from tests.graph_schema.export.conftest import expected_counts

ARROW = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
CSV_TYPES = {name: pacsv.ConvertOptions(column_types={c: ARROW[t] for c, t in columns}, strings_can_be_null=True)
             for name, columns in TABLES.items()}


def read_csv(path: Path | io.BytesIO, table: str) -> pa.Table:
    return pacsv.read_csv(path, convert_options=CSV_TYPES[table])


def row_counts(store: GraphStore) -> dict[str, int]:
    counts = expected_counts(store)
    return {"actors": counts["actors"], "locations": counts["locations"], "events": counts["events"],
            "participations": counts["participations"], "sources": counts["sources"]}


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_a_folder_of_tables_holds_the_whole_graph(either: GraphStore, tmp_path: Path, kind: str) -> None:
    write = write_csv_folder if kind == "csv" else write_parquet_folder
    written = write(either, EventQuery(), tmp_path / "tables", size=7)
    assert written == row_counts(either)
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(f"{t}.{kind}" for t in TABLES)
    for name, columns in TABLES.items():
        path = tmp_path / "tables" / f"{name}.{kind}"
        table = read_csv(path, name) if kind == "csv" else pq.read_table(path)
        assert table.num_rows == written[name], name
        assert table.schema == pa.schema([pa.field(c, ARROW[t]) for c, t in columns]), name
    events = (read_csv if kind == "csv" else lambda p, _: pq.read_table(p))(tmp_path / "tables" / f"events.{kind}",
                                                                             "events")
    assert events.column("id").to_pylist() == sorted(events.column("id").to_pylist())


def test_the_rows_say_what_the_store_says(loaded: GraphStore, sample_graph: Graph, tmp_path: Path) -> None:
    write_csv_folder(loaded, EventQuery(), tmp_path)
    with open(tmp_path / "events.csv", encoding="utf-8", newline="") as f:
        events = {r["id"]: r for r in csv.DictReader(f)}
    paris = events[sample.PARIS_MEETING]
    assert (paris["date"], paris["is_meeting"], paris["location_id"], paris["place_country"]) == (
        "2024-03-04", "true", sample.ELYSEE, "FRA")
    assert paris["lat"] and float(paris["lat"]) == pytest.approx(sample_graph.locations[sample.PARIS].lat)
    assert events[sample.GENEVA_STATEMENT]["date"] == ""  # undated: an empty cell
    with open(tmp_path / "sources.csv", encoding="utf-8", newline="") as f:
        sources = [r for r in csv.DictReader(f) if r["event_id"] == sample.PARIS_MEETING]
    assert [s["quote"] for s in sources] == [s.quote for s in loaded.get_event(sample.PARIS_MEETING).sources]
    assert sources[0]["url"] == "https://example.org/1"
    participations = pq.read_table(write_parquet_folder(loaded, EventQuery(), tmp_path / "pq") and
                                   tmp_path / "pq" / "participations.parquet").to_pylist()
    jane = next(p for p in participations if p["event_id"] == sample.PARIS_MEETING and p["actor_id"] == sample.JANE)
    assert (jane["actor_name"], jane["represents"], jane["represents_name"]) == ("Jane Doe", sample.USA,
                                                                                   "United States")


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_the_zip_holds_the_same_tables(loaded: GraphStore, kind: str) -> None:
    stream = stream_csv_zip if kind == "csv" else stream_parquet_zip
    archive = zipfile.ZipFile(io.BytesIO(b"".join(stream(loaded, EventQuery(), size=3))))
    assert archive.testzip() is None
    assert archive.namelist() == [f"{t}.{kind}" for t in TABLES]
    counts = row_counts(loaded)
    for name in TABLES:
        data = io.BytesIO(archive.read(f"{name}.{kind}"))
        assert (read_csv(data, name) if kind == "csv" else pq.read_table(data)).num_rows == counts[name]


def test_filtered_tables_hold_the_matching_events_and_what_they_name(loaded: GraphStore, tmp_path: Path) -> None:
    query = EventQuery(actor=sample.UN)
    write_parquet_folder(loaded, query, tmp_path)
    table = {name: pq.read_table(tmp_path / f"{name}.parquet").to_pylist() for name in TABLES}
    matching = loaded.find_events(EventQuery(actor=sample.UN, limit=100)).items
    assert [e["id"] for e in table["events"]] == sorted(e.id for e in matching)
    assert {a["id"] for a in table["actors"]} == {i for e in matching for i in e.actor_ids()}
    places = {loc["id"] for loc in table["locations"]}
    assert {e["location_id"] for e in table["events"] if e["location_id"]} <= places
    assert {loc["within"] for loc in table["locations"] if loc["within"]} <= places
    assert {p["event_id"] for p in table["participations"]} <= {e["id"] for e in table["events"]}


def test_a_failed_export_leaves_the_folder_as_it_was(loaded: GraphStore, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_csv_folder(loaded, EventQuery(), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args: object, **kwargs: object):
        raise RuntimeError("the store went away")
        yield

    monkeypatch.setattr(loaded, "event_pages", broken)
    with pytest.raises(RuntimeError):
        write_csv_folder(loaded, EventQuery(), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temporary file left either
