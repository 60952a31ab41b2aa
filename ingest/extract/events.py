"""Event words: what happened, its CAMEO code, its tense and whether it really happened.

A trigger is a verb or noun of `lexicons/event_triggers.tsv` ("met", "talks",
"accused"). A noun's verb is its light verb ("held talks", "attended the
meeting"). A meeting that is only planned, wished, refused or hypothetical
("future meetings", "would meet again", "urged ... to talk", "rejected
talks") is not reported as a meeting: it becomes an `intent` to meet (CAMEO
036) so that it never counts as a second, different meeting.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from graph_schema.model import ActorKind
from ingest.extract.context import ArticleContext
from ingest.extract.lexicon import (
    DELEGATION_NOUNS,
    HABITUAL,
    HEADLINE_FORMS,
    IRREALIS_GOVERNORS,
    IRREALIS_MODIFIERS,
    MODALS,
    OCCASION_NOUNS,
    PERSON_NOUNS,
    REMOTE_WORDS,
    REPETITION_MODIFIERS,
    ROUND_NOUNS,
    SCHEDULING_GOVERNORS,
    Trigger,
)

MEETING = "meeting"
INTENT = "intent"
INTENT_CAMEO = "036"
LIGHT_VERBS = frozenset({"hold", "have", "begin", "start", "conduct", "attend", "open", "join", "resume", "chair", "pay",
                         "host", "end", "continue", "participate", "take", "sit", "enter", "wrap", "conclude",
                         "convene", "engage", "co-chair", "stage", "organise", "organize", "boycott", "skip"})
# verbs whose subject, placed "at/in/during the meeting", took part in it
PRESENT_AT = frozenset({"sit", "speak", "talk", "participate", "take", "meet", "raise", "propose", "offer",
                        "represent", "attend", "join", "shake", "agree", "sign", "present", "make", "say", "tell",
                        "head", "lead", "chair", "discuss", "exchange", "review", "stress", "express"})
AUDIENCES = frozenset({"reporter", "journalist", "press", "media", "newsman", "correspondent", "audience", "crowd",
                       "student", "supporter", "parliament", "lawmaker", "legislator"})  # "spoke to reporters"
PRESS_WORDS = frozenset({"press", "news", "video", "teleconference"})
NOT_MEETING_COMPOUNDS = frozenset({"room", "hall", "call", "centre", "center", "table", "line", "organiser"})
# words of negotiating that tell a process, not by themselves an encounter ("talks with the IMF")
NEGOTIATION_WORDS = frozenset({"talk", "talks", "negotiation", "negotiations", "negotiate", "discussion",
                               "discussions", "consultation", "consultations", "dialogue", "contact", "contacts"})
# CAMEO 04x, most specific first: a visit or a hosting says more than "met"
MEETING_PRIORITY = ("045", "043", "042", "046", "044", "041", "040")


@dataclass(slots=True, eq=False)
class Candidate:
    """One reported event in one sentence, before its participants, date and place are read."""

    type: str
    cameo: str
    sent: Span
    triggers: list[Token] = field(default_factory=list)  # the event words
    verbs: list[Token] = field(default_factory=list)  # the verbs carrying them (a light verb, or the trigger)
    tense: str | None = None
    anaphoric: bool = False  # "the talks", "X represented Y": refers to a meeting the article reports


def find_candidates(ctx: ArticleContext) -> list[Candidate]:
    """Every event word of the article: one meeting per group of linked meeting words, one event per other word."""
    out: list[Candidate] = []
    for sent in ctx.doc.sents:
        real: list[tuple[Token, Token, Trigger]] = []
        wished: list[tuple[Token, Token, Trigger]] = []
        for token in sent:
            trigger = _trigger(ctx, token)
            if trigger is None:
                continue
            verb = carrier(token)
            if trigger.type == MEETING:
                if verb != token and _anchoring(ctx, token, verb):
                    verb = token  # "met X before the meeting with Y": the meeting with Y is another one
                (wished if irrealis(token, verb) else real).append((token, verb, trigger))
            elif not irrealis(token, verb) or (trigger.type == "statement" and not _negated(verb)):
                out.append(Candidate(trigger.type, trigger.cameo, sent, [token], [verb]))
        for group in _linked(real):
            candidate = Candidate(MEETING, group[0][2].cameo, sent)
            for token, verb, trigger in group:
                candidate.triggers.append(token)
                candidate.verbs.append(verb)
                candidate.cameo = _more_specific(candidate.cameo, trigger.cameo)
            out.append(candidate)
        if not real:
            said = _representation_verb(ctx, sent)
            if said is not None:  # "X represented Washington": a part in the meeting the article reports
                out.append(Candidate(MEETING, "040", sent, [said], [said], anaphoric=True))
        for group in _linked(wished):
            out.append(Candidate(INTENT, INTENT_CAMEO, sent, [t for t, _, _ in group], [v for _, v, _ in group]))
    for candidate in out:
        candidate.tense = _tense(candidate)
        if candidate.type == MEETING and not candidate.anaphoric:
            candidate.anaphoric = all(definite(t) for t in candidate.triggers)
        if candidate.type == INTENT and candidate.tense in (None, "past", "present"):
            candidate.tense = "future"  # a meeting wished or planned lies ahead of the words
    out.sort(key=lambda c: (c.sent.start, c.triggers[0].i))
    return out


DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def definite(trigger: Token) -> bool:
    """"the talks", "Monday's meeting", "this visit": a noun that names an event already known."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    return any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in trigger.children)


