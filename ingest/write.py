"""Keep a store in step with the extractions: per-article records, then the resolved graph.

Each stored payload carries a stamp (`payload["ingest"]`): a hash of the text
it was extracted from and a fingerprint of the extraction code and model. An
article whose stamp and metadata match what is stored is skipped before any
NLP runs, so re-ingesting a corpus costs a read, not an extraction. Changing
the extraction code changes the fingerprint, so the next ingest re-extracts.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from graph_schema.model import Article, Graph
from graph_schema.store import GraphStore, WriteStats
from ingest.extraction import PAYLOAD_VERSION, Extraction

STAMP_KEY = "ingest"
_INGEST_DIR = Path(__file__).resolve().parent
_CODE_SUFFIXES = {".py", ".txt", ".tsv", ".csv", ".json", ".jsonl"}


@dataclass(frozen=True, slots=True)
class Stamp:
    """What an extraction was made from: the article's text and the extraction code."""

    text_sha256: str
    fingerprint: str


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache
def fingerprint(nlp_model: str) -> str:
    """A short hash of the ingest code, its lexicons and the spaCy model (name and version)."""
    digest = hashlib.sha256(f"payload:{PAYLOAD_VERSION}\nmodel:{nlp_model}:{_model_version(nlp_model)}\n".encode())
    for path in sorted(p for p in _INGEST_DIR.rglob("*") if p.is_file() and p.suffix in _CODE_SUFFIXES
                       and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(_INGEST_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _model_version(nlp_model: str) -> str:
    try:
        return metadata.version(nlp_model)
    except metadata.PackageNotFoundError:
        path = Path(nlp_model)
        meta = path / "meta.json"
        return hashlib.sha256(meta.read_bytes()).hexdigest()[:12] if meta.is_file() else "unknown"


def stamped(payload: dict[str, Any], stamp: Stamp) -> dict[str, Any]:
    """The payload with its stamp; `Extraction.from_payload` ignores the extra key."""
    return {**payload, STAMP_KEY: asdict(stamp)}


def stored_stamps(store: GraphStore) -> dict[str, tuple[Article, Stamp | None]]:
    """Every stored article with the stamp of its extraction (None for an unstamped payload)."""
    out: dict[str, tuple[Article, Stamp | None]] = {}
    for article, payload in store.article_payloads():
        raw = payload.get(STAMP_KEY) if isinstance(payload, dict) else None
        stamp = Stamp(raw["text_sha256"], raw["fingerprint"]) if isinstance(raw, dict) and {
            "text_sha256", "fingerprint"} <= raw.keys() else None
        out[article.id] = (article, stamp)
    return out


def is_unchanged(stored: tuple[Article, Stamp | None] | None, article: Article, stamp: Stamp) -> bool:
    """True when the store already holds this article, with the same metadata, from the same text and code."""
    return stored is not None and stored[1] == stamp and stored[0] == article


def put_extraction(store: GraphStore, article: Article, payload: dict[str, Any], stamp: Stamp) -> bool:
    """Keep one article with its stamped extraction, all or nothing; False when nothing changed."""
    return store.put_article(article, stamped(payload, stamp))


def stored_extractions(store: GraphStore) -> list[Extraction]:
    """Every stored extraction, in article id order."""
    return [Extraction.from_payload(payload) for _, payload in store.article_payloads()]


def rebuild_graph(store: GraphStore) -> tuple[Graph, WriteStats]:
    """Resolve every stored extraction into one graph and make the store's graph equal it."""
    from ingest.resolve import resolve

    with store.lock():  # a concurrent ingest must not replace the graph between our read and write
        graph = resolve(stored_extractions(store))
        return graph, store.replace_graph(graph)
