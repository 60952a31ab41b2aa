"""Every API parameter tried with Cypher injection, huge values, wrong types and unicode edge cases.

For each operation in the OpenAPI document and each of its parameters (path
and query), every hostile value is sent while the other parameters stay valid,
over both stores. Nothing may answer 5xx, every refusal is a problem document,
and the data (export, per-article records, counts) is the same afterwards. On
Neo4j every Cypher text the driver sends is recorded: no hostile value ever
appears in one (values travel only as parameters), though they do reach Neo4j
as parameters.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from fastapi.testclient import TestClient
from neo4j._sync.work.session import Session
from neo4j._sync.work.transaction import TransactionBase

from app.main import create_app
from diplograph.settings import Settings
from graph_schema.document import to_document
from graph_schema.model import Graph
from graph_schema.store import GraphStore
from graph_schema.stores.neo4j import Neo4jStore
from tests.fixtures.sample_graph import JANE, PARIS, PARIS_MEETING, USA

pytestmark = pytest.mark.slow

API_KEY = "hostile-api-key-31f9"
MARK = "zq7x"  # in every hostile string, so that it can be looked for in the Cypher sent

INJECTIONS = [
    f"{MARK}' OR 1=1 //", f"{MARK}\" OR 1=1 //", f"a:usa'}}) MATCH (n) DETACH DELETE n //{MARK}",
    f'a:usa"}}) DETACH DELETE a RETURN 1 //{MARK}', f"{MARK}`) DETACH DELETE n //", f"{MARK}' UNION MATCH (n) RETURN n //",
    f"{MARK}\nMATCH (n) DETACH DELETE n", f"{MARK}; CALL dbms.components() YIELD name RETURN name",
    f"{MARK} $actor", f"{MARK}{{id: 'x'}}", f"{MARK}\\' }} RETURN 1 //", f"{MARK}/* */", f"{MARK}' + '",
    f"CALL apoc.util.sleep(100000) //{MARK}", f"{MARK}*", f"{MARK}~", f"{MARK}?", f"{MARK} AND name:x OR id:*",
    f"/{MARK}.*/", f"{MARK}((((", f"{MARK}\\", f'"{MARK}', f"{MARK}:", f"{MARK}^2", f"{{{{7*7}}}}{MARK}",
    f"${{jndi:ldap://x/{MARK}}}", f"../../{MARK}", f"{MARK}%00", f"<script>{MARK}</script>",
]
UNICODE = ["\u0000", f"\u202e{MARK}", f"e\u0301{MARK}", f"\U0001F600{MARK}", f"\ufeff{MARK}", f"\u0130{MARK}",
           f"\u00df{MARK}", f"\u200b{MARK}", f"\u01c5{MARK}", f"\u216b{MARK}", f"\uffff{MARK}", f"{MARK}\u0085\u2028",
           " ", "\t", "\r\n"]
HUGE = [MARK + "x" * 195, MARK + "x" * 200, MARK + "x" * 10_000, "9" * 400]
NUMBERS = ["-1", "0", "1.5", "1e309", "NaN", "inf", "true", "[]", "{}", "null", " 1", "0x10", "-0", "9" * 30,
           "2147483648", "-9223372036854775809", "", MARK]
DATES = ["2024-13-45", "0000-00-00", "99999-01-01", "2024-02-30", "20240101", "1717171717", "2024-03-04T00:00:00",
         "-2024-01-01", "2024-3-4", "０２０２４-01-01"]
RAW = ["%FF", "%ED%A0%80", "%C0%AF", "%00", "%", "%zz", "%2e%2e%2f"]  # sent as they are: bad UTF-8, bad escapes

VALID_PATH = {"actor_id": JANE, "other_id": USA, "event_id": PARIS_MEETING, "location_id": PARIS}
VALID_QUERY = {"q": "Jane", "source": JANE, "target": USA}


def operations(client: TestClient) -> list[tuple[str, list[dict[str, Any]]]]:
    spec = client.get("/openapi.json").json()
    return [(path, op.get("parameters", [])) for path, ops in spec["paths"].items() for method, op in ops.items()
            if method == "get" and op.get("parameters")]


def hostile_values(parameter: dict[str, Any]) -> list[tuple[str, bool]]:
    """(value, raw) pairs for one parameter; raw values go into the URL unencoded.

    Every list in full with `RELIABILITY_PROFILE=thorough`; otherwise a sample of each kind that keeps
    the test to about a thousand requests per store."""
    schema = parameter["schema"]
    types = {schema.get("type"), *(s.get("type") for s in schema.get("anyOf", []))}
    full = os.environ.get("RELIABILITY_PROFILE") == "thorough"
    if "integer" in types:
        values = NUMBERS + HUGE + INJECTIONS[:1] if full else [*NUMBERS[::2], MARK, HUGE[-1], INJECTIONS[0]]
    elif parameter["name"].startswith("date"):
        values = DATES + INJECTIONS + UNICODE if full else [*DATES, *INJECTIONS[:3], *UNICODE[:2]]
    else:
        values = INJECTIONS + UNICODE + HUGE + DATES + NUMBERS if full else \
            [*INJECTIONS[::2], *UNICODE[::2], *HUGE[1:], "-1", ""]
    return [(v, False) for v in values] + [(v, True) for v in (RAW if full else RAW[:4])]


def url_for(path: str, parameters: list[dict[str, Any]], name: str, value: str, raw: bool) -> str:
    path_values = {p["name"]: VALID_PATH[p["name"]] for p in parameters if p["in"] == "path"}
    query = {p["name"]: VALID_QUERY[p["name"]] for p in parameters if p["in"] == "query" and p.get("required")}
    target = next(p for p in parameters if p["name"] == name)
    encoded = value if raw else quote(value, safe="")
    for key, val in path_values.items():
        path = path.replace("{" + key + "}", encoded if key == name else quote(val, safe=""))
    query.pop(name, None)
    rest = urlencode(query)
    if target["in"] == "query":
        rest = "&".join(filter(None, [rest, f"{name}={encoded}"]))
    return path + ("?" + rest if rest else "")


def snapshot(store: GraphStore) -> dict[str, Any]:
    return {"export": to_document(store.read_graph()), "counts": store.counts(),
            "records": {a.id: p for a, p in store.article_payloads()}}


@pytest.fixture
def cypher_sent(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Every (query text, parameters) the Neo4j driver is asked to run."""
    sent: list[tuple[str, dict[str, Any]]] = []

    def recording(original):
        def run(self, query, parameters=None, **kwargs):
            sent.append((str(getattr(query, "text", query)), {**(parameters or {}), **kwargs}))
            return original(self, query, parameters, **kwargs)
        return run

    monkeypatch.setattr(TransactionBase, "run", recording(TransactionBase.run))
    monkeypatch.setattr(Session, "run", recording(Session.run))
    yield sent


