"""resolve_time: a table of expressions, publication dates and tenses with the date each must give."""
from __future__ import annotations

from datetime import date

import pytest

from graph_schema.model import DatePrecision
from ingest.when import ResolvedTime, resolve_time

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
MON = date(2007, 5, 28)  # a Monday
SUN = date(2007, 5, 27)
TUE = date(2007, 5, 29)
THU = date(2011, 3, 17)


@pytest.mark.parametrize(("expression", "published", "tense", "expected", "precision"), [
    # absolute dates
    ("May 28, 2007", MON, None, "2007-05-28", DAY),
    ("28 May 2007", MON, None, "2007-05-28", DAY),
    ("2007-05-28", THU, None, "2007-05-28", DAY),
    ("Monday, May 28, 2007", THU, None, "2007-05-28", DAY),
    ("on 28th of May 2007", THU, None, "2007-05-28", DAY),
    ("Sept. 3, 2006", MON, None, "2006-09-03", DAY),
    ("Dec 1st 2010", MON, None, "2010-12-01", DAY),
    ("May 28-29, 2007", THU, None, "2007-05-28", DAY),
    ("28/05/2007", THU, None, "2007-05-28", DAY),
    ("05/28/2007", THU, None, "2007-05-28", DAY),
    ("May 2007", THU, None, "2007-05-01", MONTH),
    ("in early March 2011", THU, None, "2011-03-01", MONTH),
    ("2007", THU, None, "2007-01-01", YEAR),
    ("in 1979", MON, None, "1979-01-01", YEAR),
    # a day and month without a year: the year nearest publication, the tense's side
    ("June 21", MON, None, "2007-06-21", DAY),
    ("by June 21", MON, "future", "2007-06-21", DAY),
    ("June 21", MON, "past", "2006-06-21", DAY),
    ("December 30", date(2008, 1, 2), None, "2007-12-30", DAY),
    ("January 3", date(2007, 12, 30), None, "2008-01-03", DAY),
    # weekdays
    ("Monday", MON, None, "2007-05-28", DAY),
    ("on Monday", MON, "past", "2007-05-28", DAY),
    ("on Monday", SUN, "future", "2007-05-28", DAY),
    ("Monday", SUN, None, "2007-05-28", DAY),  # one day ahead is nearer than six back
    ("on Monday", TUE, "past", "2007-05-28", DAY),
    ("on Sunday", MON, None, "2007-05-27", DAY),
    ("On Saturday", MON, None, "2007-05-26", DAY),
    ("Thursday", MON, None, "2007-05-31", DAY),  # three ahead is nearer than four back
    ("Thursday", MON, "past", "2007-05-24", DAY),
    ("Friday", MON, "past", "2007-05-25", DAY),
    ("Friday", MON, "future", "2007-06-01", DAY),
    ("last Wednesday", MON, "past", "2007-05-23", DAY),
    ("last Monday", MON, None, "2007-05-21", DAY),
    ("next Friday", MON, "future", "2007-06-01", DAY),
    ("next Monday", MON, None, "2007-06-04", DAY),
    ("this Friday", MON, None, "2007-06-01", DAY),
    ("this Friday", date(2007, 6, 3), "past", "2007-06-01", DAY),
    ("Monday's", MON, None, "2007-05-28", DAY),
    ("Monday morning", TUE, None, "2007-05-28", DAY),
    ("10:30 a.m. Monday", MON, None, "2007-05-28", DAY),
    ("Wednesday last week", MON, None, "2007-05-23", DAY),
    ("Earlier Saturday", MON, "past", "2007-05-26", DAY),
    ("later on Tuesday", MON, "future", "2007-05-29", DAY),
    ("Tuesday next week", MON, None, "2007-06-05", DAY),
    # days relative to publication
    ("today", MON, None, "2007-05-28", DAY),
    ("this morning", MON, None, "2007-05-28", DAY),
    ("yesterday", MON, None, "2007-05-27", DAY),
    ("last night", MON, None, "2007-05-27", DAY),
    ("tomorrow", MON, None, "2007-05-29", DAY),
    ("the day before yesterday", MON, None, "2007-05-26", DAY),
    ("3 days ago", MON, None, "2007-05-25", DAY),
    ("two days ago", MON, None, "2007-05-26", DAY),
    ("in 3 days", MON, None, "2007-05-31", DAY),
    # weeks: month precision, the month holding most of the week
    ("last week", MON, None, "2007-05-01", MONTH),
    ("this week", MON, None, "2007-05-01", MONTH),
    ("earlier this week", date(2007, 5, 31), None, "2007-05-01", MONTH),
    ("next week", MON, None, "2007-06-01", MONTH),
    ("two weeks ago", MON, None, "2007-05-01", MONTH),
    ("last week", date(2007, 6, 4), None, "2007-05-01", MONTH),  # May 28 - June 3: mostly May
    ("this weekend", MON, "future", "2007-06-01", MONTH),
    ("over the weekend", date(2007, 6, 4), None, "2007-06-01", MONTH),
    # months
    ("earlier this month", MON, None, "2007-05-01", MONTH),
    ("this month", MON, None, "2007-05-01", MONTH),
    ("later this month", MON, "future", "2007-05-01", MONTH),
    ("last month", MON, None, "2007-04-01", MONTH),
    ("last month", date(2008, 1, 15), None, "2007-12-01", MONTH),
    ("next month", date(2007, 12, 15), None, "2008-01-01", MONTH),
    ("three months ago", MON, None, "2007-02-01", MONTH),
    ("In February", MON, None, "2007-02-01", MONTH),
    ("in May", MON, None, "2007-05-01", MONTH),
    ("in July", MON, None, "2006-07-01", MONTH),  # the most recent July on or before publication
    ("in July", MON, "future", "2007-07-01", MONTH),
    ("in February", MON, "future", "2008-02-01", MONTH),
    ("last February", MON, None, "2007-02-01", MONTH),
    ("last May", MON, None, "2006-05-01", MONTH),
    ("next March", MON, None, "2008-03-01", MONTH),
    ("late September", MON, "past", "2006-09-01", MONTH),
    # seasons: month precision, the season's first month
    ("this spring", MON, None, "2007-03-01", MONTH),
    ("in the spring", MON, None, "2007-03-01", MONTH),
    ("last summer", MON, None, "2006-06-01", MONTH),
    ("last spring", MON, None, "2006-03-01", MONTH),  # still spring at publication: the one before
    ("next spring", MON, None, "2008-03-01", MONTH),
    ("this summer", MON, None, "2007-06-01", MONTH),
    ("this winter", date(2007, 10, 20), None, "2007-12-01", MONTH),
    ("this winter", date(2008, 1, 20), None, "2007-12-01", MONTH),
    ("last winter", MON, None, "2006-12-01", MONTH),
    ("in the autumn", MON, "future", "2007-09-01", MONTH),
    ("fall 2005", MON, None, "2005-09-01", MONTH),
    # years
    ("last year", MON, None, "2006-01-01", YEAR),
    ("earlier this year", MON, None, "2007-01-01", YEAR),
    ("next year", MON, None, "2008-01-01", YEAR),
    ("two years ago", MON, None, "2005-01-01", YEAR),
])
def test_resolve_time(expression: str, published: date, tense: str | None, expected: str,
                      precision: DatePrecision) -> None:
    resolved = resolve_time(expression, published, tense)
    assert resolved is not None, expression
    assert (resolved.date, resolved.precision) == (expected, precision)
    assert resolved.text == expression.strip()
    assert resolved.anchor == published.isoformat()


