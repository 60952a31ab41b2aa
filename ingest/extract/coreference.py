"""Within one article: which mentions are the same person.

Names are clustered fullest first: "Lopez", "Lopez-Garcia" and "Maria
Lopez" join "Maria Lopez Garcia" when that is the only person whose name
holds all their parts. A surname spaCy tagged as something else ("Halvorsen" as
an organisation) is re-read as the person once a fuller name is known. Titles
("the Chilean diplomat", "the two ambassadors") and pronouns are resolved on
demand by `refer`, only when exactly the stated number of persons fit.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span, Token

from graph_schema.model import ActorKind
from ingest import gazetteer
from ingest.extract.context import ActorRecord, ArticleContext, Mention
from ingest.extract.events import in_headline
from ingest.extract.lexicon import (
    ACTING_CLASSES,
    DELEGATION_NOUNS,
    NAME_PARTICLES,
    PAIR_WORDS,
    PERSON_NOUNS,
    REPORTING_LEMMAS,
    STATE_PAIR_NOUNS,
    fold,
    held_now,
)

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "both"})
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
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
    __slots__ = ("key", "mentions", "parts")

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
        if target is None and len(parts) == 1 and sum(parts[0] in c.parts for c in clusters) > 1:
            ctx.remove_mention(mention)  # "Pereira" beside Paola and Erik Pereira: no telling which
            continue
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
        # "Maria Lopez" beside "Lopez Garcia": same first part and a shared surname part
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
    for part, ns in owners.items():  # "Omer" beside Beshir Omer and Omer Said: the one whose surname it is
        ends = [n for n in ns if len(ns) > 1 and clusters[n].parts[-1] == part]
        if len(ends) == 1:
            unique[part] = ends[0]
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
        given = start
        while given > 0 and start - given < 3 and _capitalised_name_word(doc, given - 1) \
                and ctx.by_token[given - 1] is None and fold(doc[given - 1].text) not in ctx.lexicon.titles \
                and not gazetteer.country_by_demonym(doc[given - 1].text):
            given -= 1  # "Recep Tayyip Erdoğan" the tagger missed: the known surname with its given names
        if len(clusters[owner].parts) == 1:  # "Ban" known alone, "Ban Ki-moon" missed by the tagger
            end = _name_end(ctx, end)
        if _capitalised_name_word(doc, end) or (given == start and _capitalised_name_word(doc, start - 1)
                                                  and fold(doc[start - 1].text) not in ctx.lexicon.titles):
            i = end  # part of a longer, different name: "Sultan Qaboos Grand"
            continue
        start = given
        for k in range(start, end):
            other = ctx.by_token[k]
            if other is not None and other.kind != ActorKind.PERSON:
                ctx.remove_mention(other)
        if all(ctx.by_token[k] is None for k in range(start, end)):
            mention = Mention(start, end, ActorKind.PERSON, doc[start:end].text)
            ctx.add_mention(mention)
            clusters[owner].mentions.append(mention)
        i = end


def _name_end(ctx: ArticleContext, end: int) -> int:
    """Past the given names and hyphenated parts that follow a name ("Ban" + "Ki-moon")."""
    doc = ctx.doc
    limit = end + 4
    while end < min(limit, len(doc)) and ctx.by_token[end] is None and (
            _capitalised_name_word(doc, end) or doc[end].text in ("-", "‐") and end + 1 < len(doc)
            and doc[end + 1].is_alpha and doc[end + 1].is_lower and doc[end - 1].text[:1].isupper()
            or doc[end].is_lower and doc[end - 1].text in ("-", "‐")):
        if fold(doc[end].text) in ctx.lexicon.titles or gazetteer.country_by_demonym(doc[end].text):
            break
        end += 1
    return end


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
    for child in token.children:  # "his counterpart Erik Halvorsen", "the ambassador, X"
        if child.dep_ in ("appos", "compound"):
            m = ctx.mention_at(child)
            if m is not None and m.kind == ActorKind.PERSON and m.key:
                keys = [m.key]
                for conj in child.conjuncts:  # "his counterpart A and French Prime Minister B"
                    other = ctx.mention_at(conj)
                    if other is not None and other.kind == ActorKind.PERSON and other.key not in keys:
                        keys.append(other.key)
                return keys
    named_body = _named_body(ctx, token)
    if named_body is not None:
        return [named_body]
    lower = token.lower_
    if lower in PERSONAL_PRONOUNS:
        key = antecedent(ctx, token)
        return [key] if key else []
    if _bare_pair(token) or _they_meeting(ctx, token):
        return last_pair(ctx, token)
    speakers = _speakers_they(token)
    if speakers:  # "Israeli and Palestinian negotiators said that they were going home after talks with X"
        return [k for s in speakers for k in refer(ctx, s)]
    if token.pos_ in ("NOUN", "PROPN"):
        visitor = _the_visitor(ctx, token) or _counterpart_of_state(ctx, token)
        if visitor is not None:
            return [visitor]
        holder = _name_ending_the_office(ctx, token)
        if holder is not None:
            return [holder]
        named = _named_when_described(ctx, token)
        if named:
            return named
        keys = describe(ctx, token)
        if keys:
            return keys
        keys = delegation_states(ctx, token)
        if keys:
            return keys
        head = _head_of_the_delegation(ctx, token)
        if head is not None:
            return [head]
        body = delegation_of_a_body(ctx, token)
        if body is not None:
            return [body]
        if _pair_of_persons(ctx, token):
            return last_pair(ctx, token)
        if _pair_of_states(token):
            return main_states(ctx, token)
    return []


def _counterpart_of_state(ctx: ArticleContext, token: Token) -> str | None:
    """"Foreign Minister Qureshi and his Russian counterpart had a meeting": the one official of that state
    the article names (the one named before, if it names several)."""
    if token.lemma_.lower() != "counterpart" or token.tag_ in ("NNS", "NNPS"):
        return None
    countries = {m.country for c in token.children if c.dep_ in ("amod", "compound")
                 and (m := ctx.mention_at(c)) is not None and m.kind == ActorKind.STATE}
    if len(countries) != 1:
        return None
    country = countries.pop()
    officials = [r for r in ctx.actors.values() if r.kind == ActorKind.PERSON and r.country == country and r.mentions
                 and any(t.cls in ACTING_CLASSES and held_now(t.text) for t in r.titles)]
    before = [r for r in officials if r.mentions[0].start < token.i]
    for group in (officials, before):
        if len(group) == 1:
            return group[0].key
    return None


VISITING_WORDS = frozenset({"arrive", "visit", "reach", "land"})


def _the_visitor(ctx: ArticleContext, token: Token) -> str | None:
    """"X called on the visiting dignitary", "will meet the visiting president": the one person the
    article says came on a visit ("Y arrived here on Sunday", "Y's visit to India")."""
    if not any(c.dep_ == "amod" and c.lower_ == "visiting" for c in token.children) \
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    visitors = set()
    for word in ctx.doc:
        lemma = word.lemma_.lower()
        if word.pos_ == "VERB" and lemma in VISITING_WORDS:
            who = [c for c in word.children if c.dep_ == "nsubj"]
        elif word.pos_ == "NOUN" and lemma == "visit":
            who = [c for c in word.children if c.dep_ == "poss"] + [
                p for prep in word.children if prep.dep_ == "prep" and prep.lower_ == "by"
                for p in prep.children if p.dep_ == "pobj"]
        else:
            continue
        for w in who:
            m = ctx.mention_at(w)
            key = m.key if m is not None and m.kind == ActorKind.PERSON else \
                antecedent(ctx, w) if w.lower_ in PERSONAL_PRONOUNS else None
            if key:
                visitors.add(key)
    return visitors.pop() if len(visitors) == 1 else None


HEADED_GROUPS = frozenset({"delegation", "mission", "team"})


def _head_of_the_delegation(ctx: ArticleContext, token: Token) -> str | None:
    """"The Mission has met ...": the one person the article said heads a delegation ("the Special
    Mission ..., headed by Sir Ronald Sanders")."""
    if token.lemma_.lower() not in HEADED_GROUPS or not any(c.dep_ == "det" and c.lower_ == "the"
                                                          for c in token.children):
        return None
    heads = {person for at, person in ctx.heads if at <= token.i}
    return heads.pop() if len(heads) == 1 else None


BODY_HEADS = frozenset({"group", "movement", "organisation", "organization", "party", "faction", "front",
                        "alliance", "coalition", "militia"})


def _named_body(ctx: ArticleContext, token: Token) -> str | None:
    """"the National Liberation Army (ELN) guerrilla group": a body's name before the noun that says what
    kind of body it is."""
    if token.lemma_.lower() not in BODY_HEADS or ctx.mention_at(token) is not None:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "nmod", "appos") and child.i < token.i:
            m = ctx.mention_at(child)
            if m is not None and m.kind in (ActorKind.ORGANIZATION, ActorKind.GROUP) and m.key:
                return m.key
    return None


