"""Property-based tests of the ingest with arbitrary text, markup, bytes and metadata (hypothesis).

Whatever comes in, the ingest never crashes, and every article that does not
go in is a clear per-article error: a reason written for people (not an
exception's repr), naming the file or the posted index. What went in is
exactly what the store holds afterwards. Example counts follow the profile in
`conftest.py` (`ci` in CI; `RELIABILITY_PROFILE=thorough` for a long run).
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import example, given, note, settings
from hypothesis import strategies as st

from app.main import create_app
from diplograph.settings import Settings
from graph_schema.document import from_document, to_document
from graph_schema.stores.embedded import EmbeddedStore
from ingest.pipeline import ingest
from tests.reliability.conftest import PROFILE

pytestmark = pytest.mark.slow

API_KEY = "hostile-ingest-key"
EXCEPTION_REPR = re.compile(r"^[A-Z]\w*(Error|Exception|Warning)\b|Traceback|\bline \d+, in\b")

# --- what comes in -------------------------------------------------------------------------------------

MARKUP = ["<p>", "</p>", "<div class='x'>", "</div>", "<script>alert(1)</script>", "<style>p{}</style>", "<br/>",
          "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#x0;", "&nbsp;", "&#128512;", "<html>", "<head>",
          "<meta charset='koi8-r'>", "<title>", "</title>", "<body>", "<a href='javascript:x'>", "</a>", "<",
          ">", "---\n", "title: x\n", "published: 2019-02-30\n", "\r\n", "\n\n", "\t", "\x00", "\ufeff",
          "\u202e", "\u200b", "e\u0301", "\U0001F600", "PARIS (Reuters) - ", "President ", "Minister ",
          " met ", " in ", " on Monday", " said.", '"', "'", "MATCH (n) DETACH DELETE n //", "'})-[:X]->(m) //",
          "Advertisement", "Share this article", "Read more:", "\u0000\u0001\u001f", "\ud7ff", "\uffff"]
WORDS = ["Ministers", "met", "in", "Paris", "Berlin", "Tokyo", "Kenya", "Japan", "on", "Tuesday", "the",
         "Foreign", "Minister", "Anna", "Keller", "talks", "said", "visited", "hosted", "delegation", "of", "and"]

unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
prose = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKUP), unicode_text), max_size=60) \
    .map(" ".join)
nonblank_prose = prose.filter(lambda t: t.strip() != "")
ids = st.one_of(st.none(), st.sampled_from(["", " ", ".", "..", "../../etc/passwd", "a/b", "con", "x" * 200,
                                            "\u00e9t\u00e9", "id with spaces", "\x00", "a:usa", "'; DROP"]),
                st.text(max_size=200))
small_text = st.one_of(st.none(), st.text(max_size=120))
iso_dates = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


def clear(reason: str | None) -> bool:
    """A reason written for people: present, short enough to read, not an exception's repr."""
    return bool(reason and reason.strip()) and len(reason) < 2000 and not EXCEPTION_REPR.search(reason)


# --- posted to the API -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory):
    settings_ = Settings(_env_file=None, api_key=API_KEY,  # type: ignore[call-arg]
                         data_dir=tmp_path_factory.mktemp("unused"))
    store = EmbeddedStore(tmp_path_factory.mktemp("posted"))
    with TestClient(create_app(settings_, store), raise_server_exceptions=False) as client:
        yield client, store
    store.close()


posted_article = st.fixed_dictionaries({"text": prose}, optional={
    "id": ids.filter(lambda i: i is None or len(i) <= 200), "title": small_text, "outlet": small_text,
    "url": small_text, "published": iso_dates})


@settings(PROFILE)
@given(st.lists(posted_article, min_size=1, max_size=3))
def test_posted_articles_each_get_an_outcome_and_never_a_crash(api, articles: list[dict[str, Any]]) -> None:
    client, store = api
    response = client.post("/v1/articles", json={"articles": articles}, headers={"X-API-Key": API_KEY})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["index"] for r in body["results"]] == list(range(len(articles)))
    for result in body["results"]:
        assert result["status"] in {"ingested", "unchanged", "failed"}
        if result["status"] == "failed":
            assert clear(result["reason"]), result
    for error in body["errors"]:
        assert clear(error), error
    stored = {a.id for a, _ in store.article_payloads()}
    assert {r["id"] for r in body["results"] if r["status"] != "failed"} <= stored
    document = to_document(store.read_graph())
    assert to_document(from_document(document)) == document  # the graph stays a valid document


