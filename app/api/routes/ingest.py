"""Ingest over HTTP: posted articles go through the same pipeline as files do.

Each article gets its own outcome; a bad one (no text, too large, a duplicate
in the batch) is reported with the reason and the rest still go in.
"""
from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Body, Depends

from app.api.deps import SettingsDep, WritableStoreDep, require_api_key
from app.problems import responses
from app.schemas.ingest import ArticleIn, ArticleOutcome, GraphChanges, IngestRequest, IngestResult
from graph_schema.model import Article
from graph_schema.store import StoreUnavailable
from ingest.pipeline import ingest_articles as ingest_texts
from ingest.read import ArticleText, content_id

log = logging.getLogger("app.ingest")

router = APIRouter(tags=["ingest"])


def _article_text(index: int, posted: ArticleIn, max_bytes: int) -> ArticleText | str:
    """The posted article ready for the pipeline, or why it cannot go in."""
    if not posted.text.strip():
        return "no text"
    size = len(posted.text.encode("utf-8"))
    if size > max_bytes:
        return f"text is {size} bytes, more than the limit of {max_bytes}"
    article = Article(id=(posted.id or "").strip() or content_id(posted.text), title=posted.title,
                      outlet=posted.outlet, url=posted.url,
                      published=posted.published.isoformat() if posted.published else None,
                      dateline=posted.dateline, language=posted.language)
    return ArticleText(article=article, text=posted.text, source=f"articles[{index}]")


@router.post("/articles", operation_id="ingest_articles", response_model=IngestResult,
             dependencies=[Depends(require_api_key)], responses=responses(400, 401, 413, 422, 429),
             summary="Ingest articles: extract, resolve and store; one outcome per article")
def ingest_articles(
    store: WritableStoreDep, settings: SettingsDep,
    request: Annotated[IngestRequest, Body(openapi_examples={"one article": {
        "summary": "One article",
        "value": {"articles": [ArticleIn.model_json_schema()["examples"][0]]}}})],
) -> IngestResult:
    outcomes: dict[int, ArticleOutcome] = {}
    ready: list[tuple[int, ArticleText]] = []
    seen: dict[str, int] = {}
    for index, posted in enumerate(request.articles):
        item = _article_text(index, posted, settings.max_article_bytes)
        if isinstance(item, str):
            outcomes[index] = ArticleOutcome(index=index, id=posted.id, status="failed", reason=item)
        elif item.article.id in seen:
            outcomes[index] = ArticleOutcome(index=index, id=item.article.id, status="failed",
                                             reason=f"duplicate of articles[{seen[item.article.id]}] (same id)")
        else:
            seen[item.article.id] = index
            ready.append((index, item))
    changes, errors = GraphChanges(), []
    if ready:
        report = ingest_texts([item for _, item in ready], store, settings=settings)
        if report.store_unavailable:  # nothing half-done is hidden: the client retries, which is idempotent
            raise StoreUnavailable("; ".join(report.errors) or "the store went away during ingest")
        for index, item in ready:
            result = report.results.get(item.article.id)
            outcomes[index] = ArticleOutcome(
                index=index, id=item.article.id, status=result.status if result else "failed",
                reason=result.reason if result else "the pipeline reported no outcome for it")
        changes = GraphChanges(created=report.write.created, updated=report.write.updated,
                               deleted=report.write.deleted)
        errors = list(report.errors)
    results = [outcomes[i] for i in sorted(outcomes)]
    log.info("ingest.request", extra={"articles": len(results),
                                      "failed": sum(r.status == "failed" for r in results)})
    return IngestResult(results=results, ingested=sum(r.status == "ingested" for r in results),
                        unchanged=sum(r.status == "unchanged" for r in results),
                        failed=sum(r.status == "failed" for r in results), graph=changes, errors=errors)
