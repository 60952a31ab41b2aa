"""Resolve the words that date an event against the article's publication date.

`resolve_time("last Wednesday", date(2007, 5, 28), tense="past")` gives
2007-05-23 at day precision, keeping the words and the anchor. Only what the
words say is claimed:

- a day ("Monday", "yesterday", "May 28", "3 days ago") has precision `day`;
- a month ("in February", "this month", "May 2007") has precision `month` and
  the month's first day as `date`;
- a week or a weekend ("last week", "this weekend", "two weeks ago") is not a
  precision we have and must not pass for a day: it gets precision `month`,
  the first day of the month holding most of it (its Thursday) as `date`, and
  the week itself in `start`/`end`;
- a season ("this spring", "last winter") is meteorological and northern
  (spring = March to May, summer = June to August, autumn = September to
  November, winter = December to February): precision `month`, the season's
  first month as `date`, the whole season in `start`/`end`;
- a year ("2007", "last year") has precision `year` and 1 January as `date`.

A bare weekday is the nearest such day to the publication date; `tense`
breaks the tie: "past" takes the one on or before publication, "future" the
one on or after. A bare month ("in February") or season is the most recent one
on or before publication unless the tense is future. A day and month without a
year ("May 28") takes the year that puts it nearest publication, on the side
the tense says. Anything else (ranges relative to other events, "in recent
weeks", decades) gives None rather than a guess.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from graph_schema.model import DatePrecision


@dataclass(frozen=True, slots=True)
class ResolvedTime:
    date: str  # ISO date; for month and year precision the first day of the period
    precision: DatePrecision
    text: str  # the original words
    anchor: str  # ISO publication date it was resolved against
    start: str | None = None  # ISO first day of the period the words cover
    end: str | None = None  # ISO last day of that period


MONTHS = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.casefold(): n for n, name in enumerate(calendar.day_name)}
WEEKDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                 "sun": 6})
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month, northern meteorological
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3, "several": 3}
DAY_OFFSETS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
               "earlier today": 0, "later today": 0, "yesterday": -1, "last night": -1, "overnight": -1,
               "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
FUTURE = "future"
PAST = "past"

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)"
_COUNT = r"(?P<count>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + ")"
_LEADING = re.compile(r"^(?:(?:on|in|at|by|since|until|till|from|during|over|as of|as early as|as late as|of|the)\s+)+")
_TIME_OF_DAY = re.compile(r"\b(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?=\s|$)|\b\d{1,2}:\d{2}\b|\b(?:gmt|utc)\b"
                          r"|\b(?:morning|afternoon|evening|night)\b")
_EARLIER_DAY = re.compile(r"^(?:earlier|later)\s+(?=(?:on\s+)?(?:" + "|".join(WEEKDAYS) + r")\b)")
_RANGE = re.compile(r"(?<![\d/.-])(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*\d{1,2}(?:st|nd|rd|th)?(?![\d/.-])")


def resolve_time(expression: str, published: date | str, tense: str | None = None) -> ResolvedTime | None:
    """The date `expression` stands for, read from `published`; None if the words give no date."""
    anchor = date.fromisoformat(published) if isinstance(published, str) else published
    original = expression.strip()
    full = _normalise(original, keep_leading=True)
    texts = dict.fromkeys([full, _LEADING.sub("", full).strip()])  # "in two weeks" before "in" is dropped
    for text, (pattern, handler) in ((t, r) for t in texts if t for r in _RULES):
        m = pattern.fullmatch(text)
        if m:
            found = handler(m, anchor, tense, original)
            if found is None:
                return None
            day, precision, start, end = found
            return ResolvedTime(day.isoformat(), precision, original, anchor.isoformat(),
                                start.isoformat(), end.isoformat())
    return None


# --- normalising the words ---------------------------------------------------------------------


def _normalise(expression: str, keep_leading: bool = False) -> str:
    text = unicodedata.normalize("NFKC", expression).replace("’", "'").casefold()
    text = re.sub(r"'s\b", "", text)
    text = text.replace(",", " ")
    text = re.sub(r"\s+", " ", text).strip(" .;:!?\"'()")
    if text in DAY_OFFSETS:
        return text
    text = _TIME_OF_DAY.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if not keep_leading:
        text = _LEADING.sub("", text)
    text = re.sub(r"\b(early|late|mid|middle of|end of|beginning of|start of)[ -]", "", text)
    text = _EARLIER_DAY.sub("", text)  # "earlier Saturday" is that Saturday
    text = _RANGE.sub(r"\1", text)  # "May 28-29" is dated by its first day
    return re.sub(r"\s+", " ", text).strip()


Found = tuple[date, DatePrecision, date, date] | None
Handler = Callable[[re.Match[str], date, str | None, str], Found]
_RULES: list[tuple[re.Pattern[str], Handler]] = []


def rule(pattern: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _RULES.append((re.compile(pattern), handler))
        return handler
    return register


def _day(d: date) -> Found:
    return d, DatePrecision.DAY, d, d


def _month(year: int, month: int) -> Found:
    first = date(year, month, 1)
    return first, DatePrecision.MONTH, first, date(year, month, calendar.monthrange(year, month)[1])


def _year(year: int) -> Found:
    return date(year, 1, 1), DatePrecision.YEAR, date(year, 1, 1), date(year, 12, 31)


def _span(start: date, end: date) -> Found:
    """A stretch shorter than a month (a week, a weekend): month precision, the month of its middle."""
    middle = start + (end - start) / 2
    first = date(middle.year, middle.month, 1)
    return first, DatePrecision.MONTH, start, end


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _count(m: re.Match[str]) -> int:
    raw = m["count"]
    return int(raw) if raw.isdigit() else NUMBERS[raw]


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# --- absolute dates ----------------------------------------------------------------------------


@rule(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:t.*)?")
def _iso(m, anchor, tense, original):
    d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return _day(d) if d else None


@rule(rf"(?:{_WEEKDAY} )?{_DAY} (?:of )?{_MONTH}(?: {_YEAR})?")
@rule(rf"(?:{_WEEKDAY} )?{_MONTH} {_DAY}(?: {_YEAR})?")
def _day_month(m, anchor, tense, original):
    month, day = MONTHS[m["month"]], int(m["day"])
    if m["year"]:
        d = _safe_date(int(m["year"]), month, day)
        return _day(d) if d else None
    candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
    return _day(_nearest(candidates, anchor, tense)) if candidates else None


@rule(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})")
def _numeric(m, anchor, tense, original):
    """dd/mm/yyyy or mm/dd/yyyy, only when one of the two cannot be a month."""
    a, b = int(m["a"]), int(m["b"])
    if a > 12 >= b:
        d = _safe_date(int(m["year"]), b, a)
    elif b > 12 >= a or a == b:
        d = _safe_date(int(m["year"]), a, b)
    else:
        return None
    return _day(d) if d else None


@rule(rf"{_MONTH} (?:of )?{_YEAR}")
def _month_year(m, anchor, tense, original):
    return _month(int(m["year"]), MONTHS[m["month"]])


@rule(_YEAR)
def _bare_year(m, anchor, tense, original):
    return _year(int(m["year"]))


# --- days relative to publication --------------------------------------------------------------


@rule("|".join(re.escape(k) for k in sorted(DAY_OFFSETS, key=len, reverse=True)))
def _named_day(m, anchor, tense, original):
    return _day(anchor + timedelta(days=DAY_OFFSETS[m.group()]))


@rule(rf"(?:(?P<which>last|this|next|this coming|this past|past|coming) )?{_WEEKDAY}(?: (?P<week>last week|next week))?")
def _weekday(m, anchor, tense, original):
    target = WEEKDAYS[m["weekday"]]
    back = (anchor.weekday() - target) % 7  # days back to the one on or before publication
    before, after = anchor - timedelta(days=back), anchor + timedelta(days=(target - anchor.weekday()) % 7)
    which, week = m["which"], m["week"]
    if week == "last week":  # "Monday last week": that day in the previous calendar week
        monday = anchor - timedelta(days=anchor.weekday() + 7)
        return _day(monday + timedelta(days=target))
    if week == "next week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(days=7)
        return _day(monday + timedelta(days=target))
    if which in ("last", "past", "this past"):
        return _day(before if back else anchor - timedelta(days=7))
    if which == "next":
        return _day(after if after != anchor else anchor + timedelta(days=7))
    if which in ("this", "coming", "this coming"):
        return _day(before if tense == PAST else after)
    return _day(_nearest([before, after], anchor, tense))


@rule(rf"in {_COUNT} (?P<unit>day|week|month|year)s?(?: time)?")
@rule(rf"{_COUNT} (?P<unit>day|week|month|year)s? (?P<direction>ago|from now|hence|earlier|before|later|after)")
def _counted(m, anchor, tense, original):
    """"3 days ago", "in two weeks"; "two days earlier" is relative to another event, so None."""
    direction = m.groupdict().get("direction")
    if direction in ("earlier", "before", "later", "after"):
        return None
    count, unit = _count(m), m["unit"]
    sign = -1 if direction == "ago" else 1
    if unit == "day":
        return _day(anchor + timedelta(days=sign * count))
    if unit == "week":
        day = anchor + timedelta(weeks=sign * count)
        monday = day - timedelta(days=day.weekday())
        return _span(monday, monday + timedelta(days=6))
    if unit == "month":
        return _month(*_shift_month(anchor.year, anchor.month, sign * count))
    return _year(anchor.year + sign * count)


# --- weeks, months, seasons and years relative to publication ----------------------------------


@rule(r"(?P<which>last|this|next|past|the past|the last|previous|the previous|earlier this|later this|"
      r"coming|the coming|the following|following) (?P<unit>week|weekend|month|year)")
def _relative_period(m, anchor, tense, original):
    which, unit = m["which"].removeprefix("the "), m["unit"]
    delta = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=delta)
        return _span(monday, monday + timedelta(days=6))
    if unit == "weekend":
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)  # this or the coming Saturday
        if anchor.weekday() == 6:
            saturday = anchor - timedelta(days=1)
        if which in ("last", "past", "previous") or (which == "this" and tense == PAST and saturday > anchor):
            saturday -= timedelta(days=7)
        elif delta == 1 and saturday <= anchor:
            saturday += timedelta(days=7)
        return _span(saturday, saturday + timedelta(days=1))
    if unit == "month":
        return _month(*_shift_month(anchor.year, anchor.month, delta))
    return _year(anchor.year + delta)


@rule(r"weekend")
def _bare_weekend(m, anchor, tense, original):
    """"over the weekend": the one just past early in the week or in past tense, else the coming one."""
    weekday = anchor.weekday()
    if weekday >= 5:
        saturday = anchor - timedelta(days=weekday - 5)
    elif tense == PAST or (tense != FUTURE and weekday <= 2):
        saturday = anchor - timedelta(days=weekday + 2)
    else:
        saturday = anchor + timedelta(days=5 - weekday)
    return _span(saturday, saturday + timedelta(days=1))


@rule(rf"(?:(?P<which>last|this|next|this past|this coming|past|coming) )?{_MONTH}")
def _bare_month(m, anchor, tense, original):
    if original.strip().split()[-1].islower() and m["month"] in ("may", "march"):
        return None  # "may" and "march" in lower case are verbs
    month, which = MONTHS[m["month"]], m["which"]
    if which == "this":
        year = anchor.year
    elif which in ("last", "this past", "past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif which in ("next", "this coming", "coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif tense == FUTURE:
        year = anchor.year if month >= anchor.month else anchor.year + 1
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return _month(year, month)


@rule(r"(?:(?P<which>last|this|next|this past|this coming|past|coming) )?(?P<season>spring|summer|autumn|fall|winter)"
      r"(?: (?:of )?(?P<year>\d{4}))?")
def _season(m, anchor, tense, original):
    first = SEASONS[m["season"]]
    if m["year"]:
        return _season_span(int(m["year"]), first)
    year = anchor.year if anchor.month >= first else anchor.year - 1  # the latest one started by publication
    latest, which = _season_span(year, first), m["which"]
    ended = latest[3] < anchor
    if which in ("last", "past", "this past"):
        return latest if ended else _season_span(year - 1, first)
    if which in ("next", "coming", "this coming"):
        return _season_span(year + 1, first)
    if which == "this":
        if not ended:
            return latest
        if tense in (PAST, FUTURE):
            return latest if tense == PAST else _season_span(year + 1, first)
        upcoming = _season_span(year + 1, first)
        return latest if (anchor - latest[3]) <= (upcoming[2] - anchor) else upcoming
    if tense == FUTURE and ended:
        return _season_span(year + 1, first)
    return latest


def _season_span(year: int, first: int) -> Found:
    start = date(year, first, 1)
    end_year, end_month = _shift_month(year, first, 2)
    return start, DatePrecision.MONTH, start, date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


# --- choosing between candidates ---------------------------------------------------------------


def _nearest(candidates: list[date], anchor: date, tense: str | None) -> date:
    if tense == PAST:
        on_or_before = [d for d in candidates if d <= anchor]
        if on_or_before:
            return max(on_or_before)
    if tense == FUTURE:
        on_or_after = [d for d in candidates if d >= anchor]
        if on_or_after:
            return min(on_or_after)
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))
