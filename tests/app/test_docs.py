"""`/docs` and `/redoc` work offline: the pages load Swagger UI and ReDoc from the server itself
(tests/browser/test_api_docs.py renders them in Chromium)."""
from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from app.main import create_app
from diplograph.settings import Settings
from graph_schema.stores.embedded import EmbeddedStore


def _client(tmp_path: Path) -> TestClient:
    settings = Settings(_env_file=None, store="embedded", data_dir=tmp_path)
    return TestClient(create_app(settings, EmbeddedStore(tmp_path)))


def test_the_doc_pages_load_every_script_and_style_from_the_server(tmp_path: Path) -> None:
    client = _client(tmp_path)
    for page in ("/docs", "/redoc"):
        response = client.get(page)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assets = re.findall(r'(?:src|href)="([^"]+)"', response.text)
        assert assets, page
        for url in assets:
            assert url.startswith("/"), f"{page} loads {url} from elsewhere"
            fetched = client.get(url)
            assert fetched.status_code == 200 and len(fetched.content) > 1000, url
        assert "'/openapi.json'" in response.text or '"/openapi.json"' in response.text


def test_the_doc_pages_are_not_part_of_the_api_description(tmp_path: Path) -> None:
    paths = _client(tmp_path).get("/openapi.json").json()["paths"]
    assert not any(p.startswith(("/docs", "/redoc")) for p in paths)