@pytest.fixture
def hostile_client(store: GraphStore, sample_graph: Graph, tmp_path) -> Iterator[TestClient]:
    store.replace_graph(sample_graph)
    settings = Settings(_env_file=None, api_key=API_KEY, data_dir=tmp_path / "unused")  # type: ignore[call-arg]
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
        yield client


def test_every_parameter_with_hostile_values_gives_no_5xx_and_changes_nothing(
        hostile_client: TestClient, store: GraphStore, cypher_sent: list[tuple[str, dict[str, Any]]],
        record_property: Any) -> None:
    before = snapshot(store)
    cypher_sent.clear()
    tried, statuses, failures = 0, {}, []
    for path, parameters in operations(hostile_client):
        for parameter in parameters:
            for value, raw in hostile_values(parameter):
                url = url_for(path, parameters, parameter["name"], value, raw)
                response = hostile_client.get(url)
                tried += 1
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if response.status_code >= 500 or "Traceback" in response.text:
                    failures.append((url[:200], response.status_code, response.text[:300]))
                elif response.status_code >= 400 and response.headers["content-type"] != "application/problem+json":
                    failures.append((url[:200], response.status_code, "not a problem document"))
    assert not failures, failures[:20]
    assert snapshot(store) == before
    record_property("hostile_requests", tried)
    print(f"\n{store.name}: {tried} hostile requests, answers by status {dict(sorted(statuses.items()))}")
    if isinstance(store, Neo4jStore):
        assert cypher_sent, "the Neo4j driver was never called: the recording is broken"
        leaked = [query for query, _ in cypher_sent if MARK in query]
        assert not leaked, leaked[:3]
        assert any(MARK in repr(params) for _, params in cypher_sent), "no hostile value reached Neo4j at all"


