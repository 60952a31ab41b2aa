"""One event per real-world event, however many sentences and articles report it.

Meetings are merged in two steps. Within an article, sentences naming two or
more parties are joined when they share a party (or one names only states
that the other's people represent); a sentence naming fewer ("the talks",
"Iraq was represented at the talks by X") refers back to the article's
compatible meeting, nearest first. Across articles, the article-level
meetings are joined when they share a person (or one names only states the
other includes), their dates are compatible (equal, or one unknown or coarser
and containing the other) and their places are too (same city and country,
or one unknown); different venues in one city are a conflict, not two events.
Candidates come from an index on participants, so nothing is compared
all-pairs. A meeting that ends with fewer than two parties is dropped.

Other events merge when they have the same type and participants, compatible
dates, and (across sentences) nearly the same words.
"""
from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from rapidfuzz.fuzz import token_set_ratio

from graph_schema.model import (
    ActorKind,
    Conflict,
    DatePrecision,
    Event,
    Evidence,
    LocationKind,
    Participation,
    Role,
)
from ingest.extract.lexicon import ACTING_CLASSES, LEADER, held_now, load
from ingest.extraction import EventMention, Extraction
from ingest.resolve.actors import ActorIndex
from ingest.resolve.ids import event_id
from ingest.resolve.places import PlaceIndex

MEETING = "meeting"
ROLE_RANK = {Role.HOST: 3, Role.MEDIATOR: 2, Role.PARTICIPANT: 1, Role.ATTENDEE: 0}
NEWS_BEFORE_DAYS = 31  # an undated report is of a meeting at most this long before its publication
NEWS_AFTER_DAYS = 62  # or, announced, this long after it
BACKGROUND_DAYS = 7  # a meeting that ended this long before publication is background, not the news
SAME_WORDS = 90  # rapidfuzz token_set_ratio of two reports of one statement


@dataclass(slots=True)
class Taking:
    actor: str
    role: Role
    represents: str | None
    evidence: list[Evidence]


@dataclass(slots=True, eq=False)
class Report:
    """One event mention with its actors and places resolved."""

    article: str
    key: str
    type: str
    cameo: str | None
    date: str | None
    precision: DatePrecision | None
    date_text: str | None
    location: str | None
    takings: list[Taking]
    evidence: Evidence
    anaphoric: bool = False
    tense: str | None = None
    under_way: bool = False

    @property
    def name(self) -> str:
        return f"{self.article}#{self.key}"

    @property
    def parties(self) -> set[str]:
        return {t.actor for t in self.takings} | {t.represents for t in self.takings if t.represents}


@dataclass(slots=True, eq=False)
class Bundle:
    """Reports believed to be one event, with what they say together."""

    reports: list[Report] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    _actors: set[str] | None = None
    _parties: set[str] | None = None

    def add(self, report: Report, reason: str | None = None) -> None:
        self.reports.append(report)
        self._actors = self._parties = None
        if reason:
            self.reasons.append(reason)

    def absorb(self, other: Bundle, reason: str) -> None:
        self.reports.extend(other.reports)
        self._actors = self._parties = None
        self.reasons.extend(other.reasons)
        self.reasons.append(reason)

    @property
    def actors(self) -> set[str]:
        if self._actors is None:
            self._actors = {t.actor for r in self.reports for t in r.takings}
        return self._actors

    @property
    def parties(self) -> set[str]:
        if self._parties is None:
            self._parties = {p for r in self.reports for p in r.parties}
        return self._parties

    @property
    def first(self) -> Report:
        return self.reports[0]


