"""Who took part in an event, in which role, and on whose behalf.

Participants are read from the trigger's grammar: the subjects and objects of
"met", "between/with" after "talks", the subject of the light verb ("held
talks"), "hosted by", "brokered by". Representation comes from explicit
patterns first ("represented Washington", "Iraq was represented by X", "spoke
for Iran", "on behalf of", "led the Turkish delegation", "U.S. officials");
otherwise a person whose office acts for a state (a minister, an ambassador,
a spokesman) represents that state. A host represents nobody unless the text
says so: hosting a meeting is not negotiating in it.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from graph_schema.model import ActorKind, Role
from ingest.extract.context import ArticleContext
from ingest.extract.coreference import delegation_states, refer
from ingest.extract.events import (
    LIGHT_VERBS,
    MEETING,
    PRESENT_AT,
    Candidate,
    credentials_of,
    delegation_included,
    frame_noun,
    misparsed_as_adjective,
    named_as,
    topic_partners,
    verb_objects,
)
from ingest.extract.lexicon import (
    ACTING_CLASSES,
    DELEGATION_NOUNS,
    OCCASION_NOUNS,
    REPORTING_LEMMAS,
    STATE_PAIR_NOUNS,
    fold,
    held_now,
)

# meeting verbs only in some frames ("welcomed his guest", "shook hands")
TURNED_MEETING_VERBS = frozenset({"welcome", "call", "shake"})
ARRIVING = frozenset({"arrive", "travel", "fly", "come", "go", "head", "return"})  # "arrived in Minsk for talks"
HOSTING = frozenset({"host", "greet", "receive", "welcome"})
MEDIATING = frozenset({"mediate", "broker"})
PARTNER_PREPS = frozenset({"with", "between", "among", "alongside", "opposite"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})


@dataclass(slots=True)
class Taking:
    """One actor taking part, and the words that say so."""

    key: str
    role: Role
    represents: str | None
    span: Span
    explicit: bool = False  # represents said in so many words
    partner: bool = False  # named as whom the subject met ("met with X"), not as the subject


def participants(ctx: ArticleContext, candidate: Candidate) -> list[Taking]:
    found: list[Taking] = []
    for trigger, verb in zip(candidate.triggers, candidate.verbs):
        if candidate.type == MEETING and trigger.pos_ == "VERB" and not _meeting_verb(ctx, trigger):
            continue  # a representation sentence: its participants come from the pattern below
        if candidate.type in (MEETING, "intent"):
            _meeting(ctx, trigger, verb, found)
        else:
            _other(ctx, candidate, trigger, verb, found)
    if candidate.type == MEETING:
        _representations(ctx, candidate.sent, found)
        _mediators(ctx, candidate.sent, found)
        if not candidate.anaphoric:
            _persons_in_clause(ctx, candidate, found)
    return _merge(ctx, found)


def _meeting_verb(ctx: ArticleContext, verb: Token) -> bool:
    """A verb of the meeting lexicon, or one the event rules turn into a meeting ("welcomed", "called on")."""
    lemma = verb.lemma_.lower()
    trigger = ctx.lexicon.verb_triggers.get(lemma)
    return lemma in TURNED_MEETING_VERBS or trigger is not None and trigger.type == MEETING


CLAUSE_PERSONS = (2, 4)  # a meeting clause naming this many persons names its participants


def _persons_in_clause(ctx: ArticleContext, candidate: Candidate, found: list[Taking]) -> None:
    """When the parse gives fewer than two people, the persons named in the meeting's own clause are
    its participants ("Serzh Sarkisian of Armenia and Azerbaijan's Ilham Aliyev held talks"), but not
    a speaker ("..., X said"), an owner ("X's office") or a person named in a quotation."""
    have = {t.key for t in found if ctx.actors[t.key].kind == ActorKind.PERSON}
    if len(have) >= 2 or not any(t == v or v.lemma_.lower() in LIGHT_VERBS
                                 for t, v in zip(candidate.triggers, candidate.verbs)):
        return  # only a clause whose verb says the meeting happened ("met", "held talks")
    if any(s.lemma_.lower() in DELEGATION_NOUNS | STATE_PAIR_NOUNS or s.lower_ in DELEGATION_NOUNS
           for v in candidate.verbs for s in subjects(v)):
        return  # "the two sides held talks": the people elsewhere in the sentence are not theirs
    sent = candidate.sent
    keys: dict[str, Token] = {}
    # "..., following X, who visited Beijing in March": a relative clause's people are in it, or its head
    relative = all(v.dep_ == "relcl" for v in candidate.verbs)
    scope = {t.i for v in candidate.verbs for t in [*v.subtree, v.head]} if relative else None
    for m in dict.fromkeys(m for m in ctx.by_token[sent.start:sent.end] if m is not None):
        if m.kind != ActorKind.PERSON or not m.key or m.start < sent.start or scope is not None and m.root not in scope:
            continue
        head = ctx.doc[m.root]
        if _speaker(head) or head.dep_ == "poss" or _quoted(ctx, m.start, sent) or _of_another(ctx, head, candidate) \
                or _served(ctx, head):
            continue
        keys.setdefault(m.key, head)
    if not CLAUSE_PERSONS[0] <= len(keys | dict.fromkeys(have)) <= CLAUSE_PERSONS[1]:
        return
    for key, head in keys.items():
        if key not in have:
            found.append(Taking(key, Role.PARTICIPANT, ctx.leads.get(key), _span_of(ctx, head), key in ctx.leads))


def _served(ctx: ArticleContext, token: Token) -> bool:
    """"X, a close aide to President Y, met Z": the person an office serves is not at the meeting."""
    return token.dep_ == "pobj" and token.head.lower_ == "to" \
        and ctx.lexicon.title_class(token.head.head.lemma_) not in (None, "honorific")


def _of_another(ctx: ArticleContext, token: Token, candidate: Candidate) -> bool:
    """"held a meeting to ensure that a summit between Kim and Trump takes place": the people "between"
    whom another meeting noun is are that meeting's."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ == "between" and prep.head not in candidate.triggers \
        and ctx.lexicon.noun_triggers.get(prep.head.lower_) is not None


