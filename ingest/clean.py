"""Blank page furniture out of an article's text, keeping every character offset.

`clean(text)` returns a string of the same length in which share bars, tag
lists, teaser blocks for other stories, reader comments, photo captions,
bylines, breadcrumbs and a standfirst repeated by the lead are replaced by
spaces (newlines kept). Offsets into the cleaned text are offsets into the
article, so evidence spans found on it quote the article exactly.

The words come from `lexicons/furniture.txt`; the rules here only say what a
match does (blank a line, a teaser block, a comment box).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MAX_PREFIX_LINE_WORDS = 20  # a "Source: ..." line longer than this is prose, not furniture
PROSE_MIN_WORDS = 10  # a line this long ending a sentence is article prose
HEADER_LINES = 12  # bylines and breadcrumbs sit in the first lines of a page
REPEAT_MIN_WORDS = 8  # sentences shorter than this may repeat naturally ("He said no.")
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "del", "van", "von", "der", "den",
                  "la", "le", "du", "dos", "das", "ul", "ur", "ter", "st", "mc", "y"}
_NOT_NEWLINE = re.compile(r"[^\n]")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_ELLIPSIS_END = re.compile(r"(\.\.\.|…)[\"'”’)\]]*$")
_IMAGE_FILE = re.compile(r"[\w-]+\.(?:jpe?g|JPE?G|png|PNG|gif|GIF|webp|WEBP|bmp|BMP|tiff?|TIFF?|svg|avif)(?![a-z])")
_TRAILING_CREDIT = re.compile(r"(?:^|[.!?]\s+)(?:photo|photograph|image|picture|credit)s?(?: credit)?\s*:\s*[^.!?]{1,80}$",
                              re.IGNORECASE)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|el|bin))*"
# a byline run into the dateline of the same paragraph: "By Soyoung Kim and David Brunnstrom SEOUL (Reuters) -"
_BYLINE_BEFORE_DATELINE = re.compile(rf"\s*By\s+{_NAME}(?:\s*(?:,|and)\s*{_NAME})*?\s+(?=[A-Z]{{2,}}[A-Z/ ,.-]*\()")
# a closing credit line: "Stella Kim reported from Seoul and Saphora Smith reported from London."
_REPORTED_FROM = re.compile(rf"(?:{_NAME}\s+(?:reported|contributed)\s+from\s+{_NAME}(?:,?\s+and\s+|[.]?$))+$")
_BREADCRUMB_SEP = re.compile(r"\s+(?:>|»|›|/|\||::|→)\s+")
_OUTER_PUNCT = " \t:;,.-–—|•·*#>»«›/\\_=~+\"'“”‘’()[]{}!?"


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The furniture lexicon compiled into regular expressions."""

    line: re.Pattern[str]
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]
    teaser: re.Pattern[str]
    comments: re.Pattern[str]
    comments_end: re.Pattern[str]
    share: frozenset[str]
    credit: re.Pattern[str]
    credit_only: re.Pattern[str]
    byline_role: re.Pattern[str]


def clean(text: str) -> str:
    """`text` with page furniture replaced by spaces; same length, newlines kept."""
    lexicon = load_lexicon()
    out = list(text)
    lines = _lines(text)

    def blank(line: _Line) -> None:
        out[line.start:line.end] = _NOT_NEWLINE.sub(" ", text[line.start:line.end])

    _blank_blocks(lines, lexicon, blank)
    for line in lines:
        if not line.blank and _is_furniture_line(line.text, lexicon):
            blank(line)
    _blank_bylines(lines, lexicon, blank)
    for line in lines:
        m = _BYLINE_BEFORE_DATELINE.match(line.text)
        if m:  # "By A and B SEOUL/WASHINGTON (Reuters) - South Korean President ...": the byline only
            blank(_Line(line.start, line.start + m.end(), m.group()))
        elif _REPORTED_FROM.match(line.text.strip()):
            blank(line)
    _blank_breadcrumbs(lines, blank)
    _blank_repeats(lines, out, blank)
    for m in _IMAGE_FILE.finditer(text):
        blank(_Line(m.start(), m.end(), m.group()))
    return "".join(out)