def _tense(candidate: Candidate) -> str | None:
    """The tense of the verb that says the event happens; a noun under another verb has none of its own
    ("welcomed Monday's meeting" says nothing about when the meeting is)."""
    for trigger, verb in zip(candidate.triggers, candidate.verbs):
        frame = frame_noun(trigger)  # "is to hold a second round of talks"
        if trigger == verb or (frame.dep_ in ("dobj", "nsubjpass", "attr") and frame.head == verb
                               or named_as(frame) == verb) and verb.lemma_.lower() in LIGHT_VERBS:
            return tense(verb)
    if candidate.type != MEETING and candidate.verbs:
        return tense(candidate.verbs[0])
    return None


def _linked(items: list[tuple[Token, Token, Trigger]]) -> list[list[tuple[Token, Token, Trigger]]]:
    """Meeting words of one sentence that speak of one meeting: same verb, or one inside the other's phrase."""
    groups: list[list[tuple[Token, Token, Trigger]]] = []
    for item in items:
        for group in groups:
            if any(_same_event(item, other) for other in group):
                group.append(item)
                break
        else:
            groups.append([item])
    return groups


def _same_event(a: tuple[Token, Token, Trigger], b: tuple[Token, Token, Trigger]) -> bool:
    ta, va, _ = a
    tb, vb, _ = b
    if _earlier(va) != _earlier(vb):
        return False  # "had a discussion with A, having met B yesterday": two meetings
    if va != vb and va.pos_ in ("VERB", "AUX") and vb.pos_ in ("VERB", "AUX") \
            and None not in (tense(va), tense(vb)) and tense(va) != tense(vb):
        return False  # "last night met X and will today hold talks": what was and what will be
    if va == vb or va == tb or vb == ta or ta.head == tb or tb.head == ta:
        return True
    if (vb.dep_ in ("advcl", "xcomp", "conj") and vb.head == va) or (va.dep_ in ("advcl", "xcomp", "conj")
                                                                       and va.head == vb):
        return True  # "began a state visit ..., holding talks with X", "met and held talks with X"
    return _inside(tb, {ta, va}) or _inside(ta, {tb, vb})


def _earlier(verb: Token) -> bool:
    """"..., having met X yesterday": a perfect participle tells an earlier, other meeting."""
    return any(c.lower_ == "having" and c.dep_ == "aux" for c in verb.children)


