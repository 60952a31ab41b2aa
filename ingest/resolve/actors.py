"""One actor per real person, state and organisation across all articles.

States are their ISO code. Persons are merged in three passes, each guarded
so that two people sharing a surname stay apart:

1. the same full name (folded; hyphens and spacing ignored: "Lopez-Garcia" is
   "Lopez Garcia") is one person, whatever the articles say of their country
   (a disagreement becomes a `Conflict`);
2. transliterations ("Yuri"/"Youri", "Dimitris"/"Dimitrios"): as many name
   parts, each close (rapidfuzz ratio), the same consonants in the surname,
   and no two different known countries;
3. a shorter name ("Merkel", "Maria Lopez") joins the one fuller name that
   contains all its parts (a lone word only as the surname), when its
   country does not contradict; two candidates means no merge.

A person's country is the one most articles give (articles, not mentions,
are the votes); without any, an official's or expert's country falls back
on the article's dateline (a minister quoted in a Tokyo dispatch without a
nationality is Japanese far more often than not); reporters get none.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from graph_schema.model import Actor, ActorKind, Conflict, Evidence, Title
from ingest import gazetteer
from ingest.extract.actors import dateline_country
from ingest.extract.coreference import name_parts
from ingest.extract.lexicon import EXPERT, JOURNALIST, fold, load
from ingest.extraction import ActorMention, Extraction
from ingest.resolve.ids import IdBook, slug, state_id

NAME_PART_SIMILARITY = 80  # rapidfuzz ratio two spellings of one name part reach ("yuri"/"youri": 89)
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass(slots=True)
class Item:
    """One article's actor."""

    article: str
    mention: ActorMention
    parts: tuple[str, ...]
    dateline: tuple[str, bool] | None = None  # the dateline's state; whether the article names it


@dataclass(slots=True)
class ActorIndex:
    actors: dict[str, Actor] = field(default_factory=dict)
    ids: dict[tuple[str, str], str] = field(default_factory=dict)  # (article id, local key) -> actor id
    conflicts: list[Conflict] = field(default_factory=list)

    def of(self, article: str, key: str | None) -> str | None:
        return self.ids.get((article, key)) if key else None


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_actors(extractions: list[Extraction]) -> ActorIndex:
    index = ActorIndex()
    book = IdBook("a:")
    _states(extractions, index, book)
    persons = [Item(x.article.id, a, name_parts(a.name), _dateline_state(x))
               for x in extractions for a in x.actors if a.kind == ActorKind.PERSON]
    groups = _group_persons(persons)
    _organisations(extractions, index, book, groups, persons)
    for members in groups:
        _person(members, index, book)
    return index


# --- states and organisations ----------------------------------------------------------------------


def _states(extractions: list[Extraction], index: ActorIndex, book: IdBook) -> None:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for x in extractions:
        for a in x.actors:
            if a.kind != ActorKind.STATE or not a.country:
                continue
            aid = state_id(a.country)
            index.ids[(x.article.id, a.key)] = aid
            forms[aid].update([a.name, *a.aliases])
            evidence[aid].extend(a.evidence)
    for aid in sorted(forms):
        code = aid[2:].upper()
        country = gazetteer.country(code)
        name = country.name if country else forms[aid].most_common(1)[0][0]
        book.taken.add(aid)
        index.actors[aid] = Actor(aid, name, ActorKind.STATE, code, sorted(set(forms[aid]) - {name}),
                                  evidence=_sorted_evidence(evidence[aid]))


def _organisations(extractions: list[Extraction], index: ActorIndex, book: IdBook, groups: list[list[Item]],
                   persons: list[Item]) -> None:
    # an "organisation" that is a known person's surname ("Halvorsen said") is that person
    surnames: dict[str, set[int]] = defaultdict(set)
    for g, members in enumerate(groups):
        longest = max(members, key=lambda m: len(m.parts))
        if len(longest.parts) >= 2:
            surnames[longest.parts[-1]].add(g)
    by_slug: dict[str, list[tuple[str, ActorMention]]] = defaultdict(list)
    for x in extractions:
        for a in x.actors:
            if a.kind in (ActorKind.STATE, ActorKind.PERSON):
                continue
            parts = name_parts(a.name)
            owners = surnames.get(parts[0], set()) if len(parts) == 1 and not a.name.isupper() and not a.country \
                else set()
            if len(owners) == 1:
                g = next(iter(owners))
                groups[g].append(Item(x.article.id, ActorMention(a.key, a.name, ActorKind.PERSON, None, a.aliases,
                                                                 [], a.evidence), parts))
                continue
            by_slug[slug(a.name)].append((x.article.id, a))
    for key in sorted(by_slug):
        members = by_slug[key]
        names = Counter(a.name for _, a in members)
        name = max(names, key=lambda n: (names[n], n))
        countries = Counter(a.country for _, a in members if a.country)
        aid = book.claim(name, "organization")
        for article, a in members:
            index.ids[(article, a.key)] = aid
        kinds = Counter(a.kind for _, a in members)
        index.actors[aid] = Actor(
            aid, name, kinds.most_common(1)[0][0], countries.most_common(1)[0][0] if countries else None,
            sorted({f for _, a in members for f in (a.name, *a.aliases)} - {name}),
            evidence=_sorted_evidence([e for _, a in members for e in a.evidence]))