def test_search_text_full_of_lucene_syntax_finds_nothing_it_should_not(hostile_client: TestClient) -> None:
    """The full-text query escapes Lucene syntax: wildcards and field queries match nobody."""
    for q in ["*", "?", "name:*", "search_text:*", "a*", "*:*", "~", "\\", "\"", "AND", "OR NOT"]:
        response = hostile_client.get("/v1/actors/search", params={"q": q})
        assert response.status_code == 200, (q, response.text)
        assert response.json()["items"] == [], q


BAD_BODIES: list[tuple[str, bytes, str]] = [
    ("not JSON", b"articles=1", "application/json"),
    ("bad UTF-8", b'{"articles": [{"text": "\xff\xfe"}]}', "application/json"),
    ("lone surrogate", b'{"articles": [{"id": "a\\ud800", "text": "Ministers met \\ud800."}]}', "application/json"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "application/json"),
    ("deep object", b'{"articles": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001, "application/json"),
    ("wrong shape", b'{"articles": "all of them"}', "application/json"),
    ("text not a string", b'{"articles": [{"text": 5}]}', "application/json"),
    ("no articles", b'{"articles": []}', "application/json"),
    ("too many", b'{"articles": [' + b",".join([b'{"text": "x"}'] * 101) + b"]}", "application/json"),
    ("impossible date", b'{"articles": [{"text": "Talks.", "published": "2019-02-30"}]}', "application/json"),
    ("timestamp date", b'{"articles": [{"text": "Talks.", "published": 1717171717}]}', "application/json"),
    ("id too long", b'{"articles": [{"id": "' + b"x" * 201 + b'", "text": "Talks."}]}', "application/json"),
    ("form", b"articles=x", "application/x-www-form-urlencoded"),
    ("xml", b"<articles/>", "application/xml"),
    ("huge number", b'{"articles": [{"text": "Talks.", "id": ' + b"9" * 5000 + b"}]}", "application/json"),
]


@pytest.mark.parametrize(("name", "body", "content_type"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_hostile_ingest_bodies_are_4xx_and_write_nothing(
        hostile_client: TestClient, store: GraphStore, name: str, body: bytes, content_type: str) -> None:
    before = snapshot(store)
    response = hostile_client.post("/v1/articles", content=body,
                                   headers={"X-API-Key": API_KEY, "Content-Type": content_type})
    assert 400 <= response.status_code < 500, (name, response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/problem+json"
    assert snapshot(store) == before


def test_an_article_id_full_of_cypher_is_kept_as_data(
        hostile_client: TestClient, store: GraphStore, cypher_sent: list[tuple[str, dict[str, Any]]]) -> None:
    """A write with a hostile id is a valid write: the id is stored exactly, and runs nothing."""
    hostile = f"a:usa'}}) MATCH (n) DETACH DELETE n //{MARK}"
    response = hostile_client.post("/v1/articles", headers={"X-API-Key": API_KEY}, json={"articles": [
        {"id": hostile, "title": INJECTIONS[3], "text": "The foreign ministers of France and Germany met in "
                                                       "Berlin on Monday to discuss trade."}]})
    assert response.status_code == 200, response.text
    assert response.json()["results"][0] == {"index": 0, "id": hostile, "status": "ingested", "reason": None}
    assert [a.id for a, _ in store.article_payloads()] == [hostile]
    assert [a.title for a in store.get_articles([hostile])] == [INJECTIONS[3]]
    assert hostile_client.get("/v1/graph/stats").json()["counts"]["actors"] > 0  # the graph was not wiped
    assert not [query for query, _ in cypher_sent if MARK in query]
