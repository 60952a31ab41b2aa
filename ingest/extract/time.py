"""When an event happened: the date words attached to its trigger, resolved by `ingest.when`.

Only a date that hangs on the event's own words counts ("held talks ...
Monday", "Monday's meeting", "met on Tuesday"); a date of something else in
the sentence ("the 1989 revolution", "Chile said Saturday") does not. Dates
that anchor a duration ("since 2005", "after 12 years") are not the event's.
"""
from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from spacy.tokens import Span, Token

from ingest.extract.context import ArticleContext
from ingest.extract.events import MEETING, Candidate, in_headline, named_as, tense
from ingest.extract.lexicon import GATHERING_NOUNS, HABITUAL
from ingest.when import MONTHS, WEEKDAYS, ResolvedTime, resolve_time

PATH_DEPS = frozenset({"npadvmod", "pobj", "prep", "tmod", "advmod", "poss", "nmod", "appos", "obl", "dobj", "nummod"})
ANCHOR_PREPS = frozenset({"since", "until", "till", "after", "before", "for", "over", "within", "by", "from",
                          "through", "throughout"})
MAX_STEPS = 4
CALENDAR_WORDS = frozenset({*MONTHS, *WEEKDAYS})


def event_time(ctx: ArticleContext, candidate: Candidate) -> ResolvedTime | None:
    published = ctx.article.published
    if not published:
        return None
    anchors = {t.i for t in candidate.triggers} | {v.i for v in candidate.verbs}
    anchors |= {t.head.head.i for t in candidate.triggers if named_as(t) is not None}  # "what X described as talks"
    found: list[tuple[int, int, Span]] = []
    for span in _date_spans(candidate.sent):
        steps = _steps_to(span, anchors)
        if steps is None:
            steps = _clause_steps(span, anchors)
        if steps is not None:
            found.append((steps, span.start, span))
    anchor = date.fromisoformat(published)
    if not found:
        found = _from_coordinated_verb(candidate)
    if not found:
        found = _from_governing_clause(candidate)
    told = candidate.tense or _clause_tense(candidate)
    for _, _, span in sorted(found, key=lambda f: (f[0], f[1])):
        try:
            resolved = resolve_time(span.text, anchor, told)
        except ValueError:
            resolved = None
        if resolved is not None:  # "one-day" and "three decades" say how long, not when
            return _first_of_listed_days(span, resolved, told)
    return None


def _clause_tense(candidate: Candidate) -> str | None:
    """"The visit followed a meeting ... on Tuesday": a meeting noun has no tense of its own, but a verb that
    places it in time tells whether its weekday lies behind or ahead ("welcomed Monday's meeting" does not)."""
    token = candidate.triggers[0]
    for _ in range(4):
        if token.head == token:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return tense(token) if token.lemma_.lower() in SEQUENCE_VERBS else None
    return None


SEQUENCE_VERBS = frozenset({"follow", "precede", "end", "conclude", "begin", "open", "close", "last"})


SITTINGS = frozenset({"meeting", "session", "round", "encounter"})


def sittings_by_day(candidate: Candidate, day: str | None, text: str | None) -> list[str]:
    """"held two meetings in Ramallah on Monday and Thursday": sittings in the plural on days listed in the
    past are one meeting a day; the days, first to last. Empty for one meeting."""
    if not day or not text or not any(t.lemma_.lower() in SITTINGS and t.tag_ in ("NNS", "NNPS")
                                      for t in candidate.triggers):
        return []
    first = text.split()[0]
    root = next((t for t in candidate.sent if t.text == first and t.lower_ in WEEKDAYS), None)
    listed = [root, *(c for c in root.children if c.dep_ == "conj" and c.lower_ in WEEKDAYS)] if root else []
    if len(listed) < 2:
        return []
    days = [date.fromisoformat(day)]
    for before, after in pairwise(listed):
        days.append(days[-1] + timedelta(days=(WEEKDAYS[after.lower_] - WEEKDAYS[before.lower_]) % 7 or 7))
    return [d.isoformat() for d in days]


