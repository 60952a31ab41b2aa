"""The figures of `eval/FORMAT.md`, under the names `eval/reference/score.py` gives them.

Optional gold entries count neither for nor against. Actors, meetings and
who-met-whom pairs are scored with precision, recall and F1; participants and
representation over the required meetings that were matched (a missed meeting
costs all of its participants); dates, places and sources over every required
meeting (a missed one counts as wrong).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from itertools import combinations

from diplograph.evaluation.exported import ExportedGraph
from diplograph.evaluation.gold import Gold
from diplograph.evaluation.matching import (
    STATE_KINDS,
    Matching,
    date_matches,
    match_export,
    normalise_name,
    place_matches,
)

# the figures the reference prints on its `score:` line, in its order
HEADLINE = ("meeting_f1", "pair_f1", "representation_f1", "participant_f1", "person_f1", "state_f1",
            "date_acc", "location_acc", "source_recall")


@dataclass(slots=True)
class Tally:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def rates(self) -> tuple[float, float, float]:
        """Precision, recall, F1. Nothing claimed is precise only when nothing was to be found."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if self.fn == 0 else 0.0)
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass(frozen=True, slots=True)
class Scores:
    """Every figure; `as_dict()` gives them under the reference scorer's names."""

    person_p: float
    person_r: float
    person_f1: float
    person_duplicates: int
    state_p: float
    state_r: float
    state_f1: float
    state_duplicates: int
    negatives_hit: int  # actors bearing a name the gold says is not an actor (furniture, comments)
    affiliation_acc: float  # matched persons with the gold country
    title_acc: float  # matched persons whose titles hold every gold title keyword
    meeting_p: float
    meeting_r: float
    meeting_f1: float
    meeting_duplicates: int
    meeting_spurious: int
    participant_p: float
    participant_r: float
    participant_f1: float
    representation_p: float
    representation_r: float
    representation_f1: float
    date_acc: float
    location_acc: float
    source_recall: float
    pair_p: float  # who met whom: unordered pairs of persons over all meetings
    pair_r: float
    pair_f1: float

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)

    def headline(self) -> str:
        """The reference scorer's last line: `score: meeting_f1=... pair_f1=...`."""
        figures = self.as_dict()
        return "score: " + " ".join(f"{name}={figures[name]:.3f}" for name in HEADLINE)


FIGURES = tuple(Scores.__dataclass_fields__)


def format_figure(value: float | int) -> str:
    """Rates to three decimals, counts as they are."""
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def score_export(graph: ExportedGraph, gold: Gold) -> Scores:
    """Score an export against the gold."""
    return score_matching(match_export(graph, gold))


def score_matching(matching: Matching) -> Scores:
    persons, person_duplicates = _actor_tally(matching, "person")
    states, state_duplicates = _actor_tally(matching, "state")
    meetings = Tally(tp=len(matching.matched), fp=len(matching.spurious) + len(matching.duplicates),
                     fn=len(matching.gold.required_meetings) - len(matching.matched))
    participants, representations = _participant_tallies(matching)
    affiliation, titles = _person_accuracies(matching)
    date, place, sources = _fact_accuracies(matching)
    return Scores(
        **_named("person", persons), person_duplicates=person_duplicates,
        **_named("state", states), state_duplicates=state_duplicates,
        negatives_hit=_negatives_hit(matching), affiliation_acc=affiliation, title_acc=titles,
        **_named("meeting", meetings), meeting_duplicates=len(matching.duplicates),
        meeting_spurious=len(matching.spurious),
        **_named("participant", participants), **_named("representation", representations),
        date_acc=date, location_acc=place, source_recall=sources, **_named("pair", _pair_tally(matching)))


def _named(prefix: str, tally: Tally) -> dict[str, float]:
    return dict(zip((f"{prefix}_p", f"{prefix}_r", f"{prefix}_f1"), tally.rates(), strict=True))


def _actor_tally(matching: Matching, kind: str) -> tuple[Tally, int]:
    """Exported actors of `kind` against gold actors of `kind`; a gold actor found twice counts a duplicate."""
    gold = matching.gold
    gold_ids = {g for g, a in gold.actors.items() if a.kind == kind}
    required = {g for g in gold_ids if not gold.actors[g].optional}
    kinds = STATE_KINDS if kind == "state" else {kind}
    tally, found, duplicates = Tally(), set(), 0
    for actor in matching.graph.actors.values():
        if actor.kind not in kinds:
            continue
        gold_id = matching.actors[actor.id]
        if gold_id not in gold_ids:
            tally.fp += 1
        elif gold_id in found:
            duplicates += 1
            tally.fp += 1
        else:
            found.add(gold_id)
            tally.tp += gold_id in required  # an optional actor found is no gain
    tally.fn = len(required - found)
    return tally, duplicates


