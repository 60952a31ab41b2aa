"""The date of an event, from its own words (ingest/extract/time.py)."""
from __future__ import annotations

import pytest

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


def test_a_day_on_a_time_of_day_dates_the_meeting(extracted):
    x = extracted("Lebanese and Syrian negotiators met on Monday evening in the city of Tyre.", published="2013-08-27")
    [meeting] = meetings(x)
    assert (meeting.date, meeting.date_text) == ("2013-08-26", "Monday evening")


@pytest.mark.parametrize(("text", "under_way"), [
    ("Chilean and Peruvian Foreign Ministers Ana Rojas and Luis Vega are meeting in Arica, Chile.", True),
    ("Reporters waited in Lima, where Chile's Foreign Minister Ana Rojas holds talks with Peru's Luis Vega.", True),
    ("Chile's Foreign Minister Ana Rojas meets Peruvian counterpart Luis Vega\n\nThe talks were long.", False),
    ("Chilean Foreign Minister Ana Rojas and Peruvian Foreign Minister Luis Vega met in Arica.", False),
])
def test_a_meeting_told_in_the_present_is_under_way(extracted, text, under_way):
    x = extracted(text, published="2022-03-10")
    found = [m for m in meetings(x) if m.participants]
    assert found and found[0].under_way is under_way and found[0].date is None


def test_days_listed_in_the_past_come_in_order_and_two_meetings_on_them_are_one_a_day(extracted):
    x = extracted("Chilean and Peruvian negotiators held two meetings in Lima on Monday and Thursday.",
                  published="2015-03-16")  # a Monday: the Monday before the Thursday is the 9th
    assert sorted((m.date, m.date_text) for m in meetings(x)) == [("2015-03-09", "Monday and Thursday"),
                                                                  ("2015-03-12", "Monday and Thursday")]


def test_the_lead_sentence_names_the_day_of_the_news(extracted):
    x = extracted("Leaders clash on trade\n\nOTTAWA (AP) _ President Tom Baker was prodded by Canadian Prime Minister "
                  "Anne Roy on Sunday to enter negotiations on acid rain.\n\nBaker and Roy met at a summit.",
                  published="1987-04-06", dateline="Ottawa")
    assert x.lead_day == "1987-04-05"
    assert extracted("Leaders clash on trade\n\nBaker and Roy met at a summit in Ottawa.",
                     published="1987-04-06").lead_day is None


def test_a_weekday_of_a_meeting_noun_takes_the_tense_of_its_clause(extracted):
    x = extracted("Iranian Foreign Minister Ali Karimi and Omani Foreign Minister Yusuf bin Salim met in Tehran on "
                  "Sunday. The visit followed a meeting between the two ministers in Muscat on Tuesday.",
                  published="2020-01-26")
    assert "2020-01-21" in {m.date for m in meetings(x)}  # the Tuesday before, not the one ahead


@pytest.mark.parametrize(("text", "published", "day"), [
    pytest.param("Portuguese Prime Minister Rui Costa hosted Spanish Prime Minister Ana Ruiz at a one-day summit "
                 "in Lisbon on Thursday.",
                 "2018-06-22", "2018-06-21", id="a_duration_is_skipped_for_the_day_beside_it"),
    pytest.param("Earlier Saturday, Nepali envoy Arun Thapa held talks with the junta leader, Gen. Min Soe.",
                 "2006-05-21", "2006-05-20", id="earlier_with_a_weekday_is_that_day"),
    pytest.param("President Lena Okafor received Peruvian President Jorge Salas at the palace and hosted a "
                 "banquet in his honour on Saturday.",
                 "2025-05-03", "2025-05-03", id="a_day_said_of_a_coordinated_verb_dates_the_meeting"),
    pytest.param("Lebanese and Syrian negotiators on Tuesday night concluded a third meeting in Tyre.",
                 "2013-08-21", "2013-08-20", id="a_day_the_tagger_took_for_a_time_dates_the_meeting"),
    pytest.param("MOSCOW — Foreign Minister Tom Baker and Soviet Foreign Minister Ivan Petrov opened two days of talks "
                 "Sunday that could lay the foundation for a summit.",
                 "1988-02-22", "1988-02-21", id="a_sitting_measured_in_days_is_dated_by_its_verb"),
    pytest.param("Earlier today, President Tom Baker met with President Juan Mora of Colombia in New York.",
                 "2010-09-24", "2010-09-24", id="earlier_today_tagged_a_time_dates_the_meeting"),
    pytest.param("President Karl Weber met Chilean President Ana Rojas two days ago.",
                 "2019-03-13", "2019-03-11", id="days_ago_is_a_day_not_a_duration"),
])
def test_the_day_of_a_meeting(extracted, text, published, day):
    [meeting] = meetings(extracted(text, published=published))
    assert meeting.date == day


def test_two_dates_the_tagger_joined_across_a_preposition_are_two_dates(extracted):
    x = extracted("The negotiations will resume Sept. 25 after a Sept. 19-20 meeting between Secretary of State "
                  "Carl Lindqvist and Soviet Foreign Minister Pavel Orlov in Helsinki.", published="1989-08-07")
    assert meetings(x) == []
    [planned] = [e for e in x.events if e.type == "intent"]
    assert planned.date > "1989-09"


def test_last_night_is_the_day_before_and_a_future_verb_beside_it_is_another_occasion(extracted):
    x = extracted("Finance Minister Ali Kamal last night met Venezuelan energy minister Arturo Perez and will today "
                  "hold talks at technical level.", published="1987-03-11")
    [meeting] = meetings(x)
    assert meeting.date == "1987-03-10"
    assert [e.date for e in x.events if e.type == "intent"] == ["1987-03-11"]

