"""Within one article: which mentions are the same person.

Names are clustered fullest first: "Kazemi", "Kazemi-Qomi" and "Hassan
Kazemi" join "Hassan Kazemi Qomi" when that is the only person whose name
holds all their parts. A surname spaCy tagged as something else ("Crocker" as
an organisation) is re-read as the person once a fuller name is known. Titles
("the Iranian diplomat", "the two ambassadors") and pronouns are resolved on
demand by `refer`, only when exactly the stated number of persons fit.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Token

from graph_schema.model import ActorKind
from ingest.extract.context import ActorRecord, ArticleContext, Mention
from ingest.extract.lexicon import DELEGATION_NOUNS, NAME_PARTICLES, fold

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "both"})
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
# offices that descriptions may use interchangeably
SYNONYMS = {"advisor": "adviser", "aide": "adviser", "spokeswoman": "spokesman", "spokesperson": "spokesman",
            "premier": "prime minister", "envoy": "diplomat", "ambassador": "diplomat"}
_SPLIT = re.compile(r"[\s\-‐‑–]+")


def name_parts(text: str) -> tuple[str, ...]:
    """The comparable parts of a name: folded, hyphens as spaces, particles and initials dropped."""
    parts = []
    for raw in _SPLIT.split(fold(text).replace("'", "")):
        word = raw.strip(".,")
        if not word or word in NAME_PARTICLES or len(word) == 1:
            continue
        parts.append(word)
    return tuple(parts)


class _Cluster:
    __slots__ = ("parts", "mentions", "key")

    def __init__(self, mention: Mention, parts: tuple[str, ...]):
        self.parts = parts
        self.mentions = [mention]
        self.key = ""


def cluster_persons(ctx: ArticleContext) -> None:
    """Give every person mention the key of its person; make the `ActorRecord`s."""
    persons = [m for m in ctx.mentions if m.kind == ActorKind.PERSON]
    clusters: list[_Cluster] = []
    order = sorted(persons, key=lambda m: (-len(name_parts(m.text)), m.start))
    for mention in order:
        parts = name_parts(mention.text)
        if not parts:
            ctx.remove_mention(mention)
            continue
        target = _best_cluster(clusters, parts)
        if target is None:
            clusters.append(_Cluster(mention, parts))
        else:
            target.mentions.append(mention)
    _retag_name_parts(ctx, clusters)
    clusters.sort(key=lambda c: min(m.start for m in c.mentions))
    for n, cluster in enumerate(clusters, 1):
        cluster.key = f"p{n}"
        forms = Counter(m.text for m in cluster.mentions)
        name = max(forms, key=lambda f: (len(name_parts(f)), len(f), forms[f]))
        record = ActorRecord(cluster.key, ActorKind.PERSON, name, forms=dict(forms))
        for m in sorted(cluster.mentions, key=lambda m: m.start):
            m.key = cluster.key
            record.mentions.append(m)
            span = ctx.doc[m.start:m.end]
            record.evidence.append(ctx.span_evidence(span))
        ctx.actors[cluster.key] = record


def _best_cluster(clusters: list[_Cluster], parts: tuple[str, ...]) -> _Cluster | None:
    wanted = set(parts)
    fits = [c for c in clusters if wanted <= set(c.parts)]
    if len(fits) == 1:
        return fits[0]
    if len(fits) > 1 and len(parts) == 1:  # a lone surname: the one person it ends
        ends = [c for c in fits if c.parts[-1] == parts[0]]
        if len(ends) == 1:
            return ends[0]
    if not fits and len(parts) >= 2:
        # "Hassan Kazemi" beside "Kazemi Qomi": same first part and a shared surname part
        near = [c for c in clusters if len(c.parts) >= 2 and c.parts[0] == parts[0] and set(c.parts[1:]) & wanted]
        if len(near) == 1:
            return near[0]
    return None


def _retag_name_parts(ctx: ArticleContext, clusters: list[_Cluster]) -> None:
    """Tokens that spell a known person's name part become mentions of that person."""
    owners: dict[str, set[int]] = {}
    for n, cluster in enumerate(clusters):
        for part in cluster.parts:
            if len(part) >= 3:
                owners.setdefault(part, set()).add(n)
    unique = {part: next(iter(ns)) for part, ns in owners.items() if len(ns) == 1}
    if not unique:
        return
    doc = ctx.doc
    i = 0
    while i < len(doc):
        token = doc[i]
        current = ctx.by_token[i]
        if (current is not None and current.kind in (ActorKind.PERSON, ActorKind.STATE)) or not token.text[:1].isupper():
            i += 1
            continue
        owner = unique.get(fold(token.text))
        if owner is None:
            i += 1
            continue
        end = i + 1
        while end + 1 < len(doc) and doc[end].text in ("-", "‐") and unique.get(fold(doc[end + 1].text)) == owner:
            end += 2
        start = i
        if start >= 2 and doc[start - 1].text in ("-", "‐") and fold(doc[start - 2].text) in NAME_PARTICLES:
            start -= 2  # "al-" in front
        if _capitalised_name_word(doc, end) or _capitalised_name_word(doc, start - 1):
            i = end  # part of a longer, different name: "Abdel Qadir Gilani"
            continue
        for k in range(start, end):
            other = ctx.by_token[k]
            if other is not None and other.kind != ActorKind.PERSON:
                ctx.remove_mention(other)
        if all(ctx.by_token[k] is None for k in range(start, end)):
            mention = Mention(start, end, ActorKind.PERSON, doc[start:end].text)
            ctx.add_mention(mention)
            clusters[owner].mentions.append(mention)
        i = end


