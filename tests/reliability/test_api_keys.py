"""Write endpoints and their API key: 401 and nothing written without the right key; keys compared in
constant time; secrets (the API key, a wrong key tried, the Neo4j password) never in a log line.
"""
from __future__ import annotations

import ast
import io
import logging
import secrets
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.failed_keys import FailedKeys
from app.main import create_app
from diplograph.log import configure_logging
from diplograph.settings import Settings
from graph_schema.document import to_document
from graph_schema.model import Graph
from graph_schema.store import GraphStore
from tests.app.live_server import live_server
from tests.reliability.conftest import cli_env, run_cli
from tests.reliability.neo4j_instance import ROOT

API_KEY = "k3y-" + "7f2c91d0e4b8a6f3" * 2
WRONG_KEY = "wr0ng-" + "c0ffee" * 4
PASSWORD = "pa55-" + "b1e2c3d4" * 3
ARTICLE = {"id": "key-test", "text": "The foreign ministers of Chile and Peru met in Lima on Monday."}


def snapshot(store: GraphStore) -> dict[str, Any]:
    return {"export": to_document(store.read_graph()), "records": sorted(a.id for a, _ in store.article_payloads())}


def write_operations(client: TestClient) -> list[tuple[str, str]]:
    spec = client.get("/openapi.json").json()
    return [(method, path) for path, ops in spec["paths"].items() for method in ops if method != "get"]


@pytest.fixture
def keyed(store: GraphStore, sample_graph: Graph, tmp_path: Path) -> Iterator[TestClient]:
    store.replace_graph(sample_graph)
    settings = Settings(_env_file=None, api_key=API_KEY, data_dir=tmp_path / "unused",  # type: ignore[call-arg]
                        key_failures_per_minute=10_000)  # the 429 after a few failures is tested on its own
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
        yield client


WRONG = [None, "", " ", WRONG_KEY, API_KEY[:-1], API_KEY + "0", API_KEY.upper(), f" {API_KEY}", f"{API_KEY}\t",
         "null", "*", API_KEY[:1], "' OR '1'='1"]


def test_every_write_without_the_right_key_is_401_and_writes_nothing(keyed: TestClient, store: GraphStore) -> None:
    before = snapshot(store)
    operations = write_operations(keyed)
    assert ("post", "/v1/articles") in operations
    for method, path in operations:
        for key in WRONG:
            headers = {} if key is None else {"X-API-Key": key}
            response = keyed.request(method, path, json={"articles": [ARTICLE]}, headers=headers)
            assert response.status_code == 401, (path, key, response.status_code)
            assert response.headers["content-type"] == "application/problem+json"
            assert "www-authenticate" in response.headers
        # the key anywhere but its header does not count either
        for elsewhere in ({"params": {"api_key": API_KEY}}, {"headers": {"Authorization": f"Bearer {API_KEY}"}},
                          {"cookies": {"X-API-Key": API_KEY}}):
            response = keyed.request(method, path, json={"articles": [ARTICLE]}, **elsewhere)
            assert response.status_code == 401, (path, elsewhere)
    assert snapshot(store) == before
    ok = keyed.post("/v1/articles", json={"articles": [ARTICLE]}, headers={"X-API-Key": API_KEY})
    assert ok.status_code == 200 and snapshot(store)["records"] == [ARTICLE["id"]]  # the right key does write


def test_without_a_configured_key_no_key_opens_a_write(store: GraphStore, tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "unused")  # type: ignore[call-arg]
    before = snapshot(store)
    with TestClient(create_app(settings, store)) as client:
        for key in (None, "", "None", "null", API_KEY):
            headers = {} if key is None else {"X-API-Key": key}
            assert client.post("/v1/articles", json={"articles": [ARTICLE]}, headers=headers).status_code == 401
    assert snapshot(store) == before