def _first_of_listed_days(span: Span, resolved: ResolvedTime, tense: str | None) -> ResolvedTime:
    """"held two meetings on Monday and Thursday": days listed in the past come in the order they
    happened, so the last is the most recent and the first lies before it; the event starts on the first."""
    root = span.root
    if tense != "past" or root.lower_ not in WEEKDAYS:
        return resolved
    listed = [c for c in root.children if c.dep_ == "conj" and c.lower_ in WEEKDAYS]
    if not listed:
        return resolved
    try:
        last = resolve_time(listed[-1].text, date.fromisoformat(resolved.anchor), tense)
    except ValueError:
        return resolved
    if last is None:
        return resolved
    back = (WEEKDAYS[listed[-1].lower_] - WEEKDAYS[root.lower_]) % 7 or 7
    first = (date.fromisoformat(last.date) - timedelta(days=back)).isoformat()
    text = span.doc[span.start:listed[-1].i + 1].text
    return ResolvedTime(first, resolved.precision, text, resolved.anchor, first, first)


def _from_coordinated_verb(candidate: Candidate) -> list[tuple[int, int, Span]]:
    """"received X at the palace and hosted a banquet in his honour on Saturday": verbs joined by
    "and" tell one occasion, so a day said of the other verb dates the meeting too."""
    partners = set()
    for verb in candidate.verbs:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        joined = [verb.head] if verb.dep_ == "conj" and verb.head.pos_ == "VERB" else []
        joined += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        # "last night met X and will today hold talks": a verb of another tense tells another occasion
        partners.update(j.i for j in joined if tense(j) in (None, tense(verb)))
    if not partners:
        return []
    out = []
    for span in _date_spans(candidate.sent):
        steps = _steps_to(span, partners)
        if steps is not None and not (span.start <= min(partners) and span.root.head.i not in partners):
            out.append((30 + steps, span.start, span))
    return out




def under_way(candidate: Candidate) -> bool:
    """"Lavrov and Kuleba are meeting in Antalya", "..., where X holds talks with Y": a meeting the story
    tells in the present is under way as it is written. Not in a headline, whose present tense tells
    what already happened, nor with words of habit ("meet regularly"), nor inside a quotation."""
    if candidate.type != MEETING or candidate.tense != "present" or candidate.anaphoric:
        return False
    verbs = [v for v in candidate.verbs if v.pos_ in ("VERB", "AUX") and v.tag_ in ("VBZ", "VBP", "VBG")
             and not in_headline(v)]
    return bool(verbs) and not any(t.lower_ in HABITUAL for t in candidate.sent) and not _quoted(candidate)


def _quoted(candidate: Candidate) -> bool:
    """Words inside quotation marks are someone's speech, not the story's narrative present."""
    sent = candidate.sent
    verb = candidate.verbs[0]
    before = [t for t in sent if t.i < verb.i and t.is_quote]
    return len(before) % 2 == 1


def _from_governing_clause(candidate: Candidate) -> list[tuple[int, int, Span]]:
    """"agreed on Monday ... after talks in Kuala Lumpur": a meeting named inside a dated clause
    ("at", "during", "after" it) took place that day."""
    out: list[tuple[int, int, Span]] = []
    for trigger in candidate.triggers:
        if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ != "pobj":
            continue
        if trigger.head.lower_ not in ("at", "during", "after", "following", "on", "in"):
            continue
        verb = trigger.head.head
        for _ in range(3):
            if verb.pos_ not in ("VERB", "AUX"):
                break
            anchors = {verb.i}
            for span in _date_spans(candidate.sent):
                steps = _steps_to(span, anchors)
                if steps is not None and span.root.lower_.rstrip(".") in {*WEEKDAYS, "yesterday", "today"}:
                    out.append((20 + steps, span.start, span))
            if out or verb.dep_ not in ("xcomp", "advcl", "ccomp") or verb.head == verb:
                break
            verb = verb.head
    return out