# --- the lexicon -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    sections: dict[str, list[str]] = {}
    current = None
    source = resources.files("ingest").joinpath("lexicons/furniture.txt").read_text(encoding="utf-8")
    for raw in source.splitlines():
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith("[") and entry.endswith("]"):
            current = sections.setdefault(entry[1:-1], [])
        elif current is not None:
            current.append(re.sub(r"\s+", " ", unicodedata.normalize("NFKC", entry).casefold().replace("’", "'")))

    def alternation(phrases: list[str]) -> str:
        return "|".join(_phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True))

    line_alt = alternation(sections.get("line", []))
    teaser_alt = alternation(sections.get("teaser", []))
    credits = alternation(sections.get("credit", []))
    return Lexicon(
        line=re.compile(rf"^(?:(?:{line_alt})\W*)+$"),
        prefix=re.compile(rf"^(?:{alternation(sections.get('prefix', []))})"),
        suffix=re.compile(rf"(?:{alternation(sections.get('suffix', []))})$"),
        # a teaser heading may be glued to another heading: "You might also likeRELATED"
        teaser=re.compile(rf"^(?:(?:{teaser_alt}|{line_alt})\W*)*(?:{teaser_alt})(?:\W*(?:{teaser_alt}|{line_alt}))*$"),
        comments=re.compile(rf"^(?:{alternation(sections.get('comments', []))})$"),
        comments_end=re.compile(rf"^(?:{alternation(sections.get('comments-end', []))})\b"),
        share=frozenset(sections.get("share", [])),
        credit=re.compile(rf"[\[(][^\[\]()]{{0,60}}\b(?:{credits})\b[^\[\]()]{{0,60}}[\])]\s*$", re.IGNORECASE),
        credit_only=re.compile(rf"^(?:(?:{credits})\W*)+$"),
        byline_role=re.compile(rf"\b(?:{alternation(sections.get('byline-role', []))})$"),
    )


def _phrase_pattern(phrase: str) -> str:
    parts = []
    for word in phrase.split(" "):
        if word == "*":
            parts.append(r"\w[\w'&.-]*(?: \w[\w'&.-]*){0,3}")
        elif word == "<n>":
            parts.append(r"\d[\d,.]*k?")
        else:
            parts.append(re.escape(word).replace(r"\(<n>\)", r"\(\d+\)"))
    return r"\s*".join(parts) if phrase.endswith(":") else " ".join(parts)


def _key(line: str) -> str:
    """A line as the lexicon sees it: case, spacing, curly quotes and outer punctuation ignored."""
    text = unicodedata.normalize("NFKC", line).casefold().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip(_OUTER_PUNCT.replace(":", "").replace("(", "").replace(")", ""))
    text = re.sub(r"\s+:", ":", text)
    return text.strip()


def _lines(text: str) -> list[_Line]:
    lines, start = [], 0
    for part in text.split("\n"):
        lines.append(_Line(start, start + len(part), part))
        start += len(part) + 1
    return lines


# --- blocks: teasers and comment boxes ---------------------------------------------------------


def _blank_blocks(lines: list[_Line], lexicon: Lexicon, blank) -> None:
    i = 0
    while i < len(lines):
        key = _key(lines[i].text)
        if key and lexicon.comments.match(key):
            end = _comment_box_end(lines, i, lexicon)
        elif key and lexicon.teaser.match(key):
            end = _teaser_block_end(lines, i, lexicon)
        else:
            i += 1
            continue
        for line in lines[i:end]:
            blank(line)
        i = end


def _comment_box_end(lines: list[_Line], start: int, lexicon: Lexicon) -> int:
    """Index after the box: past its closing line ("Send us your views"), else the end of the text.

    Without a closing line, a heading in the first half of the article that no
    commenter's signature follows is a counter or a link, and only it is
    blanked: comments come last, or at least come signed.
    """
    for j in range(start + 1, len(lines)):
        if lexicon.comments_end.match(_key(lines[j].text)):
            return j + 1
    content = [j for j, line in enumerate(lines) if not line.blank]
    position = content.index(start)
    following = content[position + 1:position + 5]
    if position < len(content) / 2 and not any(_is_signature(lines[j].text) for j in following):
        return start + 1  # a comment counter in the header, not the comments: the heading only
    return len(lines)


def _is_signature(line: str) -> bool:
    """A commenter's signature: "Jane Roe" or "Jane Roe, Springfield, US"."""
    parts = [p.strip() for p in line.strip().split(",")]
    return (len(line.split()) <= 8 and all(parts)
            and _is_name(parts[0]) and all(_is_name(p) or (p and p.split()[0][0].isupper() and len(p.split()) <= 3)
                                           for p in parts[1:]))


def _teaser_block_end(lines: list[_Line], start: int, lexicon: Lexicon) -> int:
    """Index where the article resumes: the first of two prose paragraphs in a row, else the end."""
    previous = None  # the last non-blank line, if it was prose
    for j in range(start + 1, len(lines)):
        if lines[j].blank:
            continue
        prose = _is_prose(lines[j].text) and not _is_furniture_line(lines[j].text, lexicon)
        if prose and previous is not None:
            return previous
        previous = j if prose else None
    return len(lines)


def _is_prose(line: str) -> bool:
    """A paragraph of the article: a long line ending a sentence, not a teaser cut off with '...'."""
    stripped = line.strip()
    return (len(stripped.split()) >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(stripped))
            and not _ELLIPSIS_END.search(stripped))


# --- single lines ------------------------------------------------------------------------------