class EventResolver:
    def __init__(self, actors: ActorIndex, places: PlaceIndex, published: dict[str, str | None] | None = None,
                 datelines: dict[str, str | None] | None = None, news_days: dict[str, str] | None = None,
                 news_places: dict[str, str] | None = None):
        self.actors = actors
        self.places = places
        self.published = published or {}
        self.datelines = datelines or {}  # article id -> the location it was filed from
        self.news_days = news_days or {}  # article id -> the day its news happened
        self.news_places = news_places or {}  # article id -> the location its news happened in
        self._person_ids = {a.id for a in actors.actors.values() if a.kind == ActorKind.PERSON}
        self._state_ids = {a.id for a in actors.actors.values() if a.kind == ActorKind.STATE}
        self.conflicts: list[Conflict] = []
        self._pending: list[Conflict] = []  # conflicts of the event being built, before it has an id

    # --- reading ---------------------------------------------------------------------------------

    def reports(self, x: Extraction) -> list[Report]:
        out = []
        for e in sorted(x.events, key=lambda e: (e.evidence.start, e.key)):
            out.append(self._report(x.article.id, e))
        return out

    def _report(self, article: str, e: EventMention) -> Report:
        takings: dict[str, Taking] = {}
        for p in e.participants:
            actor = self.actors.of(article, p.actor)
            if actor is None:
                continue
            represents = self.actors.of(article, p.represents)
            have = takings.get(actor)
            if have is None:
                takings[actor] = Taking(actor, p.role, represents if represents != actor else None, list(p.evidence))
            else:
                if ROLE_RANK[p.role] > ROLE_RANK[have.role]:
                    have.role = p.role
                have.represents = have.represents or represents
                have.evidence.extend(p.evidence)
        type_ = MEETING if e.type == MEETING or (e.cameo or "").startswith("04") else e.type
        if type_ == MEETING:
            for t in takings.values():  # what other articles say of a person's office fills this one's gaps
                if t.represents is None and t.role != Role.HOST:
                    t.represents = self._own_state(t.actor)
        return Report(article, e.key, type_, e.cameo, e.date, e.date_precision, e.date_text,
                      self.places.of(article, e.place), list(takings.values()), e.evidence, e.anaphoric, e.tense,
                      e.under_way)

    def _diplomatic(self, participants: list[Participation]) -> bool:
        """Someone in public life takes part (a state, a state's or several states' body, a person with
        an office or a country, anyone acting for a state), and no firm or union does unless two such
        parties do: "Benetton is holding talks with the Soviet Union" is business, not diplomacy."""
        public = firms = persons = 0
        for p in participants:
            actor = self.actors.actors.get(p.actor)
            if actor is None:
                continue
            if actor.kind == ActorKind.ORGANIZATION and not p.represents and actor.country is None \
                    and not load().is_international(actor.name):
                firms += 1
            elif p.represents or actor.kind in (ActorKind.STATE, ActorKind.GROUP, ActorKind.ORGANIZATION) \
                    or actor.country is not None or actor.titles:
                public += 1
            else:
                persons += 1  # named, but nothing says what they are
        return public >= 2 if firms else public + persons >= 2

    def _own_state(self, actor_id: str) -> str | None:
        """Whom a person's office acts for: an international body's envoy acts for the body, a state's
        official (a minister, an ambassador, a ministry's spokesman) for the state; None without such an office."""
        record = self.actors.actors.get(actor_id)
        if record is None or record.kind != ActorKind.PERSON:
            return None
        lexicon = load()
        acting = [t for t in record.titles if held_now(t.title) and (
            lexicon.office_class(t.title) in ACTING_CLASSES or lexicon.office_class(t.title) == LEADER
            and self._is_state(t.of))]  # "China's leader", not "the rebels' leader"
        if not acting:
            return None
        for t in acting:
            body = self.actors.actors.get(t.of) if t.of else None
            if body is not None and body.kind != ActorKind.STATE and lexicon.is_international(body.name):
                return body.id  # "UN envoy": the United Nations
        if not record.country:
            return None
        own = f"a:{record.country.lower()}"
        return own if own in self.actors.actors else None

    def _is_state(self, actor_id: str | None) -> bool:
        return actor_id is not None and actor_id in self._state_ids

    def _persons(self, ids: set[str]) -> set[str]:
        return ids & self._person_ids

    def _states(self, ids: set[str]) -> set[str]:
        return ids & self._state_ids

    # --- compatibility ---------------------------------------------------------------------------

    def dates_fit(self, reports: list[Report], other: list[Report]) -> bool:
        """Stated dates overlap, and a report without a date was published near the event (or the other
        report without one): news of one meeting comes out within weeks, not years."""
        spans = [_interval(r.date, r.precision) for r in reports if r.date]
        if not all(_overlap(a, b) for a in spans for r in other if r.date for b in [_interval(r.date, r.precision)]):
            return False
        return self._near(reports, other) and self._near(other, reports)

    def _near(self, reports: list[Report], other: list[Report]) -> bool:
        for r in reports:
            if r.date or not self.published.get(r.article):
                continue
            published = date.fromisoformat(self.published[r.article])
            window = (published - timedelta(days=NEWS_BEFORE_DAYS), published + timedelta(days=NEWS_AFTER_DAYS))
            for o in other:
                if o.article == r.article:
                    continue  # one article may well recall an old meeting without repeating its date
                if o.date:
                    if not _overlap(window, _interval(o.date, o.precision)):
                        return False
                elif self.published.get(o.article) and abs(
                        (date.fromisoformat(self.published[o.article]) - published).days) > NEWS_BEFORE_DAYS:
                    return False
        return True

    def places_fit(self, reports: list[Report], other: list[Report]) -> bool:
        mine = [self.places.city_and_country(r.location) for r in reports if r.location]
        theirs = [self.places.city_and_country(r.location) for r in other if r.location]
        for city, country in mine:
            for city2, country2 in theirs:
                if country and country2 and country != country2:
                    return False
                if city and city2 and city != city2:
                    return False
        return True

    def pinned_together(self, a: list[Report], b: list[Report]) -> bool:
        """One person in common is thin evidence across articles (a minister meets many people): the two
        must also share a stated day or a stated city."""
        days_a = [_interval(r.date, r.precision) for r in a if r.date and r.precision == DatePrecision.DAY]
        days_b = [_interval(r.date, r.precision) for r in b if r.date and r.precision == DatePrecision.DAY]
        if any(_overlap(x, y) for x in days_a for y in days_b):
            return True
        cities_a = {self.places.city_and_country(r.location)[0] for r in a if r.location} - {None}
        cities_b = {self.places.city_and_country(r.location)[0] for r in b if r.location} - {None}
        return bool(cities_a & cities_b)

    def a_day_apart(self, a: list[Report], b: list[Report]) -> bool:
        """The same two people in the same city, on days one apart: one meeting over two days, or one
        outlet counting from another time zone. The best-supported day wins."""
        if not self.places_fit(a, b) or not self._near(a, b) or not self._near(b, a):
            return False
        cities = {self.places.city_and_country(r.location)[0] for r in [*a, *b] if r.location} - {None}
        if len(cities) != 1:
            return False
        days = [_interval(r.date, r.precision) for r in [*a, *b] if r.date]
        if any(d[0] != d[1] for d in days):
            return False
        return bool(days) and (max(d[0] for d in days) - min(d[0] for d in days)).days <= 1

    def fits(self, a: list[Report], b: list[Report]) -> bool:
        return self.dates_fit(a, b) and self.places_fit(a, b)

    def same_parties(self, a: set[str], a_actors: set[str], b: set[str], b_actors: set[str]) -> int:
        """How strongly two reports' parties say they are one meeting; 0 when they do not."""
        pa, pb = self._persons(a_actors), self._persons(b_actors)
        shared_people = len(pa & pb)
        if shared_people == 1 and pa - pb and pb - pa:
            return 0  # one person at two meetings, with other people each: two meetings
        if shared_people:
            return 10 * shared_people + len(a & b)
        if pa and pb:
            return 0  # people on both sides, none in common: two meetings
        states_a, states_b = self._states(a_actors), self._states(b_actors)
        if not pa and len(states_a) >= 2 and states_a <= b:
            return len(states_a)
        if not pb and len(states_b) >= 2 and states_b <= a:
            return len(states_b)
        return 0

    # --- meetings --------------------------------------------------------------------------------

    def article_meetings(self, reports: list[Report]) -> list[Bundle]:
        meetings = [r for r in reports if r.type == MEETING]
        complete = [r for r in meetings if not _refers_back(r)]
        partial = [r for r in meetings if _refers_back(r)]
        bundles: list[Bundle] = []
        for r in complete:
            told = self._told_bilaterals(r, bundles)
            if told:  # "also held discussions with A and B" after two bilaterals with A and with B
                for n, b in enumerate(told, 1):
                    part = replace(r, key=f"{r.key}.{n}", takings=[t for t in r.takings if t.actor in b.parties])
                    b.add(part, f"{part.name} joins {b.first.name}: the article told that meeting apart")
                continue
            best, best_score = None, 0
            actors = {t.actor for t in r.takings}
            for b in bundles:
                score = self.same_parties(b.parties, b.actors, r.parties, actors)
                # every report already in the bundle must agree: a trilateral must not bridge two bilaterals
                if score > 0 and any(self.same_parties(x.parties, {t.actor for t in x.takings}, r.parties, actors)
                                     == 0 for x in b.reports):
                    continue
                if score > best_score and self.fits(b.reports, [r]) and not self._recalled_beside(b, Bundle([r])):
                    best, best_score = b, score
            if best is None:
                bundles.append(Bundle([r]))
            else:
                best.add(r, f"{r.name} joins {best.first.name}: same article, shared parties "
                            f"{_list(best.parties & r.parties)}")
        for r in partial:
            target = self._refers_back(r, bundles)
            if target is not None:
                target.add(r, f"{r.name} refers to {target.first.name}: same article, compatible date and place")
            elif r.takings or r.date or r.location:  # "began their third meeting in X on November 14"
                bundles.append(Bundle([r]))
        return bundles

    def _told_bilaterals(self, r: Report, bundles: list[Bundle]) -> list[Bundle]:
        """The meetings of one person with each of the others of a report, when the article has already
        told each of them apart: the report speaks of those meetings, not of a meeting of all of them."""
        persons = self._persons({t.actor for t in r.takings})
        if len(persons) < 3:
            return []
        told = [b for b in bundles if len(self._persons(b.actors)) == 2 and self._persons(b.actors) <= persons
                and self.fits(b.reports, [r])]
        if len(told) != len(persons) - 1:
            return []
        common = set.intersection(*(self._persons(b.actors) for b in told))
        covered = set.union(*(self._persons(b.actors) for b in told))
        return told if len(common) == 1 and covered == persons else []

    def _refers_back(self, r: Report, bundles: list[Bundle]) -> Bundle | None:
        fitting = [b for b in bundles if self.fits(b.reports, [r]) and not self._recalled_beside(b, Bundle([r]))]
        if not fitting:
            return None
        news = [b for b in fitting if not self._background(b)]
        fitting = news or fitting  # "the meeting" is the news, not last March's meeting the article recalls
        actors = {t.actor for t in r.takings}
        sharing = [b for b in fitting if actors & b.parties]
        if len(self._persons(actors)) >= 2:  # "Moon's summit with Duterte" is not his talks with Li
            sharing = [b for b in sharing if self.same_parties(b.parties, b.actors, r.parties, actors)]
            if not sharing and any(actors & b.parties for b in fitting):
                return None
        if not sharing and not r.anaphoric and self._persons(actors) \
                and not all(t.role == Role.ATTENDEE for t in r.takings):
            return None  # "he met a number of ministers": someone's own meeting, not one already reported
        pool = sharing or fitting
        if r.anaphoric and sharing:  # "at the meeting": also one told before with no one named yet
            pool = sharing + [b for b in fitting if not b.parties]
        before = [b for b in pool if b.first.evidence.start <= r.evidence.start]
        if not before and r.takings and all(t.role == Role.ATTENDEE for t in r.takings):
            # "The meeting was attended by X": the meeting told before, not X's own talks told after
            before = [b for b in fitting if b.first.evidence.start <= r.evidence.start]
        if before:
            return max(before, key=lambda b: max(x.evidence.start for x in b.reports if x.evidence.start <= r.evidence.start))
        return min(pool, key=lambda b: b.first.evidence.start)

    def _recalled_beside(self, a: Bundle, b: Bundle) -> bool:
        """One article's news and a meeting it recalls from long before ("who last visited in 1979"):
        the same people, two meetings."""
        return bool({r.article for r in a.reports} & {r.article for r in b.reports}) \
            and self._background(a) != self._background(b)

    def _background(self, bundle: Bundle) -> bool:
        """A meeting dated well before its article was published: recalled, not reported."""
        for r in bundle.reports:
            published = self.published.get(r.article)
            if r.date and published and r.takings:
                end = _interval(r.date, r.precision)[1]
                if (date.fromisoformat(published) - end).days > BACKGROUND_DAYS:
                    return True
        return False

    def merge_meetings(self, bundles: list[Bundle]) -> list[Bundle]:
        """Join article-level meetings across articles; candidates come from a participant index.

        A meeting that fits several groups joins them all, as long as they fit each other, so the
        result does not depend on which report of a meeting came first.
        """
        groups: list[Bundle | None] = []
        by_party: dict[str, set[int]] = defaultdict(set)
        order = sorted(bundles, key=lambda b: (not any(r.date for r in b.reports), b.first.article,
                                               b.first.evidence.start))
        for bundle in order:
            matches: list[tuple[int, int]] = []
            for g in self._candidates(bundle, by_party):
                group = groups[g]
                if group is None:
                    continue
                score = self.same_parties(group.parties, group.actors, bundle.parties, bundle.actors)
                if self._recalled_beside(group, bundle):
                    continue
                if score > 0 and (self.fits(group.reports, bundle.reports)
                                  or score >= 20 and self.a_day_apart(group.reports, bundle.reports)) \
                        and (score >= 20 or self.pinned_together(group.reports, bundle.reports)):
                    matches.append((score, g))
            if not matches:
                groups.append(bundle)
                target = len(groups) - 1
            else:
                matches.sort(key=lambda m: (-m[0], m[1]))
                target = matches[0][1]
                group = groups[target]
                group.absorb(bundle, f"{bundle.first.name} joins {group.first.name}: shared "
                                     f"{_list(group.parties & bundle.parties)}; dates and places compatible")
                for _, g in matches[1:]:
                    other = groups[g]
                    if other is None or not self.fits(group.reports, other.reports):
                        continue
                    if self.same_parties(group.parties, group.actors, other.parties, other.actors) <= 0:
                        continue
                    group.absorb(other, f"{other.first.name} joins {group.first.name}: both fit "
                                        f"{bundle.first.name}")
                    groups[g] = None
                    for p in other.parties:
                        by_party[p].discard(g)
                        by_party[p].add(target)
            for p in groups[target].parties:
                by_party[p].add(target)
        return [g for g in groups if g is not None]

    def _candidates(self, bundle: Bundle, by_party: dict[str, set[int]]) -> list[int]:
        """Groups that could be this meeting: sharing one of its people, or (when it names only states)
        all of its states. A state is in too many meetings to block on alone."""
        people = self._persons(bundle.actors)
        found = {g for p in people for g in by_party.get(p, ())}
        states = sorted(self._states(bundle.parties), key=lambda s: len(by_party.get(s, ())))
        if len(states) >= 2:  # meetings of the same two states, at least (named by states or by people)
            pair = by_party.get(states[0], set()) & by_party.get(states[1], set())
            found |= pair
        return sorted(found)

    # --- other events ----------------------------------------------------------------------------

    def merge_others(self, reports: list[Report]) -> list[Bundle]:
        groups: list[Bundle] = []
        index: dict[tuple, list[int]] = defaultdict(list)
        for r in reports:
            week = self._week(r)
            key = (r.type, frozenset(t.actor for t in r.takings))
            found = None
            for g in [*index[(*key, week - 1)], *index[(*key, week)], *index[(*key, week + 1)]]:
                group = groups[g]
                same_sentence = any(x.article == r.article and x.evidence == r.evidence for x in group.reports)
                similar = same_sentence or any(
                    token_set_ratio(x.evidence.quote, r.evidence.quote) >= SAME_WORDS for x in group.reports)
                if similar and self.fits(group.reports, [r]):
                    found = g
                    break
            if found is None:
                groups.append(Bundle([r]))
                index[(*key, week)].append(len(groups) - 1)
            else:
                groups[found].add(r, f"{r.name} repeats {groups[found].first.name}: same {r.type}, same words")
        return groups

    def _week(self, r: Report) -> int:
        """The week a report speaks of (its date, else its publication): reports weeks apart are not compared."""
        day = r.date or self.published.get(r.article)
        return date.fromisoformat(day).toordinal() // 7 if day else 0

    # --- building ----------------------------------------------------------------------------------

    def build(self, bundle: Bundle) -> Event | None:
        reports = bundle.reports
        type_ = reports[0].type
        participants = self._participants(bundle)
        if type_ == MEETING and (len({p.actor for p in participants}) < 2 or not self._diplomatic(participants)):
            return None
        date, precision, date_text = self._date(bundle)
        if date is None and type_ == MEETING:
            date, precision, date_text = self._news_day(bundle)
        location = self._location(bundle)
        if location is None and type_ == MEETING:
            location = self._filed_from(bundle, date) or self._news_place(bundle, date)
        cameos = Counter(r.cameo for r in reports if r.cameo)
        cameo = max(cameos, key=lambda c: (cameos[c], c)) if cameos else None
        sources = sorted({r.evidence for r in reports}, key=lambda e: (e.article, e.start, e.end))
        eid = event_id(date, type_, [r.name for r in reports])
        event = Event(eid, type_, cameo, date, precision, date_text, location, participants, sources,
                      list(bundle.reasons))
        for conflict in self._pending:
            conflict.subject = eid
            self.conflicts.append(conflict)
        self._pending = []
        return event

    def _participants(self, bundle: Bundle) -> list[Participation]:
        by_actor: dict[str, list[tuple[Report, Taking]]] = defaultdict(list)
        for r in bundle.reports:
            for t in r.takings:
                by_actor[t.actor].append((r, t))
        out: list[Participation] = []
        for actor in sorted(by_actor):
            takings = by_actor[actor]
            role = max((t.role for _, t in takings), key=lambda x: ROLE_RANK[x])
            votes: dict[str, set[str]] = defaultdict(set)
            for r, t in takings:
                if t.represents:
                    votes[t.represents].add(r.article)
            represents = max(votes, key=lambda v: (len(votes[v]), v)) if votes else None
            evidence = sorted({e for _, t in takings for e in t.evidence}, key=lambda e: (e.article, e.start))
            out.append(Participation(actor, role, represents, evidence))
        represented = {p.represents for p in out if p.represents and p.role != Role.HOST}
        for p in out:
            if p.represents:
                continue
            own = self._own_state(p.actor)
            if own is None:
                continue
            if p.role == Role.HOST and own in represented and not any(
                    t.role != Role.HOST for _, t in by_actor[p.actor]):
                continue  # the host's state has its own negotiator and the host only hosted
            p.represents = own
        return out

    def _date(self, bundle: Bundle) -> tuple[str | None, DatePrecision | None, str | None]:
        # a bare "the summit later this month" may be another event: only its day-precise date counts
        dated = [r for r in bundle.reports if r.date and (r.takings or r.precision == DatePrecision.DAY)]
        if not dated:
            return None, None, None
        values = sorted({(r.date, r.precision or DatePrecision.DAY) for r in dated})

        def support(v: tuple[str, DatePrecision]) -> tuple[int, int, int, str]:
            span = _interval(*v)
            fitting = {r.article for r in dated if _overlap(span, _interval(r.date, r.precision))}
            exact = {r.article for r in dated if (r.date, r.precision or DatePrecision.DAY) == v}
            finer = {DatePrecision.DAY: 2, DatePrecision.MONTH: 1, DatePrecision.YEAR: 0}[v[1]]
            return len(fitting), finer, len(exact), v[0]

        best = max(values, key=support)
        text = next(r.date_text for r in dated if (r.date, r.precision or DatePrecision.DAY) == best)
        span = _interval(*best)
        for v in values:
            if not _overlap(span, _interval(*v)):
                evidence = [r.evidence for r in dated if (r.date, r.precision or DatePrecision.DAY) == v]
                self._pending.append(Conflict("", "date", best[0], v[0], evidence))
        return best[0], best[1], text

    def _location(self, bundle: Bundle) -> str | None:
        """The most specific place the reports agree on: down from the country, at each step the
        enclosed place most articles name; a sibling named by fewer articles is a conflict."""
        located = [r for r in bundle.reports if r.location]
        if not located:
            return None
        paths: list[tuple[str, list[str]]] = []  # (article, chain from the country down)
        for r in located:
            paths.append((r.article, [loc.id for loc in reversed(self.places.chain(r.location))]))
        best: str | None = None
        depth = 0
        while True:
            support: dict[str, set[str]] = defaultdict(set)
            for article, path in paths:
                if len(path) > depth and (depth == 0 or path[depth - 1] == best):
                    support[path[depth]].add(article)
            if not support:
                break
            choice = max(support, key=lambda loc: (len(support[loc]), loc))
            for other in sorted(set(support) - {choice}):
                evidence = [r.evidence for r in located if other in [x.id for x in self.places.chain(r.location)]]
                self._pending.append(Conflict("", "location", choice, other, evidence))
            best = choice
            depth += 1
        return self._graft(best, paths)

    def _news_day(self, bundle: Bundle) -> tuple[str | None, DatePrecision | None, str | None]:
        """A meeting no report dates, told as news (not recalled, not planned), happened on the day the
        article's dated news happened (told as under way, "are meeting", on the day it was published),
        when the articles that know such a day agree on it."""
        under_way = {r.article for r in bundle.reports if r.under_way}
        days = {(self.published.get(a) if a in under_way else None) or self.news_days.get(a)
                for a in {r.article for r in bundle.reports}} - {None}
        if len(days) != 1 or any(r.tense == "future" for r in bundle.reports):
            return None, None, None
        return days.pop(), DatePrecision.DAY, None

    def _news_place(self, bundle: Bundle, when: str | None) -> str | None:
        """A meeting no report places, told as news, happened where the article's placed news happened
        ("met ... on the sidelines of the summit in Riyadh"; "also held talks with X"), when the articles
        that know such a place agree on it."""
        if any(r.tense == "future" for r in bundle.reports):
            return None
        places = set()
        for article in {r.article for r in bundle.reports}:
            published = self.published.get(article)
            if when and published and not _near(when, published):
                continue
            places.add(self.news_places.get(article))
        places.discard(None)
        return places.pop() if len(places) == 1 else None

    def _filed_from(self, bundle: Bundle, when: str | None) -> str | None:
        """A meeting no report places happened where the news was filed, when it is the news: the
        place most of its reporting articles were filed from, if the meeting lies within days of them."""
        votes: Counter[str] = Counter()
        for article in {r.article for r in bundle.reports}:
            place, published = self.datelines.get(article), self.published.get(article)
            if place is None:
                continue
            if when and published and not _near(when, published):
                continue
            votes[place] += 1
        return max(votes, key=lambda p: (votes[p], p)) if votes else None

    def _graft(self, best: str | None, paths: list[tuple[str, list[str]]]) -> str | None:
        """A venue no article places ("at the Harpa concert hall") lies in the city the event is in."""
        if best is None or self.places.locations[best].kind not in (LocationKind.CITY, LocationKind.DISTRICT):
            return best
        floating: dict[str, set[str]] = defaultdict(set)
        for article, path in paths:
            root = self.places.locations[path[0]]
            if root.kind in (LocationKind.VENUE, LocationKind.DISTRICT) and root.id != best and root.country in (
                    None, self.places.locations[best].country):
                floating[path[-1]].add(article)
        if not floating:
            return best
        venue = max(floating, key=lambda v: (len(floating[v]), v))
        root = self.places.chain(venue)[-1]
        root.within = best
        return venue


