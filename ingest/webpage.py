"""The article inside a web page: its text with paragraph breaks, and its metadata.

Page chrome (scripts, navigation, headers, footers, sidebars, forms, figures
and their captions, comment sections, share bars, related-story boxes) is
dropped before the text is taken, so it never reaches `clean` or the NLP.
"""
from __future__ import annotations

import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

DROP_TAGS = ("script", "style", "noscript", "template", "svg", "canvas", "iframe", "nav", "header", "footer",
             "aside", "form", "button", "select", "figure", "figcaption", "picture", "video", "audio", "dialog")
BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
              "blockquote", "pre", "table", "tr", "dd", "dt", "dl", "hr", "address", "center", "body", "td", "th"}
# class/id words that mark page furniture around the article, compared word by word ("share-bar" -> share)
DROP_MARKERS = {"comment", "comments", "disqus", "respond", "share", "sharing", "social", "related", "breadcrumb",
                "breadcrumbs", "newsletter", "cookie", "cookies", "advert", "advertisement", "promo", "sidebar",
                "subscribe", "paywall", "byline", "caption", "recirculation", "outbrain", "taboola"}
KEEP_TAGS = {"html", "body", "main", "article"}
MAX_FURNITURE_SHARE = 0.5  # a "share"/"comments" box holding more of the page's text than this is the story

PUBLISHED_META = ("article:published_time", "og:published_time", "datePublished", "datepublished", "pubdate",
                  "publishdate", "publish-date", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.created",
                  "sailthru.date", "parsely-pub-date", "article.published")


def html_article(html: str) -> tuple[str, dict[str, Any], list[str]]:
    """(text, metadata, warnings) of one HTML page; text is "" when the page has none."""
    warnings: list[str] = []
    if not re.search(r"</html\s*>", html[-4096:], re.IGNORECASE) and re.search(r"<html", html[:4096], re.IGNORECASE):
        warnings.append("HTML looks truncated (no closing </html>)")
    tree = LexborHTMLParser(html)
    meta = _metadata(tree, html)
    for node in tree.css(", ".join(DROP_TAGS)):
        node.decompose()
    body = tree.body or tree.root
    total = len(body.text(strip=True)) if body is not None else 0
    for node in list(tree.css("[class], [id]")):
        if node.tag not in KEEP_TAGS and _is_furniture(node):
            if len(node.text(strip=True)) > MAX_FURNITURE_SHARE * total:
                continue  # "post has-share-buttons" around the story itself: keep it
            node.decompose()
    root = _article_root(tree)
    text = _text(root) if root is not None else ""
    return text, meta, warnings


def _is_furniture(node: LexborNode) -> bool:
    attrs = node.attributes
    words = set(re.split(r"[\s_\-]+", f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()))
    return bool(words & DROP_MARKERS)


def _article_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The `<article>` (or `<main>`) with the most text, else the body."""
    best, best_len = None, 0
    for node in tree.css("article, main, [itemprop=articleBody]"):
        length = len(node.text(strip=True))
        if length > best_len:
            best, best_len = node, length
    if best is not None and best_len >= 200:
        return best
    return tree.body or tree.root


def _text(root: LexborNode) -> str:
    """The visible text with a blank line between blocks and a newline for `<br>`."""
    parts: list[str] = []
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            parts.append("\n\n")
            continue
        if node.is_text_node:
            parts.append(node.text_content or "")
            continue
        if tag == "br":
            parts.append("\n")
            continue
        if tag in ("-comment", "_comment") or node.is_comment_node:
            continue
        block = tag in BLOCK_TAGS
        if block:
            parts.append("\n\n")
            stack.append((node, True))
        children = list(node.iter(include_text=True))
        for child in reversed(children):
            stack.append((child, False))
    text = "".join(parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\f\v\u200b]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _metadata(tree: LexborHTMLParser, html: str) -> dict[str, Any]:
    metas: dict[str, str] = {}
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name")
               or node.attributes.get("itemprop") or "").strip()
        content = node.attributes.get("content")
        if key and content and key.lower() not in metas:
            metas[key.lower()] = content.strip()
    meta: dict[str, Any] = {}
    title_node = tree.css_first("title")
    meta["title"] = metas.get("og:title") or (title_node.text(strip=True) if title_node else None) or None
    if not meta["title"] and (h1 := tree.css_first("h1")):
        meta["title"] = h1.text(strip=True) or None
    for key in PUBLISHED_META:
        if metas.get(key.lower()):
            meta["published"] = metas[key.lower()]
            break
    else:
        meta["published"] = _json_ld_published(tree) or _time_published(tree)
    meta["outlet"] = metas.get("og:site_name") or metas.get("application-name")
    if meta.get("title") and meta.get("outlet"):  # "Headline | Outlet" -> "Headline"
        meta["title"] = re.sub(rf"\s*[|\-\u2013\u2014:]\s*{re.escape(meta['outlet'])}\s*$", "", meta["title"]) or meta["title"]
    canonical = tree.css_first("link[rel=canonical]")
    meta["url"] = (canonical.attributes.get("href") if canonical else None) or metas.get("og:url")
    html_node = tree.css_first("html")
    lang = html_node.attributes.get("lang") if html_node else None
    meta["language"] = lang.split("-")[0].lower() if lang else None
    return {k: v for k, v in meta.items() if v}


def _json_ld_published(tree: LexborHTMLParser) -> str | None:
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except json.JSONDecodeError:
            continue
        found = _find_key(data, "datePublished")
        if found:
            return found
    return None


def _find_key(data: Any, key: str) -> str | None:
    if isinstance(data, dict):
        if isinstance(data.get(key), str):
            return data[key]
        data = list(data.values())
    if isinstance(data, list):
        for item in data:
            if (found := _find_key(item, key)) is not None:
                return found
    return None


def _time_published(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("time[datetime]")
    return node.attributes.get("datetime") if node else None