# --- article files -------------------------------------------------------------------------------

# JSON may escape lone surrogates ("\ud800"), which Python decodes to strings that cannot be encoded again
with_surrogates = st.lists(st.one_of(st.sampled_from(WORDS), st.integers(0xD800, 0xDFFF).map(chr)), min_size=1,
                           max_size=8).map(" ".join)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), unicode_text,
                         with_surrogates)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                                 st.dictionaries(st.text(max_size=8), inner,
                                                                                 max_size=3)), max_leaves=6)
metadata = st.dictionaries(st.sampled_from(["id", "title", "outlet", "url", "published", "dateline", "language",
                                            "file", "text", "other"]), json_values, max_size=6)
record = st.one_of(metadata, st.builds(lambda m, t: {**m, "text": t}, metadata, st.one_of(prose, with_surrogates)))
jsonl_line = st.one_of(record.map(json.dumps), record.map(lambda r: json.dumps(r, ensure_ascii=False)),
                       st.text(max_size=60), st.just("[1, 2]"), st.just("{\"text\": 5}"), st.just(""))


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


file_body = st.one_of(
    st.builds(encoded, prose, st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "utf-8-sig"])),
    st.binary(max_size=300),
    st.lists(jsonl_line, max_size=4).map(lambda lines: "\n".join(lines).encode("utf-8", errors="surrogatepass")),
)
file_names = st.sampled_from(["a.txt", "b.html", "c.htm", "d.jsonl", "e.md", "f", "g.TXT", ".hidden.txt",
                              "README.md", "h.json"])


@settings(PROFILE)
@example(files={"d.jsonl": b'{"id": "x1", "text": "Ministers met \\ud800 in Paris."}\n{"text": "Talks went on."}'},
         manifest=None)
@example(files={"a.txt": b"Ministers met in Paris on Monday."},
         manifest=['{"file": "a.txt", "id": "\\udc00", "title": "\\ud800", "published": "2019-02-30"}'])
@given(files=st.dictionaries(file_names, file_body, min_size=1, max_size=4),
       manifest=st.one_of(st.none(), st.lists(jsonl_line, max_size=4)))
def test_article_files_never_crash_the_ingest_and_the_store_holds_what_went_in(
        files: dict[str, bytes], manifest: list[str] | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for name, body in files.items():
            (folder / name).write_bytes(body)
        if manifest is not None:
            (folder / "manifest.jsonl").write_text("\n".join(manifest), encoding="utf-8", errors="surrogatepass")
        with EmbeddedStore(Path(tmp) / "store") as store:
            report = ingest([folder], store, progress=False)
            for failure in [*report.failures, *report.duplicates]:
                assert failure.source.startswith(str(folder)), failure
                assert failure.stage in {"read", "extract", "store"} and clear(failure.reason), failure
            for error in report.errors:
                assert clear(error), error
            went_in = {i for i, r in report.results.items() if r.status != "failed"}
            assert {a.id for a, _ in store.article_payloads()} == went_in
            for result in report.results.values():
                assert result.status != "failed" or clear(result.reason)
            to_document(store.read_graph())


@settings(PROFILE)
@example(lines=['{"text":"011L \\u202E>"}'])  # found by hypothesis: "011L" is upper case and its own title case
@given(lines=st.lists(jsonl_line, min_size=1, max_size=5))
def test_json_lines_with_any_records_never_crash_the_ingest(lines: list[str]) -> None:
    note(f"lines: {lines!r}")
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        with EmbeddedStore(Path(tmp) / "store") as store:
            report = ingest([feed], store, progress=False)
            for failure in [*report.failures, *report.duplicates]:
                assert failure.source.startswith(str(feed)) and clear(failure.reason), failure
            went_in = {i for i, r in report.results.items() if r.status != "failed"}
            assert {a.id for a, _ in store.article_payloads()} == went_in