def test_keys_are_compared_in_constant_time(keyed: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check goes through `compare_digest`, and no key is compared with `==` anywhere in `app/`."""
    calls: list[tuple[Any, Any]] = []
    real = secrets.compare_digest

    def recording(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(secrets, "compare_digest", recording)
    for key in (WRONG_KEY, API_KEY[:-1], API_KEY):
        keyed.post("/v1/articles", json={"articles": [ARTICLE]}, headers={"X-API-Key": key})
    assert [(bytes(a), bytes(b)) for a, b in calls] == [(k.encode(), API_KEY.encode())
                                                        for k in (WRONG_KEY, API_KEY[:-1], API_KEY)]
    compared = []
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops):
                names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
                    n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
                if any("key" in name.lower() or "secret" in name.lower() for name in names):
                    compared.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert compared == []


def test_a_client_guessing_keys_gets_429_and_a_client_with_the_key_is_not_slowed(
        store: GraphStore, tmp_path: Path) -> None:
    """Over real TCP, from two loopback addresses: the guesser (127.0.0.2) is held back after 5 wrong keys
    in a minute, even when it then sends the right one; the key holder (127.0.0.1) writes all along."""
    settings = Settings(_env_file=None, api_key=API_KEY, data_dir=tmp_path / "unused")  # type: ignore[call-arg]
    assert settings.key_failures_per_minute == 5
    with live_server(create_app(settings, store)) as url, \
            httpx.Client(base_url=url, transport=httpx.HTTPTransport(local_address="127.0.0.2")) as guesser, \
            httpx.Client(base_url=url, transport=httpx.HTTPTransport(local_address="127.0.0.1")) as holder:
        def post(client: httpx.Client, key: str, n: int) -> httpx.Response:
            return client.post("/v1/articles", headers={"X-API-Key": key},
                               json={"articles": [{**ARTICLE, "id": f"key-test-{n}"}]})

        guesses = [post(guesser, f"{WRONG_KEY}-{n}", n) for n in range(12)]
        assert [r.status_code for r in guesses] == [401] * 5 + [429] * 7
        refused = guesses[-1]
        assert refused.headers["content-type"] == "application/problem+json"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert post(guesser, API_KEY, 99).status_code == 429  # held back: the right key says nothing now
        timings = []
        for n in range(20):  # meanwhile the key holder writes, as fast as a fresh server lets it
            began = time.perf_counter()
            assert post(holder, API_KEY, 100 + n).status_code == 200
            timings.append(time.perf_counter() - began)
            if n % 4 == 0:
                assert post(guesser, WRONG_KEY, 0).status_code == 429
    assert "key-test-99" not in snapshot(store)["records"]
    assert sum(1 for r in snapshot(store)["records"] if r.startswith("key-test-1")) == 20
    print(f"\n12 wrong keys: 5 x 401 then 429 (Retry-After {refused.headers['retry-after']} s); the key holder's "
          f"20 writes meanwhile: all 200, median {statistics.median(timings) * 1000:.0f} ms")


def test_failed_keys_are_forgotten_after_a_minute() -> None:
    now = [0.0]
    failed = FailedKeys(per_minute=3, clock=lambda: now[0])
    for t in (0.0, 10.0, 20.0):
        now[0] = t
        assert failed.retry_after("10.0.0.1") is None
        failed.failed("10.0.0.1")
    assert failed.retry_after("10.0.0.1") == 40  # the first failure leaves the window at 60 s
    assert failed.retry_after("10.0.0.2") is None
    now[0] = 60.0
    assert failed.retry_after("10.0.0.1") is None  # one slot free again: one more try
    failed.failed("10.0.0.1")
    assert failed.retry_after("10.0.0.1") == 10


# --- secrets never logged ---------------------------------------------------------------------------


def test_secrets_never_reach_the_logs(store: GraphStore, sample_graph: Graph, tmp_path: Path,
                                      caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> None:
    store.replace_graph(sample_graph)
    settings = Settings(_env_file=None, api_key=API_KEY, neo4j_password=PASSWORD,  # type: ignore[call-arg]
                        data_dir=tmp_path / "unused", log_level="DEBUG", log_format="json")
    for text in (repr(settings), str(settings), settings.model_dump_json()):
        assert API_KEY not in text and PASSWORD not in text
    stream = io.StringIO()
    configure_logging(settings, stream)
    caplog.set_level(logging.DEBUG)
    try:
        with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
            client.post("/v1/articles", json={"articles": [ARTICLE]}, headers={"X-API-Key": API_KEY})
            client.post("/v1/articles", json={"articles": [ARTICLE]}, headers={"X-API-Key": WRONG_KEY})
            client.post("/v1/articles", content=b"{", headers={"X-API-Key": API_KEY})
            client.get("/v1/meetings", headers={"X-API-Key": API_KEY, "Authorization": f"Bearer {API_KEY}"})
        down = settings.model_copy(update={"store": "neo4j", "neo4j_uri": "bolt://127.0.0.1:9"})
        with TestClient(create_app(down), raise_server_exceptions=False) as client:  # errors get logged too
            assert client.get("/v1/meetings", headers={"X-API-Key": API_KEY}).status_code == 503
            assert client.post("/v1/articles", json={"articles": [ARTICLE]},
                               headers={"X-API-Key": API_KEY}).status_code == 503
    finally:
        logging.getLogger().removeHandler(next(h for h in logging.getLogger().handlers
                                               if h.get_name() == "diplograph"))
    captured = capsys.readouterr()
    logged = stream.getvalue() + caplog.text + captured.out + captured.err
    assert "ingest" in logged and "store" in logged  # there were log lines to look at
    for secret in (API_KEY, WRONG_KEY, PASSWORD):
        assert secret not in logged


def test_the_cli_logs_no_secret_from_its_environment(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE["text"])
    env = cli_env(DIPLOGRAPH_API_KEY=API_KEY, NEO4J_PASSWORD=PASSWORD, DIPLOGRAPH_LOG_LEVEL="DEBUG")
    runs = [run_cli("ingest", "--no-progress", "--data-dir", str(tmp_path / "data"), str(folder), env=env),
            run_cli("ingest", "--no-progress", "--store", "neo4j", str(folder),  # the store is unreachable
                    env={**env, "NEO4J_URI": "bolt://127.0.0.1:9"}),
            run_cli("export", "--store", "neo4j", "--out", str(tmp_path / "x.json"),
                    env={**env, "NEO4J_URI": "bolt://127.0.0.1:9"})]
    assert [r.returncode for r in runs] == [0, 3, 3]
    for run in runs:
        for secret in (API_KEY, PASSWORD):
            assert secret not in run.stdout + run.stderr
