"""How an export is lined up with the gold, by the rules of `eval/FORMAT.md`.

Actors are matched by their names (case, accents, punctuation, hyphens and a
possessive 's ignored) and states also by their country code. Meetings are
matched one to one, the most similar participant sets first, so that a report
of a two-person side meeting takes that side meeting rather than the larger
meeting both people attended. The scorer and the per-meeting diff both read the
`Matching` this module builds, so they can never disagree on what matched.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from diplograph.evaluation.exported import (
    ExportedActor,
    ExportedEvent,
    ExportedGraph,
    ExportedParticipant,
)
from diplograph.evaluation.gold import Gold, GoldMeeting, GoldPlace

STATE_KINDS = frozenset({"state", "country", "government"})  # what other tools may call a state
MIN_SHARED = 2  # participants (the same date counts as one) a report must share with a gold meeting to match it

_POSSESSIVE = re.compile(r"[\u2019'`´]s\b")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def normalise_name(name: str | None) -> str:
    """The name with case, accents, possessive 's, punctuation, hyphens and spaces taken out."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return _NOT_ALPHANUMERIC.sub("", _POSSESSIVE.sub("", text))


def kind_matches(kind: str, gold_kind: str) -> bool:
    return kind == gold_kind or (gold_kind == "state" and kind in STATE_KINDS)


class ActorMatcher:
    """Finds the gold actor an exported actor stands for."""

    def __init__(self, gold: Gold) -> None:
        self._gold = gold
        self._by_name: dict[str, str] = {}
        for actor in gold.actors.values():
            for name in actor.names:
                self._by_name.setdefault(normalise_name(name), actor.id)  # the first actor to claim a name keeps it
        self._state_by_country = {a.country: a.id for a in gold.actors.values() if a.kind == "state"}

    def match(self, actor: ExportedActor) -> str | None:
        """A state by its country code; otherwise the first of its names (canonical first) that a gold actor
        of a compatible kind bears."""
        if actor.kind == "state" and actor.country in self._state_by_country:
            return self._state_by_country[actor.country]
        for name in actor.names:
            gold_id = self._by_name.get(normalise_name(name))
            if gold_id and (actor.kind is None or kind_matches(actor.kind, self._gold.kind_of(gold_id))):
                return gold_id
        return None


@dataclass(frozen=True, slots=True)
class MappedMeeting:
    """An exported meeting in gold terms: who took part, as gold actor ids."""

    index: int  # position among the export's meetings
    event: ExportedEvent
    participants: dict[str, ExportedParticipant]  # gold actor id -> the first participant matched to it
    represented: frozenset[str]  # gold ids of the actors participants took part for
    unmapped: int  # participants matched to no gold actor

    @property
    def taking_part(self) -> frozenset[str]:
        """Participants and the actors they represent: a represented state takes part."""
        return frozenset(self.participants) | self.represented

    def same_date(self, meeting: GoldMeeting) -> bool:
        return bool(meeting.date) and self.event.date == meeting.date

    def shared(self, meeting: GoldMeeting) -> int:
        """Gold participants this report names, plus one for the gold date."""
        return len(meeting.actor_ids & self.taking_part) + self.same_date(meeting)

    def similarity(self, meeting: GoldMeeting) -> float:
        """Jaccard similarity of the participant sets."""
        union = meeting.actor_ids | self.taking_part
        return len(meeting.actor_ids & self.taking_part) / len(union) if union else 0.0