def _speaker(token: Token) -> bool:
    """The subject of a reporting verb, or the object of "according to"."""
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in REPORTING_LEMMAS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"


QUOTES = frozenset({'"', "“", "”", "″", "«", "»"})


def _quoted(ctx: ArticleContext, start: int, sent: Span) -> bool:
    return sum(1 for t in ctx.doc[sent.start:start] if t.text in QUOTES) % 2 == 1


# --- meetings --------------------------------------------------------------------------------------


def _meeting(ctx: ArticleContext, trigger: Token, verb: Token, found: list[Taking]) -> None:
    if trigger == verb and trigger.pos_ in ("VERB", "AUX"):
        lemma = verb.lemma_.lower()
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        subject_role = Role.HOST if lemma in HOSTING else Role.MEDIATOR if lemma in MEDIATING else Role.PARTICIPANT
        if passive:
            for agent in (c for c in verb.children if c.dep_ == "agent"):
                _add_objects(ctx, agent, subject_role, found)
            for s in (c for c in verb.children if c.dep_ == "nsubjpass"):
                _add(ctx, s, Role.PARTICIPANT, found)
        else:
            for s in subjects(verb):
                _add(ctx, s, subject_role, found)
            objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            if misparsed_as_adjective(verb):  # "X on Wednesday hosted his counterpart": the sentence's noun root
                root = verb.sent.root
                if root.pos_ in ("NOUN", "PROPN") and root.i < verb.i:
                    _add(ctx, root, subject_role, found)
            if not objects and lemma in HOSTING | {"meet"}:
                objects = verb_objects(verb)
            for o in objects:
                role = Role.HOST if lemma == "visit" else Role.PARTICIPANT
                for whose in credentials_of(o):  # "received the credentials of the new ambassador, X"
                    _add(ctx, whose, role, found, partner=True)
                _add(ctx, o, role, found, places_ok=lemma == "visit", partner=True)
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS | {"to", "on"}):
            if prep.lower_ == "to" and lemma not in ("talk", "speak") or prep.lower_ == "on" and lemma != "call":
                continue
            _add_objects(ctx, prep, Role.HOST if prep.lower_ == "on" else Role.PARTICIPANT, found, partner=True)
        for prep in [*_misattached_partners(ctx, verb), *topic_partners(verb)]:
            _add_objects(ctx, prep, Role.PARTICIPANT, found, partner=True)
        return
    # a noun: "talks between X and Y", "Monday's meeting", "U.S.-Chinese talks", "a visit to Japan"
    for c in trigger.children:
        if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS:
            _add_objects(ctx, c, Role.PARTICIPANT, found, partner=c.lower_ == "with")
        elif c.dep_ == "prep" and c.lower_ == "to" and trigger.lemma_ == "visit":
            _add_objects(ctx, c, Role.HOST, found, places_ok=True)
        elif c.dep_ == "prep" and c.lower_ == "on" and trigger.lemma_ == "call":  # "a courtesy call on X"
            _add_objects(ctx, c, Role.HOST, found, partner=True)
        elif c.dep_ == "poss" and c.lower_ == "their" and (clause := _their_clause(trigger)) is not None:
            # "X told Y during their meeting": X and Y
            for who in [*subjects(clause), *(o for o in clause.children if o.dep_ in ("dobj", "dative"))]:
                _add(ctx, who, Role.PARTICIPANT, found)
        elif c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and _names_state(ctx, c)):
            _add(ctx, c, Role.PARTICIPANT, found)
        elif c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
            lemma = c.lemma_.lower()
            role = Role.HOST if lemma in HOSTING else Role.MEDIATOR if lemma in MEDIATING else Role.PARTICIPANT
            if lemma in HOSTING | MEDIATING | {"attend", "join"}:
                for agent in (a for a in c.children if a.dep_ == "agent"):
                    _add_objects(ctx, agent, role, found)
            if c.dep_ == "relcl" and lemma in LIGHT_VERBS:  # "a meeting that X held with the heads of ..."
                for s in (s for s in c.children if s.dep_ == "nsubj" and s.lower_ not in ("that", "which")):
                    _add(ctx, s, Role.PARTICIPANT, found)
                for prep in (p for p in c.children if p.dep_ == "prep" and p.lower_ in PARTNER_PREPS):
                    _add_objects(ctx, prep, Role.PARTICIPANT, found, partner=True)
    present = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ in ("in", "at") else None
    if present is not None and present.lower_ == "present" and present.dep_ == "acomp":
        for s in subjects(present.head):  # "X was also present at the meeting"
            _add(ctx, s, Role.ATTENDEE, found)
    if verb == trigger:
        return
    lemma = verb.lemma_.lower()
    word, trigger = trigger, frame_noun(trigger)  # "held a second round of talks": the round is what was held
    light = (trigger.dep_ in ("dobj", "nsubjpass") or named_as(trigger) == verb) and lemma in LIGHT_VERBS
    present = trigger.dep_ == "pobj" and (trigger.head.lower_ in ("in", "at", "during") and lemma in PRESENT_AT
                                          or trigger.head.lower_ == "for" and lemma in ARRIVING) \
        and _quoted(ctx, trigger.i, trigger.sent) == _quoted(ctx, verb.i, trigger.sent)  # '"... in this meeting," X told'
    # "told reporters after talks with X", "indicated receptivity during talks with X": whoever talked with X
    # "A and B signed an agreement after talks", "A and B agreed during a meeting in Berlin": both had the talks
    after = trigger.dep_ == "pobj" and trigger.head.lower_ in ("after", "following", "during") and (any(
        c.dep_ == "prep" and c.lower_ in ("with", "between") for c in [*trigger.children, *word.children])
        or sum(len(listed(s)) for s in subjects(verb)) >= 2)
    if not (light or present or after):
        return
    role = Role.HOST if lemma == "host" else Role.ATTENDEE if lemma in ("attend", "join") else Role.PARTICIPANT
    if trigger.dep_ == "nsubjpass":  # "talks were held by X"
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            _add_objects(ctx, agent, role, found)
        return
    for s in subjects(verb):
        _add(ctx, s, role, found)
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS):
        _add_objects(ctx, prep, Role.PARTICIPANT, found, partner=True)
    if present and lemma == "tell":  # "At the meeting, X told Y that ...": Y was there too
        for o in (o for o in verb.children if o.dep_ in ("dobj", "dative")):
            _add(ctx, o, Role.PARTICIPANT, found, partner=True)


