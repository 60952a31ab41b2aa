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


def _store_settings(store: StoreKind | None, data_dir: Path | None):
    """Settings from the environment, with `--store` and `--data-dir` on top; logging configured."""
    from diplograph.log import configure_logging
    from diplograph.settings import get_settings

    settings = get_settings()
    updates = {k: v for k, v in {"store": store.value if store else None, "data_dir": data_dir}.items() if v}
    if updates:
        settings = settings.model_copy(update=updates)
    configure_logging(settings)
    return settings


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Article files (`.txt`, `.html`, `.jsonl`) or folders of them, with an optional `manifest.jsonl`.",
        metavar="PATH...", show_default=False)],
    store: StoreOption = None,
    data_dir: DataDirOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64,
                                         help="Processes running the NLP; each loads the spaCy model once.")] = 1,
    no_progress: Annotated[bool, typer.Option("--no-progress",
                                              help="No progress bar (it is off anyway when stderr is not a terminal).")
                           ] = False,
) -> None:
    """Read news articles, extract who met whom, where, when and for whom, and merge them into the graph.

    Each article is kept with its own extraction (all or nothing), then the
    whole graph is resolved again from every stored article, so the order of
    ingests does not matter and ingesting the same files twice changes nothing.
    A bad file is reported by name with the reason; the rest still go in.

    **Examples**

    * `diplograph ingest samples` (a folder; its `manifest.jsonl` gives titles, outlets, dates)
    * `diplograph ingest --workers 2 feed.jsonl more/article.html`
    * `NEO4J_URI=bolt://127.0.0.1:7687 diplograph ingest --store neo4j samples`

    **Exit codes**: `0` every article went in (or was already in); `1` some
    article could not be read or extracted (listed at the end); `2` wrong
    usage; `3` the store was unavailable (the list says which articles did
    not go in; running the same command again completes them).

    **Environment**: `DIPLOGRAPH_STORE`, `DIPLOGRAPH_DATA_DIR`, `NEO4J_URI`,
    `NEO4J_USER`, `NEO4J_PASSWORD`, `DIPLOGRAPH_SPACY_MODEL`,
    `DIPLOGRAPH_MAX_ARTICLE_BYTES` (larger files are refused unread),
    `DIPLOGRAPH_LOG_FORMAT` (`console` or `json`), `DIPLOGRAPH_LOG_LEVEL`.
    """
    from rich.console import Console

    from diplograph.summary import EXIT_STORE_UNAVAILABLE, exit_code, render_report
    from graph_schema.store import StoreUnavailable
    from graph_schema.stores import open_store
    from ingest.pipeline import ingest

    settings = _store_settings(store, data_dir)
    console = Console()
    try:
        graph_store = open_store(settings)
    except StoreUnavailable as exc:
        console.print(f"[bold red]error:[/] the {settings.store_kind} store is unavailable: {exc}", highlight=False)
        raise typer.Exit(EXIT_STORE_UNAVAILABLE) from None
    with graph_store:
        report = ingest(paths, graph_store, workers=workers, nlp_model=settings.spacy_model,
                        progress=not no_progress, max_bytes=settings.max_article_bytes)
    render_report(report, console)
    raise typer.Exit(exit_code(report))


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write (`-` for standard output).",
                                      show_default=False)],
    store: StoreOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write the whole graph as one `diplomatic-graph/1` JSON document (sorted, so two exports diff cleanly).

    The file is replaced atomically: a reader never sees half an export.
    Score an export with `python3 ../shared/eval/score.py FILE`.

    **Examples**

    * `diplograph export --out graph.json`
    * `diplograph export --store neo4j --out - | jq '.events | length'`

    **Exit codes**: `0` written; `1` the file cannot be written; `2` wrong usage;
    `3` the store is unavailable.

    **Environment**: `DIPLOGRAPH_STORE`, `DIPLOGRAPH_DATA_DIR`, `NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD`.
    """
    import sys

    from diplograph.summary import EXIT_STORE_UNAVAILABLE
    from graph_schema.store import StoreUnavailable
    from graph_schema.stores import open_store
    from ingest.export import dump_document, export_document, write_document

    settings = _store_settings(store, data_dir)
    try:
        with open_store(settings) as graph_store:
            document = export_document(graph_store)
    except StoreUnavailable as exc:
        typer.echo(f"error: the {settings.store_kind} store is unavailable: {exc}", err=True)
        raise typer.Exit(EXIT_STORE_UNAVAILABLE) from None
    if not document["articles"]:
        typer.echo(f"warning: the {settings.store_kind} store holds no articles; the export is an empty graph",
                   err=True)
    if str(out) == "-":
        sys.stdout.write(dump_document(document))
        return
    try:
        size = write_document(document, out)
    except OSError as exc:
        typer.echo(f"error: cannot write {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {out} ({len(document['actors'])} actors, {len(document['events'])} events, "
               f"{len(document['locations'])} locations, {size} bytes)", err=True)


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

    settings = _store_settings(store, data_dir)
    typer.echo(f"diplograph API on http://{host}:{port}  (docs: http://{host}:{port}/docs, store: {settings.store_kind})")
    # log_config=None: uvicorn's own loggers go through the project's structured handler
    uvicorn.run(create_app(settings), host=host, port=port, log_config=None, log_level=settings.log_level.lower())


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