def _is_furniture_line(line: str, lexicon: Lexicon) -> bool:
    key = _key(line)
    if not key:
        return False
    words = key.split()
    if lexicon.line.match(key) or lexicon.credit_only.match(key):
        return True
    if len(words) <= MAX_PREFIX_LINE_WORDS and (lexicon.prefix.match(key) or lexicon.suffix.search(key)):
        return True
    if all(w in lexicon.share for w in re.split(r"[^\w-]+", key) if w) and re.search(r"\w", key):
        return _has_share_word(key, lexicon)
    if lexicon.credit.search(line.rstrip()) or (len(words) <= 60 and _TRAILING_CREDIT.search(line.strip())):
        return True  # a photo caption: "... in the capital [AFP]", "... Photo: Jane Roe"
    if _is_byline(line, lexicon):
        return True
    return _is_breadcrumb_trail(line)


def _has_share_word(key: str, lexicon: Lexicon) -> bool:
    filler = {"on", "via", "this", "article", "story", "page", "the", "link"}
    return any(w in lexicon.share and w not in filler for w in re.split(r"[^\w-]+", key))


def _is_byline(line: str, lexicon: Lexicon) -> bool:
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > 12 or stripped.endswith(("!", "?")):
        return False
    if words[0].casefold() == "by" and len(words) >= 2:
        rest = [w for w in re.split(r"[\s,|&]+", " ".join(words[1:])) if w and w.casefold() != "and"]
        return bool(rest) and sum(_capitalised(w) for w in rest) >= max(1, len(rest) - 2) and _capitalised(rest[0])
    if len(words) <= 6 and lexicon.byline_role.search(_key(stripped)):
        return all(_capitalised(w) or w.casefold() in NAME_PARTICLES for w in words[:-1]) and not _SENTENCE_END.search(stripped)
    return False


def _is_breadcrumb_trail(line: str) -> bool:
    """`Home > World > Middle East`: three or more short parts joined by separators."""
    parts = _BREADCRUMB_SEP.split(line.strip())
    return len(parts) >= 3 and all(0 < len(p.split()) <= 4 for p in parts) and not _SENTENCE_END.search(line.strip())


def _capitalised(word: str) -> bool:
    word = word.strip("\"'“”‘’(),.")
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _is_name(line: str) -> bool:
    """A line that is only a person's name: two to five capitalised words, particles allowed."""
    stripped = line.strip()
    words = stripped.split()
    if not 2 <= len(words) <= 5 or re.search(r"[\d.!?:;,\"“”]", stripped):
        return False
    return all(w[0].isupper() or w.split("-")[0].casefold() in NAME_PARTICLES for w in words)


def _blank_bylines(lines: list[_Line], lexicon: Lexicon, blank) -> None:
    """A bare name next to a reading-time line ("3 Min Read") or a byline role is the byline."""
    content = [j for j, line in enumerate(lines) if not line.blank][:HEADER_LINES]
    for n, j in enumerate(content):
        key = _key(lines[j].text)
        if not (re.match(r"^\d+ ?(?:-\s*)?min(?:ute)?s? read$", key) or _is_byline(lines[j].text, lexicon)):
            continue
        for m in (n - 1, n + 1):
            if 0 < m < len(content) and _is_name(lines[content[m]].text):  # never the first line: the headline
                blank(lines[content[m]])


# --- breadcrumbs and repeats -------------------------------------------------------------------


def _blank_breadcrumbs(lines: list[_Line], blank) -> None:
    """A header line that glues section names to a headline repeated on its own line."""
    head = [line for line in lines if not line.blank][:HEADER_LINES]
    for line in head:
        for other in head:
            inner, outer = other.text.strip(), line.text.strip()
            if other is line or len(inner.split()) < 3 or len(outer) <= len(inner) or inner not in outer:
                continue
            rest = outer.replace(inner, " ", 1).strip()
            if len(rest.split()) <= 10 and not re.search(r"[.!?]", rest):
                blank(line)
                break


SHINGLE = 5  # words per shingle when looking for a repeated paragraph
REPEAT_SHARE = 0.7  # share of a paragraph's shingles found later that makes it a repeat


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[k:k + SHINGLE]) for k in range(len(words) - SHINGLE + 1)}


def _blank_repeats(lines: list[_Line], out: list[str], blank) -> None:
    """A standfirst repeated by the lead: blank the EARLIER copy, so the lead keeps its dateline and context.

    A paragraph of at least REPEAT_MIN_WORDS words most of whose word shingles
    recur in later paragraphs is a repeat, even with a source tag ("AP:") glued on.
    """
    shingles = [_shingles("".join(out[line.start:line.end])) if not line.blank else set() for line in lines]
    last_seen: dict[tuple[str, ...], int] = {}
    for j, found in enumerate(shingles):
        for shingle in found:
            last_seen[shingle] = j
    for j, found in enumerate(shingles):
        if len(found) < REPEAT_MIN_WORDS - SHINGLE + 1:
            continue
        later = sum(1 for shingle in found if last_seen[shingle] > j)
        if later >= REPEAT_SHARE * len(found):
            blank(lines[j])
