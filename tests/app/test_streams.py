"""An export whose store fails after the first chunk, or that a graph write overlapped: the body is cut
(the client sees it incomplete), never ended as if whole, and nothing is logged as a crash."""
from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest

import app.api.routes.export as export_route
from app.main import create_app
from diplograph.settings import Settings
from graph_schema.store import GraphStore, StoreUnavailable
from tests.app.live_server import live_server


def test_an_export_whose_store_fails_midway_is_cut_not_finished(
        settings: Settings, loaded_store: GraphStore, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    real = export_route.export_stream

    def failing_midway(*args, **kwargs) -> Iterator[bytes]:
        chunks = real(*args, **kwargs)
        yield next(chunks)
        yield next(chunks)
        raise StoreUnavailable("Neo4j went away", "Neo4j did not answer within 1 s")

    monkeypatch.setattr(export_route, "export_stream", failing_midway)
    caplog.set_level(logging.INFO)
    with live_server(create_app(settings, loaded_store)) as url, httpx.Client(base_url=url) as client:
        with pytest.raises(httpx.RemoteProtocolError, match="incomplete chunked read"), \
                client.stream("GET", "/v1/export") as response:
            assert response.status_code == 200
            b"".join(response.iter_bytes())
        assert client.get("/healthz").status_code == 200  # the server goes on
    assert any(r.getMessage() == "export.cut" for r in caplog.records)
    assert not [r for r in caplog.records if r.exc_info]  # no traceback logged


def test_an_export_a_graph_write_overlapped_is_cut_before_its_last_chunk(
        settings: Settings, loaded_store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    with live_server(create_app(settings, loaded_store)) as url, httpx.Client(base_url=url) as client:
        whole = client.get("/v1/export").content
        monkeypatch.setattr(type(loaded_store), "unchanged", lambda self: False)  # as if a write came between
        received = b""
        with pytest.raises(httpx.RemoteProtocolError, match="incomplete chunked read"), \
                client.stream("GET", "/v1/export") as response:
            for chunk in response.iter_bytes():
                received += chunk
    assert received and whole.startswith(received) and len(received) < len(whole)