def delegation_of_a_body(ctx: ArticleContext, token: Token) -> str | None:
    """"a delegation from the National Liberation Forces": the body (a rebel group, a party, an
    international organisation) the delegation speaks for."""
    if token.lemma_.lower() not in DELEGATION_NOUNS or token.lemma_.lower() in ("government", "administration"):
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "of")):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            m = ctx.mention_at(pobj)
            if m is not None and m.kind in (ActorKind.ORGANIZATION, ActorKind.GROUP) and m.key:
                return m.key
    return None


def _name_ending_the_office(ctx: ArticleContext, token: Token) -> str | None:
    """"Minister of Foreign Affairs of Turkey Mevlut Cavusoglu", parsed with the name inside the office's
    "of" phrase: the name that ends the office's own phrase is its holder."""
    if ctx.lexicon.title_class(token.lemma_) in (None, "honorific"):
        return None
    last = ctx.mention_at(token.right_edge)
    if last is None or last.kind != ActorKind.PERSON or not last.key or last.start <= token.i:
        return None
    served = ctx.doc[last.root]
    if served.dep_ == "pobj" and served.head.lower_ == "to" and served.head.head == token:
        return None  # "a close aide to President X": X is served, not the holder
    between = ctx.doc[token.i + 1:last.start]
    if any(t.text in (",", ";", "(", ")") or t.pos_ in ("VERB", "AUX") or (m := ctx.mention_at(t)) is not None
           and m.kind == ActorKind.PERSON for t in between):
        return None
    return last.key


