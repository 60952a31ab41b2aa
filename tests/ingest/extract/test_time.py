"""The date of an event, from its own words (ingest/extract/time.py)."""
from __future__ import annotations

from tests.ingest.extract.conftest import meetings


def test_a_weekday_in_the_past_is_the_one_before_publication(extracted):
    x = extracted("Greek and Turkish diplomats met in Athens on Tuesday.", published="2021-03-18")
    [meeting] = meetings(x)
    assert (meeting.date, meeting.date_precision, meeting.date_text) == ("2021-03-16", "day", "Tuesday")


def test_a_possessive_date_dates_the_meeting(extracted):
    x = extracted("Colombian Foreign Minister Ana Suarez and Venezuelan Foreign Minister Jorge Rivas met in Cucuta. "
                  "Bogota welcomed Monday's meeting.", published="2019-06-11")
    dated = [m for m in meetings(x) if m.date]
    assert [m.date for m in dated] == ["2019-06-10"]


def test_dates_of_other_things_in_the_sentence_are_not_the_events(extracted):
    x = extracted("Israeli and Jordanian officials held talks in Amman, the first since the 1994 peace treaty, "
                  "after 20 years of silence.", published="2014-10-02")
    [meeting] = meetings(x)
    assert meeting.date is None


def test_a_duration_is_skipped_for_the_day_beside_it(extracted):
    x = extracted("Portuguese Prime Minister Rui Costa hosted Spanish Prime Minister Ana Ruiz at a one-day summit "
                  "in Lisbon on Thursday.", published="2018-06-22")
    [meeting] = meetings(x)
    assert meeting.date == "2018-06-21"


def test_a_month_stays_a_month(extracted):
    x = extracted("Bolivian Foreign Minister Mariela Quispe and Chilean Foreign Minister Tomas Lagos met in "
                  "Brasilia in November.", published="2023-02-08")
    [meeting] = meetings(x)
    assert (meeting.date, meeting.date_precision) == ("2022-11-01", "month")


def test_days_the_tagger_left_in_front_of_a_month_are_the_date(extracted):
    x = extracted("Secretary-General Surat Wongsa visited Cambodia between 21-22 December 2011 and met Prime "
                  "Minister Hun Chanthy.", published="2011-12-22")
    dated = [e for e in x.events if e.type == "meeting" and e.date]
    assert dated and all(e.date == "2011-12-21" for e in dated)
