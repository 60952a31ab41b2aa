"""Per gold meeting, what the export missed, invented or got wrong: what to read before changing a rule.

A missed meeting comes with the sentences of its articles that name at least
two of its participants (where the pipeline should have found it); a spurious
or duplicate event with the quotes it was extracted from; a matched meeting
with each wrong date, place, participant list or representation, expected
beside found. It reads the same `Matching` the scorer does, so every line here
is something a figure counts.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from diplograph.evaluation.gold import GoldMeeting
from diplograph.evaluation.matching import MIN_SHARED, MappedMeeting, Matching, date_matches, place_matches

NAMED_AT_LEAST = 2  # participants a sentence must name to be shown for a missed meeting

# a sentence ends at . ! or ? (and a closing quote), unless the word before is an initial or a short title
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+")
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Col|Lt|Sgt|Capt|Maj|Adm|St|No|"
                           r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Prof|Rev|Amb|Pres)\.)$")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage of an article."""

    article: str
    text: str


@dataclass(frozen=True, slots=True)
class MissedMeeting:
    meeting: str  # gold meeting id
    participants: tuple[str, ...]
    date: str
    articles: tuple[str, ...]
    sentences: tuple[Evidence, ...]  # empty when no sentence names two participants: read `articles`
    reported_as: tuple[str, ...] = ()  # events that share enough with it but went to a closer gold meeting


@dataclass(frozen=True, slots=True)
class SpuriousEvent:
    event: str
    participants: tuple[str, ...]
    date: str | None
    sources: tuple[Evidence, ...]  # the quotes it was extracted from
    duplicate_of: str | None = None  # the gold meeting it reports, already taken by a closer report


@dataclass(frozen=True, slots=True)
class WrongFact:
    meeting: str  # gold meeting id
    event: str
    fact: str  # date, place, participants or represents
    expected: str
    found: str


@dataclass(frozen=True, slots=True)
class MeetingDiff:
    missed: tuple[MissedMeeting, ...]
    spurious: tuple[SpuriousEvent, ...]
    wrong: tuple[WrongFact, ...]

    @property
    def empty(self) -> bool:
        return not (self.missed or self.spurious or self.wrong)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def diff_meetings(matching: Matching, articles: Mapping[str, str]) -> MeetingDiff:
    """The diff of an export against the gold; `articles` maps article ids to their text."""
    gold = matching.gold
    missed = tuple(_missed(matching, m, articles) for m in gold.required_meetings if m.id not in matching.matched)
    unmatched = {r.index for r in matching.spurious} | matching.duplicates.keys()
    spurious = tuple(_spurious(matching, report, matching.duplicates.get(report.index))
                     for report in matching.meetings if report.index in unmatched)
    wrong = tuple(fact for meeting in gold.required_meetings if meeting.id in matching.matched
                  for fact in _wrong_facts(matching, meeting, matching.matched[meeting.id]))
    return MeetingDiff(missed=missed, spurious=spurious, wrong=wrong)


def split_sentences(text: str) -> list[str]:
    """The text's sentences: each line split at sentence ends, initials and titles ("U.S.", "Mr.") kept whole."""
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for end in _SENTENCE_END.finditer(line):
            if _ABBREVIATION.search(line, 0, end.start() + 1):
                continue
            sentences.append(line[start:end.end()].strip())
            start = end.end()
        sentences.append(line[start:].strip())
    return [s for s in sentences if s]


def sentences_naming(text: str, name_groups: Iterable[Iterable[str]], at_least: int) -> list[str]:
    """Sentences naming at least `at_least` of the groups (an actor's names form one group)."""
    patterns = [re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                           + r")(?!\w)", re.IGNORECASE) for names in name_groups if names]
    return [s for s in split_sentences(text) if sum(bool(p.search(s)) for p in patterns) >= at_least]