def _bare_pair(token: Token) -> bool:
    """"The two met again", "both said": a number standing alone for two persons."""
    if token.lower_ not in PAIR_WORDS or token.dep_ not in ("nsubj", "nsubjpass", "pobj", "dobj", "conj"):
        return False
    return token.lower_ == "both" or any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _speakers_they(token: Token) -> list[Token]:
    """"X and Y said (that) they ...": the reporting verb's subjects, which "they" stands for."""
    if token.lower_ != "they" or token.dep_ != "nsubj":
        return []
    clause = token.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING_LEMMAS:
        return []
    return [s for c in clause.head.children if c.dep_ == "nsubj" and c.lower_ != "they" for s in [c, *c.conjuncts]]


def _they_meeting(ctx: ArticleContext, token: Token) -> bool:
    """"X met Y ... They exchanged views on Sunday": "they" as the subject of a meeting verb is the pair
    named last."""
    if token.lower_ != "they" or token.dep_ != "nsubj":
        return False
    trigger = ctx.lexicon.verb_triggers.get(token.head.lemma_.lower())
    return trigger is not None and trigger.type == "meeting"


def _counted_as_two(token: Token) -> bool:
    """"the two leaders", "both countries"."""
    return any(c.lower_ in PAIR_WORDS and c.dep_ in ("nummod", "det", "predet") for c in token.children)