# --- persons ---------------------------------------------------------------------------------------


def _group_persons(items: list[Item]) -> list[list[Item]]:
    uf = _UnionFind(len(items))
    # 1. the same full name: one person, unless two countries and two different offices say otherwise
    by_name: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if len(item.parts) >= 2:
            by_name[item.parts].append(i)
    for members in by_name.values():
        for x, i in enumerate(members):
            for j in members[:x]:
                if uf.find(i) != uf.find(j) and _same_person_by_name(items[i], items[j]):
                    uf.union(i, j)
    # 2. transliterations, blocked by the surname's consonants
    blocks: dict[str, list[int]] = defaultdict(list)
    seen: set[tuple[tuple[str, ...], str | None]] = set()
    for i, item in enumerate(items):  # one representative per spelling and country: phase 1 joined the rest
        if len(item.parts) >= 2 and (item.parts, item.mention.country) not in seen:
            seen.add((item.parts, item.mention.country))
            blocks[_consonants(item.parts[-1])].append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if uf.find(i) != uf.find(j) and _spellings_of_one_name(items[i], items[j]):
                    uf.union(i, j)
    # 3. shorter names into the one fuller name that holds them
    ambiguous: set[int] = set()
    groups = _collect(uf, items)
    fullest = {root: max((items[i].parts for i in members), key=len) for root, members in groups.items()}
    countries = {root: {items[i].mention.country for i in members} - {None} for root, members in groups.items()}
    by_part: dict[str, set[int]] = defaultdict(set)
    for root, parts in fullest.items():
        for p in parts:
            by_part[p].add(root)
    for root in sorted(groups, key=lambda r: (len(fullest[r]), r)):
        parts = fullest[root]
        if not parts:
            continue
        candidates = set.intersection(*(by_part[p] for p in parts)) - {root}
        candidates = {c for c in candidates if len(fullest[c]) > len(parts) and uf.find(c) != uf.find(root)}
        if len(parts) == 1:
            candidates = {c for c in candidates if fullest[c][-1] == parts[0]}
        mine = countries[root]
        if len(parts) == 1 and len({uf.find(c) for c in candidates}) > 1:
            # "Reagan" when both Ronald and Nancy Reagan are known: only a country both share decides
            candidates = {c for c in candidates if mine & countries[c]}
            if len({uf.find(c) for c in candidates}) != 1:
                ambiguous.add(root)
                continue
        candidates = {c for c in candidates if not mine or not countries[c] or mine & countries[c]}
        targets = {uf.find(c) for c in candidates}
        if len(targets) > 1 and mine:
            targets = {t for t in targets if countries.get(t, set()) & mine} or targets
        if len(targets) > 1 and len(parts) == 1:
            ambiguous.add(root)  # a lone surname two known people share: no telling which
        if len(targets) == 1:
            target = next(iter(targets))
            uf.union(target, root)
            merged = uf.find(target)
            countries[merged] = countries.get(target, set()) | mine
    return [sorted((items[i] for i in members), key=lambda it: (it.article, it.mention.key))
            for root, members in sorted(_collect(uf, items).items()) if root not in ambiguous]


def _same_person_by_name(a: Item, b: Item) -> bool:
    ca, cb = a.mention.country, b.mention.country
    if not ca or not cb or ca == cb:
        return True
    units_a, units_b = _offices(a), _offices(b)
    # "Iraq's foreign minister" in one article, "Iranian Foreign Minister" in three: one man, one slip
    return not units_a or not units_b or bool(units_a & units_b)


