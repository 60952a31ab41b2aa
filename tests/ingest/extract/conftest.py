"""Small articles analysed by the real spaCy pipeline, for the extraction tests."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from graph_schema.model import Article
from ingest.analyze import Document, analyze, load_nlp
from ingest.extract import extract
from ingest.extraction import ActorMention, EventMention, Extraction
from ingest.read import ArticleText


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture
def analyzed(nlp) -> Callable[..., Document]:
    def make(text: str, published: str = "2019-03-13", dateline: str | None = None, id: str = "t1") -> Document:
        article = Article(id=id, title=None, published=published, dateline=dateline)
        return analyze(ArticleText(article, text, f"{id}.txt"), nlp)

    return make


@pytest.fixture
def extracted(analyzed) -> Callable[..., Extraction]:
    def make(text: str, published: str = "2019-03-13", dateline: str | None = None, id: str = "t1") -> Extraction:
        return extract(analyzed(text, published, dateline, id))

    return make


def person(x: Extraction, name: str) -> ActorMention:
    found = [a for a in x.actors if a.kind == "person" and (a.name == name or name in a.aliases)]
    assert len(found) == 1, f"{name!r} among {[a.name for a in x.actors if a.kind == 'person']}"
    return found[0]


def meetings(x: Extraction) -> list[EventMention]:
    return [e for e in x.events if e.type == "meeting"]


def names(x: Extraction, event: EventMention) -> dict[str, tuple[str, str | None]]:
    """A meeting's participants by name: role and the code of the state represented."""
    by_key = {a.key: a for a in x.actors}
    out = {}
    for p in event.participants:
        rep = by_key[p.represents].country if p.represents else None
        out[by_key[p.actor].name] = (str(p.role), rep)
    return out
