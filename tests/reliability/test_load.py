"""A bounded load test on 127.0.0.1: read endpoints under concurrent clients while an ingest runs.

`diplograph serve` runs in its own process over each store, holding a graph of
eight articles. While four more articles are posted to it (extraction,
resolution and the graph write happen in the server), eight connections send
a fixed mix of reads (at most 600 requests or 20 seconds). No answer may be a
5xx, and every answer must equal what the same request returned before the
ingest or after it; one made of parts of both (`mixed`: a Neo4j read that
overlapped the graph write, before `app/whole_answers.py`) fails the test too.
A second test has a process rewrite the graph in a loop, alternating between
two graphs, and checks 2,000 answers are each wholly one or the other.
Requests/s and p50/p99 latencies are printed (run with `-s`) and recorded as
test properties (`--junitxml`); the generator is `tests/reliability/load.py`.
"""
from __future__ import annotations

import json
import os
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
from tests.reliability.load import Answer, run_load, table
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


def identity(item: Any) -> Any:
    """What a list item is about (an event, an actor, a representation, a tie), to match it across answers."""
    if not isinstance(item, dict):
        return None
    if "id" in item:
        return "id", item["id"]
    if isinstance(item.get("person"), dict) and isinstance(item.get("state"), dict):
        return "representation", item["person"]["id"], item["state"]["id"], item.get("event_id")
    if isinstance(item.get("actor"), dict):
        return "actor", item["actor"].get("id")
    if "source" in item and "target" in item:
        return "tie", item["source"], item["target"]
    return None


# counts, and measures computed from counts: a read overlapping the write may see a value in between
AGGREGATES = {"total", "next_offset", "event_count", "meetings", "node_count", "edge_count", "articles", "records",
              "actors", "events", "locations", "conflicts", "facts", "degree", "betweenness", "closeness",
              "eigenvector", "score"}


def composed(got: Any, old: Any, new: Any, key: str | None = None) -> bool:
    """True when `got` holds nothing but what the answer before (`old`) or after (`new`) held: each field is
    one of theirs, each list item is one of theirs (or is itself so composed), each aggregate lies between."""
    if got == old or got == new:
        return True
    if key in AGGREGATES and isinstance(got, int | float) and not isinstance(got, bool):
        numbers = [x for x in (old, new) if isinstance(x, int | float) and not isinstance(x, bool)]
        return len(numbers) == 2 and min(numbers) <= got <= max(numbers)
    if isinstance(got, dict):
        old, new = (x if isinstance(x, dict) else {} for x in (old, new))
        return all(k in old or k in new for k in got) and all(
            composed(v, old.get(k, new.get(k)), new.get(k, old.get(k)), k) for k, v in got.items())
    if isinstance(got, list):
        pool = [x for side in (old, new) if isinstance(side, list) for x in side]
        for item in got:
            if item in pool:
                continue
            what = identity(item)
            same = [x for x in pool if what is not None and identity(x) == what]
            if not same or not composed(item, same[0], same[-1]):
                return False
        return True
    return False


def differences(got: Any, old: Any, new: Any) -> dict[str, Any]:
    """For each top-level field not the same in all three: does the answer's value match the one before, the
    one after, or neither."""
    if not all(isinstance(x, dict) for x in (got, old, new)):
        return {"got": got, "before": old, "after": new}
    out: dict[str, Any] = {}
    for key in sorted(set(got) | set(old) | set(new)):
        value = got.get(key)
        if not value == old.get(key) == new.get(key):
            out[key] = "before" if value == old.get(key) else "after" if value == new.get(key) else {
                "got": value, "before": old.get(key), "after": new.get(key)}
    return out


def graph_part(body: Any) -> Any:
    """The answer without the count of per-article records (`/v1/graph/stats`): an ingest stores them one
    article at a time before it writes the graph, so a count in between is a state the store was in."""
    if isinstance(body, dict) and isinstance(body.get("counts"), dict) and "records" in body["counts"]:
        return {**body, "counts": {k: v for k, v in body["counts"].items() if k != "records"}}
    return body


