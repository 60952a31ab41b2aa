"""The `diplograph` command line: ingest articles, export the graph, serve the API."""
from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Diplomatic event knowledge graph: news articles in; who met whom, where, when and on whose behalf out.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)


class StoreKind(StrEnum):
    embedded = "embedded"
    neo4j = "neo4j"


StoreOption = Annotated[
    StoreKind | None,
    typer.Option("--store", help="Where the graph lives. Default: `neo4j` when NEO4J_URI is set, else `embedded`."),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="The embedded store's folder (default: DIPLOGRAPH_DATA_DIR or ./data)."),
]


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Serve the query API (FastAPI under `/v1`; interactive docs at `/docs`)."""
    import uvicorn

    from app.main import create_app
    from diplograph.settings import get_settings

    settings = get_settings()
    updates = {k: v for k, v in {"store": store.value if store else None, "data_dir": data_dir}.items() if v}
    if updates:
        settings = settings.model_copy(update=updates)
    typer.echo(f"diplograph API on http://{host}:{port}  (docs: http://{host}:{port}/docs, store: {settings.store_kind})")
    uvicorn.run(create_app(settings), host=host, port=port, log_level=settings.log_level.lower())


@app.command()
def openapi(
    out: Annotated[Path, typer.Option("--out", help="Where to write the OpenAPI document.")] = Path("openapi.json"),
) -> None:
    """Write the API's OpenAPI document (the committed `openapi.json`; a test fails when it is stale)."""
    from app.openapi import write_openapi

    write_openapi(out)
    typer.echo(f"wrote {out}")

if __name__ == "__main__":
    app()
