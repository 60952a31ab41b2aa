"""The `diplograph` command line: ingest articles, export the graph, evaluate the pipeline, serve the API."""
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


def _store_settings(store: StoreKind | None, data_dir: Path | None, log_level: str | None = None):
    """Settings from the environment, with `--store`, `--data-dir` (and a log level) on top; logging configured."""
    from diplograph.log import configure_logging
    from diplograph.settings import get_settings

    settings = get_settings()
    updates = {k: v for k, v in {"store": store.value if store else None, "data_dir": data_dir,
                                 "log_level": log_level}.items() if v}
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


def _iso_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) as given, or a usage error naming it."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


class ExportFormatOption(StrEnum):
    json = "json"
    graphml = "graphml"
    csv = "csv"
    parquet = "parquet"
    dyads = "dyads"


class MeetingsAsOption(StrEnum):
    nodes = "nodes"
    edges = "edges"


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Option(
        "--out", "-o", show_default=False,
        help="The file to write (`-` for standard output). For `csv` and `parquet`: a folder of five tables, "
             "or one zip when the name ends in `.zip`.")],
    format_: Annotated[ExportFormatOption, typer.Option(
        "--format", "-f", help="`json` (diplomatic-graph/1), `graphml`, `csv`, `parquet` or `dyads` (ICEWS-style CSV).")
    ] = ExportFormatOption.json,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Only events on or after this ISO date.", callback=_iso_date)] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", help="Only events on or before this ISO date.", callback=_iso_date)] = None,
    actor: Annotated[str | None, typer.Option(
        "--actor", metavar="ID", help="Only events this actor takes part in or is represented at (`a:fra`).")] = None,
    type_: Annotated[str | None, typer.Option(
        "--type", metavar="TYPE", help="Only events of this type; `meeting` also matches CAMEO 04x.")] = None,
    place: Annotated[str | None, typer.Option(
        "--place", metavar="ID", help="Only events at this place or anywhere within it (`l:paris`).")] = None,
    meetings_as: Annotated[MeetingsAsOption | None, typer.Option(
        "--meetings-as", help="GraphML only: events as `nodes` (default) or as actor-actor `edges`.")] = None,
    store: StoreOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Export the graph for other tools: `diplomatic-graph/1` JSON, GraphML, CSV or Parquet tables, or dyads.

    With no filter the export is the whole graph; `--since`, `--until`, `--actor`, `--type` and `--place`
    (the API's event filters) keep the matching events and what they name. The store is read a page at
    a time, so a graph of any size exports with flat memory. A file is replaced atomically: a reader
    never sees half an export. The columns and attributes of every format are in `docs/export.md`.
    Score a JSON export with `diplograph evaluate` (or `python3 eval/reference/score.py FILE --gold GOLD`).

    **Examples**

    * `diplograph export --out graph.json` (the whole graph, sorted, so two exports diff cleanly)
    * `diplograph export --format graphml --meetings-as edges --type meeting --out meetings.graphml` (Gephi)
    * `diplograph export --format csv --since 2020-01-01 --out tables/` (actors.csv, events.csv, ...)
    * `diplograph export --format parquet --out tables.zip`
    * `diplograph export --format dyads --actor a:fra --out france-dyads.csv`
    * `diplograph export --store neo4j --out - | jq '.events | length'`

    **Exit codes**: `0` written; `1` the file cannot be written; `2` wrong usage;
    `3` the store is unavailable.

    **Environment**: `DIPLOGRAPH_STORE`, `DIPLOGRAPH_DATA_DIR`, `NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD`.
    """
    import sys

    from diplograph.summary import EXIT_STORE_UNAVAILABLE
    from graph_schema.export import ExportFormat, MeetingsAs, export_stream
    from graph_schema.export.formats import TABLE_FORMATS, write_table_folder
    from graph_schema.export.output import write_file
    from graph_schema.store import EventQuery, StoreUnavailable
    from graph_schema.stores import open_store

    chosen = ExportFormat(format_.value)
    if meetings_as is not None and chosen != ExportFormat.graphml:
        raise typer.BadParameter("applies to --format graphml only", param_hint="'--meetings-as'")
    query = EventQuery(actor=actor, place=place, date_from=since, date_to=until, type=type_)
    to_folder = chosen in TABLE_FORMATS and str(out) != "-" and out.suffix.lower() != ".zip"
    settings = _store_settings(store, data_dir)
    try:
        with open_store(settings) as graph_store, graph_store.snapshot() as view:
            if view.counts()["articles"] == 0:
                typer.echo(f"warning: the {settings.store_kind} store holds no articles; the export is an empty graph",
                           err=True)
            if to_folder:
                rows = write_table_folder(view, chosen, query, out)
                typer.echo(f"wrote {out}/ (" + ", ".join(f"{n} {name}" for name, n in rows.items()) + ")", err=True)
                return
            chunks = export_stream(view, chosen, query, MeetingsAs((meetings_as or MeetingsAsOption.nodes).value))
            if str(out) == "-":
                for chunk in chunks:
                    sys.stdout.buffer.write(chunk)
                sys.stdout.buffer.flush()
                return
            size = write_file(chunks, out)
    except StoreUnavailable as exc:
        typer.echo(f"error: the {settings.store_kind} store is unavailable: {exc}", err=True)
        raise typer.Exit(EXIT_STORE_UNAVAILABLE) from None
    except OSError as exc:
        typer.echo(f"error: cannot write {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {out} ({chosen} export, {size} bytes)", err=True)


@app.command("evaluate")
def evaluate_command(
    corpora: Annotated[list[Path], typer.Argument(
        help="Folders (or files) of annotated articles, e.g. `eval/corpus/dev`.", metavar="CORPUS...",
        show_default=False)],
    gold: Annotated[list[Path], typer.Option(
        "--gold", "-g", help="Gold file for the corpora; repeat it for several (they are merged).",
        show_default=False)],
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON document instead of the table.")] = False,
    minimum: Annotated[list[str] | None, typer.Option(
        "--min", metavar="FIGURE=VALUE", help="Fail (exit 1) when FIGURE is below VALUE; repeatable.")] = None,
    maximum: Annotated[list[str] | None, typer.Option(
        "--max", metavar="FIGURE=VALUE", help="Fail (exit 1) when FIGURE is above VALUE; repeatable.")] = None,
    export: Annotated[Path | None, typer.Option(
        "--export", help="Keep the pipeline's `diplomatic-graph/1` export in this file.")] = None,
    no_diff: Annotated[bool, typer.Option(
        "--no-diff", help="Figures only, no per-meeting diff: for the blind split, of which only totals are read.")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64,
                                         help="Processes running the NLP; each loads the spaCy model once.")] = 1,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No progress bar on stderr.")] = False,
) -> None:
    """Score the pipeline on annotated articles: ingest them into a throwaway store, export, compare with the gold.

    The corpora go into a temporary embedded store (your data is not touched),
    the graph is exported as `diplomatic-graph/1` and scored by the rules of
    `eval/FORMAT.md`: the same figures, under the same names, as
    `eval/reference/score.py`. Then comes the per-meeting diff: each gold
    meeting missed, with the sentences of its articles that name two of its
    participants; each spurious or duplicate event, with its quotes; each
    matched meeting's wrong date, place, participants or representation,
    expected beside found. Every rule change is judged by it.

    **Examples**

    * `diplograph evaluate eval/corpus/seeds --gold eval/gold/seeds.json`
    * `diplograph evaluate eval/corpus/dev eval/corpus/dev-a eval/corpus/dev-b --gold eval/gold/dev.json
      --gold eval/gold/dev-a.json --gold eval/gold/dev-b.json` (the whole dev corpus at once)
    * `diplograph evaluate samples --gold samples/expected.json --min pair_f1=0.9 --max meeting_duplicates=0`
    * `diplograph evaluate eval/corpus/blind --gold eval/gold/blind.json --no-diff` (totals only)
    * `diplograph evaluate eval/corpus/dev --gold eval/gold/dev.json --json | jq .figures.meeting_f1`

    **Figures** (the names `--min`, `--max` and `--json` use): `meeting_p/_r/_f1`,
    `pair_p/_r/_f1` (who met whom, persons), `participant_*`, `representation_*`,
    `person_*`, `state_*`, `date_acc`, `location_acc`, `source_recall`,
    `affiliation_acc`, `title_acc`, `meeting_duplicates`, `meeting_spurious`,
    `person_duplicates`, `state_duplicates`, `negatives_hit` (furniture as actors).

    **Exit codes**: `0` scored, within every bound; `1` a figure out of
    bounds (each one named), or an article could not be ingested; `2` wrong
    usage: a corpus or gold file missing or unreadable, a bound naming no figure.
    """
    import json
    import os
    import sys

    from rich.console import Console

    from diplograph.evaluation.bounds import BoundError, breaches, parse_bounds
    from diplograph.evaluation.diff import diff_meetings
    from diplograph.evaluation.exported import read_export
    from diplograph.evaluation.gold import GoldError, load_gold
    from diplograph.evaluation.matching import match_export
    from diplograph.evaluation.report import print_diff, report_document, scores_table
    from diplograph.evaluation.run import run_pipeline
    from diplograph.evaluation.score import score_matching
    from diplograph.summary import EXIT_USAGE
    from ingest.export import write_document

    errors = Console(stderr=True, highlight=False)

    def usage_error(message: str) -> typer.Exit:
        errors.print(f"[bold red]error:[/] {message}")
        return typer.Exit(EXIT_USAGE)

    missing = [str(p) for p in corpora if not p.exists()]
    if missing:
        raise usage_error(f"no such corpus: {', '.join(missing)}")
    try:
        gold_answers = load_gold(gold)
        bounds = parse_bounds(minimum or (), maximum or ())
    except (GoldError, BoundError) as exc:
        raise usage_error(str(exc)) from None

    # warnings only, unless asked for more: the output is the figures and the diff, not a line per article
    settings = _store_settings(None, None, log_level=None if "DIPLOGRAPH_LOG_LEVEL" in os.environ else "WARNING")
    run = run_pipeline(corpora, workers=workers, nlp_model=settings.spacy_model, progress=not no_progress,
                       max_bytes=settings.max_article_bytes)
    for failure in run.report.failures:
        errors.print(f"[bold red]not ingested:[/] {failure.source} ({failure.stage}): {failure.reason}")
    for error in run.report.errors:
        errors.print(f"[bold red]error:[/] {error}")
    unread = sorted({a for m in gold_answers.meetings for a in m.sources} - run.articles.keys())
    if unread:
        errors.print(f"[yellow]warning:[/] the gold cites articles no corpus holds: {', '.join(unread)}")
    if export is not None:
        try:
            write_document(run.document, export)
        except OSError as exc:
            raise usage_error(f"cannot write {export}: {exc.strerror or exc}") from None

    matching = match_export(read_export(run.document), gold_answers)
    scores = score_matching(matching)
    diff = None if no_diff else diff_meetings(matching, run.articles)
    out_of_bounds = breaches(bounds, scores)
    if json_output:
        failures = [{"source": f.source, "stage": f.stage, "reason": f.reason} for f in run.report.failures]
        document = report_document(scores, diff, corpora=corpora, gold=gold, articles=len(run.articles),
                                   failures=failures, breaches=out_of_bounds)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        console = Console(highlight=False)
        if diff is not None:
            print_diff(diff, len(gold_answers.required_meetings), console)
        title = f"{len(run.articles)} articles of {', '.join(map(str, corpora))} against {', '.join(map(str, gold))}"
        console.print(scores_table(scores, title))
        console.print(scores.headline(), soft_wrap=True)
    for message in out_of_bounds:
        errors.print(f"[bold red]out of bounds:[/] {message}")
    if out_of_bounds or not run.report.ok:
        raise typer.Exit(1)


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
