"""Batch ingest: idempotent, order-free, per-article failures, lost store, both stores alike.

These run the real pipeline (spaCy, extract, resolve) on our own `samples/`
and on small broken inputs made in `tmp_path`.
"""
from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ingest.extract as extract_package
from diplograph.summary import EXIT_ARTICLES_FAILED, EXIT_OK, EXIT_STORE_UNAVAILABLE, exit_code
from graph_schema.model import Article, Graph
from graph_schema.store import GraphStore, StoreUnavailable, WriteStats
from graph_schema.stores.embedded import EmbeddedStore
from ingest.export import export_document
from ingest.pipeline import ingest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def sample_copy(folder: Path, names: list[str]) -> Path:
    """A folder with some sample articles and their manifest lines."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [line for line in (SAMPLES / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
             if json.loads(line)["file"] in names]
    (folder / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def sample_files() -> list[str]:
    return [json.loads(line)["file"] for line in (SAMPLES / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def reference_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "reference")
    yield store
    store.close()


@pytest.fixture(scope="module")
def samples_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The export of all samples ingested in one batch into a fresh embedded store."""
    with EmbeddedStore(tmp_path_factory.mktemp("samples-export")) as store:
        report = ingest([SAMPLES], store, progress=False)
        assert report.ok, report.failures
        return export_document(store)


def test_samples_go_in_and_make_a_graph(store: GraphStore, samples_export: dict[str, Any]) -> None:
    report = ingest([SAMPLES], store, progress=False)
    assert report.ok and exit_code(report) == EXIT_OK
    assert report.read == report.new == len(sample_files())
    assert report.unchanged == 0 and report.failures == []
    assert report.graph_updated and report.write.created > 0
    assert report.actors > 0 and report.events > 0 and report.facts > 0
    document = export_document(store)
    assert {a["id"] for a in document["articles"]} == {json.loads(line)["id"] for line in
                                                       (SAMPLES / "manifest.jsonl").read_text().splitlines()}
    assert len(document["actors"]) == report.actors and len(document["events"]) == report.events
    # both stores (and every fresh store) give the same export for the same input
    assert document == samples_export


def test_ingesting_twice_writes_nothing_the_second_time(store: GraphStore) -> None:
    first = ingest([SAMPLES], store, progress=False)
    before = export_document(store)
    second = ingest([SAMPLES], store, progress=False)
    assert first.new == len(sample_files())
    assert second.ok and second.new == 0 and second.unchanged == len(sample_files())
    assert second.write == WriteStats() and second.write.changed == 0
    assert export_document(store) == before


def test_order_of_ingest_does_not_matter(tmp_path: Path, samples_export: dict[str, Any]) -> None:
    names = sample_files()
    with EmbeddedStore(tmp_path / "one-by-one") as store:
        for name in reversed(names):  # eight ingests, newest sample first
            report = ingest([sample_copy(tmp_path / f"in-{name}", [name])], store, progress=False)
            assert report.ok and report.new == 1
        one_by_one = export_document(store)
    with EmbeddedStore(tmp_path / "shuffled") as store:
        order = names[3:] + names[:3]
        ingest([sample_copy(tmp_path / "second-half", order[:4])], store, progress=False)
        ingest([sample_copy(tmp_path / "first-half", order[4:])], store, progress=False)
        halves = export_document(store)
    assert one_by_one == samples_export
    assert halves == samples_export


def test_a_bad_article_is_reported_by_name_and_the_rest_go_in(store: GraphStore, tmp_path: Path) -> None:
    folder = sample_copy(tmp_path / "batch", ["s01_lisbon_summit.txt", "s06_reykjavik_conference.txt"])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "noise.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    report = ingest([folder], store, progress=False)
    assert exit_code(report) == EXIT_ARTICLES_FAILED
    assert report.new == 2 and report.read == 2
    reasons = {Path(f.source).name: f.reason for f in report.failures}
    assert set(reasons) == {"empty.txt", "binary.txt", "noise.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "no other encoding explains it" in reasons["noise.txt"]
    assert {a["id"] for a in export_document(store)["articles"]} == {"s01_lisbon_summit", "s06_reykjavik_conference"}


def test_a_latin1_article_goes_in_and_the_report_names_its_encoding(store: GraphStore, tmp_path: Path) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "latin1.txt").write_bytes("Ministers met in Bras\xedlia on Monday.".encode("latin-1"))
    report = ingest([folder], store, progress=False)
    assert exit_code(report) == EXIT_OK and report.new == 1
    assert {Path(s).name: e for s, e in report.encodings.items()} == {"latin1.txt": "latin-1"}


def test_an_extraction_error_fails_that_article_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_extract = extract_package.extract

    def extract_failing_on_one(document: Any) -> Any:
        if document.article.id == "s06_reykjavik_conference":
            raise ValueError("no sentence boundary found")
        return real_extract(document)

    monkeypatch.setattr(extract_package, "extract", extract_failing_on_one)
    folder = sample_copy(tmp_path / "batch", ["s01_lisbon_summit.txt", "s06_reykjavik_conference.txt",
                                              "s07_la_paz_accusation.txt"])
    with EmbeddedStore(tmp_path / "data") as store:
        report = ingest([folder], store, progress=False)
        articles = {a["id"] for a in export_document(store)["articles"]}
    assert exit_code(report) == EXIT_ARTICLES_FAILED
    assert [(Path(f.source).name, f.stage, f.article) for f in report.failures] == [
        ("s06_reykjavik_conference.txt", "extract", "s06_reykjavik_conference")]
    assert "ValueError: no sentence boundary found" in report.failures[0].reason
    assert articles == {"s01_lisbon_summit", "s07_la_paz_accusation"}


