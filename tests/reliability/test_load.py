"""A bounded load test on 127.0.0.1: read endpoints under concurrent clients while an ingest runs.

`diplograph serve` runs in its own process over each store, holding a graph of
eight articles. While four more articles are posted to it (extraction,
resolution and the graph write happen in the server), eight connections send
a fixed mix of reads (at most 600 requests or 20 seconds). No answer may be a
5xx, and every answer must be exactly what the same request returned before
the ingest or after it: a read sees the old graph or the new one, never a mix
and never an error. Requests/s and p50/p99 latencies are printed (run with
`-s`) and recorded as test properties (`--junitxml`); the generator is
`tests/reliability/load.py`.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from graph_schema.document import to_document
from graph_schema.store import GraphStore
from graph_schema.stores.embedded import EmbeddedStore
from ingest.pipeline import ingest
from ingest.write import rebuild_graph
from tests.conftest import NEO4J_URI
from tests.reliability.conftest import article_folder, cli_env, synthetic_articles
from tests.reliability.load import run_load, table
from tests.reliability.neo4j_instance import ROOT, free_port

pytestmark = pytest.mark.slow

API_KEY = "load-key-0b7e"
CONCURRENCY = 8
MAX_REQUESTS = 600
MAX_SECONDS = 20.0
RESULTS: dict[str, dict[str, Any]] = {}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Eight articles extracted once (the graph before), and four to post during the load."""
    articles = synthetic_articles(12, seed=33)
    with EmbeddedStore(tmp_path_factory.mktemp("extracted")) as store:
        report = ingest([article_folder(tmp_path_factory.mktemp("first"), articles[:8])], store, progress=False)
        assert report.ok, report.failures
        records = list(store.article_payloads())
    posted = [{"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "text": a.text}
              for a in articles[8:]]
    return {"records": records, "posted": posted}


@contextmanager
def server(store: GraphStore, log_path: Path) -> Iterator[str]:
    port = free_port()
    if isinstance(store, EmbeddedStore):
        env, where = cli_env(), ["--store", "embedded", "--data-dir", str(store.data_dir)]
    else:
        env, where = cli_env(NEO4J_URI=NEO4J_URI), ["--store", "neo4j"]
    env |= {"DIPLOGRAPH_API_KEY": API_KEY, "DIPLOGRAPH_LOG_LEVEL": "WARNING"}
    with log_path.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "diplograph.cli", "serve", "--port", str(port), *where],
                                   env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert process.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


def read_paths(document: dict[str, Any]) -> list[str]:
    """A mix of reads over the graph before the ingest: lists, details, search, paths, networks."""
    taking_part = Counter(p["actor"] for e in document["events"] for p in e["participants"])
    a1, a2, a3 = (quote(a, safe=":") for a, _ in taking_part.most_common(3))
    name = next(a["name"] for a in document["actors"] if a["id"] == taking_part.most_common(1)[0][0])
    events = [quote(e["id"], safe=":") for e in document["events"][:3]]
    places = [quote(loc["id"], safe=":") for loc in document["locations"][:2]]
    return ["/v1/meetings", "/v1/meetings?limit=5&offset=2", "/v1/events?limit=10", f"/v1/actors/{a1}",
            f"/v1/actors/{a2}", f"/v1/actors/{a1}/counterparts", f"/v1/actors/{a3}/timeline",
            f"/v1/actors/search?q={quote(name)}", *(f"/v1/events/{e}" for e in events),
            *(f"/v1/locations/{p}" for p in places), f"/v1/locations/{places[0]}/events", "/v1/representations",
            f"/v1/graph/connection?source={a1}&target={a3}", f"/v1/graph/ego/{a2}", "/v1/graph/centrality?limit=5",
            "/v1/graph/stats"]


def answers(url: str, paths: list[str]) -> dict[str, tuple[int, Any]]:
    with httpx.Client(base_url=url, timeout=60) as client:
        return {path: (r.status_code, r.json()) for path in paths for r in [client.get(path)]}


def expected(path: str, status: int, body: Any, before: dict[str, Any], after: dict[str, Any]) -> bool:
    """The answer before the ingest or after it; the stats' `records` (articles stored so far, one commit
    each) may also be anything in between."""
    if (status, body) in (before[path], after[path]):
        return True
    if path != "/v1/graph/stats" or status != 200:
        return False
    counts, old, new = body["counts"], before[path][1]["counts"], after[path][1]["counts"]
    graph = {k: v for k, v in counts.items() if k != "records"}
    return (graph in ({k: v for k, v in old.items() if k != "records"}, {k: v for k, v in new.items() if k != "records"})
            and old["records"] <= counts["records"] <= new["records"])


def test_reads_under_load_while_an_ingest_runs_are_never_5xx_and_never_wrong(
        store: GraphStore, corpus: dict[str, Any], tmp_path: Path, record_property: Any) -> None:
    for article, payload in corpus["records"]:
        store.put_article(article, payload)
    rebuild_graph(store)
    paths = read_paths(to_document(store.read_graph()))

    with server(store, tmp_path / "serve.log") as url:
        before = answers(url, paths)
        assert all(status == 200 for status, _ in before.values()), before
        ingest_times: dict[str, Any] = {}

        def post() -> None:
            ingest_times["start"] = time.perf_counter()
            ingest_times["response"] = httpx.post(url + "/v1/articles", json={"articles": corpus["posted"]},
                                                  headers={"X-API-Key": API_KEY}, timeout=600)
            ingest_times["end"] = time.perf_counter()

        writer = threading.Thread(target=post)
        writer.start()
        run = run_load(url, paths, concurrency=CONCURRENCY, max_requests=MAX_REQUESTS, max_seconds=MAX_SECONDS)
        writer.join(600)
        after = answers(url, paths)

    posted = ingest_times["response"]
    assert posted.status_code == 200 and posted.json()["ingested"] == len(corpus["posted"]), posted.text
    assert after != before  # the ingest changed what the reads answer, so the check below has teeth
    during = [a for a in run.answers if ingest_times["start"] <= a.sent <= ingest_times["end"]]
    assert len(during) >= CONCURRENCY, "the load and the ingest hardly overlapped"

    server_errors = [a for a in run.answers if a.status >= 500]
    wrong = [a for a in run.answers if not expected(a.path, a.status, json.loads(a.body), before, after)]
    assert run.broken == 0
    assert not server_errors, [(a.path, a.status, a.body[:200]) for a in server_errors[:5]]
    assert not wrong, [(a.path, a.status, a.body[:200]) for a in wrong[:5]]

    summary = run.summary() | {"during_ingest": len(during), "ingest_s": round(ingest_times["end"] -
                                                                              ingest_times["start"], 1)}
    RESULTS[store.name] = summary
    for key in ("requests", "rps", "p50_ms", "p99_ms", "during_ingest"):
        record_property(key, summary[key])
    print(f"\nload on {store.name} (concurrency {CONCURRENCY}, {len(paths)} read paths, "
          f"an ingest of {len(corpus['posted'])} articles running for {summary['ingest_s']} s):\n"
          + table({store.name: summary}))
