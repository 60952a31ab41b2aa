"""The per-meeting diff on a small hand-made export and gold: missed, spurious, duplicate, wrong facts."""
from __future__ import annotations

from typing import Any

import pytest

from diplograph.evaluation.diff import (
    Evidence,
    WrongFact,
    diff_meetings,
    sentences_naming,
    split_sentences,
)
from diplograph.evaluation.exported import read_export
from diplograph.evaluation.gold import read_gold
from diplograph.evaluation.matching import match_export

GOLD: dict[str, Any] = {
    "actors": [
        {"id": "crocker", "kind": "person", "country": "USA", "names": ["Ryan Crocker", "Crocker"]},
        {"id": "qomi", "kind": "person", "country": "IRN", "names": ["Hassan Kazemi Qomi", "Kazemi Qomi"]},
        {"id": "rubaie", "kind": "person", "country": "IRQ", "names": ["Mowaffak al-Rubaie", "al-Rubaie"]},
        {"id": "maliki", "kind": "person", "country": "IRQ", "names": ["Nouri al-Maliki", "Maliki"]},
        {"id": "talabani", "kind": "person", "country": "IRQ", "names": ["Jalal Talabani", "Talabani"]},
        {"id": "usa", "kind": "state", "country": "USA", "names": ["United States", "U.S."]},
        {"id": "iran", "kind": "state", "country": "IRN", "names": ["Iran"]},
        {"id": "iraq", "kind": "state", "country": "IRQ", "names": ["Iraq"]},
    ],
    "negatives": ["Bob Kaye"],
    "meetings": [
        {"id": "baghdad-talks", "date": "2007-05-28", "location": {"city": ["Baghdad"], "country": "IRQ"},
         "participants": [{"actor": "crocker", "represents": "usa"}, {"actor": "qomi", "represents": "iran"}],
         "sources": ["art1"]},
        {"id": "rubaie-maliki", "date": "2007-05-29", "location": {"city": ["Baghdad"], "country": "IRQ"},
         "participants": [{"actor": "rubaie"}, {"actor": "maliki"}], "sources": ["art1"]},
        {"id": "talabani-qomi", "date": "2007-05-30", "participants": [{"actor": "talabani"}, {"actor": "qomi"}],
         "sources": ["art2"]},
    ],
}
ARTICLES = {
    "art1": "BAGHDAD — U.S. Ambassador Ryan Crocker met Hassan Kazemi Qomi on Monday.\n"
            "Al-Rubaie and Maliki met on Tuesday. It was brief.\nBob Kaye wrote: nonsense.",
    "art2": "Nothing here names them.",
}


def actor(actor_id: str, name: str, kind: str, country: str) -> dict[str, Any]:
    return {"id": actor_id, "name": name, "kind": kind, "country": country, "aliases": []}


EXPORT: dict[str, Any] = {
    "format": "diplomatic-graph/1",
    "actors": [actor("a:crocker", "Ryan Crocker", "person", "USA"), actor("a:qomi", "Kazemi Qomi", "person", "IRN"),
               actor("a:rubaie", "al-Rubaie", "person", "IRQ"), actor("a:maliki", "Maliki", "person", "IRQ"),
               actor("a:usa", "United States", "state", "USA"), actor("a:iran", "Iran", "state", "IRN"),
               actor("a:iraq", "Iraq", "state", "IRQ"), actor("a:kaye", "Bob Kaye", "person", None)],
    "locations": [{"id": "l:iran", "name": "Iran", "country": "IRN"},
                  {"id": "l:tehran", "name": "Tehran", "country": "IRN", "within": "l:iran"}],
    "events": [
        {"id": "e:talks", "type": "meeting", "date": "2007-05-27", "location": "l:tehran",
         "participants": [{"actor": "a:crocker", "represents": "a:iran"}, {"actor": "a:qomi", "represents": "a:iran"},
                          {"actor": "a:kaye"}],
         "sources": [{"article": "art1", "quote": "Ryan Crocker met Hassan Kazemi Qomi on Monday."}]},
        {"id": "e:maliki-alone", "type": "meeting", "date": "2001-01-01",
         "participants": [{"actor": "a:maliki", "represents": "a:iraq"}],
         "sources": [{"article": "art1", "quote": "Maliki met on Tuesday."}]},
        {"id": "e:talks-again", "cameo": "043", "type": "consult", "date": "2007-05-28",
         "participants": [{"actor": "a:crocker"}, {"actor": "a:qomi"}, {"actor": "a:rubaie", "represents": "a:iraq"}],
         "sources": [{"article": "art1", "quote": "U.S. Ambassador Ryan Crocker met Hassan Kazemi Qomi"}]},
    ],
}