@dataclass(frozen=True, slots=True)
class Matching:
    """The export lined up with the gold: actors, and meetings one to one."""

    gold: Gold
    graph: ExportedGraph
    actors: dict[str, str | None]  # exported actor id -> gold actor id
    meetings: tuple[MappedMeeting, ...]
    matched: dict[str, MappedMeeting]  # required gold meeting id -> the report that took it
    absorbed: dict[int, GoldMeeting]  # report index -> the optional gold meeting it went to
    duplicates: dict[int, GoldMeeting]  # report index -> the gold meeting it shares most with, already taken
    spurious: tuple[MappedMeeting, ...]  # reports that share enough with no gold meeting

    def destination(self, report: MappedMeeting) -> str | None:
        """The gold meeting the report went to (or duplicates), if any."""
        for meeting_id, taker in self.matched.items():
            if taker.index == report.index:
                return meeting_id
        found = self.absorbed.get(report.index) or self.duplicates.get(report.index)
        return found.id if found else None

    def gold_id(self, actor_id: str | None) -> str | None:
        return self.actors.get(actor_id) if actor_id is not None else None

    def representations(self, report: MappedMeeting) -> set[tuple[str, str | None]]:
        """(gold person, gold actor represented) for each person the report says took part for someone."""
        return {(gold_id, self.gold_id(p.represents)) for gold_id, p in report.participants.items()
                if p.represents and self.gold.kind_of(gold_id) == "person"}


def match_export(graph: ExportedGraph, gold: Gold) -> Matching:
    """Match every actor, then assign meetings one to one, the best pairs first."""
    matcher = ActorMatcher(gold)
    actors = {actor_id: matcher.match(actor) for actor_id, actor in graph.actors.items()}
    reports = tuple(_mapped(i, event, actors) for i, event in enumerate(graph.meetings))
    candidates = sorted(
        ((_preference(report, meeting, position), report, meeting)
         for report in reports for position, meeting in enumerate(gold.meetings)
         if report.shared(meeting) >= MIN_SHARED),
        key=lambda candidate: candidate[0])
    matched: dict[str, MappedMeeting] = {}
    absorbed: dict[int, GoldMeeting] = {}
    assigned: set[int] = set()
    closest: dict[int, GoldMeeting] = {}
    for _, report, meeting in candidates:
        closest.setdefault(report.index, meeting)
        if report.index in assigned or (not meeting.optional and meeting.id in matched):
            continue
        assigned.add(report.index)
        if meeting.optional:
            absorbed[report.index] = meeting  # an optional meeting absorbs any number of reports
        else:
            matched[meeting.id] = report
    duplicates = {index: meeting for index, meeting in closest.items() if index not in assigned}
    spurious = tuple(r for r in reports if r.index not in closest)
    return Matching(gold=gold, graph=graph, actors=actors, meetings=reports, matched=matched, absorbed=absorbed,
                    duplicates=duplicates, spurious=spurious)


def _mapped(index: int, event: ExportedEvent, actors: dict[str, str | None]) -> MappedMeeting:
    participants: dict[str, ExportedParticipant] = {}
    unmapped = 0
    for p in event.participants:
        gold_id = actors.get(p.actor) if p.actor is not None else None
        if gold_id:
            participants.setdefault(gold_id, p)
        else:
            unmapped += 1
    represented = {actors.get(p.represents) for p in event.participants if p.represents is not None}
    return MappedMeeting(index=index, event=event, participants=participants,
                         represented=frozenset(r for r in represented if r), unmapped=unmapped)


def _preference(report: MappedMeeting, meeting: GoldMeeting, position: int) -> tuple[float, int, bool, bool, int, int]:
    """Sort key, best first: most similar, most shared, same date, a required meeting; then export and gold order."""
    return (-report.similarity(meeting), -report.shared(meeting), not report.same_date(meeting), meeting.optional,
            report.index, position)


def date_matches(date: str | None, meeting: GoldMeeting) -> bool:
    """The gold date; where the text gives no day, no date or any day of the gold `date_range` (inclusive)."""
    if meeting.date:
        return date == meeting.date
    if date is None:
        return True
    low, high = meeting.date_range or (None, None)
    return bool(low and high and low <= date[:10] <= high)


def place_matches(graph: ExportedGraph, place_id: str | None, place: GoldPlace) -> bool:
    """The event's place, or a place it lies within, bears the name of a gold city or site; where the text names
    no city or site (gold has only a country), any place in that country will do."""
    wanted = {normalise_name(n) for n in (*place.cities, *place.sites)}
    country = None if wanted else place.country
    for step in graph.place_chain(place_id):
        if any(normalise_name(n) in wanted for n in step.names):
            return True
        if country and step.country == country:
            return True
    return False