def _their_clause(trigger: Token) -> Token | None:
    """The verb whose people "their" gathers: "X told Y during their meeting" (told); not "informed Y of
    their meeting", which Y was not at."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ not in ("during", "at", "in"):
        return None
    token = trigger
    while token.dep_ in ("pobj", "prep") and token.head != token:
        token = token.head
    return token if token.pos_ == "VERB" and token != trigger else None


def _misattached_partners(ctx: ArticleContext, verb: Token) -> list[Token]:
    """"met on the sidelines of the summit with X": the parser hangs "with X" on the summit; it says
    whom the subject met."""
    out = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "at", "during", "in")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            nouns = [pobj, *(g for of in pobj.children if of.dep_ == "prep" and of.lower_ == "of"
                             for g in of.children if g.dep_ == "pobj")]
            if not (pobj.lower_ in OCCASION_NOUNS or any(ctx.lexicon.noun_triggers.get(n.lower_) for n in nouns)):
                continue
            out += [w for n in nouns for w in n.children if w.dep_ == "prep" and w.lower_ == "with"]
    return out


def _names_state(ctx: ArticleContext, token: Token) -> bool:
    m = ctx.mention_at(token)
    return m is not None and m.kind == ActorKind.STATE and m.via in ("name", "demonym")


def subjects(verb: Token) -> list[Token]:
    """The subjects of a verb, borrowed from the verb it hangs on when it has none ("..., holding talks")."""
    seen = 0
    while seen < 4:
        found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if found:
            if verb.dep_ == "relcl" and all(f.lower_ in ("who", "which", "that") for f in found):
                head = verb.head  # "Whitaker, who received Hartono"; "A and B, who met in Tokyo": both
                while head.dep_ == "conj" and head.head != head:
                    head = head.head
                return [head]
            return found
        if (verb.dep_ in ("xcomp", "advcl", "conj", "pcomp") or verb.pos_ == "ADP" and verb.dep_ == "prep") \
                and verb.head != verb:  # "..., holding talks", "highlighted it by meeting X"
            verb = verb.head
            seen += 1
            continue
        if verb.dep_ in ("relcl", "acl") and any(c.lower_ == "having" for c in verb.children) \
                and verb.head.head != verb.head:  # "had a discussion with X, having met Y": no relative clause
            verb = verb.head.head
            seen += 1
            continue
        if verb.dep_ in ("relcl", "acl") and verb.head != verb:
            return [verb.head]
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_LEMMAS and verb.head.i < verb.i:
            verb = verb.head  # "He said had an intensive discussion with X": the speaker, his "he" left out
            seen += 1
            continue
        return []
    return []


def _add_objects(ctx: ArticleContext, prep: Token, role: Role, found: list[Taking], places_ok: bool = False,
                 partner: bool = False) -> None:
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        _add(ctx, pobj, role, found, places_ok, partner)


def _add(ctx: ArticleContext, token: Token, role: Role, found: list[Taking], places_ok: bool = False,
         partner: bool = False) -> None:
    for t in listed(token):
        leader = _delegation_leader(ctx, t)
        if leader is not None:
            found.append(leader)
            continue
        keys = refer(ctx, t)
        if not keys and places_ok:
            keys = _state_of_place(ctx, t)
        for key in keys:
            record = ctx.actors.get(key)
            if record is None or record.kind not in (ActorKind.PERSON, ActorKind.STATE, ActorKind.ORGANIZATION,
                                                     ActorKind.GROUP):
                continue
            span = _span_of(ctx, t)
            represents = None
            explicit = False
            if record.kind == ActorKind.PERSON and key in ctx.leads:
                represents, explicit = ctx.leads[key], True
            elif t.lower_ in DELEGATION_NOUNS and record.kind == ActorKind.STATE:
                pass
            found.append(Taking(key, role, represents, span, explicit, partner))


def listed(token: Token) -> list[Token]:
    """A phrase and everything listed with it: conjuncts, and the appositions that name or list more
    ("the Chadian President, Idris Deby, the Rwandan President, Paul Kagame, and ...")."""
    out = [token]
    for t in out:
        if len(out) > 24:
            break
        out.extend(c for c in t.children if c.dep_ in ("conj", "appos") and c not in out)
    return out


def _state_of_place(ctx: ArticleContext, token: Token) -> list[str]:
    from ingest import gazetteer

    if token.ent_type_ not in ("GPE", "LOC"):
        return []
    place = gazetteer.find_place(token.text)
    if place is None or not place.country:
        return []
    return [ctx.ensure_state(place.country)]


def _span_of(ctx: ArticleContext, token: Token) -> Span:
    m = ctx.mention_at(token)
    if m is not None:
        return ctx.doc[m.start:m.end]
    return ctx.doc[token.left_edge.i:token.i + 1]


def _delegation_leader(ctx: ArticleContext, token: Token) -> Taking | None:
    """"The Turkish delegation, led by X": X, for Turkey."""
    if token.lower_ not in DELEGATION_NOUNS:
        return None
    for c in token.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_ in ("lead", "head"):
            for agent in (a for a in c.children if a.dep_ == "agent"):
                for pobj in (p for p in agent.children if p.dep_ == "pobj"):
                    m = ctx.mention_at(pobj)
                    if m is not None and m.kind == ActorKind.PERSON and m.key:
                        return Taking(m.key, Role.PARTICIPANT, ctx.leads.get(m.key), ctx.doc[m.start:m.end],
                                      m.key in ctx.leads)
    return None


# --- explicit representation -----------------------------------------------------------------------


def _representations(ctx: ArticleContext, sent: Span, found: list[Taking]) -> None:
    """"X represented Washington", "Iraq was represented by X", "X spoke for Iran", "on behalf of"."""
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma == "represent" and token.pos_ == "VERB":
            passive = any(c.dep_ == "nsubjpass" for c in token.children)
            if passive:
                states = [s for c in token.children if c.dep_ == "nsubjpass" for s in _states(ctx, c)]
                persons = [p for a in _agents(token) for p in _persons(ctx, a)]
            else:
                states = [s for c in token.children if c.dep_ == "dobj" for s in _states(ctx, c)]
                persons = [p for s in subjects(token) for p in _persons(ctx, s)]
            _pair(ctx, persons, states, found, side=True)
        elif delegation_included(token):  # "The Russian delegation included X and Y"
            states = [s for c in token.children if c.dep_ == "nsubj" for s in _states(ctx, c)]
            persons = [p for c in token.children if c.dep_ == "dobj" for p in _persons(ctx, c)]
            _pair(ctx, persons, states, found, side=True)
        elif lemma == "send" and token.pos_ == "VERB":  # "Belarus sent special envoy Dubois"
            states = [s for s in subjects(token) for s in _states(ctx, s)]
            persons = [p for c in token.children if c.dep_ == "dobj" for p in _persons(ctx, c)]
            _pair(ctx, persons, states, found)
        elif lemma in ("speak", "act", "negotiate", "sign", "talk") and token.pos_ == "VERB":
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"):
                states = [s for p in prep.children if p.dep_ == "pobj" for s in _states(ctx, p)]
                persons = [p for s in subjects(token) for p in _persons(ctx, s)]
                _pair(ctx, persons, states, found)
        elif token.lower_ == "behalf" and token.head.lower_ == "on":
            states = [s for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj" for s in _states(ctx, o)]
            verb = token.head.head
            persons = [p for s in subjects(verb) for p in _persons(ctx, s)] if verb.pos_ in ("VERB", "AUX") else []
            _pair(ctx, persons, states, found)


def _agents(verb: Token) -> list[Token]:
    out = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    for prep in (c for c in verb.children if c.dep_ == "prep"):  # "represented at the talks by X"
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            out += [q for a in pobj.children if a.dep_ in ("prep", "agent") and a.lower_ == "by"
                    for q in a.children if q.dep_ == "pobj"]
    return out


def _states(ctx: ArticleContext, token: Token) -> list[str]:
    """The states a phrase names: "Iraq", "Iraq and Iran", "the Russian delegation", "the American side"."""
    out = []
    for t in [token, *token.conjuncts]:
        m = ctx.mention_at(t)
        if m is not None and m.kind == ActorKind.STATE and m.key:
            out.append(m.key)
        elif m is None:
            out.extend(k for k in delegation_states(ctx, t) if k not in out)
    return out


def _persons(ctx: ArticleContext, token: Token) -> list[Token]:
    out = []
    for t in [token, *token.conjuncts]:
        for key in refer(ctx, t):
            if ctx.actors.get(key) is not None and ctx.actors[key].kind == ActorKind.PERSON:
                out.append(t)
                break
    return out


def _pair(ctx: ArticleContext, persons: list[Token], states: list[str], found: list[Taking],
          side: bool = False) -> None:
    """Each person takes part for the one state; for a `side` no state names ("the PA side was represented
    by X and Y"), they take part all the same."""
    if len(states) > 1 or not states and not side:
        return
    for p in persons:
        for key in refer(ctx, p):
            if not states:
                if ctx.actors[key].kind == ActorKind.PERSON:
                    found.append(Taking(key, Role.PARTICIPANT, None, _span_of(ctx, p)))
                continue
            record = ctx.actors[key]
            if record.country is None:
                record.country, record.country_evidence = ctx.actors[states[0]].country, "represents"
            found.append(Taking(key, Role.PARTICIPANT, states[0], _span_of(ctx, p), True))


def _mediators(ctx: ArticleContext, sent: Span, found: list[Taking]) -> None:
    """"with X acting as mediator", "X, who mediated"."""
    for token in sent:
        if token.lemma_.lower() not in ("mediator", "broker", "facilitator") or token.head.lower_ != "as":
            continue
        verb = token.head.head
        candidates = [verb.head] if verb.dep_ in ("acl", "advcl", "relcl") else subjects(verb)
        for c in candidates:
            for key in refer(ctx, c):
                if ctx.actors.get(key) is not None and ctx.actors[key].kind == ActorKind.PERSON:
                    found.append(Taking(key, Role.MEDIATOR, None, _span_of(ctx, c)))


# --- other events ----------------------------------------------------------------------------------


def _other(ctx: ArticleContext, candidate: Candidate, trigger: Token, verb: Token, found: list[Taking]) -> None:
    if trigger != verb:  # a noun: "the accusation by X", "X's proposal"
        for c in trigger.children:
            if c.dep_ == "poss":
                _add(ctx, c, Role.PARTICIPANT, found)
            elif c.dep_ == "prep" and c.lower_ in ("by", "from"):
                _add_objects(ctx, c, Role.PARTICIPANT, found)
        return
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if passive:
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            _add_objects(ctx, agent, Role.PARTICIPANT, found)
    else:
        for s in subjects(verb):
            _add(ctx, s, Role.PARTICIPANT, found)
    if candidate.type in ("statement",):
        if not found:  # "..., according to X" has no subject
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "according"):
                for to in prep.children:
                    _add_objects(ctx, to, Role.PARTICIPANT, found)
        return
    for o in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "dative")):
        _add(ctx, o, Role.PARTICIPANT, found)