def _inside(token: Token, heads: set[Token]) -> bool:
    """"met on the sidelines of the summit": the summit is said within the meeting's own phrase."""
    for _ in range(4):
        if token.dep_ not in ("pobj", "prep") or token.head == token or token.lower_ in ANCHOR_PREPS \
                or token.lower_ in PREPARING_NOUNS or _topic(token):
            return False  # "before the meeting with Putin", "in preparation for a summit", "discussions on
            # the pace of trade talks with Washington": another meeting
        token = token.head
        if token in heads:
            return True
    return False


def _topic(prep: Token) -> bool:
    """"on the pace of trade talks", "about a summit": what a meeting was about (not "on the sidelines of")."""
    return prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPS \
        and not any(c.lower_ in OCCASION_NOUNS for c in prep.children)


def _representation_verb(ctx: ArticleContext, sent: Span) -> Token | None:
    for token in sent:
        if token.lemma_.lower() in ("represent", "send") and token.pos_ == "VERB":
            return token
        if delegation_included(token):
            return token
        if token.lower_ == "behalf" and token.head.lower_ == "on" and token.head.head.pos_ == "VERB":
            return token.head.head
    return None


def delegation_included(token: Token) -> bool:
    """"The Russian delegation included X and Y": who made up a side."""
    return token.lemma_.lower() == "include" and token.pos_ == "VERB" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in DELEGATION_NOUNS for c in token.children)


RECALLING = frozenset({"last", "previously", "earlier", "once", "before", "occasionally", "recently", "first"})


def recalled(candidate: Candidate) -> bool:
    """"X last met Y", "have met occasionally": a meeting before the one reported."""
    return any(c.dep_ == "advmod" and c.lower_ in RECALLING and c.i < v.i + 3
               and not (c.lower_ == "earlier" and c.i == c.sent.start)  # "Earlier, X met Y": the same news
               for v in candidate.verbs for c in v.children) and not candidate.anaphoric


def says_here(candidate: Candidate) -> bool:
    """"conferred here Monday": the place the article was filed from."""
    return any(c.lower_ == "here" and c.dep_ == "advmod" for v in {*candidate.verbs, *candidate.triggers}
               for c in v.children)


ANCHOR_PREPS = frozenset({"before", "after", "ahead", "following", "since"})
PREPARING_NOUNS = frozenset({"preparation", "preparations", "run-up", "lead-up", "prelude"})  # "talks in preparation for a summit"


def _anchoring(ctx: ArticleContext, noun: Token, verb: Token) -> bool:
    """"Before the meeting with Putin, X met Y": a meeting noun in a time phrase of a meeting verb
    names another meeting than the verb's, and takes none of the verb's people."""
    if verb.pos_ not in ("VERB", "AUX") or ctx.lexicon.verb_triggers.get(verb.lemma_.lower()) is None \
            or ctx.lexicon.verb_triggers[verb.lemma_.lower()].type != MEETING:
        return False
    token = noun
    for _ in range(3):
        if token.head == token or token.head == verb and token.lower_ not in ANCHOR_PREPS:
            return False
        if token.lower_ in ANCHOR_PREPS and token.head == verb:
            return True
        token = token.head
    return False


def _more_specific(a: str, b: str) -> str:
    return min(a, b, key=lambda c: MEETING_PRIORITY.index(c) if c in MEETING_PRIORITY else len(MEETING_PRIORITY))


def _trigger(ctx: ArticleContext, token: Token) -> Trigger | None:
    found = _lexical_trigger(ctx, token)
    if found is not None and found.type == MEETING and _by_phone(token):
        return None
    return found