def test_a_duplicate_in_the_batch_is_skipped_and_named(tmp_path: Path, samples_export: dict[str, Any]) -> None:
    folder = tmp_path / "batch"
    shutil.copytree(SAMPLES, folder)
    shutil.copy(SAMPLES / "s04_athens_talks_courier.txt", folder / "zz_copy_of_athens.txt")
    with EmbeddedStore(tmp_path / "data") as store:
        report = ingest([folder, folder / "s01_lisbon_summit.txt"], store, progress=False)
        document = export_document(store)
    assert report.ok and exit_code(report) == EXIT_OK
    reasons = {Path(d.source).name: d.reason for d in report.duplicates}
    assert set(reasons) == {"zz_copy_of_athens.txt", "s01_lisbon_summit.txt"}  # a copy; a file reached twice
    assert "s04_athens_talks_courier.txt" in reasons["zz_copy_of_athens.txt"]
    assert report.new == len(sample_files()) and report.failures == []
    assert document == samples_export


class FailingAfter(EmbeddedStore):
    """A real embedded store whose connection 'drops' after `puts` article writes."""

    def __init__(self, data_dir: Path, puts: int) -> None:
        super().__init__(data_dir)
        self.puts = puts
        self.stored: list[str] = []

    def put_article(self, article: Article, payload: dict[str, Any]) -> bool:
        if len(self.stored) >= self.puts:
            raise StoreUnavailable("connection reset by peer")
        self.stored.append(article.id)
        return super().put_article(article, payload)

    def replace_graph(self, graph: Graph) -> WriteStats:
        raise StoreUnavailable("connection reset by peer")


def test_a_store_lost_midway_names_what_did_not_go_in_and_a_rerun_completes(
        tmp_path: Path, samples_export: dict[str, Any]) -> None:
    with FailingAfter(tmp_path / "data", puts=3) as flaky:
        report = ingest([SAMPLES], flaky, progress=False)
    assert exit_code(report) == EXIT_STORE_UNAVAILABLE and report.store_unavailable
    assert report.new == 3 and not report.graph_updated
    assert len(flaky.stored) == 3
    not_written = {f.article for f in report.not_written}
    assert not_written == {json.loads(line)["id"] for line in
                           (SAMPLES / "manifest.jsonl").read_text().splitlines()} - set(flaky.stored)
    assert all("store is unavailable" in f.reason for f in report.not_written)

    with EmbeddedStore(tmp_path / "data") as real:
        again = ingest([SAMPLES], real, progress=False)
        assert again.ok and again.new == len(sample_files()) - 3 and again.unchanged == 3
        assert export_document(real) == samples_export


def test_workers_give_the_same_graph(tmp_path: Path, samples_export: dict[str, Any]) -> None:
    with EmbeddedStore(tmp_path / "data") as store:
        report = ingest([SAMPLES], store, workers=2, progress=False)
        assert report.ok and report.new == len(sample_files())
        assert export_document(store) == samples_export


def test_a_changed_article_is_extracted_again(tmp_path: Path) -> None:
    folder = sample_copy(tmp_path / "batch", ["s07_la_paz_accusation.txt"])
    with EmbeddedStore(tmp_path / "data") as store:
        assert ingest([folder], store, progress=False).new == 1
        path = folder / "s07_la_paz_accusation.txt"
        path.write_text(path.read_text(encoding="utf-8").replace("Potosí highlands", "Oruro highlands"),
                        encoding="utf-8")
        report = ingest([folder], store, progress=False)
        quotes = json.dumps(export_document(store), ensure_ascii=False)
    assert report.new == 1 and report.unchanged == 0
    assert "Oruro" in quotes


def test_a_failing_resolve_keeps_the_articles_and_a_rerun_builds_the_graph(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ingest.resolve as resolve_package

    folder = sample_copy(tmp_path / "batch", ["s08_canberra_visit.txt"])
    real_resolve = resolve_package.resolve
    monkeypatch.setattr(resolve_package, "resolve", lambda extractions: 1 / 0)
    with EmbeddedStore(tmp_path / "data") as store:
        report = ingest([folder], store, progress=False)
        assert exit_code(report) == EXIT_ARTICLES_FAILED and not report.graph_updated
        assert report.new == 1 and report.failures == []
        assert report.errors == ["the graph was not updated: ZeroDivisionError: division by zero"]
        assert export_document(store)["events"] == []

        monkeypatch.setattr(resolve_package, "resolve", real_resolve)
        again = ingest([folder], store, progress=False)
        assert again.ok and again.unchanged == 1 and again.graph_updated
        assert any(e["type"] == "meeting" for e in export_document(store)["events"])
