"""Extraction with worker processes: the same graph whoever extracts each article.

`ingest(workers=2)` extracts in this process and one spawned worker; which
articles each one takes depends on timing. These tests pin the extremes
(every article in the worker; every article here, no worker started), a
shared run, and a store lost while the worker works, and check that each
gives the graph of `workers=1`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import ingest.workers as workers_module
from bench.generate_articles import generate_articles, write_articles
from diplograph.settings import get_settings
from graph_schema.stores.embedded import EmbeddedStore
from ingest.export import export_document
from ingest.pipeline import ingest
from ingest.read import ArticleText, read_articles
from ingest.workers import CHUNK_MAX, chunk_size, extractions
from tests.ingest.test_pipeline import FailingAfter

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


ARTICLES = 24  # more than WORKERS_FROM: a worker is started


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(generate_articles(ARTICLES, seed=5), tmp_path_factory.mktemp("synthetic"))


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with EmbeddedStore(tmp_path_factory.mktemp("one-process")) as store:
        assert ingest([SAMPLES], store, workers=1, progress=False).ok
        return export_document(store)


def test_every_article_extracted_by_a_worker_gives_the_same_graph(
        tmp_path: Path, one_process: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers_module, "PARENT_EXTRACTS", False)
    monkeypatch.setattr(workers_module, "WORKERS_FROM", 1)
    with EmbeddedStore(tmp_path / "data") as store:
        report = ingest([SAMPLES], store, workers=2, progress=False)
        assert report.ok and report.new == report.read
        assert export_document(store) == one_process


def test_the_calling_process_and_a_worker_sharing_the_batch_give_the_same_graph(
        tmp_path: Path, synthetic: Path) -> None:
    with EmbeddedStore(tmp_path / "one") as store:
        assert ingest([synthetic], store, workers=1, progress=False).ok
        reference = export_document(store)
    with EmbeddedStore(tmp_path / "two") as store:
        report = ingest([synthetic], store, workers=2, progress=False)
        assert report.ok and report.new == report.read == ARTICLES
        assert export_document(store) == reference


def test_a_store_lost_while_a_worker_extracts_names_what_did_not_go_in(
        tmp_path: Path, synthetic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers_module, "PARENT_EXTRACTS", False)
    with FailingAfter(tmp_path / "data", puts=3) as flaky:
        report = ingest([synthetic], flaky, workers=2, progress=False)
    assert report.store_unavailable and report.new == 3 and len(flaky.stored) == 3
    assert {f.article for f in report.not_written} | set(flaky.stored) == set(report.results)
    assert len(report.results) == ARTICLES


def test_a_small_batch_starts_no_worker(tmp_path: Path, one_process: dict[str, Any],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a worker was started for a batch below WORKERS_FROM")

    monkeypatch.setattr(workers_module, "ProcessPoolExecutor", no_pool)
    with EmbeddedStore(tmp_path / "data") as store:
        assert ingest([SAMPLES], store, workers=2, progress=False).ok
        assert export_document(store) == one_process


def test_every_article_has_exactly_one_result_with_a_worker(synthetic: Path) -> None:
    texts = [r for r in read_articles([synthetic]) if isinstance(r, ArticleText)]
    results = list(extractions(list(enumerate(texts)), get_settings().spacy_model, 2))
    assert sorted(index for index, _, _ in results) == list(range(ARTICLES))
    assert all(payload is not None and error is None for _, payload, error in results)


def test_chunks_shrink_towards_the_end_of_a_batch() -> None:
    assert chunk_size(300, 2) == CHUNK_MAX
    assert chunk_size(10, 2) == 2
    assert chunk_size(3, 2) == 1
    assert chunk_size(0, 2) == 1

