"""Batch ingest: files in, one resolved graph in the store out.

    read -> (per article, here and in worker processes) clean -> analyze -> extract
         -> (in this process) put_article per article -> resolve all -> replace_graph

A bad article never stops the batch: it becomes an `ArticleFailure` naming the
file and the reason. If the store goes away midway, writing stops and the
report lists exactly which articles did not go in; running the same ingest
again completes them. The graph is a function of the set of stored
extractions, so any order of ingest, or ingesting twice, gives the same graph.

With `workers=N` this process and N-1 spawned workers extract (`ingest.workers`).
Workers are *spawned* (not forked: the parent may hold driver sockets and a
progress thread), so a script calling `ingest(..., workers=2)` needs the usual
`if __name__ == "__main__":` guard; the `diplograph` command has it.
"""
from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from graph_schema.model import Graph
from graph_schema.store import GraphStore, StoreError, StoreUnavailable, WriteStats
from ingest.encoding import UTF8
from ingest.read import ArticleText, ReadFailure, read_articles
from ingest.workers import extractions
from ingest.write import Stamp, fingerprint, is_unchanged, put_extraction, rebuild_graph, stored_stamps, text_hash

log = logging.getLogger("diplograph.ingest")

DUPLICATE_TEXT = "(same text)"  # how `read_articles` marks a second copy of an article already read


