"""Read article files into `ArticleText`: the first stage of ingest.

Inputs are `.txt` (optional `---` front matter of `key: value` lines),
`.html`/`.htm`, `.jsonl` (one article per line) and directories of them
(recursive, sorted; in a directory, files of other kinds such as README.md
are skipped, while a named file of an unknown kind is reported). A
`manifest.jsonl` beside files gives their metadata by `file` name; the manifest
is the curator's word and wins over what a file says about itself. (A `.jsonl`
file's lines carry their own metadata; the manifest is not applied to them.)

Nothing raises: a file that cannot be read becomes a `ReadFailure` naming it
and the reason, and the rest of the batch goes on.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from graph_schema.model import Article
from ingest.encoding import UTF8, Decoded, Undecodable, decode

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST_NAME = "manifest.jsonl"
METADATA_KEYS = ("id", "title", "outlet", "url", "published", "dateline", "language")
ID_LENGTH = 16
PLACEHOLDERS = {"unknown", "n/a", "na", "none", "null", "-", "?"}  # metadata values that say "we don't know"


@dataclass(slots=True)
class ArticleText:
    """One readable article: its metadata, its text and where it came from."""

    article: Article
    text: str
    source: str  # file path, or `file.jsonl:LINE`
    warnings: list[str] = field(default_factory=list)
    encoding: str = UTF8  # what the bytes were read as; anything else is an assumption the summary names


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that yielded no article, and why."""

    source: str
    reason: str


class _Unreadable(Exception):
    """Internal: carries the precise reason a file is unreadable."""


def read_articles(paths: Iterable[Path | str], max_bytes: int | None = None) -> Iterator[ArticleText | ReadFailure]:
    """Every article under `paths`, in order, with a `ReadFailure` for each bad input.

    `max_bytes` (default: setting `max_article_bytes`) caps one article: a
    bigger file is rejected from its size alone, without being read.
    Within one call, an article with an id or a text already seen is reported
    as a duplicate of the first.
    """
    if max_bytes is None:
        from diplograph.settings import get_settings

        max_bytes = get_settings().max_article_bytes
    seen_ids: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    manifests: dict[Path, dict[str, dict[str, Any]] | ReadFailure] = {}
    manifest_reported: dict[str, bool] = {}
    for item in _expand(paths):
        if isinstance(item, ReadFailure):
            yield item
            continue
        for result in _read_file(item, max_bytes, manifests, manifest_reported):
            if isinstance(result, ArticleText):
                result = _deduplicate(result, seen_ids, seen_texts)
            yield result


def content_id(text: str) -> str:
    """A stable id for an article without one: a short hash of its normalised text."""
    return hashlib.sha256(_normalise_for_hash(text).encode("utf-8")).hexdigest()[:ID_LENGTH]