@pytest.mark.parametrize("expression", [
    "", "   ", "recently", "in recent weeks", "two days after", "three days later", "within days",
    "the 1980s", "may", "march", "04/05/2007", "February 30, 2007", "soon", "the talks", "Monday-ish",
])
def test_words_that_give_no_date(expression: str) -> None:
    assert resolve_time(expression, MON) is None


def test_a_week_keeps_its_days_in_start_and_end_not_in_date() -> None:
    resolved = resolve_time("last week", MON)
    assert resolved == ResolvedTime("2007-05-01", MONTH, "last week", "2007-05-28", "2007-05-21", "2007-05-27")


@pytest.mark.parametrize(("expression", "published", "tense", "saturday"), [
    ("over the weekend", MON, None, "2007-05-26"),
    ("the weekend", date(2007, 5, 31), None, "2007-06-02"),
    ("at the weekend", date(2007, 5, 31), "past", "2007-05-26"),
    ("this weekend", MON, "future", "2007-06-02"),
    ("last weekend", MON, None, "2007-05-26"),
    ("next weekend", MON, None, "2007-06-02"),
    ("the weekend", date(2007, 5, 27), None, "2007-05-26"),
])
def test_weekends(expression: str, published: date, tense: str | None, saturday: str) -> None:
    resolved = resolve_time(expression, published, tense)
    assert resolved.precision == MONTH
    assert resolved.start == saturday and date.fromisoformat(resolved.end) - date.fromisoformat(saturday) == (
        date(2000, 1, 2) - date(2000, 1, 1))


def test_a_season_covers_three_months() -> None:
    resolved = resolve_time("last winter", MON)
    assert (resolved.start, resolved.end) == ("2006-12-01", "2007-02-28")


def test_a_day_is_its_own_period() -> None:
    resolved = resolve_time("yesterday", MON)
    assert resolved.start == resolved.end == resolved.date == "2007-05-27"


def test_publication_date_may_be_an_iso_string() -> None:
    assert resolve_time("yesterday", "2007-05-28").date == "2007-05-27"


def test_capitalised_may_is_a_month() -> None:
    assert resolve_time("May", MON).date == "2007-05-01"
