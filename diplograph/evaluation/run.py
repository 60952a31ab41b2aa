"""Ingest corpora into a throwaway embedded store and export the graph: what the pipeline makes of them.

The store lives in a temporary folder removed afterwards, so an evaluation
never touches the data a user serves, and two evaluations never mix.
"""
from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_schema.stores.embedded import EmbeddedStore
from ingest.export import export_document
from ingest.pipeline import IngestReport, ingest
from ingest.read import ArticleText, read_articles


@dataclass(frozen=True, slots=True)
class CorpusRun:
    """What ingesting the corpora produced."""

    document: dict[str, Any]  # the `diplomatic-graph/1` export
    report: IngestReport
    articles: dict[str, str]  # article id -> text, for the per-meeting diff


def run_pipeline(corpora: Sequence[Path], *, workers: int = 1, nlp_model: str | None = None, progress: bool = False,
                 max_bytes: int | None = None) -> CorpusRun:
    """Ingest `corpora` (folders or files) into a fresh embedded store and export it."""
    with tempfile.TemporaryDirectory(prefix="diplograph-evaluate-") as folder:
        with EmbeddedStore(Path(folder) / "data") as store:
            report = ingest(corpora, store, workers=workers, nlp_model=nlp_model, progress=progress,
                            max_bytes=max_bytes)
            document = export_document(store)
    articles = {item.article.id: item.text for item in read_articles(corpora, max_bytes)
                if isinstance(item, ArticleText)}
    return CorpusRun(document=document, report=report, articles=articles)
