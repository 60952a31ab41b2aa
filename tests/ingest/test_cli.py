"""`diplograph ingest` and `diplograph export` as a user runs them (Typer's CliRunner)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.cli import app
from diplograph.summary import EXIT_ARTICLES_FAILED, EXIT_OK, EXIT_STORE_UNAVAILABLE
from graph_schema.store import GraphStore
from graph_schema.stores.embedded import EmbeddedStore

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
runner = CliRunner()


def run(*args: str | Path, stdout_only: bool = False) -> tuple[int, str]:
    """Exit code and output (logs on stderr included, unless `stdout_only`)."""
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout if stdout_only else result.output


def store_args(store: GraphStore) -> list[str | Path]:
    """The options that point the CLI at the fixture's store (Neo4j: NEO4J_URI from the environment)."""
    if isinstance(store, EmbeddedStore):
        return ["--store", "embedded", "--data-dir", store.data_dir]
    return ["--store", store.name]


def test_ingest_then_export_round_trip(store: GraphStore, tmp_path: Path) -> None:
    code, output = run("ingest", SAMPLES, *store_args(store), "--no-progress")
    assert code == EXIT_OK, output
    assert "Ingest summary" in output and "articles read" in output and "actors" in output
    assert "Not ingested" not in output

    out = tmp_path / "exports" / "graph.json"
    code, output = run("export", *store_args(store), "--out", out)
    assert code == EXIT_OK, output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "diplomatic-graph/1"
    assert len(document["articles"]) == 8
    assert any(e["type"] == "meeting" for e in document["events"])
    assert [p.name for p in out.parent.iterdir()] == ["graph.json"]  # no temporary file left behind

    code, again = run("ingest", SAMPLES, *store_args(store), "--no-progress")
    assert code == EXIT_OK
    code, output = run("export", *store_args(store), "--out", "-", stdout_only=True)
    assert json.loads(output) == document  # the second ingest changed nothing


def test_help_teaches() -> None:
    code, output = run("--help")
    assert code == 0 and "ingest" in output and "export" in output
    code, output = run("ingest", "--help")
    assert code == 0
    for words in ("Examples", "diplograph ingest samples", "Exit codes", "--workers", "--no-progress",
                  "NEO4J_URI", "DIPLOGRAPH_DATA_DIR", "DIPLOGRAPH_MAX_ARTICLE_BYTES"):
        assert words in output, words
    code, output = run("export", "--help")
    assert code == 0 and "diplomatic-graph/1" in output and "--out" in output and "Examples" in output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("ingest")[0] == 2  # no paths
    assert run("ingest", SAMPLES, "--workers", "0", "--data-dir", tmp_path)[0] == 2
    assert run("ingest", SAMPLES, "--store", "sqlite", "--data-dir", tmp_path)[0] == 2
    assert run("export", "--store", "embedded", "--data-dir", tmp_path)[0] == 2  # no --out


def test_bad_files_are_reported_by_name_and_the_good_one_goes_in(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "s07_la_paz_accusation.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00")
    (folder / "cp1252.txt").write_bytes("The minister\x92s talks in M\xe1laga ended on Friday.".encode("latin-1"))
    html = (SAMPLES / "s02_kuala_lumpur_border_talks.html").read_text(encoding="utf-8")
    (folder / "truncated.html").write_text(html[: html.index("<p>Thai Foreign Minister") + 60], encoding="utf-8")
    with (folder / "huge.txt").open("wb") as huge:  # 50 MB, sparse: refused from its size, never read
        huge.truncate(50 * 1024 * 1024)
    (folder / "no_metadata.txt").write_text(
        "Ministers meet on the border\n\nThe foreign ministers of Peru and Ecuador met in Tumbes on Monday "
        "to discuss a new bridge over the Zarumilla river, officials said.\n", encoding="utf-8")

    code, output = run("ingest", folder, "--store", "embedded", "--data-dir", tmp_path / "data", "--no-progress")
    assert code == EXIT_ARTICLES_FAILED, output
    not_ingested = output[output.index("Not ingested"):output.index("Encodings assumed")]
    assert "empty.txt" in not_ingested and "empty file" in not_ingested
    assert "binary.html" in not_ingested and "binary" in not_ingested
    assert "cp1252.txt" not in not_ingested
    assert re.search(r"cp1252\.txt\s*│\s*cp1252", output[output.index("Encodings assumed"):]), output
    assert "huge.txt" in not_ingested and "too large" in not_ingested and str(50 * 1024 * 1024) in not_ingested
    for readable in ("good.txt", "truncated.html", "no_metadata.txt", "cp1252.txt"):
        assert readable not in not_ingested

    out = tmp_path / "graph.json"
    assert run("export", "--store", "embedded", "--data-dir", tmp_path / "data", "--out", out)[0] == EXIT_OK
    articles = {a["title"]: a for a in json.loads(out.read_text(encoding="utf-8"))["articles"]}
    assert len(articles) == 4
    assert "The minister\u2019s talks in M\u00e1laga ended on Friday." in articles
    assert articles["Ministers meet on the border"]["published"] is None  # no metadata: in, with what is known
    assert any(title.startswith("Thailand and Cambodia agree") for title in articles)  # truncated HTML: what is there


def test_a_store_that_cannot_be_reached_exits_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("graph_schema.stores.neo4j")
    from diplograph.settings import get_settings

    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # the discard port: nothing listens there
    get_settings.cache_clear()
    try:
        code, output = run("ingest", SAMPLES, "--store", "neo4j", "--no-progress")
        assert code == EXIT_STORE_UNAVAILABLE, output
        assert "unavailable" in output
        code, output = run("export", "--store", "neo4j", "--out", tmp_path / "graph.json")
        assert code == EXIT_STORE_UNAVAILABLE
        assert not (tmp_path / "graph.json").exists()
    finally:
        get_settings.cache_clear()


def test_export_of_an_empty_store_warns_and_a_bad_target_is_an_error(tmp_path: Path) -> None:
    code, output = run("export", "--store", "embedded", "--data-dir", tmp_path / "data", "--out", tmp_path / "g.json")
    assert code == EXIT_OK and "holds no articles" in output
    assert json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["events"] == []
    (tmp_path / "taken").mkdir()
    code, output = run("export", "--store", "embedded", "--data-dir", tmp_path / "data", "--out", tmp_path / "taken")
    assert code == 1 and "cannot write" in output and (tmp_path / "taken").is_dir()
    assert not list(tmp_path.glob(".taken.*"))  # the temporary file is gone