def _named_when_described(ctx: ArticleContext, token: Token) -> list[str]:
    """"The two envoys, Finnish President A and former Russian Prime Minister B, flew here ... talks with the
    two envoys": a plural description the article named in apposition before means those persons again."""
    if token.tag_ not in ("NNS", "NNPS"):
        return []
    for earlier in reversed(ctx.doc[max(0, token.i - NAMED_SOON * 5):token.i]):
        if earlier.lemma_ != token.lemma_ or earlier.tag_ != token.tag_:
            continue
        keys = [m.key for a in earlier.children if a.dep_ == "appos" for t in [a, *a.conjuncts]
                if (m := ctx.mention_at(t)) is not None and m.kind == ActorKind.PERSON and m.key]
        if len(keys) >= 2:
            return list(dict.fromkeys(keys))
    return []


def _pair_of_persons(ctx: ArticleContext, token: Token) -> bool:
    """"The two leaders", "both men": two persons described by what they are, not by a state."""
    return _counted_as_two(token) and (token.lower_ in PERSON_NOUNS
                                       or ctx.lexicon.title_class(token.lemma_) not in (None, "honorific"))


def _pair_of_states(token: Token) -> bool:
    """"The two sides", "both countries": the parties to the story (`main_states`)."""
    return token.lemma_.lower() in STATE_PAIR_NOUNS and _counted_as_two(token)


def main_states(ctx: ArticleContext, token: Token) -> list[str]:
    """"The two sides": the two states the article has named most so far (the parties to the story,
    not the third state named last), ties to the one named later."""
    counts: dict[str, tuple[int, int]] = {}
    for m in ctx.mentions:
        if m.kind == ActorKind.STATE and m.key and m.start < token.i:
            n, _ = counts.get(m.key, (0, 0))
            counts[m.key] = (n + 1, m.start)
    ranked = sorted(counts, key=lambda k: counts[k], reverse=True)
    if len(ranked) < 2 or (len(ranked) > 2 and counts[ranked[1]][0] == counts[ranked[2]][0]):
        return []
    return ranked[:2]


def last_pair(ctx: ArticleContext, token: Token) -> list[str]:
    """The two persons named last before `token`, within the few sentences before it."""
    keys: list[str] = []
    for i in range(token.i - 1, max(-1, token.sent.start - 150), -1):
        m = ctx.by_token[i]
        if m is None or m.kind != ActorKind.PERSON or not m.key or m.key in keys:
            continue
        keys.append(m.key)
        if len(keys) == 2:
            return keys
    return []


def antecedent(ctx: ArticleContext, token: Token) -> str | None:
    """The person a personal pronoun most likely means: in the nearest sentence before it that names a
    person, its subject if a person is the subject, else the person named last ("X met Y. In his talks
    with Z ..." is X's)."""
    window_start = max(0, token.sent.start - 80)
    best: Mention | None = None
    limit = -1
    for i in range(token.i - 1, window_start - 1, -1):
        if best is not None and i < limit:
            return best.key
        m = ctx.by_token[i]
        if m is None or m.kind != ActorKind.PERSON or not m.key:
            continue
        if best is None:
            best, limit = m, _clause_start(ctx.doc[m.root].sent)
        if ctx.doc[m.root].dep_ in ("nsubj", "nsubjpass"):
            return m.key
    return best.key if best else None


def _clause_start(sent: Span) -> int:
    """Where the sentence holding a mention begins; a verbless fragment the splitter cut off at an
    abbreviation ("... and Eng." / "Abdulrahman Alfadley, Minister ...") belongs to the sentence before."""
    if sent.start > 0 and not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return sent.doc[sent.start - 1].sent.start
    return sent.start


LEADER_OFFICES = frozenset({"president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "amir",
                            "sultan", "monarch", "head of state", "head of government", "leader", "crown prince"})
SAME_OFFICE = {"advisor": "adviser", "aide": "adviser", "spokeswoman": "spokesman", "spokesperson": "spokesman",
               "envoy": "diplomat", "ambassador": "diplomat", "consul": "diplomat", "emissary": "diplomat",
               "pm": "prime minister", "premier": "prime minister", "fm": "foreign minister"}