def _offices(item: Item) -> set[str]:
    """Each title's office words with their qualifiers: "Iraq's foreign minister" -> "foreign minister"."""
    lexicon = load()
    out = set()
    for t in item.mention.titles:
        words = fold(t.title).replace("'s", "").split()
        heads = [i for i, w in enumerate(words) if lexicon.titles.get(w) not in (None, "honorific")]
        if not heads:
            continue
        end = heads[-1]
        start = end
        while start > 0 and (words[start - 1] in lexicon.title_modifiers or words[start - 1] in lexicon.titles):
            start -= 1
        out.add(" ".join(words[start:end + 1]))
    return out


def _collect(uf: _UnionFind, items: list[Item]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[uf.find(i)].append(i)
    return groups


def _consonants(part: str) -> str:
    skeleton = _VOWELS.sub("", part)
    return re.sub(r"(.)\1+", r"\1", skeleton) or part


def _spellings_of_one_name(a: Item, b: Item) -> bool:
    if len(a.parts) != len(b.parts):
        return False
    if a.mention.country and b.mention.country and a.mention.country != b.mention.country:
        return False
    return all(x == y or ratio(x, y) >= NAME_PART_SIMILARITY for x, y in zip(a.parts, b.parts))


def _person(members: list[Item], index: ActorIndex, book: IdBook) -> None:
    forms: dict[str, set[str]] = defaultdict(set)  # surface form -> articles
    for m in members:
        for f in (m.mention.name, *m.mention.aliases):
            forms[f].add(m.article)
    name = max(forms, key=lambda f: (len(name_parts(f)), len(forms[f]), -len(f), f))
    votes: dict[str, set[str]] = defaultdict(set)
    for m in members:
        if m.mention.country:
            votes[m.mention.country].add(m.article)
    country = max(votes, key=lambda c: (len(votes[c]), c)) if votes else None
    aid = book.claim(name, country)
    for m in members:
        index.ids[(m.article, m.mention.key)] = aid
    for other in sorted(set(votes) - {country}):
        evidence = [e for m in members if m.mention.country == other for e in m.mention.evidence[:1]]
        index.conflicts.append(Conflict(aid, "country", country, other, evidence))
    lexicon = load()
    bodies = [index.actors.get(index.ids.get((m.article, t.of), "")) for m in members for t in m.mention.titles]
    international = any(b is not None and b.kind != ActorKind.STATE and load().is_international(b.name)
                        for b in bodies)
    if country is None and not international:
        # an expert's country: the dateline's, when no article names one; an official's too, when the
        # dateline's state is one the article is about (an international body's envoy has none)
        offices = {lexicon.office_class(t.title) for m in members for t in m.mention.titles} - {None, JOURNALIST}
        if offices:
            official = bool(offices - {EXPERT})
            datelines = Counter(m.dateline[0] for m in members if m.dateline and (m.dateline[1] or not official))
            if datelines:
                country = max(datelines, key=lambda c: (datelines[c], c))
    index.actors[aid] = Actor(
        aid, name, ActorKind.PERSON, country, sorted(set(forms) - {name}),
        titles=[], affiliation=state_id(country) if country and state_id(country) in index.actors else None,
        evidence=_sorted_evidence([e for m in members for e in m.mention.evidence]))
    index.actors[aid].titles = _titles(members, index, aid, country)


def _titles(members: list[Item], index: ActorIndex, aid: str, country: str | None) -> list[Title]:
    """Every office once; an office held for another state than the person's is a conflict, not a title."""
    titles: dict[tuple[str, str | None], Title] = {}
    for m in members:
        for t in m.mention.titles:
            of = index.of(m.article, t.of)
            if of and country and of.startswith("a:") and of[2:].upper() != country and \
                    index.actors.get(of) is not None and index.actors[of].kind == ActorKind.STATE:
                index.conflicts.append(Conflict(aid, "title", None, f"{t.title} ({of})", [t.evidence]))
                continue
            key = (fold(t.title), of)
            have = titles.get(key)
            if have is None:
                titles[key] = Title(t.title, of, [t.evidence])
            elif t.evidence not in have.evidence:
                have.evidence.append(t.evidence)
    return [titles[k] for k in sorted(titles, key=lambda k: (k[0], k[1] or ""))]


def _dateline_state(x: Extraction) -> tuple[str, bool] | None:
    """The dateline's state, and whether the article names that state as an actor."""
    code = dateline_country(x.article.dateline, x.article.published)
    if code is None:
        return None
    return code, any(a.kind == ActorKind.STATE and a.country == code for a in x.actors)


def _sorted_evidence(items: list[Evidence]) -> list[Evidence]:
    return sorted(set(items), key=lambda e: (e.article, e.start, e.end))