NEWS_DAYS = 7  # a meeting this close to an article's publication is that article's news


def news_day(x: Extraction) -> str | None:
    """The day an article's news happened: the day its lead sentence names ("A UN envoy held a rare
    meeting ... today"), else the one day its dated events (of any kind) within a week before
    publication name most, if one does."""
    if not x.article.published:
        return None
    if x.lead_day:
        return x.lead_day
    published = date.fromisoformat(x.article.published[:10])
    days = Counter(e.date for e in x.events if e.date and e.date_precision == DatePrecision.DAY
                   and 0 <= (published - date.fromisoformat(e.date[:10])).days <= NEWS_DAYS)
    if not days:
        return x.lead_day  # no dated event: the day the lead names
    ranked = days.most_common(2)
    if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def news_place(x: Extraction) -> str | None:
    """The place an article's news happened: the one place its meetings told within a week before
    publication (or undated) name most, if one does."""
    published = x.article.published
    places = Counter(e.place for e in x.events if e.place and e.type == MEETING and e.tense != "future"
                     and (not e.date or not published or _near(e.date, published)))
    ranked = places.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _near(day: str, published: str) -> bool:
    """Whether an event's day lies within the days an article's news covers."""
    return abs(date.fromisoformat(day[:10]).toordinal() - date.fromisoformat(published[:10]).toordinal()) \
        <= NEWS_DAYS


def _refers_back(r: Report) -> bool:
    """A report that cannot stand as a meeting of its own: fewer than two parties, or only people
    who joined or attended a meeting already under way ("X and Y joined the talks")."""
    actors = {t.actor for t in r.takings}
    return r.anaphoric or len(actors) < 2 or all(t.role == Role.ATTENDEE for t in r.takings)


def _interval(iso: str, precision: DatePrecision | None) -> tuple[date, date]:
    d = date.fromisoformat(iso)
    if precision == DatePrecision.YEAR:
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return date(d.year, d.month, 1), date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return d, d


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _list(ids: set[str]) -> str:
    return ", ".join(sorted(ids)) or "nothing"