def _same(unit: str) -> str:
    """One spelling per office: "aide" is an adviser, "secretary-general" a "secretary general"."""
    return SAME_OFFICE.get(unit, unit).replace("-", " ")


def office_units(ctx: ArticleContext, text: str) -> list[str]:
    """The offices a title names, as lexicon phrases: "Australian Prime Minister" -> ["prime minister"]."""
    words = fold(text).split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(ctx.lexicon.max_title_words, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            if ctx.lexicon.titles.get(phrase) not in (None, "honorific"):
                out.append(phrase)
                i += n
                break
        else:
            i += 1
    return out


def describe(ctx: ArticleContext, token: Token) -> list[str]:
    """"The Iranian diplomat", "the two ambassadors", "foreign ministers from A, B and C": the persons
    with that office, if exactly as many fit."""
    modifiers = [c for c in token.children if c.dep_ in ("compound", "amod") and ctx.mention_at(c) is None]
    words = [fold(c.text) for c in modifiers if c.i < token.i] + [fold(token.lemma_)]
    unit = next((" ".join(words[i:]) for i in range(len(words)) if ctx.lexicon.title_class(" ".join(words[i:]))),
                None)
    if unit is None or ctx.lexicon.title_class(unit) == "honorific":
        return []
    required = [w for w in words[:len(words) - len(unit.split())] if w in ctx.lexicon.title_modifiers]
    accepted = LEADER_OFFICES if unit == "leader" else {_same(unit)}
    dets = {c.lower_ for c in token.children if c.dep_ in ("det", "predet", "nummod")}
    number = next((NUMBER_WORDS[d] for d in dets if d in NUMBER_WORDS), None)
    countries = {m.country for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")
                 for t in [c, *c.conjuncts]  # "Palestinian and Israeli leaders"
                 if (m := ctx.mention_at(t)) and m.kind == ActorKind.STATE}
    countries |= {gazetteer.as_of(found.alpha3, ctx.article.published) for c in modifiers  # a demonym left untagged
                  if c.dep_ == "amod" and (found := gazetteer.country_by_demonym(c.text))}
    listed = {m.country for prep in token.children if prep.dep_ == "prep" and prep.lower_ in ("from", "of")
              for pobj in prep.children if pobj.dep_ == "pobj" for t in [pobj, *pobj.conjuncts]
              if (m := ctx.mention_at(t)) and m.kind == ActorKind.STATE}
    plural = token.tag_ in ("NNS", "NNPS")
    if plural:
        wanted = number or (len(listed) if listed else None) or (len(countries) if len(countries) >= 2 else None)
        if wanted is None:
            return []
    else:
        if not dets & DEFINITE and not (countries and not dets):  # "met with Angolan President": journalese
            return []
        wanted = 1
    if not (dets & (DEFINITE | set(NUMBER_WORDS)) or listed or countries and not dets):
        return []
    countries |= listed
    if _unnamed_before(ctx, token, accepted):
        return []
    def holders(ahead: int) -> list[str]:
        found = []
        for record in ctx.actors.values():
            if record.kind != ActorKind.PERSON or not record.mentions:
                continue
            if not listed and not record.mentions[0].start < token.i + ahead:
                continue  # a description refers back, unless it lists the states
            units = {_same(u) for title in record.titles for u in office_units(ctx, title.text)}
            if not units & accepted:
                continue
            if required and not any(all(w in fold(title.text) for w in required) for title in record.titles):
                continue
            if countries and record.country not in countries and not (ahead and record.country is None):
                continue
            found.append(record.key)
        return found

    bodies = [m for c in token.children if (m := ctx.mention_at(c)) and m.kind in (ActorKind.ORGANIZATION,
                                                                                   ActorKind.GROUP)]
    found = holders(0)
    if not found and (countries or bodies) and (wanted == 1 and (dets & DEFINITE or in_headline(token))
                                               or plural and wanted == len(countries) >= 2):
        # "met Monday with the Soviet foreign minister. ... Foreign Minister Eduard A. Shevardnadze", "The UN
        # envoy for Syria held talks ... Norwegian diplomat Geir Pedersen": named in the next lines
        found = holders(NAMED_SOON)
    if listed and len({ctx.actors[k].country for k in found}) != len(found):
        return []
    return found if len(found) == wanted else []


NAMED_SOON = 120  # tokens after a description within which the person it describes may first be named


def _unnamed_before(ctx: ArticleContext, token: Token, accepted: set[str]) -> bool:
    """"A political aide to X told ... The adviser said": the office was last given to someone unnamed."""
    unnamed = ctx.memo.get("unnamed offices")
    if unnamed is None:
        unnamed = []
        for t in ctx.doc:
            if t.pos_ != "NOUN" or ctx.lexicon.title_class(t.lemma_) is None:
                continue
            if t.dep_ == "appos" and (m := ctx.mention_at(t.head)) is not None and m.kind == ActorKind.PERSON:
                continue  # "Kalogeropoulos, a former ambassador": named
            if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children) and not any(
                    (m := ctx.mention_at(c)) is not None and m.kind == ActorKind.PERSON for c in t.children):
                unnamed.append((t.i, _same(fold(t.lemma_))))
        ctx.memo["unnamed offices"] = unnamed
    return any(token.i - 200 <= i < token.i and unit in accepted for i, unit in unnamed)