def _by_phone(token: Token) -> bool:
    """"conferred on the telephone", "phone talks", "talks by video link": not face to face."""
    heads = [token, carrier(token)] if token.pos_ in ("NOUN", "PROPN") else [token]
    for head in heads:
        for c in head.children:
            if c.dep_ in ("compound", "amod", "advmod") and c.lower_ in REMOTE_WORDS:
                return True  # "phone talks", "met virtually", "met online"
            if c.dep_ == "prep" and c.lower_ in ("on", "by", "over", "via"):
                for pobj in (p for p in c.children if p.dep_ == "pobj"):
                    if pobj.lower_ in REMOTE_WORDS or any(x.lower_ in REMOTE_WORDS for x in pobj.children
                                                          if x.dep_ in ("compound", "amod")):
                        return True
    return False


def _lexical_trigger(ctx: ArticleContext, token: Token) -> Trigger | None:
    pos = token.pos_
    lemma = token.lemma_.lower()
    if pos == "VERB" and lemma == "shake" and any(c.dep_ == "dobj" and c.lemma_.lower() == "hand"
                                                  for c in token.children):
        return Trigger("shake", "verb", MEETING, "040")  # "the two leaders shook hands"
    if pos in ("VERB",) or (pos == "AUX" and lemma != "be"):
        found = ctx.lexicon.verb_triggers.get(lemma)
        if found is None or (found.type == MEETING and _modifies_a_name(ctx, token)):
            return None  # "visiting Israeli Prime Minister X": the visit is the occasion, not another meeting
        if found.type == MEETING and not _verb_meeting_ok(ctx, token, lemma):
            return None
        if lemma == "call" and calls_on(ctx, token) is not None:
            return Trigger("call", "verb", MEETING, "042")  # "called on President X in Kabul": a visit
        if lemma == "call" and any(c.dep_ == "prep" and c.lower_ in ("on", "for") for c in token.children):
            return Trigger("call", "verb", "appeal", "020")
        if lemma == "welcome" and _verb_meeting_ok(ctx, token, "greet"):
            return Trigger("welcome", "verb", MEETING, "043")  # "Tanabe welcomed his guest"
        return found
    if pos in ("NOUN", "PROPN") and token.lower_ in HEADLINE_FORMS and token.i > token.sent.start \
            and len(token.sent) <= HEADLINE_LENGTH:
        return ctx.lexicon.verb_triggers.get(HEADLINE_FORMS[token.lower_])  # "Buhari hosts ...", tagged a noun
    if pos in ("NOUN", "PROPN"):
        if lemma == "call" and courtesy_call(token):
            return Trigger("call", "noun", MEETING, "042")  # "paid a courtesy call on the Prime Minister"
        found = ctx.lexicon.noun_triggers.get(token.lower_) or ctx.lexicon.noun_triggers.get(lemma)
        if found is None:
            return None
        if token.dep_ == "compound" and token.head.lower_ in NOT_MEETING_COMPOUNDS | {"room"}:
            return None
        if token.dep_ == "compound" and found.type == MEETING:
            return None  # "conference room", "summit meeting": the head word decides
        if any(c.lower_ in PRESS_WORDS for c in token.children if c.dep_ in ("compound", "amod")):
            return None  # a press conference reports words, not a meeting
        if lemma == "talk" and any(c.dep_ == "amod" and c.lower_ in ("tough", "small", "big", "loose", "idle")
                                   for c in token.children):
            return None
        if lemma in ("discussion", "conversation") and _remote(ctx, token.sent):
            return None  # "discussions by phone", "a telephone conversation"
        governor = token.head
        if token.dep_ == "dobj" and governor.tag_ == "VBG" and governor.dep_ == "pcomp" \
                and governor.head.lower_ in TOPIC_PREPS:
            return None  # "exchanged views on holding peace talks": a topic, not another meeting
        if found.type == MEETING and (_an_audience(token) or _a_name(token)):
            return None
        return found
    return None


SPEECH_NOUNS = frozenset({"speech", "address", "remarks", "lecture", "presentation", "message", "statement"})
SPEAKING_TO = frozenset({"address", "tell", "brief"})