# --- merge ------------------------------------------------------------------------------------------


def _merge(ctx: ArticleContext, found: list[Taking]) -> list[Taking]:
    """One taking per actor: host or mediator over participant, explicit representation over inferred."""
    by_key: dict[str, Taking] = {}
    rank = {Role.HOST: 3, Role.MEDIATOR: 2, Role.PARTICIPANT: 1, Role.ATTENDEE: 0}
    for t in found:
        have = by_key.get(t.key)
        if have is None:
            by_key[t.key] = t
            continue
        if rank[t.role] > rank[have.role]:
            have.role = t.role
        if t.explicit and not have.explicit:
            have.represents, have.explicit = t.represents, True
        have.partner = have.partner and t.partner
    out = list(by_key.values())
    guests = {ctx.actors[t.represents].country if t.represents else ctx.actors[t.key].country
              for t in out if t.role != Role.HOST} - {None}
    for t in out:
        record = ctx.actors[t.key]
        if t.role == Role.HOST and len(guests - {record.country}) > 1:
            continue  # hosting the talks of two other sides ("the Iraqi prime minister hosted U.S. and Iranian envoys")
        if (t.represents is None and record.kind == ActorKind.PERSON and record.country
                and (any(title.cls in ACTING_CLASSES and held_now(title.text) for title in record.titles)
                     or record.country_evidence == "named by state")):
            t.represents = ctx.ensure_state(record.country)
    return out


