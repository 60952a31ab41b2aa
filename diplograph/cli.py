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


if __name__ == "__main__":
    app()