def _an_audience(token: Token) -> bool:
    """"In a speech to a meeting of business executives", "told a meeting of party members": the meeting
    is the audience of a speech, not an encounter of named parties."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in SPEECH_NOUNS:
        return True
    return token.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in SPEAKING_TO


def _a_name(token: Token) -> bool:
    """"chief executive of Summit": a capitalised event word standing alone in a story sentence is the
    name of a firm or a body, not an event ("the summit", "a Summit" are events)."""
    return token.pos_ == "PROPN" and token.ent_type_ == "ORG" and token.text[:1].isupper() \
        and token.i > token.sent.start and len(token.sent) > HEADLINE_LENGTH \
        and not any(c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in token.children)


HEADLINE_LENGTH = 20  # tokens: a headline, not a sentence of the story


def in_headline(token: Token) -> bool:
    """A line of a few words with no full stop: a headline, whose present tense tells what already happened."""
    text = token.doc.text
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    line = text[start:end if end >= 0 else len(text)].strip()
    return len(line.split()) <= HEADLINE_LENGTH and not line.endswith((".", "!", "?", '"', "”", "'"))


def calls_on(ctx: ArticleContext, verb: Token) -> Token | None:
    """"X called on President Y in Kabul": the person called on, when no "to" tells what Y was urged to do
    ("called on Y to resign" is an appeal)."""
    if any(t.tag_ == "TO" or t.dep_ in ("xcomp", "acl") and t.tag_ == "VB" for t in verb.subtree):
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            m = ctx.mention_at(pobj)
            if m is not None and m.kind == ActorKind.PERSON or ctx.lexicon.title_class(pobj.lemma_) is not None \
                    or any(c.dep_ == "amod" and c.lower_ == "visiting" for c in pobj.children):  # "the visiting guest"
                return pobj
    return None


def courtesy_call(token: Token) -> bool:
    """"a courtesy call on X", "paid a call on X": a visit in person, not a telephone call."""
    if token.lemma_.lower() != "call" or token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.dep_ in ("amod", "compound") and c.lower_ == "courtesy" for c in token.children) or (
        token.head.lemma_.lower() == "pay" and any(c.dep_ == "prep" and c.lower_ == "on" for c in token.children))


def _modifies_a_name(ctx: ArticleContext, token: Token) -> bool:
    """"the visiting Israeli Prime Minister", "visiting envoy X": a participle describing someone."""
    if token.dep_ == "amod":
        return token.tag_ != "VBD"  # "X on Wednesday hosted his counterpart", parsed as an adjective
    if token.tag_ != "VBG" or token.i + 1 >= len(ctx.doc) or any(c.dep_ == "aux" for c in token.children):
        return False  # "X was meeting Japanese Prime Minister Y": a verb in the progressive
    nxt = ctx.doc[token.i + 1]
    return ctx.mention_at(nxt) is not None or ctx.lexicon.title_class(nxt.lemma_) is not None \
        or (nxt.pos_ == "ADJ" and nxt.text[:1].isupper())


def misparsed_as_adjective(verb: Token) -> bool:
    """"X on Wednesday hosted his counterpart": a simple past the parser took for an adjective of its object."""
    return verb.dep_ == "amod" and verb.tag_ == "VBD"


def verb_objects(verb: Token) -> list[Token]:
    """What a verb acts on: its objects, or the noun a misparsed past tense hangs on, or a person the parser
    hung on a place phrase before it ("received at Cairo Airport Turkish President X": the object comes last)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if objects:
        return objects
    if misparsed_as_adjective(verb):
        return [verb.head]
    return [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in ("at", "in")
            for p in prep.children if p.dep_ == "pobj" and p.ent_type_ == "PERSON"]


