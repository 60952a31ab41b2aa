"""Article bytes to text, in the encoding that explains them, and which one that was.

UTF-8 first (and UTF-16 with a byte-order mark); then an HTML page's declared
charset; then a guess (charset-normalizer), since older news archives are full
of Latin-1 and Windows-1252 files that say nothing about their encoding. When
Windows-1252 explains the bytes it is preferred over the other single-byte
encodings that would too (on a short text charset-normalizer cannot tell them
apart, and Western archives are the common case); a file that has none of the
bytes 0x80-0x9F where the two differ is called Latin-1. What no encoding
explains without garbling (binary, random bytes) is refused, with the reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

UTF8 = "utf-8"
NUL = b"\x00"
WESTERN = "cp1252"
_C1_RANGE = re.compile(rb"[\x80-\x9f]")  # where Windows-1252 has letters and punctuation, Latin-1 controls
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class Undecodable(ValueError):
    """The bytes are no text in any encoding we can tell; the message says why, for people."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name: "utf-8", "utf-16", "cp1252", "latin-1", a declared charset...


def decode(raw: bytes, html: bool = False) -> Decoded:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise Undecodable(f"bad UTF-16 at byte {exc.start}") from None
    if NUL in raw:
        raise Undecodable(f"binary file (NUL byte at offset {raw.index(NUL)})")
    try:
        return Decoded(raw.decode("utf-8-sig"), UTF8)
    except UnicodeDecodeError as exc:
        utf8_error = f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
    declared = _CHARSET.search(raw[:4096]) if html else None
    if declared:
        charset = declared[1].decode("ascii").lower()
        try:
            return Decoded(raw.decode(charset), charset)
        except LookupError:
            raise Undecodable(f"{utf8_error}; declared charset {charset!r} is unknown") from None
        except UnicodeDecodeError as exc:
            raise Undecodable(f"{utf8_error}; not valid {charset} either (offset {exc.start})") from None
    encoding = guess_encoding(raw)
    if encoding is None:
        raise Undecodable(f"{utf8_error}, and no other encoding explains it")
    return Decoded(raw.decode(encoding), encoding)


def guess_encoding(raw: bytes) -> str | None:
    """The encoding that reads `raw` as plausible text, or None when none does."""
    matches = from_bytes(raw)
    if not matches:
        return None
    if any(WESTERN in match.could_be_from_charset for match in matches):
        return WESTERN if _C1_RANGE.search(raw) else "latin-1"
    best = matches.best()
    return best.encoding if best is not None else None
