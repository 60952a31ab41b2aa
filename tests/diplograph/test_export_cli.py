"""`diplograph export --format ...` as a user runs it: each format to a file, a folder or stdout, filters,
usage errors."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest

from diplograph.summary import EXIT_OK
from graph_schema.export.tables import TABLES
from graph_schema.model import Graph
from graph_schema.store import GraphStore
from tests.fixtures import sample_graph as sample
from tests.ingest.test_cli import run, store_args


@pytest.fixture
def loaded(store: GraphStore, sample_graph: Graph) -> GraphStore:
    store.replace_graph(sample_graph)
    return store


def test_graphml_with_meetings_as_edges(loaded: GraphStore, sample_graph: Graph, tmp_path: Path) -> None:
    out = tmp_path / "meetings.graphml"
    code, output = run("export", *store_args(loaded), "--format", "graphml", "--meetings-as", "edges",
                       "--type", "meeting", "--out", out)
    assert code == EXIT_OK, output
    g = nx.read_graphml(out)
    assert not g.is_directed()
    met = {d["event"] for _, _, d in g.edges(data=True) if d["edge_type"] == "met"}
    assert met == {e.id for e in sample_graph.events.values() if e.is_meeting and len(e.participants) > 1}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_csv_into_a_folder_and_parquet_into_a_zip(loaded: GraphStore, sample_graph: Graph, tmp_path: Path) -> None:
    code, output = run("export", *store_args(loaded), "--format", "csv", "--since", "2024-03-01", "--out",
                       tmp_path / "tables")
    assert code == EXIT_OK, output
    with open(tmp_path / "tables" / "events.csv", encoding="utf-8", newline="") as f:
        assert {r["id"] for r in csv.DictReader(f)} == {sample.PARIS_MEETING, sample.PARIS_TALKS}
    code, output = run("export", *store_args(loaded), "--format", "parquet", "--out", tmp_path / "tables.zip")
    assert code == EXIT_OK, output
    archive = zipfile.ZipFile(tmp_path / "tables.zip")
    assert archive.namelist() == [f"{t}.parquet" for t in TABLES]
    assert pq.read_table(io.BytesIO(archive.read("actors.parquet"))).num_rows == len(sample_graph.actors)


def test_dyads_and_json_to_standard_output(loaded: GraphStore) -> None:
    code, output = run("export", *store_args(loaded), "--format", "dyads", "--actor", sample.UN, "--out", "-",
                       stdout_only=True)
    assert code == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(output, newline="")))
    assert rows and all(sample.UN in (r["source_id"], r["target_id"]) or r["event_id"] == sample.GENEVA_MEETING
                        for r in rows)
    code, output = run("export", *store_args(loaded), "--until", "2024-02-28", "--out", "-", stdout_only=True)
    assert [e["id"] for e in json.loads(output)["events"]] == [sample.GENEVA_MEETING]


@pytest.mark.parametrize("args", [["--format", "xlsx"], ["--since", "yesterday"],
                                  ["--format", "csv", "--meetings-as", "edges"]])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    code, output = run("export", "--store", "embedded", "--data-dir", tmp_path / "data", *args,
                       "--out", tmp_path / "x")
    assert code == 2, output
    assert not (tmp_path / "x").exists()