def _verb_meeting_ok(ctx: ArticleContext, token: Token, lemma: str) -> bool:
    """Host, greet, receive and welcome a person, never a proposal or a decision."""
    if lemma in ("host", "greet", "receive"):
        objects = verb_objects(token)
        if lemma == "receive" and any(credentials_of(o) for o in objects):
            return True  # "received the credentials of the new ambassador, X"
        if lemma == "host" and any(ctx.lexicon.noun_triggers.get(o.lower_) for o in objects):
            return True
        return any(ctx.mention_at(o) is not None or o.lemma_.lower() in ("guest", "counterpart", "visitor",
                                                                         "delegation", "ambassador", "leader",
                                                                         "him", "her", "them", "minister",
                                                                         "president", "envoy")
                   or ctx.lexicon.title_class(o.lemma_) is not None for o in objects)
    if lemma == "meet":
        return not any(c.dep_ == "dobj" and _not_a_party(ctx, c) for c in token.children)
    if lemma in ("discuss", "speak"):  # "A and B spoke Tuesday at the White House", not "A spoke to reporters"
        return _face_to_face_discussion(ctx, token) and not any(
            c.dep_ == "prep" and c.lower_ in ("to", "with", "before") and any(
                p.lemma_.lower() in AUDIENCES for p in c.children if p.dep_ == "pobj") for c in token.children)
    if lemma == "exchange":  # "they exchanged views", never "exchanged prisoners" or "exchanged fire"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in EXCHANGED_WORDS for c in token.children) \
            and not _remote(ctx, token.sent)
    if lemma == "talk":
        return not any(c.dep_ == "prep" and c.lower_ in ("about", "of") for c in token.children) or any(
            c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
    return True


def credentials_of(obj: Token) -> list[Token]:
    """"the credentials of the new ambassador, X": whose credentials were received."""
    if obj.lemma_.lower() not in ("credential", "credentials"):
        return []
    return [p for prep in obj.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children
            if p.dep_ == "pobj"]


def _not_a_party(ctx: ArticleContext, obj: Token) -> bool:
    """"meet its export commitments", "met the target": what is met is no one."""
    if ctx.mention_at(obj) is not None or obj.pos_ in ("PRON", "PROPN") or obj.ent_type_:
        return False
    words = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children if c.dep_ in ("amod", "compound"))}
    return not (words & (PERSON_NOUNS | DELEGATION_NOUNS | {"counterpart", "guest", "visitor", "envoy", "head"})
                or ctx.lexicon.title_class(obj.lemma_) is not None)


