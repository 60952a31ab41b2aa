"""The API's `/docs` page, opened in headless Chromium with every other host unreachable: Swagger UI
loads from the server itself and shows the operations of the OpenAPI 3.1 document."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.main import create_app
from diplograph.settings import Settings
from graph_schema.stores.embedded import EmbeddedStore
from tests.app.live_server import live_server

pytestmark = pytest.mark.slow


def test_swagger_ui_renders_the_operations_offline(page: Any, tmp_path: Path) -> None:
    settings = Settings(_env_file=None, store="embedded", data_dir=tmp_path / "data")
    left_the_machine: list[str] = []
    page.on("requestfailed", lambda request: left_the_machine.append(request.url))
    with live_server(create_app(settings, EmbeddedStore(tmp_path / "data"))) as url:
        page.goto(f"{url}/docs")
        page.locator(".opblock-summary-path").first.wait_for()
        operations = [o.replace("\u200b", "") for o in page.locator(".opblock-summary-path").all_inner_texts()]
        info = page.locator(".info").first.inner_text()
        page.screenshot(path=str(tmp_path / "docs.png"))
    assert "/v1/meetings" in operations and "/v1/actors/{actor_id}/counterparts" in operations
    assert "diplograph" in info and "OAS 3.1" in info
    assert left_the_machine == []