NON_STATE_GROUPS = frozenset({"business", "industry", "company", "corporate", "student", "union", "labour", "labor",
                              "church", "religious", "opposition", "community", "civic", "tribal", "rebel", "party",
                              "farm", "banking", "civil", "society"})


def delegation_states(ctx: ArticleContext, token: Token, depth: int = 0) -> list[str]:
    """"U.S. and Iranian officials", "the Turkish delegation", "delegations from Yemen's government",
    "the government delegation" (the government last named with its state), "the presidents of Armenia and
    Azerbaijan" (an office said of several states, its holders not all named): the states they stand for."""
    if token.lower_ not in DELEGATION_NOUNS and token.lemma_.lower() not in DELEGATION_NOUNS and not (
            token.tag_ in ("NNS", "NNPS") and ctx.lexicon.title_class(fold(token.lemma_)) not in (None, "honorific")):
        return []
    if any(c.dep_ in ("amod", "compound") and c.lower_ in NON_STATE_GROUPS for c in token.children):
        return []  # "Brazilian business leaders", "Polish opposition leaders" speak for no state
    keys: list[str] = []

    def add(t: Token) -> None:
        m = ctx.mention_at(t)
        if m is not None and m.kind == ActorKind.STATE and m.key and m.key not in keys:
            keys.append(m.key)

    for child in token.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            for t in [child, *child.conjuncts]:
                add(t)
                if not keys and depth < 2 and t.lemma_.lower() in ("government", "state"):
                    keys.extend(k for k in _last_government(ctx, t) if k not in keys)
    for prep in token.children:  # "ministers from Iceland, Norway and Canada", "delegations from Yemen's government"
        if prep.dep_ == "prep" and prep.lower_ in ("from", "of"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    for t in [pobj, *pobj.conjuncts]:
                        add(t)
                        if depth < 2:
                            keys.extend(k for k in delegation_states(ctx, t, depth + 1) if k not in keys)
    if not keys and token.lemma_.lower() == "government" and depth == 0 and any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        keys = _last_government(ctx, token)
    return keys


def _last_government(ctx: ArticleContext, token: Token) -> list[str]:
    """The state of the last "<state>'s government" / "the <demonym> government" before `token`."""
    for t in reversed(list(ctx.doc[max(0, token.i - 400):token.i])):
        if t.lemma_.lower() != "government":
            continue
        for child in t.children:
            m = ctx.mention_at(child)
            if child.dep_ in ("poss", "amod", "compound") and m is not None and m.kind == ActorKind.STATE and m.key:
                return [m.key]
    return []
