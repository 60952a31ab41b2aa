"""Two ingests of overlapping article sets at the same time, into each store: the same as one after the other.

Articles A, B and C are three disjoint sets; one ingest takes A+B, the other
B+C. Run as two `diplograph ingest` processes at once, and once with the
interleaving forced (the first ingest resolves a stale set of records while the
second finishes), the stored records and the exported graph must equal those
of the two ingests run one after the other.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import ingest.resolve as resolve_module
from graph_schema.document import to_document
from graph_schema.store import GraphStore
from graph_schema.stores.embedded import EmbeddedStore
from graph_schema.stores.neo4j import Neo4jStore
from ingest.pipeline import ingest
from ingest.write import STAMP_KEY, rebuild_graph
from tests.conftest import NEO4J_URI
from tests.reliability.conftest import (
    article_folder,
    cli_env,
    run_cli,
    synthetic_articles,
)
from tests.reliability.neo4j_instance import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    articles = synthetic_articles(9, seed=21)
    a, b, c = articles[0:3], articles[3:6], articles[6:9]
    root = tmp_path_factory.mktemp("corpora")
    return {"AB": article_folder(root / "AB", a + b), "BC": article_folder(root / "BC", b + c),
            "ABC": article_folder(root / "ABC", a + b + c)}


@pytest.fixture(scope="module")
def sequential(corpora: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Records and export after `diplograph ingest` of A+B, then of B+C, into a fresh embedded store."""
    data = tmp_path_factory.mktemp("sequential")
    for name in ("AB", "BC"):
        done = run_cli("ingest", "--no-progress", "--data-dir", str(data), str(corpora[name]), env=cli_env())
        assert done.returncode == 0, done.stdout + done.stderr
    with EmbeddedStore(data) as store:
        return snapshot(store)


def snapshot(store: GraphStore) -> dict[str, Any]:
    """The stored records (without the code fingerprint, which other work in the tree may change) and the export."""
    records = {}
    for article, payload in store.article_payloads():
        stamp = {k: v for k, v in payload.get(STAMP_KEY, {}).items() if k != "fingerprint"}
        records[article.id] = {"article": article, **payload, STAMP_KEY: stamp}
    return {"records": records, "export": to_document(store.read_graph())}


@contextmanager
def second_handle(store: GraphStore) -> Iterator[GraphStore]:
    """Another store object on the same data, as a second process would have."""
    if isinstance(store, EmbeddedStore):
        other: GraphStore = EmbeddedStore(store.data_dir)
    else:
        other = Neo4jStore(uri=NEO4J_URI, user=os.environ.get("NEO4J_USER", "neo4j"),
                           password=os.environ.get("NEO4J_PASSWORD", ""), query_timeout_s=30)
    try:
        yield other
    finally:
        other.close()


def test_two_ingest_processes_at_once_equal_a_sequential_ingest(
        store: GraphStore, corpora: dict[str, Path], sequential: dict[str, Any]) -> None:
    if isinstance(store, EmbeddedStore):
        env, where = cli_env(), ["--store", "embedded", "--data-dir", str(store.data_dir)]
    else:
        env, where = cli_env(NEO4J_URI=NEO4J_URI), ["--store", "neo4j"]
    processes = [subprocess.Popen([sys.executable, "-m", "diplograph.cli", "ingest", "--no-progress", *where,
                                   str(corpora[name])], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True) for name in ("AB", "BC")]
    outputs = [p.communicate(timeout=600)[0] for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert snapshot(store) == sequential


def test_a_stale_resolve_never_overwrites_a_newer_graph(
        store: GraphStore, corpora: dict[str, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest 1 reads the records (A+B) and resolves slowly; meanwhile ingest 2 stores C and writes its graph.
    Ingest 1 must not then replace that graph with one that lacks C."""
    with EmbeddedStore(tmp_path / "extracted") as extracted:  # the extractions, made once
        assert ingest([corpora["ABC"]], extracted, progress=False).ok
        records = list(extracted.article_payloads())
        rebuild_graph(extracted)
        one_after_the_other = snapshot(extracted)  # the graph of all of them, resolved here and now
    ab = [(a, p) for a, p in records if a.id in article_ids(corpora["AB"])]
    bc = [(a, p) for a, p in records if a.id in article_ids(corpora["BC"])]

    resolve = resolve_module.resolve
    first_has_read = threading.Event()

    def slow_for_the_first(extractions: list[Any]) -> Any:
        if threading.current_thread().name == "ingest-1":
            first_has_read.set()
            threading.Event().wait(1.5)  # a big resolve
        return resolve(extractions)

    monkeypatch.setattr(resolve_module, "resolve", slow_for_the_first)
    errors: list[BaseException] = []

    def run(handle: GraphStore, batch: list[tuple[Any, dict[str, Any]]]) -> None:
        try:
            for article, payload in batch:
                handle.put_article(article, payload)
            rebuild_graph(handle)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    with second_handle(store) as other:
        first = threading.Thread(target=run, args=(store, ab), name="ingest-1")
        second = threading.Thread(target=run, args=(other, bc), name="ingest-2")
        first.start()
        assert first_has_read.wait(120)
        second.start()
        first.join(120)
        second.join(120)
    assert not errors
    got = snapshot(store)
    assert got["records"] == one_after_the_other["records"]
    assert articles_in(got) == articles_in(one_after_the_other), "a stale graph replaced a newer one"
    assert got == one_after_the_other


def articles_in(snap: dict[str, Any]) -> list[str]:
    return [a["id"] for a in snap["export"]["articles"]]


def article_ids(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("*.txt")}