ROUND_OF_CALLS = 3  # partners named one after another: "met A, B and C" is one meeting with each


def bilateral(takers: list[Taking], ctx: ArticleContext) -> list[list[Taking]]:
    """"The envoy met the king, the prime minister and the foreign minister": a visitor's round of
    calls, one meeting with each person named, not one meeting of all of them. Two partners
    ("hosted A and B") stay one meeting."""
    partners = [t for t in takers if t.partner and ctx.actors[t.key].kind == ActorKind.PERSON]
    visitors = [t for t in takers if not t.partner]
    callers = [t for t in visitors if ctx.actors[t.key].kind == ActorKind.PERSON]
    if len(partners) == 1 and len(callers) >= 2 and _separately(takers):
        return [[c, partners[0]] for c in callers]  # "A and B also met with C, respectively"
    if not visitors and len(partners) >= 2:
        return [[p] for p in partners]  # "the mission met A and B": A and B did not meet each other
    if not (len(partners) >= ROUND_OF_CALLS or len(partners) >= 2 and _separately(takers)) or not visitors:
        return [takers]
    return [[*visitors, p] for p in partners]


def _separately(takers: list[Taking]) -> bool:
    """"Reagan also met separately Friday with Kohl and Nakasone", "held separate talks with A and B": a
    meeting with each."""
    spans = [t.span for t in takers if t.span is not None]
    if not spans:
        return False
    sent = spans[0].sent
    return any(t.lower_ in ("separately", "individually", "respectively") and t.dep_ == "advmod"
               or t.lower_ in ("separate", "individual") and t.dep_ == "amod" for t in sent)