def _clause_steps(span: Span, anchors: set[int]) -> int | None:
    """A day ("on Monday") the parser hung on a nearby noun of the event's clause: counts, at a distance."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in ("on", "in") or span.root.lower_.rstrip(".") not in WEEKDAYS:
        return None
    token = root.head.head
    if token.i not in anchors and token.lower_ in GATHERING_NOUNS:
        return None  # "talks in preparation for a summit on Thursday": the summit's day
    steps = 10
    while steps < 16:
        if token.i in anchors:
            return steps
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            return None
        token = token.head
        steps += 1
    return None


def _date_spans(sent: Span) -> list[Span]:
    spans = [_with_time_of_day(_with_days(d)) for e in sent.ents if e.label_ == "DATE" or e.label_ == "TIME"
             and _names_a_day(e) for d in _split_dates(e)] \
        if any(t.ent_type_ in ("DATE", "TIME") for t in sent) else []  # "Earlier today", tagged a time
    covered = {t.i for e in spans for t in e}
    doc = sent.doc
    for t in sent:  # weekdays the tagger missed
        if t.i not in covered and t.lower_.rstrip(".") in WEEKDAYS and t.text[:1].isupper():
            spans.append(_with_time_of_day(doc[t.i:t.i + 1]))
    return spans


def _names_a_day(span: Span) -> bool:
    """A time that says which day: "tonight", "Monday evening", "last night", "this morning"."""
    words = {t.lower_.rstrip(".") for t in span}
    return bool(words & DAY_WORDS) or bool(words & {"last", "this"} and words & TIMES_OF_DAY)


def _split_dates(span: Span) -> list[Span]:
    """"will resume Sept. 25 after a Sept. 19-20 meeting", tagged one date: two dates joined by a
    preposition, each hanging on its own word. Not "the day before yesterday", whose second part names
    no month, weekday or number."""
    for t in span[1:]:
        rest = span.doc[t.i + 1:span.end]
        if t.pos_ == "ADP" and rest and any(w.like_num or w.lower_.rstrip(".") in CALENDAR_WORDS for w in rest):
            start = t.i + 1
            while start < span.end - 1 and span.doc[start].pos_ == "DET":
                start += 1
            return [span.doc[span.start:t.i], *_split_dates(span.doc[start:span.end])]
    return [span]


def _with_days(span: Span) -> Span:
    """"21-22 December 2011" tagged as "December 2011": the days the tagger left in front of a month."""
    doc, start = span.doc, span.start
    if not span[0].lower_.rstrip(".") in MONTHS:
        return span
    while start > span.sent.start and (doc[start - 1].like_num or doc[start - 1].text in ("-", "–", "and")) \
            and span.start - start < 3:
        start -= 1
    while start < span.start and not doc[start].like_num:
        start += 1
    return doc[start:span.end]


TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "noon", "midday"})


def _with_time_of_day(span: Span) -> Span:
    """"on Monday evening", tagged "Monday" + a time: the day hangs on the time of day, which hangs on the verb."""
    root = span.root
    if root.dep_ == "compound" and root.head.i == span.end and root.head.lower_ in TIMES_OF_DAY:
        return span.doc[span.start:span.end + 1]
    return span


def _steps_to(span: Span, anchors: set[int]) -> int | None:
    """How many arcs lead from the date up to the event's words; None when it hangs elsewhere."""
    token: Token = span.root
    if any(t.lower_ in ANCHOR_PREPS for t in span):
        return None
    steps = 0
    while steps <= MAX_STEPS:
        if token.i in anchors:
            return steps
        dep = token.dep_
        head = token.head
        if head == token:
            return None
        if dep not in PATH_DEPS and dep != "compound":
            return None
        if dep in ("compound", "nmod", "poss", "appos") and head.i not in anchors:
            return None  # the date of another noun: "the 1989 revolution"
        if dep == "pobj" and head.lower_ in ANCHOR_PREPS:
            return None
        if dep == "prep" and token.lower_ in ANCHOR_PREPS:
            return None
        if head.pos_ in ("NOUN", "PROPN") and head.i not in anchors and dep != "pobj":
            return None
        token = head
        steps += 1
    return None


DAY_WORDS = frozenset({*WEEKDAYS, "today", "yesterday", "tonight", "tomorrow"})
LEAD_REACH = 8  # sentences from the top the lead may be (headline, byline, dateline before it)
NEWS_WORDS = frozenset({*WEEKDAYS, "yesterday", "today", "tonight"})


def lead_day(ctx: ArticleContext) -> str | None:
    """The day the article's lead sentence names ("OTTAWA (AP) _ President X was prodded by Y on Sunday"):
    wire copy opens with the news and its day, which dates the meetings the story tells without one."""
    published = ctx.article.published
    if not published:
        return None
    anchor = date.fromisoformat(published[:10])
    for n, sent in enumerate(ctx.doc.sents):
        if n >= LEAD_REACH:
            return None
        verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj")]
        if len(sent) < 8 or not verbs or not sent.text.rstrip().endswith((".", '"', "”")):
            continue  # a headline, a byline, a dateline
        for span in _date_spans(sent):
            if span.root.lower_.rstrip(".") not in NEWS_WORDS:
                continue
            try:
                found = resolve_time(span.text, anchor, tense(sent.root) or "past")
            except ValueError:
                found = None
            if found and found.precision == "day" and 0 <= (anchor - date.fromisoformat(found.date)).days <= 7:
                return found.date
        return None  # the lead names no day
    return None