def _face_to_face_discussion(ctx: ArticleContext, verb: Token) -> bool:
    """"A and B discussed ...", "A discussed ... with B": two named persons discussing are meeting,
    unless the sentence says it was by phone, video or letter."""
    if _negated(verb) or _modal(verb) or _remote(ctx, verb.sent):
        return False
    def persons(token: Token) -> set[str]:
        """The persons a subject or object names: itself, its conjuncts, names in apposition to any of them
        ("Foreign Minister, X, and his Omani counterpart, Y,")."""
        found: set[str] = set()
        for t in [token, *token.conjuncts]:
            for x in [t, *(c for c in t.children if c.dep_ in ("appos", "compound"))]:
                m = ctx.mention_at(x)
                if m is not None and m.kind == ActorKind.PERSON:
                    found.add(m.key or str(m.start))
                if x is not t:
                    found |= persons(x) if x.dep_ == "appos" and x.conjuncts else set()
        return found
    named = set().union(*(persons(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")),
                        *(persons(p) for c in [*verb.children, *topic_partners(verb)]
                          if c.dep_ == "prep" and c.lower_ == "with" for p in c.children if p.dep_ == "pobj"))
    return len(named) >= 2


def topic_partners(verb: Token) -> list[Token]:
    """"discussed bilateral issues with X": the parser hangs "with X" on what was discussed; it says with
    whom."""
    if verb.lemma_.lower() not in ("discuss", "review", "exchange"):
        return []
    return [p for o in verb.children if o.dep_ == "dobj" for p in o.children if p.dep_ == "prep"
            and p.lower_ == "with"]


def _remote(ctx: ArticleContext, sent: Span) -> bool:
    """The sentence, the two before it or the article's opening say the exchange was by phone or video."""
    sents = ctx.memo.get("sentences")
    if sents is None:
        sents = ctx.memo["sentences"] = list(ctx.doc.sents)
        ctx.memo["sentence at"] = {s.start: i for i, s in enumerate(sents)}
    n = ctx.memo["sentence at"].get(sent.start, 0)
    window = {*sents[max(0, n - 2):n + 1], *sents[:2]}
    return any(t.lower_ in REMOTE_WORDS and not courtesy_call(t) for s in window for t in s)


def carrier(token: Token) -> Token:
    """The verb that carries an event word: itself for a verb, the light verb or governing verb for a noun."""
    if token.pos_ in ("VERB", "AUX"):
        return token
    token = frame_noun(token)
    head = token.head
    if (named := named_as(token)) is not None:
        return named
    if token.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head
    if token.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if token.dep_ in ("nsubj",) and head.pos_ in ("VERB", "AUX"):
        return head
    return token


TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
EXCHANGED_WORDS = frozenset({"view", "views", "idea", "ideas", "opinion", "opinions", "handshake", "handshakes",
                             "greeting", "greetings", "pleasantry", "pleasantries"})
SITTING_SPANS = frozenset({"day", "hour"})
NAMING_VERBS = frozenset({"describe", "call", "term", "characterize", "characterise", "dub", "label"})


def named_as(token: Token) -> Token | None:
    """"held what officials described as constructive talks": the verb the "what" clause is the object
    of ("held"), not the verb of naming."""
    naming = token.head.head
    if token.dep_ != "pobj" or token.head.lower_ != "as" or naming.lemma_.lower() not in NAMING_VERBS:
        return None
    if naming.dep_ not in ("ccomp", "dobj", "xcomp") or not any(c.lower_ == "what" for c in naming.children):
        return None
    return naming.head if naming.head.pos_ in ("VERB", "AUX") else None


def frame_noun(token: Token) -> Token:
    """The noun that stands in the clause for a meeting word: "round" in "held a second round of talks"."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in ROUND_NOUNS:
        return token.head.head
    span = token.head.head  # "opened two days of talks", "held five hours of talks": a sitting's length
    if token.dep_ == "pobj" and token.head.lower_ == "of" and span.lemma_.lower() in SITTING_SPANS and (
            span.dep_ == "dobj" and span.head.lemma_.lower() in LIGHT_VERBS
            or span.dep_ == "pobj" and span.head.lower_ in ("after", "following", "during")):
        return span  # "opened two days of talks", "after two hours of talks with X, Y agreed"
    return token


def _modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _infinitive(verb: Token) -> bool:
    """"to meet"; and "negotiate" in "arrived to exchange views and negotiate with X", which shares its "to"."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    return verb.dep_ == "conj" and verb.tag_ == "VB" and verb.head.pos_ == "VERB" \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.head.children)


def irrealis(trigger: Token, verb: Token) -> bool:
    """A planned, wished, refused or hypothetical event, or another one than the one reported."""
    for c in trigger.children:
        if c.dep_ == "advmod" and c.lower_ == "later" and tense(trigger) == "past":
            continue  # "the delegation later met with the president": afterwards, not ahead
        if c.dep_ in ("amod", "det", "nummod", "advmod", "compound") and c.lower_ in IRREALIS_MODIFIERS:
            return True
        if c.dep_ in ("amod", "det", "nummod", "advmod", "compound") and c.lower_ in REPETITION_MODIFIERS \
                and not took_place(verb):
            return True
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in ROUND_NOUNS:
        rounds = trigger.head.head  # "a second round of talks": the round says which meeting
        if any(c.lower_ in IRREALIS_MODIFIERS for c in rounds.children) or (
                any(c.lower_ in REPETITION_MODIFIERS for c in rounds.children) and not took_place(verb)):
            return True
    if trigger.dep_ == "pobj" and trigger.head.head.lemma_.lower() in IRREALIS_GOVERNORS \
            and trigger.head.head.pos_ == "NOUN":
        return True  # "the possibility of future meetings", "prospects for talks"
    if trigger == verb:
        if _unreal_verb(verb):
            return True
        token = verb
        for _ in range(3):  # "urged both governments to keep talking"
            if token.dep_ not in ("xcomp", "ccomp", "acl") or token.head == token:
                break
            token = token.head
            if token.lemma_.lower() in IRREALIS_GOVERNORS or _modal(token) or _negated(token):
                return True
        return _subjunctive(verb)
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("during", "at", "on", "in") and verb == trigger.head.head \
            and verb.pos_ in ("VERB", "AUX") and (_modal(verb) or tense(verb) == "future"):
        return True  # "an issue he would raise during a visit to Japan": the visit is still ahead
    if trigger.dep_ == "nsubj" and verb == trigger.head and verb.dep_ in ("ccomp", "xcomp") \
            and verb.head.lemma_.lower() in IRREALIS_GOVERNORS:
        return True  # "to ensure that a summit between X and Y takes place"
    if trigger.dep_ in ("dobj", "nsubjpass", "attr") and verb == trigger.head:  # "held talks", "rejected talks"
        return _unreal_verb(verb) or verb.lemma_.lower() in IRREALIS_GOVERNORS or (
            verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in IRREALIS_GOVERNORS)  # "suggested holding talks"
    return trigger.dep_ in ("dobj", "pobj", "acl") and trigger.head.lemma_.lower() in IRREALIS_GOVERNORS \
        and trigger.head.pos_ == "NOUN"


def _subjunctive(verb: Token) -> bool:
    """"proposed in a letter that they meet": a meeting verb in the bare present under a proposal told
    in the past is what was proposed, however the parser hangs the clause."""
    root = verb.sent.root
    return verb.tag_ in ("VB", "VBP") and root != verb and root.tag_ == "VBD" \
        and root.lemma_.lower() in IRREALIS_GOVERNORS and root.i < verb.i \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def took_place(verb: Token) -> bool:
    """The clause says the event happened or is happening: past or present, no modal, not negated."""
    return verb.pos_ in ("VERB", "AUX") and tense(verb) in ("past", "present") and not _modal(verb) \
        and not _negated(verb) and not _infinitive(verb)


def _unreal_verb(verb: Token) -> bool:
    if any(c.lower_ in REPETITION_MODIFIERS and c.dep_ == "advmod" for c in verb.children) and not took_place(verb):
        return True  # "would meet again", "to talk further"; not "met again on Tuesday"
    if _modal(verb) or _negated(verb):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return True  # "if X and Y have concluded their negotiations"
    if tense(verb) == "present" and any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in verb.children):
        return True  # "they meet very often among themselves": a custom, not an occasion
    if _infinitive(verb):
        head = verb.head
        if verb.dep_ == "ROOT" or head == verb:
            return False  # a headline: "U.S., Iran to hold talks"
        return not (head.lemma_.lower() in SCHEDULING_GOVERNORS or head.lower_ in ("scheduled", "due", "set"))
    return False


def tense(verb: Token) -> str | None:
    """past, present or future, from the verb's form and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "shall", "'ll"} or ("to" in words and verb.head.lemma_ == "be"):
        return "future"
    if "to" in words and (verb.dep_ == "ROOT" or verb.head.lower_ in ("scheduled", "due", "set", "expected")):
        return "future"
    if verb.head.lower_ == "going" and "to" in words:
        return "future"
    tags = {a.tag_ for a in auxes} | {verb.tag_}
    if tags & {"VBD"} or (verb.tag_ == "VBN" and words & {"has", "have", "had"}):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    if verb.tag_ == "VBN":
        return "past"
    return None
