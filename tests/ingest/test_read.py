"""read_articles: every input format, metadata, ids, and each kind of bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.evaluation import kit
from ingest.read import ArticleText, ReadFailure, content_id, iso_date, read_articles

SEEDS = kit.SEEDS.corpus
BODY = "Envoys met in the capital on Monday to discuss the border.\n\nThey agreed to meet again.\n"


def read(*paths: Path, **kwargs) -> list[ArticleText | ReadFailure]:
    return list(read_articles(list(paths), **kwargs))


def only_article(results: list) -> ArticleText:
    assert len(results) == 1 and isinstance(results[0], ArticleText), results
    return results[0]


def only_failure(results: list) -> ReadFailure:
    assert len(results) == 1 and isinstance(results[0], ReadFailure), results
    return results[0]


# --- formats ---------------------------------------------------------------------------------


def test_txt_front_matter_gives_metadata_and_the_text_after_it(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("---\nid: art-1\ntitle: \"Envoys meet\"\noutlet: Daily Wire\npublished: May 28, 2007\n"
                 "url: https://x.example/a\n---\n" + BODY, encoding="utf-8")
    art = only_article(read(f))
    assert art.article.id == "art-1"
    assert art.article.title == "Envoys meet"
    assert art.article.outlet == "Daily Wire"
    assert art.article.published == "2007-05-28"
    assert art.article.url == "https://x.example/a"
    assert art.text == BODY
    assert art.source == str(f)
    assert art.warnings == []


def test_txt_without_front_matter_gets_a_content_id_title_from_first_line_and_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "b.txt"
    f.write_text("Envoys meet at last\n\n" + BODY, encoding="utf-8")
    art = only_article(read(f))
    assert art.article.id == content_id(art.text)
    assert len(art.article.id) == 16
    assert art.article.title == "Envoys meet at last"
    assert art.article.published is None
    assert art.warnings == ["no published date"]


def test_content_id_ignores_whitespace_differences_only() -> None:
    assert content_id("A  b\r\nc ") == content_id("A b c")
    assert content_id("A b c") != content_id("A b d")


def test_crlf_is_normalised(tmp_path: Path) -> None:
    f = tmp_path / "c.txt"
    f.write_bytes(b"Title\r\n\r\nBody text here.\r\n")
    assert only_article(read(f)).text == "Title\n\nBody text here.\n"


HTML = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Envoys meet | The Wire</title>
<meta property="og:site_name" content="The Wire">
<meta property="article:published_time" content="2007-05-28T09:30:00+03:00">
<link rel="canonical" href="https://wire.example/envoys">
<script>var tracking = "Latest news";</script><style>p {color: red}</style></head>
<body><header>The Wire</header><nav><a>World</a> <a>Business</a></nav>
<article><h1>Envoys meet</h1>
<p>Envoys met in the capital on Monday.<br>They spoke for four hours.</p>
<figure><img src="x.jpg"><figcaption>Envoys shake hands [AFP]</figcaption></figure>
<p>They agreed&nbsp;to meet again.</p>
<div class="share-bar">Share Tweet Email</div>
<section id="comments"><p>Reader One: what a farce</p></section>
</article>
<aside>Most read: other things</aside><form>Subscribe</form><footer>Copyright</footer></body></html>
"""


def test_html_keeps_paragraphs_and_drops_page_chrome(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(HTML, encoding="utf-8")
    art = only_article(read(f))
    assert art.text == ("Envoys meet\n\nEnvoys met in the capital on Monday.\nThey spoke for four hours.\n\n"
                        "They agreed to meet again.")
    assert art.article.title == "Envoys meet"
    assert art.article.outlet == "The Wire"
    assert art.article.published == "2007-05-28"
    assert art.article.url == "https://wire.example/envoys"
    assert art.article.language == "en"


def test_html_published_from_json_ld_and_og_title(tmp_path: Path) -> None:
    f = tmp_path / "p.htm"
    f.write_text('<html><head><meta property="og:title" content="OG headline"><title>Other</title>'
                 '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
                 '"datePublished": "2019-11-05T08:30:00Z"}]}</script></head>'
                 '<body><p>Some article text.</p></body></html>', encoding="utf-8")
    art = only_article(read(f))
    assert (art.article.title, art.article.published) == ("OG headline", "2019-11-05")


def test_html_in_a_declared_charset_is_decoded_not_mojibaked(tmp_path: Path) -> None:
    f = tmp_path / "latin.html"
    f.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>Café talks in Besançon.</p>'
                  '</body></html>'.encode("latin-1"))
    assert only_article(read(f)).text == "Café talks in Besançon."


def test_truncated_html_keeps_what_is_there_with_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "cut.html"
    f.write_text("<html><head><title>T</title></head><body><p>The envoys met on Monday and", encoding="utf-8")
    art = only_article(read(f))
    assert art.text == "The envoys met on Monday and"
    assert any("truncated" in w for w in art.warnings)