def officials_for_states(ctx: ArticleContext, takers: list[Taking]) -> list[Taking]:
    """"The two countries' envoys met ...", "the first summit between the two countries": a meeting
    of states whose people the article names elsewhere is a meeting of those people, when each state
    has exactly one official in the article."""
    if len(takers) < 2 or any(ctx.actors[t.key].kind != ActorKind.STATE for t in takers):
        return takers
    found: list[Taking] = []
    for t in takers:
        state = ctx.actors[t.key].country
        office = _office_said(ctx, t.span)  # "the US and Russian presidents": presidents, not any official
        holders = [r for r in ctx.actors.values() if r.kind == ActorKind.PERSON and r.country == state
                   and any(title.cls in ACTING_CLASSES and held_now(title.text)
                           and (office is None or office in fold(title.text)) for title in r.titles)]
        if len(holders) != 1:
            return takers
        found.append(Taking(holders[0].key, t.role, t.key, t.span))
    return [*takers, *found]


GENERIC_OFFICES = frozenset({"official", "envoy", "representative", "diplomat", "negotiator", "leader", "delegate"})


def _office_said(ctx: ArticleContext, span: Span) -> str | None:
    """The office a state's name qualifies, if any: "president" in "the U.S. and Russian presidents" (any
    official will do for "the two countries' envoys")."""
    office = _office_word(ctx, span)
    return None if office in GENERIC_OFFICES else office


