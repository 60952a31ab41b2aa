"""The whole extraction of one article (ingest/extract/__init__.py)."""
from __future__ import annotations

import pytest

from ingest.extraction import Extraction


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Share this article\n\nAdvertisement", "12 34 56 !!! ???",
                                  "Les ministres se sont rencontrés à Paris lundi.",
                                  "A" * 3000, "met met met talks talks with with between"])
def test_odd_text_gives_an_extraction_not_an_error(extracted, text):
    x = extracted(text)
    assert isinstance(x, Extraction)
    assert Extraction.from_payload(x.to_payload()) == x


def test_an_article_without_a_publication_date_has_undated_events(extracted):
    x = extracted("Greek and Turkish diplomats met in Athens on Tuesday.", published=None)
    assert [e.date for e in x.events if e.type == "meeting"] == [None]


def test_every_reference_points_at_a_mention_of_the_article_and_every_quote_at_its_text(analyzed):
    from ingest.extract import extract

    document = analyzed("CANBERRA — Indonesian President Budi Hartono and Australian Prime Minister Callum "
                        "Whitaker met at Parliament House in Canberra on Monday. Whitaker, who received Hartono "
                        "with a ceremonial welcome, said the deal was historic.", published="2019-02-12",
                        dateline="Canberra")
    x = extract(document)
    actors = {a.key for a in x.actors}
    places = {p.key for p in x.places}
    for a in x.actors:
        assert all(t.of in actors for t in a.titles if t.of)
        assert all(document.text[e.start:e.end] == e.quote for e in a.evidence)
    for p in x.places:
        assert p.within is None or p.within in places
    for e in x.events:
        assert e.place is None or e.place in places
        assert document.text[e.evidence.start:e.evidence.end] == e.evidence.quote
        for part in e.participants:
            assert part.actor in actors and (part.represents is None or part.represents in actors)


def test_a_lone_surname_that_takes_part_and_recurs_is_kept(extracted):
    x = extracted("In New York, Baker met separately Friday with German Chancellor Eva Brandt and Japanese Prime "
                  "Minister Ken Sato. Brandt and Baker discussed trade.", published="1985-10-26")
    assert "Baker" in {a.name for a in x.actors if a.kind == "person"}
