"""The `diplomatic-graph/1` export document (see `graph_schema/document.py`).

Extra fields are allowed everywhere, as the format allows them.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.common import EvidenceOut


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class DocArticle(_Open):
    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    dateline: str | None = None
    language: str | None = None


class DocOffice(_Open):
    title: str
    of: str | None = None
    evidence: list[EvidenceOut] = Field(default_factory=list)


class DocActor(_Open):
    id: str
    name: str
    kind: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    titles: list[str] = Field(default_factory=list)
    affiliation: str | None = None
    offices: list[DocOffice] = Field(default_factory=list)
    evidence: list[EvidenceOut] = Field(default_factory=list)


class DocLocation(_Open):
    id: str
    name: str
    kind: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    within: str | None = None
    aliases: list[str] = Field(default_factory=list)


class DocParticipant(_Open):
    actor: str
    role: str
    represents: str | None = None
    evidence: list[EvidenceOut] = Field(default_factory=list)


class DocEvent(_Open):
    id: str
    type: str
    cameo: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: str | None = None
    participants: list[DocParticipant] = Field(default_factory=list)
    sources: list[EvidenceOut] = Field(default_factory=list)
    merged_from: list[str] = Field(default_factory=list)


class DocConflict(_Open):
    subject: str
    field: str
    kept: str | None = None
    other: str | None = None
    evidence: list[EvidenceOut] = Field(default_factory=list)


class GraphDocument(_Open):
    """The whole graph as one deterministic JSON document (every list sorted by id)."""

    format: Literal["diplomatic-graph/1"] = "diplomatic-graph/1"
    articles: list[DocArticle] = Field(default_factory=list)
    actors: list[DocActor] = Field(default_factory=list)
    locations: list[DocLocation] = Field(default_factory=list)
    events: list[DocEvent] = Field(default_factory=list)
    conflicts: list[DocConflict] = Field(default_factory=list)