def _capitalised_name_word(doc, i: int) -> bool:
    if i < 0 or i >= len(doc):
        return False
    t = doc[i]
    return t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_sent_start and fold(t.text) not in NAME_PARTICLES


# --- references by description and pronoun --------------------------------------------------------


def refer(ctx: ArticleContext, token: Token) -> list[str]:
    """The actor keys a token stands for: a name, a state, a title description or a pronoun."""
    mention = ctx.mention_at(token)
    if mention is not None and mention.key:
        return [mention.key]
    for child in token.children:  # "his counterpart Ryan Crocker", "the ambassador, X"
        if child.dep_ in ("appos", "compound"):
            m = ctx.mention_at(child)
            if m is not None and m.kind == ActorKind.PERSON and m.key:
                return [m.key]
    lower = token.lower_
    if lower in PERSONAL_PRONOUNS:
        key = antecedent(ctx, token)
        return [key] if key else []
    if token.pos_ in ("NOUN", "PROPN"):
        keys = describe(ctx, token)
        if keys:
            return keys
        return delegation_states(ctx, token)
    return []


def antecedent(ctx: ArticleContext, token: Token) -> str | None:
    """The person a personal pronoun most likely means: the last subject person before it, nearby."""
    sent_start = token.sent.start
    window_start = max(0, sent_start - 80)
    best: Mention | None = None
    for i in range(token.i - 1, window_start - 1, -1):
        m = ctx.by_token[i]
        if m is None or m.kind != ActorKind.PERSON or not m.key:
            continue
        head = ctx.doc[m.root]
        if best is None:
            best = m
        if head.dep_ in ("nsubj", "nsubjpass"):
            return m.key
        if i < sent_start and best is not None:
            return best.key
    return best.key if best else None


def _office_of(text: str) -> str:
    word = fold(text)
    return SYNONYMS.get(word, word)


def describe(ctx: ArticleContext, token: Token) -> list[str]:
    """"The Iranian diplomat", "the two ambassadors": the persons with that office, if exactly as many fit."""
    lemma = fold(token.lemma_)
    office = _office_of(lemma)
    if ctx.lexicon.title_class(lemma) is None and ctx.lexicon.title_class(office) is None:
        return []
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "nummod")}
    wanted = 1
    for word in dets:
        if word in NUMBER_WORDS:
            wanted = NUMBER_WORDS[word]
    if not dets & (DEFINITE | set(NUMBER_WORDS)):
        return []
    countries = {m.country for c in token.children if (m := ctx.mention_at(c)) and m.kind == ActorKind.STATE}
    if token.tag_ in ("NNS", "NNPS") and wanted == 1:
        return []
    found = []
    for record in ctx.actors.values():
        if record.kind != ActorKind.PERSON or not record.mentions or record.mentions[0].start >= token.i:
            continue
        offices = {_office_of(word) for title, _, _, _ in record.titles for word in _title_words(title)}
        if office not in offices:
            continue
        if countries and record.country not in countries:
            continue
        found.append(record.key)
    return found if len(found) == wanted else []


def _title_words(title: str) -> list[str]:
    words = fold(title).split()
    out = list(words)
    out += [" ".join(words[i:i + 2]) for i in range(len(words) - 1)]
    return out


def delegation_states(ctx: ArticleContext, token: Token) -> list[str]:
    """"U.S. and Iranian officials", "the Turkish delegation": the states they stand for."""
    if token.lower_ not in DELEGATION_NOUNS:
        return []
    keys: list[str] = []
    for child in token.children:
        if child.dep_ not in ("amod", "compound", "poss", "nmod"):
            continue
        for t in [child, *child.conjuncts]:
            m = ctx.mention_at(t)
            if m is not None and m.kind == ActorKind.STATE and m.key and m.key not in keys:
                keys.append(m.key)
    for prep in token.children:  # "ministers from Iceland, Norway and Canada"
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    for t in [pobj, *pobj.conjuncts]:
                        m = ctx.mention_at(t)
                        if m is not None and m.kind == ActorKind.STATE and m.key and m.key not in keys:
                            keys.append(m.key)
    return keys

