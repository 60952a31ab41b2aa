"""decode: UTF-8 as it is, old Western encodings read and named, what no encoding explains refused."""
from __future__ import annotations

import pytest

from ingest.encoding import Undecodable, decode

FRENCH = "Le ministre fran\u00e7ais a rencontr\u00e9 \u00e0 Gen\u00e8ve son homologue \u00ab en t\u00eate-\u00e0-t\u00eate \u00bb."
QUOTES = "President M\u00fcller met \u201cthe envoy\u201d in Z\u00fcrich \u2013 officials said."


@pytest.mark.parametrize(("text", "encoding", "named"), [
    (FRENCH, "latin-1", "latin-1"),
    (FRENCH, "cp1252", "latin-1"),  # no byte in 0x80-0x9F: the two read it alike, and it is called Latin-1
    (QUOTES, "cp1252", "cp1252"),
    ("\u00c9", "latin-1", "latin-1"),  # one byte: still read, not guessed as Japanese or EBCDIC
    (FRENCH, "utf-8", "utf-8"),
])
def test_latin1_and_cp1252_are_read_as_written(text: str, encoding: str, named: str) -> None:
    decoded = decode(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, named)


def test_another_single_byte_encoding_is_read_when_windows_1252_cannot_explain_it() -> None:
    russian = "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442\u0440\u0430\u043d\u043d\u044b\u0445 " \
              "\u0434\u0435\u043b \u0432\u0441\u0442\u0440\u0435\u0442\u0438\u043b\u0441\u044f \u0441 \u043f\u043e\u0441\u043b\u043e\u043c."
    decoded = decode(russian.encode("cp1251"))
    assert (decoded.text, decoded.encoding) == (russian, "cp1251")


def test_a_declared_charset_wins_over_the_guess() -> None:
    page = '<html><head><meta charset="iso-8859-15"></head><body>Prix: 5 \u20ac</body></html>'
    decoded = decode(page.encode("iso-8859-15"), html=True)
    assert (decoded.text, decoded.encoding) == (page, "iso-8859-15")


@pytest.mark.parametrize(("data", "reason"), [
    (bytes(range(0x80, 0x100)) * 4, "not UTF-8 (byte 0x80 at offset 0), and no other encoding explains it"),
    (b"text\x00more", "binary file (NUL byte at offset 4)"),
    (b"\xff\xfe\x00\xd8", "bad UTF-16 at byte 2"),
])
def test_what_no_encoding_explains_is_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(Undecodable) as refused:
        decode(data)
    assert str(refused.value) == reason