@dataclass(frozen=True, slots=True)
class ArticleFailure:
    """An article (or input file) that did not go in, at which stage and why."""

    source: str  # file path, or `file.jsonl:LINE`
    reason: str
    stage: str = "read"  # read, extract, store
    article: str | None = None  # article id, once known


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What became of one readable article."""

    status: Literal["ingested", "unchanged", "failed"]
    reason: str | None = None


@dataclass(slots=True)
class IngestReport:
    """What one ingest did."""

    read: int = 0  # readable articles
    new: int = 0  # stored by this run (new or changed)
    unchanged: int = 0  # already in the store as they are
    failures: list[ArticleFailure] = field(default_factory=list)
    duplicates: list[ArticleFailure] = field(default_factory=list)  # second copies of an article, skipped
    encodings: dict[str, str] = field(default_factory=dict)  # source -> encoding, for what was not UTF-8
    errors: list[str] = field(default_factory=list)  # batch-wide problems (store unavailable, resolve failed)
    store_unavailable: bool = False
    graph_updated: bool = False
    actors: int = 0
    events: int = 0
    facts: int = 0
    write: WriteStats = field(default_factory=WriteStats)
    duration_s: float = 0.0
    results: dict[str, ArticleResult] = field(default_factory=dict)  # article id -> outcome

    @property
    def stats(self) -> WriteStats:
        """The graph writes (`write`), under the name the API reads."""
        return self.write

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def not_written(self) -> list[ArticleFailure]:
        """Readable articles that did not go in because the store failed."""
        return [f for f in self.failures if f.stage == "store"]

    @property
    def ok(self) -> bool:
        return not self.failures and not self.errors


# --- extraction (in this process and in workers: ingest.workers) -------------------------------

def model_problem(model: str) -> str | None:
    """Why the spaCy model cannot be loaded, checked cheaply (no load), or None when it is there."""
    import importlib.util

    if Path(model).is_dir() or importlib.util.find_spec(model.replace("-", "_")) is not None:
        return None
    return (f"spaCy model {model!r} is not installed (setting `spacy_model`, env DIPLOGRAPH_SPACY_MODEL); "
            f"install it with: pip install -e '.[model]'")


# --- the parent side ---------------------------------------------------------------------------


def ingest(paths: Iterable[Path | str], store: GraphStore, *, workers: int = 1, nlp_model: str | None = None,
           progress: bool = True, max_bytes: int | None = None) -> IngestReport:
    """Ingest every article under `paths` into `store`; never raises for a bad article or a lost store."""
    from diplograph.settings import get_settings

    started = time.monotonic()
    report = IngestReport()
    texts = _read(_unique(paths), max_bytes or get_settings().max_article_bytes, report)
    return _ingest_texts(texts, store, report, started, workers=workers, nlp_model=nlp_model, progress=progress)


def ingest_articles(texts: list[ArticleText], store: GraphStore, *, settings: Any = None, workers: int = 1,
                    nlp_model: str | None = None, progress: bool = False) -> IngestReport:
    """Ingest articles already read (e.g. posted to the API); `report.results` has one outcome per article id."""
    from diplograph.settings import get_settings

    settings = settings or get_settings()
    report = IngestReport(read=len(texts))
    return _ingest_texts(list(texts), store, report, time.monotonic(), workers=workers,
                         nlp_model=nlp_model or settings.spacy_model, progress=progress)


def _ingest_texts(texts: list[ArticleText], store: GraphStore, report: IngestReport, started: float, *,
                  workers: int, nlp_model: str | None, progress: bool) -> IngestReport:
    from diplograph.settings import get_settings

    model = nlp_model or get_settings().spacy_model
    log.info("ingest.start", extra={"store": store.name, "articles": len(texts), "workers": workers})
    with _progress_bar(progress) as bar:
        try:
            store.ping()
            stored = stored_stamps(store)
        except StoreUnavailable as exc:
            _store_lost(report, exc, texts)
            return _finish(report, started)
        code = fingerprint(model)
        stamps = {i: Stamp(text_hash(t.text), code) for i, t in enumerate(texts)}
        todo: list[tuple[int, ArticleText]] = []
        for i, item in enumerate(texts):
            if is_unchanged(stored.get(item.article.id), item.article, stamps[i]):
                _stored(report, item, changed=False)
            else:
                todo.append((i, item))

        problem = model_problem(model) if todo else None
        if problem:
            report.errors.append(problem)
            for _, item in todo:
                _fail(report, ArticleFailure(item.source, problem, "extract", item.article.id))
            todo = []
        task = bar(f"extracting {len(todo)} article(s)", len(todo))
        pending = {i for i, _ in todo}
        results = extractions(todo, model, workers)
        try:
            for index, payload, error in results:
                item = texts[index]
                task()
                if error is not None:
                    pending.discard(index)
                    _fail(report, ArticleFailure(item.source, error, "extract", item.article.id))
                    continue
                try:
                    changed = put_extraction(store, item.article, payload, stamps[index])
                except StoreUnavailable:
                    raise
                except StoreError as exc:
                    pending.discard(index)
                    _fail(report, ArticleFailure(item.source, f"store refused it: {exc}", "store", item.article.id))
                    continue
                pending.discard(index)
                _stored(report, item, changed)
        except StoreUnavailable as exc:
            results.close()  # stop the workers: nothing more can be written
            _store_lost(report, exc, [texts[i] for i in sorted(pending)])
            return _finish(report, started)
        finally:
            results.close()

        bar("resolving the graph", None)
        try:
            graph, report.write = rebuild_graph(store)
        except StoreUnavailable as exc:
            _store_lost(report, exc, [])
            return _finish(report, started)
        except Exception as exc:  # noqa: BLE001 - the articles are stored; a re-run retries the graph
            log.exception("graph.failed", extra={"reason": f"{type(exc).__name__}: {exc}"})
            report.errors.append(f"the graph was not updated: {type(exc).__name__}: {exc}")
            return _finish(report, started)
    report.graph_updated = True
    report.actors, report.events, report.facts = _counts(store, graph)
    log.info("graph.replaced", extra={"nodes_and_edges_created": report.write.created,
                                      "updated": report.write.updated, "deleted": report.write.deleted})
    return _finish(report, started)


def _counts(store: GraphStore, graph: Graph) -> tuple[int, int, int]:
    """Actors, events and facts as the store counts them (the API shows the same numbers)."""
    try:
        counts = store.counts()
        return counts["actors"], counts["events"], counts["facts"]
    except (StoreError, KeyError):  # the graph is written; only the count is missing
        facts = sum(len(e.participants) + len(e.sources) for e in graph.events.values())
        return len(graph.actors), len(graph.events), facts


def _unique(paths: Iterable[Path | str]) -> list[Path]:
    """The paths in order, each once: the same file named twice is one input, not a duplicate article."""
    seen: set[Path] = set()
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _read(paths: list[Path], max_bytes: int, report: IngestReport) -> list[ArticleText]:
    texts: list[ArticleText] = []
    for result in read_articles(paths, max_bytes=max_bytes):
        if isinstance(result, ReadFailure):
            failure = ArticleFailure(result.source, result.reason, "read")
            if DUPLICATE_TEXT in result.reason:
                report.duplicates.append(failure)
                log.info("article.duplicate", extra={"source": result.source, "reason": result.reason})
            else:
                _fail(report, failure)
            continue
        for warning in result.warnings:
            log.warning("article.warning", extra={"article": result.article.id, "source": result.source,
                                                  "reason": warning})
        if result.encoding != UTF8:
            report.encodings[result.source] = result.encoding
            log.info("article.encoding", extra={"article": result.article.id, "source": result.source,
                                                "encoding": result.encoding})
        texts.append(result)
    report.read = len(texts)
    return texts


def _stored(report: IngestReport, item: ArticleText, changed: bool) -> None:
    if changed:
        report.new += 1
        log.info("article.stored", extra={"article": item.article.id, "source": item.source})
    else:
        report.unchanged += 1
        log.debug("article.unchanged", extra={"article": item.article.id})
    report.results[item.article.id] = ArticleResult("ingested" if changed else "unchanged")


def _fail(report: IngestReport, failure: ArticleFailure) -> None:
    report.failures.append(failure)
    if failure.article is not None:
        report.results[failure.article] = ArticleResult("failed", failure.reason)
    log.warning("article.failed", extra={"article": failure.article, "source": failure.source,
                                         "stage": failure.stage, "reason": failure.reason})


def _store_lost(report: IngestReport, exc: Exception, unwritten: list[ArticleText]) -> None:
    """Record that the store went away and which readable articles therefore did not go in."""
    report.store_unavailable = True
    report.errors.append(f"store unavailable: {exc}")
    log.error("store.unavailable", extra={"reason": str(exc), "not_written": len(unwritten)})
    for item in unwritten:
        _fail(report, ArticleFailure(item.source, f"not written, the store is unavailable: {exc}", "store",
                                     item.article.id))


def _finish(report: IngestReport, started: float) -> IngestReport:
    report.duration_s = time.monotonic() - started
    log.info("ingest.done", extra={"read": report.read, "new": report.new, "unchanged": report.unchanged,
                                   "failed": report.failed, "duplicates": len(report.duplicates),
                                   "duration_s": round(report.duration_s, 3)})
    return report


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[..., Callable[[], None]]]:
    """`bar(description, total)` starts a step and returns `advance()`; a no-op without a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield lambda description, total: (lambda: None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as progress:
        steps: list[tuple[Any, int | None]] = []

        def bar(description: str, total: int | None) -> Callable[[], None]:
            if steps:  # the previous step is over
                previous, previous_total = steps[-1]
                progress.update(previous, completed=previous_total or 1, total=previous_total or 1)
            task_id = progress.add_task(description, total=total)
            steps.append((task_id, total))
            return lambda: progress.advance(task_id)

        yield bar