def verdict(answer: Answer, before: dict[str, Any], after: dict[str, Any]) -> str:
    """`before` or `after` (the whole answer equals one of them), `mixed` (made only of their parts: a read
    that overlapped the graph write), or `wrong`."""
    body = json.loads(answer.body)
    if (answer.status, graph_part(body)) == (before[answer.path][0], graph_part(before[answer.path][1])) \
            and composed(body, before[answer.path][1], after[answer.path][1]):
        return "before"
    if (answer.status, graph_part(body)) == (after[answer.path][0], graph_part(after[answer.path][1])) \
            and composed(body, before[answer.path][1], after[answer.path][1]):
        return "after"
    statuses = {before[answer.path][0], after[answer.path][0]}
    return "mixed" if answer.status in statuses and composed(body, before[answer.path][1],
                                                              after[answer.path][1]) else "wrong"


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
    verdicts = [verdict(a, before, after) for a in run.answers]
    wrong = [a for a, v in zip(run.answers, verdicts, strict=True) if v == "wrong"]
    assert run.broken == 0
    assert not server_errors, [(a.path, a.status, a.body[:200]) for a in server_errors[:5]]
    assert not wrong, [(a.path, a.status, differences(json.loads(a.body), before[a.path][1], after[a.path][1]))
                       for a in wrong[:5]]
    mixed = [a for a, v in zip(run.answers, verdicts, strict=True) if v == "mixed"]
    assert not mixed, [(a.path, differences(json.loads(a.body), before[a.path][1], after[a.path][1]))
                       for a in mixed[:5]]  # every answer wholly before or wholly after (app/whole_answers.py)

    summary = run.summary() | {"during_ingest": len(during), "mixed": verdicts.count("mixed"),
                               "ingest_s": round(ingest_times["end"] - ingest_times["start"], 1)}
    RESULTS[store.name] = summary
    for key in ("requests", "rps", "p50_ms", "p99_ms", "during_ingest", "mixed"):
        record_property(key, summary[key])
    print(f"\nload on {store.name} (concurrency {CONCURRENCY}, {len(paths)} read paths, "
          f"an ingest of {len(corpus['posted'])} articles running for {summary['ingest_s']} s):\n"
          + table({store.name: summary}))


def test_the_answer_check_tells_a_mix_from_a_wrong_answer() -> None:
    old = {"total": 2, "items": [{"id": "e1", "n": 1}, {"id": "e2", "n": 2}]}
    new = {"total": 3, "items": [{"id": "e1", "n": 1}, {"id": "e2", "n": 5}, {"id": "e3", "n": 3}]}
    path = "/v1/events"
    check = {path: (200, old)}, {path: (200, new)}

    def answer(body: Any, status: int = 200) -> str:
        return verdict(Answer(path, status, json.dumps(body).encode(), 0.0, 0.0), *check)

    assert answer(old) == "before" and answer(new) == "after"
    stats = "/v1/graph/stats"
    counts = {stats: (200, {"counts": {"events": 2, "records": 8}})}, {stats: (200, {"counts": {"events": 3, "records": 9}})}
    assert verdict(Answer(stats, 200, b'{"counts": {"events": 2, "records": 9}}', 0.0, 0.0), *counts) == "before"
    assert verdict(Answer(stats, 200, b'{"counts": {"events": 2, "records": 7}}', 0.0, 0.0), *counts) == "wrong"
    assert answer({"total": 3, "items": [{"id": "e1", "n": 1}, {"id": "e2", "n": 2}]}) == "mixed"
    assert answer({"total": 4, "items": []}) == "wrong"  # a count neither before nor after
    assert answer({"total": 2, "items": [{"id": "e9", "n": 1}]}) == "wrong"  # an event that never was
    assert answer({"total": 2, "items": [{"id": "e2", "n": 4}]}) == "wrong"  # a value that never was
    assert answer({"total": 2, "items": [{"id": "e2", "n": 2}, {"id": "e3", "n": 3}]}) == "mixed"
    assert answer({"total": 2, "items": [], "extra": 1}) == "wrong"
    assert answer(old, status=500) == "wrong"