def _negatives_hit(matching: Matching) -> int:
    negatives = {normalise_name(n) for n in matching.gold.negatives}
    return sum(any(normalise_name(n) in negatives for n in actor.names) for actor in matching.graph.actors.values())


def _person_accuracies(matching: Matching) -> tuple[float, float]:
    """Share of matched persons with the gold country, and with every gold title keyword among their titles."""
    affiliation, titles = Tally(), Tally()  # tp: right, fn: wrong
    for actor_id, gold_id in matching.actors.items():
        if gold_id is None or matching.gold.kind_of(gold_id) != "person":
            continue
        expected, actor = matching.gold.actors[gold_id], matching.graph.actors[actor_id]
        if expected.country:
            _count(affiliation, actor.country == expected.country)
        if expected.title_keywords:
            held = " ".join(actor.titles).casefold()
            _count(titles, all(keyword in held for keyword in expected.title_keywords))
    return _share(affiliation), _share(titles)


def _count(tally: Tally, right: bool) -> None:
    if right:
        tally.tp += 1
    else:
        tally.fn += 1


def _share(tally: Tally) -> float:
    return tally.tp / (tally.tp + tally.fn) if tally.tp + tally.fn else 0.0


def _participant_tallies(matching: Matching) -> tuple[Tally, Tally]:
    """Participants (persons one by one; a state takes part when listed or represented) and representations
    (person, represented actor) over the required meetings."""
    gold = matching.gold
    participants, representations = Tally(), Tally()
    for meeting in gold.required_meetings:
        by_actor = meeting.by_actor
        required = {a for a, p in by_actor.items() if not p.optional}
        required_states = {a for a in required if gold.kind_of(a) == "state"}
        required_others = required - required_states
        expected_representations = meeting.required_representations()
        report = matching.matched.get(meeting.id)
        if report is None:
            participants.fn += len(required)
            representations.fn += len(expected_representations)
            continue
        persons = {a for a in report.participants if gold.kind_of(a) == "person"}
        states = {a for a in report.participants if gold.kind_of(a) == "state"} | report.represented
        participants.tp += len(persons & required_others) + len(states & required_states)
        participants.fp += len(persons - by_actor.keys()) + report.unmapped
        participants.fn += len(required_others - persons) + len(required_states - states)
        stated = matching.representations(report)
        representations.tp += len(stated & expected_representations)
        representations.fp += len(stated - expected_representations - meeting.optional_representations())
        representations.fn += len(expected_representations - stated)
    return participants, representations


def _fact_accuracies(matching: Matching) -> tuple[float, float, float]:
    """Date accuracy, place accuracy and source recall over the required meetings."""
    required = matching.gold.required_meetings
    dates = places = sources_found = sources_expected = 0
    for meeting in required:
        sources_expected += len(meeting.sources)
        report = matching.matched.get(meeting.id)
        if report is None:
            continue
        dates += date_matches(report.event.date, meeting)
        places += place_matches(matching.graph, report.event.location, meeting.place)
        sources_found += len(set(report.event.articles) & set(meeting.sources))
    count = len(required) or 1
    return dates / count, places / count, sources_found / sources_expected if sources_expected else 0.0


def _pair_tally(matching: Matching) -> Tally:
    """Who met whom: unordered pairs of persons. A pair required in any gold meeting is required; one only in
    optional meetings or with an optional participant is neither gain nor cost. Exported pairs are counted
    once; a pair with a person matching no gold actor costs once per meeting."""
    gold = matching.gold
    required: set[frozenset[str]] = set()
    optional: set[frozenset[str]] = set()
    for meeting in gold.meetings:
        people = [p for p in meeting.participants if gold.kind_of(p.actor) == "person"]
        for a, b in combinations(people, 2):
            pair = frozenset((a.actor, b.actor))
            (optional if meeting.optional or a.optional or b.optional else required).add(pair)
    optional -= required
    found: set[frozenset[str]] = set()
    unknown = 0
    for report in matching.meetings:
        people = {p.actor for p in report.event.participants
                  if p.actor in matching.graph.actors and matching.graph.actors[p.actor].kind == "person"}
        for a, b in combinations(sorted(people), 2):
            gold_a, gold_b = matching.actors[a], matching.actors[b]
            if gold_a and gold_b and gold_a != gold_b:
                found.add(frozenset((gold_a, gold_b)))
            else:
                unknown += 1
    found -= optional
    return Tally(tp=len(found & required), fp=len(found - required) + unknown, fn=len(required - found))