def iso_date(value: Any) -> str | None:
    """`value` as an ISO `YYYY-MM-DD` date, or None if it is not a date we understand."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$", text)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$", text)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"^(\d{4})(\d{2})(\d{2})(?:T\d{4,6}Z?)?$", text)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    try:
        return parsedate_to_datetime(text).date().isoformat()  # RFC 2822: "Mon, 28 May 2007 10:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        pass
    if re.search(r"\b\d{4}\b", text):  # "May 28, 2007", "28th of May 2007", "Sept. 3 2007 10:00 GMT"
        from ingest.when import resolve_time

        resolved = resolve_time(text, date.today())
        if resolved is not None and resolved.precision == "day":
            return resolved.date
    return None


# --- expanding paths ---------------------------------------------------------------------------


def _expand(paths: Iterable[Path | str]) -> Iterator[Path | ReadFailure]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        elif path.exists():
            yield ReadFailure(str(path), "not a regular file")
        else:
            yield ReadFailure(str(path), "no such file or directory")


def _walk(directory: Path) -> Iterator[Path | ReadFailure]:
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield ReadFailure(str(directory), f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders (.git, .DS_Store) are not articles
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.name != MANIFEST_NAME and entry.suffix.lower() in KNOWN_SUFFIXES:
            yield entry  # in a folder, other files (README.md, expected.json) are not articles


# --- one file ----------------------------------------------------------------------------------


def _read_file(path: Path, max_bytes: int, manifests: dict[Path, dict[str, dict[str, Any]] | ReadFailure],
               manifest_reported: dict[str, bool]) -> Iterator[ArticleText | ReadFailure]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        yield ReadFailure(source, f"unknown extension {suffix or '(none)'!r}: expected one of "
                                  f"{', '.join(sorted(KNOWN_SUFFIXES))}")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Unreadable(f"too large: {size} bytes, the limit is {max_bytes} bytes")
        if size == 0:
            raise _Unreadable("empty file")
        raw = path.read_bytes()
    except _Unreadable as exc:
        yield ReadFailure(source, str(exc))
        return
    except OSError as exc:
        yield ReadFailure(source, f"cannot read: {exc.strerror or exc}")
        return
    warnings: list[str] = []
    try:
        decoded = _decode(raw, html=suffix in HTML_SUFFIXES)
    except Undecodable as exc:
        yield ReadFailure(source, str(exc))
        return
    if suffix in HTML_SUFFIXES:
        from ingest.webpage import html_article

        text, meta, warnings = html_article(decoded.text)
    else:
        text, meta = _split_front_matter(decoded.text)
    manifest = _manifest_for(path, manifests)
    if isinstance(manifest, ReadFailure):
        if not manifest_reported.get(manifest.source):
            manifest_reported[manifest.source] = True
            yield manifest
        warnings.append(f"manifest ignored: {manifest.source}: {manifest.reason}")
    elif path.name in manifest:
        meta = {**meta, **{k: v for k, v in manifest[path.name].items() if v not in (None, "")}}
    yield _article(text, meta, source, warnings, title_from_first_line=suffix in TEXT_SUFFIXES,
                   encoding=decoded.encoding)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[ArticleText | ReadFailure]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadFailure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    any_line = False
    with handle:
        number = 0
        while True:
            line = handle.readline(max_bytes + 1)
            if not line:
                break
            number += 1
            source = f"{path}:{number}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the oversized line without holding it
                yield ReadFailure(source, f"line too large: over {max_bytes} bytes")
                continue
            if not line.strip():
                continue
            any_line = True
            try:
                decoded = _decode(line, html=False)
                record = _json_loads(decoded.text)
            except Undecodable as exc:
                yield ReadFailure(source, str(exc))
                continue
            except json.JSONDecodeError as exc:
                yield ReadFailure(source, f"bad JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(record, dict):
                yield ReadFailure(source, f"bad JSON: expected an object, got {type(record).__name__}")
                continue
            text = record.get("text")
            if not isinstance(text, str):
                yield ReadFailure(source, "no 'text' field" if text is None else "'text' is not a string")
                continue
            meta = {k: record[k] for k in METADATA_KEYS if record.get(k) not in (None, "")}
            yield _article(_normalise_text(text), meta, source, [], title_from_first_line=False,
                           encoding=decoded.encoding)
    if not any_line:
        yield ReadFailure(str(path), "empty file")


def _article(text: str, meta: dict[str, Any], source: str, warnings: list[str],
             title_from_first_line: bool, encoding: str = UTF8) -> ArticleText | ReadFailure:
    if not text.strip():
        return ReadFailure(source, "no text")
    meta = {k: (str(v).strip() if v is not None else None) for k, v in meta.items()}
    meta = {k: v for k, v in meta.items() if v and v.casefold() not in PLACEHOLDERS}
    if not meta.get("title") and title_from_first_line:
        first = text.strip().split("\n", 1)[0].strip()
        if 0 < len(first) <= 200:
            meta["title"] = first
    published = meta.get("published")
    iso = iso_date(published)
    if published and not iso:
        warnings.append(f"published date {published!r} not understood")
    elif not published:
        warnings.append("no published date")
    meta["published"] = iso
    article = Article(
        id=meta.get("id") or content_id(text),
        title=meta.get("title") or None,
        outlet=meta.get("outlet") or None,
        url=meta.get("url") or None,
        published=iso,
        dateline=meta.get("dateline") or None,
        language=meta.get("language") or None,
    )
    return ArticleText(article=article, text=text, source=source, warnings=warnings, encoding=encoding)


def _deduplicate(item: ArticleText, seen_ids: dict[str, str],
                 seen_texts: dict[str, str]) -> ArticleText | ReadFailure:
    digest = hashlib.sha256(_normalise_for_hash(item.text).encode("utf-8")).hexdigest()
    if digest in seen_texts:
        return ReadFailure(item.source, f"duplicate of {seen_texts[digest]} (same text)")
    if item.article.id in seen_ids:
        return ReadFailure(item.source, f"duplicate of {seen_ids[item.article.id]} (same id {item.article.id!r})")
    seen_ids[item.article.id] = item.source
    seen_texts[digest] = item.source
    return item


# --- decoding and metadata ---------------------------------------------------------------------

def _decode(raw: bytes, html: bool) -> Decoded:
    decoded = decode(raw, html=html)
    return Decoded(_normalise_text(decoded.text), decoded.encoding)


def _normalise_text(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _normalise_for_hash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _split_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """`---` / `key: value` lines / `---` at the top of a text file, and the text after it."""
    if not text.startswith("---\n"):
        return text, {}
    end = re.search(r"^---[ \t]*$", text[4:], re.MULTILINE)
    if not end:
        return text, {}
    meta: dict[str, Any] = {}
    for line in text[4:4 + end.start()].split("\n"):
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key:
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta[{"date": "published"}.get(key, key)] = value or None
    body = text[4 + end.end():]
    return body.lstrip("\n"), {k: v for k, v in meta.items() if k in METADATA_KEYS}


def _manifest_for(path: Path, cache: dict[Path, dict[str, dict[str, Any]] | ReadFailure]
                  ) -> dict[str, dict[str, Any]] | ReadFailure:
    folder = path.parent
    if folder not in cache:
        cache[folder] = _load_manifest(folder / MANIFEST_NAME)
    return cache[folder]


def _load_manifest(manifest: Path) -> dict[str, dict[str, Any]] | ReadFailure:
    if not manifest.is_file():
        return {}
    entries: dict[str, dict[str, Any]] = {}
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return ReadFailure(str(manifest), f"cannot read manifest: {exc}")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = _json_loads(line)
        except json.JSONDecodeError as exc:
            return ReadFailure(f"{manifest}:{number}", f"bad JSON in manifest: {exc.msg}")
        if isinstance(record, dict) and isinstance(record.get("file"), str):
            entries[record["file"]] = {k: record.get(k) for k in METADATA_KEYS if k in record}
    return entries


def _json_loads(text: str) -> Any:
    """`json.loads`, refusing what JSON can escape but UTF-8 cannot hold: an unpaired surrogate (`"\\ud800"`)."""
    value = json.loads(text)
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise json.JSONDecodeError("a string holds an unpaired surrogate escape (such as \\ud800)", text,
                                   max(text.lower().find("\\ud"), 0)) from None
    return value


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