def _missed(matching: Matching, meeting: GoldMeeting, articles: Mapping[str, str]) -> MissedMeeting:
    gold = matching.gold
    name_groups = [gold.actors[a].names for a in meeting.by_actor]
    at_least = min(NAMED_AT_LEAST, len(name_groups))
    sentences = tuple(Evidence(article, sentence) for article in meeting.sources if article in articles
                      for sentence in sentences_naming(articles[article], name_groups, at_least))
    reported_as = tuple(f"{r.event.id} (went to {matching.destination(r)})" for r in matching.meetings
                        if r.shared(meeting) >= MIN_SHARED)
    return MissedMeeting(meeting=meeting.id, participants=tuple(gold.name_of(a) for a in meeting.by_actor),
                         date=meeting.describe_date(), articles=meeting.sources, sentences=sentences,
                         reported_as=reported_as)


def _spurious(matching: Matching, report: MappedMeeting, duplicate_of: GoldMeeting | None) -> SpuriousEvent:
    event = report.event
    return SpuriousEvent(
        event=event.id, participants=tuple(matching.graph.name_of(p.actor) for p in event.participants),
        date=event.date, sources=tuple(Evidence(s.article or "?", s.quote or "") for s in event.sources),
        duplicate_of=duplicate_of.id if duplicate_of else None)


def _wrong_facts(matching: Matching, meeting: GoldMeeting, report: MappedMeeting) -> Iterable[WrongFact]:
    """Each way the matched report differs from the gold meeting, as the figures count it."""
    event, graph = report.event, matching.graph

    def wrong(fact: str, expected: str, found: str) -> WrongFact:
        return WrongFact(meeting=meeting.id, event=event.id, fact=fact, expected=expected, found=found)

    if not date_matches(event.date, meeting):
        yield wrong("date", meeting.describe_date(), event.date or "no date")
    if not place_matches(graph, event.location, meeting.place):
        yield wrong("place", meeting.place.describe(),
                    " < ".join(p.name for p in graph.place_chain(event.location)) or "no place")
    missing, extra = _participant_errors(matching, meeting, report)
    if missing or extra:
        yield wrong("participants", "also " + ", ".join(missing) if missing else "no one else",
                    "also " + ", ".join(extra) if extra else "no one else")
    yield from (wrong("represents", expected, found) for expected, found in _representation_errors(
        matching, meeting, report))


def _participant_errors(matching: Matching, meeting: GoldMeeting,
                        report: MappedMeeting) -> tuple[list[str], list[str]]:
    """Required participants the report lacks (a state counts when listed or represented; other actors only as
    persons, as the participant figure counts them), and persons (or names matching no gold actor) it adds."""
    gold = matching.gold
    taking_part = {a for a in report.participants if gold.kind_of(a) == "person"}
    taking_part |= {a for a in report.taking_part if gold.kind_of(a) == "state"}
    missing = [gold.name_of(a) for a, p in meeting.by_actor.items() if not p.optional and a not in taking_part]
    extra = [matching.graph.name_of(p.actor) for a, p in report.participants.items()
             if gold.kind_of(a) == "person" and a not in meeting.by_actor]
    extra += [matching.graph.name_of(p.actor) for p in report.event.participants if not matching.gold_id(p.actor)]
    return missing, extra


def _representation_errors(matching: Matching, meeting: GoldMeeting,
                           report: MappedMeeting) -> Iterable[tuple[str, str]]:
    """(expected, found) per person whose representation is missing or wrong."""
    gold = matching.gold
    expected = meeting.required_representations()
    stated = matching.representations(report)
    people = {a for a, _ in (expected - stated) | (stated - expected - meeting.optional_representations())}
    for person in sorted(people, key=gold.name_of):
        wanted = sorted(gold.name_of(s) for a, s in expected if a == person) or ["no one"]
        said = sorted(gold.name_of(s) if s else "someone not in the gold" for a, s in stated if a == person)
        if not said:
            said = ["no one"] if person in report.participants else ["(not among the participants)"]
        yield f"{gold.name_of(person)} for {' / '.join(wanted)}", f"for {' / '.join(said)}"
