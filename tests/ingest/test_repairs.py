"""Known misreadings of the parser, put right (ingest/repairs.py)."""
from __future__ import annotations

from tests.ingest.extract.conftest import analyzed, extracted, meetings, names, nlp  # noqa: F401 (fixtures)


def test_two_names_sharing_a_possessive_both_own_the_noun(analyzed):
    doc = analyzed("Rojas and Vega's first private meeting began at 9 p.m. Thursday and lasted until 1:30 a.m., "
                   "officials said.").doc
    meeting = next(t for t in doc if t.lower_ == "meeting")
    assert meeting.dep_ == "nsubj" and meeting.head.lemma_ == "begin"
    owners = [c.text for c in meeting.children if c.dep_ == "poss"]
    assert owners == ["Rojas"] and [c.text for c in doc[0].conjuncts] == ["Vega"]


def test_the_meeting_two_names_share_has_both_as_participants_and_its_day(extracted):
    x = extracted("President Ana Rojas and Prime Minister Luis Vega held talks on Friday. Rojas and Vega's first "
                  "private meeting began at 9 p.m. Thursday and lasted until 1:30 a.m., officials said.",
                  published="1988-12-31")
    [private] = [m for m in meetings(x) if m.date == "1988-12-29"]
    assert set(names(x, private)) == {"Ana Rojas", "Luis Vega"}