def _office_word(ctx: ArticleContext, span: Span) -> str | None:
    head = span.root
    if ctx.lexicon.title_class(fold(head.lemma_)) not in (None, "honorific"):
        return fold(head.lemma_)  # the taking is the description itself
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    noun = head.head
    if head.dep_ in ("amod", "compound", "nmod") and ctx.lexicon.title_class(fold(noun.lemma_)) not in (None,
                                                                                                       "honorific"):
        return fold(noun.lemma_)
    return None


def hosts_officials(ctx: ArticleContext, takers: list[Taking], country: str | None) -> None:
    """"The Mission met with President X and Senate President Y" after it arrived in Port-au-Prince: officials
    with an office but no stated country, met by a visitor from elsewhere in the country it came to, act for
    that country (not so at a summit in a third country)."""
    if country is None:
        return
    visitors = [t for t in takers if t.represents is not None and ctx.actors[t.represents].country != country
                or ctx.actors[t.key].country not in (None, country) or _of_a_world_body(ctx, t.key)]
    if not visitors:
        return
    for t in takers:
        if t.partner and _official_of_no_state(ctx, t):  # not "X and central bank president Y visited Z"
            t.represents = ctx.ensure_state(country)


def _of_a_world_body(ctx: ArticleContext, key: str) -> bool:
    """An official of an international body ("Secretary-General of ASEAN"): a visitor from elsewhere
    wherever the body's people travel."""
    return any(title.of and (body := ctx.actors.get(title.of)) is not None and body.kind != ActorKind.STATE
               and ctx.lexicon.is_international(body.name) for title in ctx.actors[key].titles)


def host_at_home(ctx: ArticleContext, takers: list[Taking], country: str | None) -> None:
    """"President X welcomed the Prime Minister of Italy in Tehran": an official of no stated country who
    hosts a meeting in a country acts for that country."""
    if country is None:
        return
    for t in takers:
        if t.role == Role.HOST and _official_of_no_state(ctx, t):
            t.represents = ctx.ensure_state(country)


def _official_of_no_state(ctx: ArticleContext, t: Taking) -> bool:
    record = ctx.actors[t.key]
    return t.represents is None and record.kind == ActorKind.PERSON and record.country is None and any(
        title.cls in ACTING_CLASSES and held_now(title.text) and _domestic(ctx, title.of) for title in record.titles)


def _domestic(ctx: ArticleContext, body: str | None) -> bool:
    """An office of no named body, or of a body of no state named and no international one ("the Senate")."""
    if body is None:
        return True
    record = ctx.actors.get(body)
    return record is not None and record.kind == ActorKind.ORGANIZATION and record.country is None \
        and not ctx.lexicon.is_international(record.name)