def test_truncated_html_without_text_is_a_failure(tmp_path: Path) -> None:
    f = tmp_path / "cut.html"
    f.write_text("<html><head><title>T</title></head><bo", encoding="utf-8")
    assert only_failure(read(f)).reason == "no text"


def test_jsonl_one_article_per_line_with_line_sources(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    rows = [{"id": "j1", "title": "One", "outlet": "O", "url": "u", "published": "2020-01-02", "text": "First text."},
            {"title": "Two", "published": "2 January 2020", "text": "Second text."}]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n{not json\n" + json.dumps({"title": "x"}) + "\n",
                 encoding="utf-8")
    results = read(f)
    assert [r.source for r in results] == [f"{f}:1", f"{f}:2", f"{f}:4", f"{f}:5"]
    first, second, bad, missing = results
    assert first.article.id == "j1" and first.text == "First text." and first.article.published == "2020-01-02"
    assert second.article.id == content_id("Second text.") and second.article.published == "2020-01-02"
    assert isinstance(bad, ReadFailure) and bad.reason.startswith("bad JSON")
    assert isinstance(missing, ReadFailure) and missing.reason == "no 'text' field"


def test_directory_is_read_recursively_in_sorted_order_with_manifest_metadata(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Bravo text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Alpha text.", encoding="utf-8")
    (tmp_path / "sub" / "c.txt").write_text("Charlie text.", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("not an article", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text(json.dumps(
        {"id": "alpha", "file": "a.txt", "title": "Alpha", "outlet": "unknown", "dateline": "Rome",
         "published": "2001-02-03", "language": "en"}) + "\n", encoding="utf-8")
    results = read(tmp_path)
    assert [Path(r.source).name for r in results] == ["a.txt", "b.txt", "c.txt"]
    alpha = results[0].article
    assert (alpha.id, alpha.title, alpha.dateline, alpha.published, alpha.language) == (
        "alpha", "Alpha", "Rome", "2001-02-03", "en")
    assert alpha.outlet is None  # "unknown" is no outlet


def test_bad_manifest_is_reported_once_and_articles_still_go_in(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Bravo text.", encoding="utf-8")
    (tmp_path / "manifest.jsonl").write_text("{broken\n", encoding="utf-8")
    results = read(tmp_path)
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert len(failures) == 1 and "manifest" in failures[0].reason
    assert len([r for r in results if isinstance(r, ArticleText)]) == 2


# --- bad input -------------------------------------------------------------------------------


def test_each_bad_file_is_reported_by_name_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("   \n\n  ", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(0x80, 0x100)) * 4)  # high bytes in no order: no encoding makes text of them
    unknown = tmp_path / "doc.pdf"
    unknown.write_bytes(b"%PDF-1.4")
    missing = tmp_path / "nowhere.txt"
    results = read(empty, blank, binary, noise, unknown, missing, good)
    reasons = {Path(r.source).name: r.reason for r in results if isinstance(r, ReadFailure)}
    assert reasons == {
        "empty.txt": "empty file",
        "blank.txt": "no text",
        "bin.txt": "binary file (NUL byte at offset 4)",
        "noise.txt": "not UTF-8 (byte 0x80 at offset 0), and no other encoding explains it",
        "doc.pdf": "unknown extension '.pdf': expected one of .htm, .html, .jsonl, .txt",
        "nowhere.txt": "no such file or directory",
    }
    assert [Path(r.source).name for r in results if isinstance(r, ArticleText)] == ["good.txt"]


def test_undeclared_latin1_html_is_read_and_says_so(tmp_path: Path) -> None:
    f = tmp_path / "x.html"
    f.write_bytes("<html><body><p>Caf\u00e9 talks in Besan\u00e7on.</p></body></html>".encode("latin-1"))
    art = only_article(read(f))
    assert (art.text, art.encoding) == ("Caf\u00e9 talks in Besan\u00e7on.", "latin-1")


@pytest.mark.parametrize(("name", "data", "text", "encoding"), [
    ("latin.txt", "Caf\u00e9 talks in Bras\u00edlia".encode("latin-1"), "Caf\u00e9 talks in Bras\u00edlia", "latin-1"),
    ("cp1252.txt", "The minister\u2019s talks in M\u00e1laga \u2013 \u201cfruitful\u201d".encode("cp1252"),
     "The minister\u2019s talks in M\u00e1laga \u2013 \u201cfruitful\u201d", "cp1252"),
    ("utf8.txt", "Caf\u00e9 talks".encode("utf-8"), "Caf\u00e9 talks", "utf-8"),
])
def test_old_encodings_are_read_and_named(tmp_path: Path, name: str, data: bytes, text: str, encoding: str) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    art = only_article(read(f))
    assert (art.text, art.encoding) == (text, encoding)


def test_a_cp1252_json_line_is_read_and_named(tmp_path: Path) -> None:
    f = tmp_path / "old.jsonl"
    f.write_bytes(b'{"id": "a1", "text": "Talks in M\xe1laga \x96 \x93fruitful\x94."}\n')
    art = only_article(read(f))
    assert (art.text, art.encoding) == ("Talks in M\u00e1laga \u2013 \u201cfruitful\u201d.", "cp1252")


def test_a_file_over_the_limit_is_rejected_from_its_size_without_reading(tmp_path: Path, monkeypatch) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as handle:  # a sparse 50 MB file
        handle.truncate(50_000_000)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert only_failure(read(f, max_bytes=5_000_000)).reason == (
        "too large: 50000000 bytes, the limit is 5000000 bytes")


def test_default_limit_comes_from_settings(tmp_path: Path, monkeypatch) -> None:
    from diplograph import settings

    monkeypatch.setenv("DIPLOGRAPH_MAX_ARTICLE_BYTES", "2048")
    settings.get_settings.cache_clear()
    try:
        f = tmp_path / "big.txt"
        f.write_text("word " * 1000, encoding="utf-8")
        assert only_failure(read(f)).reason.startswith("too large: 5000 bytes")
    finally:
        settings.get_settings.cache_clear()


def test_an_oversized_jsonl_line_is_skipped_and_the_next_line_read(tmp_path: Path) -> None:
    f = tmp_path / "b.jsonl"
    f.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "Small one."}) + "\n",
                 encoding="utf-8")
    results = read(f, max_bytes=1024)
    assert isinstance(results[0], ReadFailure) and results[0].source == f"{f}:1"
    assert results[0].reason == "line too large: over 1024 bytes"
    assert isinstance(results[1], ArticleText) and results[1].text == "Small one."


def test_duplicates_by_text_and_by_id_are_reported_against_the_first(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(BODY, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(BODY.replace("\n\n", "\n  \n"), encoding="utf-8")  # same text, other spacing
    c = tmp_path / "c.txt"
    c.write_text("---\nid: same\n---\nOne text.", encoding="utf-8")
    d = tmp_path / "d.txt"
    d.write_text("---\nid: same\n---\nAnother text.", encoding="utf-8")
    results = read(a, b, c, d)
    assert [type(r).__name__ for r in results] == ["ArticleText", "ReadFailure", "ArticleText", "ReadFailure"]
    assert results[1].reason == f"duplicate of {a} (same text)"
    assert results[3].reason == f"duplicate of {c} (same id 'same')"


def test_unparseable_published_date_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("---\npublished: sometime soon\n---\nText.", encoding="utf-8")
    art = only_article(read(f))
    assert art.article.published is None
    assert art.warnings == ["published date 'sometime soon' not understood"]


@pytest.mark.parametrize(("value", "expected"), [
    ("2007-05-28", "2007-05-28"),
    ("2007-05-28T23:10:00Z", "2007-05-28"),
    ("2007/05/28", "2007-05-28"),
    ("20070528", "2007-05-28"),
    ("Mon, 28 May 2007 10:00:00 GMT", "2007-05-28"),
    ("May 28, 2007", "2007-05-28"),
    ("28 May 2007", "2007-05-28"),
    ("Monday, May 28th, 2007", "2007-05-28"),
    ("Sept 3 2007", "2007-09-03"),
    ("3rd of September, 2007 10:30 GMT", "2007-09-03"),
    ("May 2007", None),
    ("May 28", None),
    ("2007-02-30", None),
    ("", None),
    ("yesterday", None),
])
def test_iso_date(value: str, expected: str | None) -> None:
    assert iso_date(value) == expected


# --- the seeds -------------------------------------------------------------------------------


def test_seeds_read_with_their_manifest_metadata() -> None:
    results = read(SEEDS)
    manifest = [json.loads(line) for line in (SEEDS / "manifest.jsonl").read_text().splitlines() if line.strip()]
    assert all(isinstance(r, ArticleText) for r in results)
    assert [r.article.id for r in results] == [m["id"] for m in manifest]
    assert [r.article.published for r in results] == [m["published"] for m in manifest]
    assert [r.article.title for r in results] == [m["title"] for m in manifest]
    assert all(r.text.strip() and r.warnings == [] for r in results)


def test_html_story_inside_a_share_classed_wrapper_is_kept(tmp_path: Path) -> None:
    f = tmp_path / "wrapped.html"
    f.write_text('<html><body><div class="post has-share-buttons"><p>' + "Envoys met on Monday. " * 20 +
                 '</p><div class="share-bar">Share Tweet</div></div><div class="comments">Nice!</div></body></html>',
                 encoding="utf-8")
    art = only_article(read(f))
    assert art.text.startswith("Envoys met on Monday.") and "Share" not in art.text and "Nice" not in art.text


def test_paths_may_be_strings(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(BODY, encoding="utf-8")
    assert only_article(read(str(f))).text == BODY