# --- a writer looping: every answer wholly one graph or the other --------------------------------------

WHOLE_ANSWERS = int(os.environ.get("RELIABILITY_WHOLE_ANSWERS", "2000"))  # bench/reliability.py asks more
LOOP_WRITER = r"""
import sys, time
from tests.reliability.test_load import alternating_graphs
from graph_schema.stores.embedded import EmbeddedStore
from graph_schema.stores.neo4j import Neo4jStore

kind, where = sys.argv[1], sys.argv[2]
# small batches: each graph write is many transactions, so a read between two of them would see a mix
store = EmbeddedStore(where) if kind == "embedded" else Neo4jStore(where, "neo4j", "", batch_size=10)
graphs = alternating_graphs()
writes = 0
while True:
    store.replace_graph(graphs[writes % 2])
    writes += 1
    print(writes, flush=True)
    time.sleep(0.2)
"""


def alternating_graphs() -> tuple[Any, Any]:
    """Two graphs the writer loops between: different events, actors and sizes."""
    from bench.generate_graph import generate_graph

    return generate_graph(events=40, seed=21), generate_graph(events=24, seed=22)


def test_reads_while_a_writer_loops_are_each_wholly_one_graph_or_the_other(
        store: GraphStore, tmp_path: Path, record_property: Any) -> None:
    """A process rewrites the graph again and again, alternating between two graphs, while eight
    connections read: every answer must equal, as a whole, the answer the same request gives over one of
    the two graphs (a count, a page, a list of counterparts all from the same graph). 503s (a read that
    waited a whole query timeout for a write to end) are counted, not accepted as answers."""
    first, second = alternating_graphs()
    store.replace_graph(first)
    paths = read_paths(to_document(first)) + read_paths(to_document(second))
    with server(store, tmp_path / "serve.log") as url:
        over_first = answers(url, paths)
        store.replace_graph(second)
        over_second = answers(url, paths)
        assert all(over_first[p] != over_second[p] for p in ("/v1/meetings", "/v1/graph/stats"))
        where = str(store.data_dir) if isinstance(store, EmbeddedStore) else NEO4J_URI
        writer = subprocess.Popen([sys.executable, "-c", LOOP_WRITER, store.name, where], cwd=ROOT,
                                  env=cli_env(), stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout is not None and writer.stdout.readline().strip() == "1"
            run = run_load(url, paths, concurrency=CONCURRENCY, max_requests=int(WHOLE_ANSWERS * 1.2),
                           max_seconds=max(240, WHOLE_ANSWERS / 15))
        finally:
            writer.kill()
            writes = int(([line for line in writer.stdout.read().split() if line.isdigit()] or ["1"])[-1])
            writer.wait(timeout=30)
    whole = Counter()
    violations = []
    for answer in run.answers:
        if answer.status == 503:
            whole["503"] += 1
            continue
        got = (answer.status, json.loads(answer.body))
        side = "first" if got == over_first[answer.path] else "second" if got == over_second[answer.path] else None
        if side is None:
            violations.append(answer)
        else:
            whole[side] += 1
    summary = run.summary() | {"graph_writes": writes, "whole_first": whole["first"],
                               "whole_second": whole["second"], "503": whole["503"], "violations": len(violations)}
    RESULTS[f"{store.name}-looping-writer"] = summary
    for key in ("requests", "rps", "p99_ms", "graph_writes", "violations"):
        record_property(key, summary[key])
    print(f"\nreads on {store.name} while a writer looped between two graphs:\n"
          + table({store.name: summary}) + f"\n{summary}")
    assert run.broken == 0
    assert not violations, [(a.path, a.status, differences(json.loads(a.body), over_first[a.path][1],
                                                             over_second[a.path][1])) for a in violations[:3]]
    assert whole["first"] + whole["second"] >= WHOLE_ANSWERS
    assert whole["first"] and whole["second"] and writes >= 10  # the reads did overlap many writes