@pytest.fixture
def diff():
    return diff_meetings(match_export(read_export(EXPORT), read_gold(GOLD)), ARTICLES)


def test_a_missed_meeting_comes_with_the_sentences_naming_two_participants(diff) -> None:
    missed = {m.meeting: m for m in diff.missed}
    assert set(missed) == {"rubaie-maliki", "talabani-qomi"}
    assert missed["rubaie-maliki"].sentences == (Evidence("art1", "Al-Rubaie and Maliki met on Tuesday."),)
    assert missed["rubaie-maliki"].participants == ("Mowaffak al-Rubaie", "Nouri al-Maliki")
    assert missed["talabani-qomi"].sentences == () and missed["talabani-qomi"].articles == ("art2",)
    assert missed["rubaie-maliki"].reported_as == ()


def test_a_missed_meeting_names_the_report_a_closer_meeting_took() -> None:
    """The report names the state Al-Rubaie stood for, which only the optional meeting lists: it is more similar."""
    optional = {"id": "iraqi-format", "optional": True, "sources": ["art1"],
                "participants": [{"actor": a} for a in ("rubaie", "maliki", "iraq")]}
    gold = {**GOLD, "meetings": [*GOLD["meetings"], optional]}
    export = {**EXPORT, "events": [{"id": "e:pair", "type": "meeting", "date": None, "participants": [
        {"actor": "a:rubaie", "represents": "a:iraq"}, {"actor": "a:maliki"}]}]}
    diff = diff_meetings(match_export(read_export(export), read_gold(gold)), ARTICLES)
    missed = {m.meeting: m for m in diff.missed}
    assert missed["rubaie-maliki"].reported_as == ("e:pair (went to iraqi-format)",)


def test_spurious_and_duplicate_events_come_with_their_quotes(diff) -> None:
    spurious = {e.event: e for e in diff.spurious}
    assert set(spurious) == {"e:maliki-alone", "e:talks-again"}
    assert spurious["e:maliki-alone"].duplicate_of is None
    assert spurious["e:maliki-alone"].sources == (Evidence("art1", "Maliki met on Tuesday."),)
    assert spurious["e:talks-again"].duplicate_of == "baghdad-talks"  # the closer report took the meeting
    assert spurious["e:talks-again"].participants == ("Ryan Crocker", "Kazemi Qomi", "al-Rubaie")


def test_a_matched_meeting_lists_its_wrong_date_place_participants_and_representation(diff) -> None:
    assert diff.wrong == (
        WrongFact("baghdad-talks", "e:talks", "date", "2007-05-28", "2007-05-27"),
        WrongFact("baghdad-talks", "e:talks", "place", "Baghdad, IRQ", "Tehran < Iran"),
        WrongFact("baghdad-talks", "e:talks", "participants", "no one else", "also Bob Kaye"),
        WrongFact("baghdad-talks", "e:talks", "represents", "Ryan Crocker for United States", "for Iran"),
    )


def test_a_right_export_has_an_empty_diff() -> None:
    right = {**EXPORT, "events": [{**EXPORT["events"][0], "date": "2007-05-28", "location": None,
                                   "participants": [{"actor": "a:crocker", "represents": "a:usa"},
                                                    {"actor": "a:qomi", "represents": "a:iran"}]}]}
    gold = {**GOLD, "meetings": [{**GOLD["meetings"][0], "location": {"country": "IRQ"}}]}
    right["locations"] = [{"id": "l:iraq", "name": "Iraq", "country": "IRQ"}]
    right["events"][0]["location"] = "l:iraq"  # the gold names no city: a place in the country will do
    diff = diff_meetings(match_export(read_export(right), read_gold(gold)), ARTICLES)
    assert diff.empty, diff


def test_sentences_keep_initials_and_titles_whole() -> None:
    text = "U.S. Ambassador Ryan Crocker met Mr. Qomi. “It went well,” he said. Talks end Jan. 5 in Baghdad.\nNew line"
    assert split_sentences(text) == ["U.S. Ambassador Ryan Crocker met Mr. Qomi.", "“It went well,” he said.",
                                     "Talks end Jan. 5 in Baghdad.", "New line"]


def test_sentences_naming_counts_actors_not_names() -> None:
    text = "Crocker met Ryan Crocker. Crocker met Qomi."
    assert sentences_naming(text, [("Ryan Crocker", "Crocker"), ("Qomi",)], at_least=2) == ["Crocker met Qomi."]
