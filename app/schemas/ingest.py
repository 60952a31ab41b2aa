"""Articles posted for ingest, and what became of each."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.common import IsoDate

MAX_BATCH = 100  # articles per request


class ArticleIn(BaseModel):
    """One news article: its text and what is known about it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "example-0001",
        "title": "Foreign ministers meet in Paris",
        "outlet": "Example Wire",
        "url": "https://news.example/2019/06/04/ministers-meet",
        "published": "2019-06-04",
        "dateline": "Paris",
        "text": "PARIS (Example Wire) - French Foreign Minister Jean Martin met his German counterpart "
                "Anna Keller in Paris on Monday to discuss trade.",
    }]})

    id: str | None = Field(default=None, max_length=200,
                           description="Your id for the article; derived from the url or text when absent")
    title: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=4000)
    published: IsoDate | None = Field(default=None, description="Publication date; relative dates resolve against it")
    dateline: str | None = Field(default=None, max_length=200, description="The dateline's place, e.g. `PARIS`")
    language: str | None = Field(default=None, max_length=20, examples=["en"])
    text: str = Field(description="The article's plain text")


class IngestRequest(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH)


class ArticleOutcome(BaseModel):
    """What happened to one posted article."""

    index: int = Field(ge=0, description="Position in the request")
    id: str | None = Field(description="The article id used (null if none could be given)")
    status: Literal["ingested", "unchanged", "failed"]
    reason: str | None = Field(default=None, description="Why it failed")


class GraphChanges(BaseModel):
    created: int = 0
    updated: int = 0
    deleted: int = 0


class IngestResult(BaseModel):
    results: list[ArticleOutcome]
    ingested: int
    unchanged: int
    failed: int
    graph: GraphChanges = Field(description="Nodes and relationships the re-resolved graph changed")
    errors: list[str] = Field(default_factory=list,
                              description="Batch-wide problems, e.g. the graph could not be re-resolved")
