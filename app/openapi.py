"""The committed OpenAPI document: how it is rendered, so the stale-check and the writer agree."""
from __future__ import annotations

import json
from pathlib import Path

from diplograph.settings import Settings

OPENAPI_PATH = Path(__file__).resolve().parent.parent / "openapi.json"


def render_openapi() -> str:
    """The document as committed: independent of the environment's settings, sorted, newline-terminated."""
    from app.main import create_app

    schema = create_app(Settings(_env_file=None)).openapi()  # type: ignore[call-arg]
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_openapi(path: Path = OPENAPI_PATH) -> None:
    path.write_text(render_openapi(), encoding="utf-8")
