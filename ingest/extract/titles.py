"""Offices and affiliations of the persons an article names.

Three shapes carry an office: in front of the name ("Chilean ambassador to
Peru Maria Lopez", "State Department spokesman Anna Berg"), after it
("Elena Petrova, the Bulgarian foreign minister,") and before it with a comma
("Spokesman for Kenyan Prime Minister John Otieno, Peter Mwangi,"). The
office's state is its person's country: a state word in front of the office
("Chilean", "U.S.", "Peru's"), a state body ("State Department"), "of
<state>" after it, or the country of the person an office is held for
("spokesman for <person>"). "to <state>" names where an ambassador is posted,
not whose he is, and in front of an expert's or a reporter's office a country
is a speciality ("Iraq expert"), not a nationality.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graph_schema.model import ActorKind
from ingest.extract.context import ActorRecord, ArticleContext, HeldTitle, Mention
from ingest.extract.events import HEADLINE_FORMS
from ingest.extract.lexicon import (
    ACTING_CLASSES,
    BEAT_CLASSES,
    FACILITY_NOUNS,
    HONORIFIC,
    LOCATIVE_PREPS,
    REPORTING_LEMMAS,
    fold,
    held_now,
)

POSSESSIVE = frozenset({"'s", "’s", "‘s", "'", "’", "‘"})
LINKS = frozenset({"of", "to", "for", "at", "and", "-", "on"})
STOP_TEXT = frozenset({",", ".", ";", ":", "(", ")", "\"", "“", "”", "'", "‘", "–", "—", "who", "which", "that",
                       "whose", "whom", "where", "when"})
MAX_WINDOW = 16
NEW_PHRASE = frozenset({"his", "her", "their", "its", "the", "a", "an"})  # after "and": another person's office
BODIES = (ActorKind.ORGANIZATION, ActorKind.GROUP)  # a state body, an international body, a movement


@dataclass(slots=True)
class Office:
    start: int  # token span of the whole title phrase
    end: int
    head_start: int  # the office words ("foreign minister")
    head_end: int
    cls: str


def find_titles(ctx: ArticleContext) -> None:
    """Offices and countries for every person in `ctx`."""
    persons = [r for r in ctx.actors.values() if r.kind == ActorKind.PERSON]
    named = [(r, m) for r in persons for m in r.mentions]
    _respective_offices(ctx)
    for record, mention in named:
        _in_front(ctx, record, mention)
        _after(ctx, record, mention)
    for record, mention in named:  # needs the countries found above ("spokesman for <person>")
        _before(ctx, record, mention)
    _counterparts(ctx)
    _delegation_heads(ctx)
    _parties_to_relations(ctx)
    _state_of_the_name(ctx)
    _of_the_republic(ctx)
    _sole_state(ctx)


def _named_at_the_end(ctx: ArticleContext, office: Token) -> Mention | None:
    """"headed by the Chair of the Permanent Council, Ambassador of Antigua and Barbuda, Sir Ronald
    Sanders": the name that closes a phrase of offices in apposition."""
    named = [m for t in office.subtree if (m := ctx.mention_at(t)) is not None and m.kind == ActorKind.PERSON]
    if not named or any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[office.i:named[-1].start]):
        return None
    return named[-1]


def _respective_offices(ctx: ArticleContext) -> None:
    """"Russian and Ukrainian Foreign Ministers Sergey Lavrov and Dmitry Kuleba": a plural office of two
    states, then two names; the first name holds it for the first state, the second for the second."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.kind != ActorKind.PERSON or not m.key or m.end + 1 >= len(doc) or doc[m.end].lower_ != "and":
            continue
        second = ctx.mention_at(m.end + 1)
        if second is None or second.kind != ActorKind.PERSON or not second.key or second.key == m.key:
            continue
        office_end = m.start
        plural = fold(doc[office_end - 1].text) if office_end > 0 else ""
        cls = ctx.lexicon.titles.get(plural[:-1]) if plural.endswith("s") else None
        if cls is None or cls == HONORIFIC:
            continue
        office_start = office_end - 1
        while office_start > 0 and office_end - office_start < 4 \
                and fold(doc[office_start - 1].text) in ctx.lexicon.title_modifiers:
            office_start -= 1  # "Foreign", "Deputy Foreign"
        if office_start < 3 or doc[office_start - 2].lower_ != "and":
            continue
        states = [ctx.mention_at(office_start - 3), ctx.mention_at(office_start - 1)]
        if any(s is None or s.kind != ActorKind.STATE or not s.key or not s.country for s in states):
            continue
        core = " ".join(t.text for t in doc[office_start:office_end])[:-1]
        evidence = ctx.span_evidence(doc[office_start - 3:second.end])
        for state, person in zip(states, (m, second)):
            record = ctx.actors[person.key]
            if record.titles:
                continue
            record.titles.append(HeldTitle(f"{state.text} {core}", state.key, evidence, cls, core))
            record.country, record.country_evidence = state.country, "title"


HOME_STATE_WORDS = ("of the republic", "of the country", "of the state", "of the nation")


def _of_the_republic(ctx: ArticleContext) -> None:
    """"President of the Republic X" in a Khartoum-datelined report: a country's own press names its
    officials by the state it writes from."""
    if ctx.dateline_country is None:
        return
    for record in ctx.actors.values():
        if record.kind == ActorKind.PERSON and record.country is None and any(
                words in fold(t.text) for t in record.titles for words in HOME_STATE_WORDS):
            record.country, record.country_evidence = ctx.dateline_country, "dateline"


def _state_of_the_name(ctx: ArticleContext) -> None:
    """"Serzh Sarkisian of Armenia", "Azerbaijan's Ilham Aliyev": news names a leader by his state."""
    doc = ctx.doc
    for m in ctx.mentions:
        if m.kind != ActorKind.PERSON or not m.key or ctx.actors[m.key].country is not None:
            continue
        state = None
        if m.end + 1 < len(doc) and doc[m.end].lower_ == "of":
            state = ctx.mention_at(m.end + 1)
        elif m.start >= 2 and doc[m.start - 1].text in POSSESSIVE:
            state = ctx.mention_at(m.start - 2)
        if state is not None and state.kind == ActorKind.STATE and state.country:
            record = ctx.actors[m.key]
            record.country, record.country_evidence = state.country, "named by state"


def _parties_to_relations(ctx: ArticleContext) -> None:
    """"X met Y of Burundi on relations between Eritrea and Burundi": two persons and the two states whose
    relations they discuss; the one whose country is known gives the other the remaining state."""
    for sent in ctx.doc.sents:
        pair = _related_states(ctx, sent)
        if pair is None:
            continue
        keys = list(dict.fromkeys(m.key for t in sent if (m := ctx.mention_at(t)) is not None
                                  and m.kind == ActorKind.PERSON and m.key))
        if len(keys) != 2:
            continue
        a, b = (ctx.actors[k] for k in keys)
        for known, unknown in ((a, b), (b, a)):
            if known.country in pair and unknown.country is None \
                    and any(t.cls in ACTING_CLASSES for t in unknown.titles):
                unknown.country = next(iter(pair - {known.country}))
                unknown.country_evidence = "relations"


def _related_states(ctx: ArticleContext, sent) -> set[str] | None:
    """The two states of "relations between A and B" or "A-B cooperation" in a sentence, if it has them."""
    for token in sent:
        if token.lower_ == "between":
            objects = [c for c in token.children if c.dep_ == "pobj"]
            found = {m.country for o in objects for t in (o, *o.conjuncts)
                     if (m := ctx.mention_at(t)) is not None and m.kind == ActorKind.STATE and m.country}
        elif token.text in ("-", "–") and token.i > sent.start and token.i + 1 < sent.end:
            left, right = ctx.mention_at(token.i - 1), ctx.mention_at(token.i + 1)
            found = {m.country for m in (left, right) if m is not None and m.kind == ActorKind.STATE and m.country}
            if left is None or right is None:
                continue
        else:
            continue
        if len(found) == 2:
            return found
    return None


def _sole_state(ctx: ArticleContext) -> None:
    """"President Gustavo Petro met his Venezuelan counterpart Nicolás Maduro": a state official
    the article gives no country is of the one state it names whose office no one else holds."""
    named = {m.country for m in ctx.mentions if m.kind == ActorKind.STATE and m.country and not _as_place(ctx, m)}
    persons = [r for r in ctx.actors.values() if r.kind == ActorKind.PERSON]
    for record in persons:
        offices = {t.core.casefold() for t in record.titles if t.cls in ACTING_CLASSES and held_now(t.text)
                   and t.of is None}
        if record.country is not None or not offices:
            continue
        held = {other.country for other in persons if other.country and other is not record
                and offices & {t.core.casefold() for t in other.titles}}
        if len(named) == 1:  # "President X welcomed the Prime Minister of Italy": Italy is the guest's
            held |= {other.country for other in persons if other.country and other is not record
                     and any(t.cls in ACTING_CLASSES for t in other.titles)}
        free = named - held
        if len(free) == 1:
            record.country, record.country_evidence = free.pop(), "sole state"


COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                     "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                     "southeastern", "southwestern"})


def _as_place(ctx: ArticleContext, m: Mention) -> bool:
    """"in Qingdao, east China", "in China": a state named only as where something is, not as a party."""
    doc = ctx.doc
    k = m.start - 1
    while k > 0 and doc[k].lower_ in COMPASS:
        k -= 1
    if k > 0 and doc[k].text == "," and doc[k - 1].ent_type_ in ("GPE", "LOC"):
        return True  # "in Qingdao, east China", "Paris, France"
    root = doc[m.start:m.end].root
    while root.dep_ == "appos" or root.dep_ == "compound":
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS


def office_spans(ctx: ArticleContext, start: int, end: int) -> list[tuple[int, int, str]]:
    """Office words in tokens [start, end): (start, end, class), longest phrases first, no overlaps."""
    doc = ctx.doc
    words = [fold(t.text) for t in doc[start:end]]
    found: list[tuple[int, int, str]] = []
    i = 0
    n_max = ctx.lexicon.max_title_words
    while i < len(words):
        for n in range(min(n_max, len(words) - i), 0, -1):
            cls = ctx.lexicon.titles.get(" ".join(words[i:i + n]))
            if cls is None and n > 1:  # "vice - president" as tokenised
                cls = ctx.lexicon.titles.get("".join(w if w == "-" else f" {w}" for w in words[i:i + n]).strip()
                                             .replace(" -", "-").replace("- ", "-"))
            if cls is not None and cls != HONORIFIC and not (n == 1 and _describes_a_thing(ctx, doc[start + i])):
                found.append((start + i, start + i + n, cls))
                i += n
                break
        else:
            i += 1
    return found


def _describes_a_thing(ctx: ArticleContext, token: Token) -> bool:
    """"the official invitation of X", "an official visit": an office word used as an adjective of a thing."""
    head = token.head
    return token.pos_ == "ADJ" and token.dep_ == "amod" and head.pos_ == "NOUN" \
        and ctx.lexicon.title_class(fold(head.lemma_)) is None


def _eligible_in_front(ctx: ArticleContext, token: Token) -> bool:
    m = ctx.mention_at(token)
    if m is not None:
        return m.kind in (ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.GROUP)
    text = token.text
    if text in POSSESSIVE or token.lower_ in ("of", "to", "for", "-"):
        return True
    folded = fold(text)
    if folded in ctx.lexicon.titles or folded in ctx.lexicon.title_modifiers:
        return True
    if token.ent_type_ in ("ORG", "NORP", "GPE") and token.ent_type_ != "PERSON":
        return True
    return token.pos_ == "PROPN" and text[:1].isupper() and token.ent_type_ != "PERSON"


PORTFOLIO_WORDS = 3


def _portfolio_word(ctx: ArticleContext, token: Token) -> bool:
    """"natural resources", "mines and power"; an "and" only between two such words, not after an office
    ("UN envoy and former minister X" are two offices of one person)."""
    if token.lower_ == "and":
        return token.i > 0 and _field_word(ctx, token.doc[token.i - 1])
    return _field_word(ctx, token)


def _field_word(ctx: ArticleContext, token: Token) -> bool:
    return token.is_lower and token.is_alpha and token.pos_ in ("NOUN", "ADJ") \
        and fold(token.text) not in ctx.lexicon.titles


def _in_front(ctx: ArticleContext, record: ActorRecord, mention: Mention) -> None:
    doc = ctx.doc
    i = mention.start - 1
    start = mention.start
    portfolio = 0  # "Guinean natural resources minister": a few lower-case words of the office's field
    while i >= 0 and mention.start - i <= MAX_WINDOW:
        age = _age_before(doc, i)  # "China's 82-year-old leader X"
        if age:
            i -= age
            continue
        if fold(doc[i].text) in FACILITY_NOUNS:
            break  # "received at Cairo International Airport Turkish President X": the airport is no office
        if not _eligible_in_front(ctx, doc[i]):
            if portfolio >= PORTFOLIO_WORDS or not _portfolio_word(ctx, doc[i]):
                break
            portfolio += 1
        start = i
        if doc[i].is_sent_start:
            break
        i -= 1
    while start < mention.start and doc[start].lower_ in ("of", "to", "for", "-", "and", "'s", "’s"):
        start += 1
    if start >= mention.start:
        return
    offices = office_spans(ctx, start, mention.start)
    if not offices:
        return
    head = offices[-1]
    if head[1] < mention.start and all(doc[k].lower_ in ("to", "for", "of") for k in range(head[1], mention.start)):
        return  # "a political aide to <name>": an unnamed person's office
    # "Spokesman for Iraqi Prime Minister <name>": the office before "for" belongs to someone else
    for k in range(head[0] - 1, start - 1, -1):
        if doc[k].lower_ in ("for", "of", "to") and any(o[1] <= k for o in offices):
            start = k + 1
            break
    end = mention.start
    following = doc[mention.end] if mention.end < len(doc) else None
    if following is not None and following.lower_ == "of" and mention.end + 1 < len(doc):
        # "Prime Minister Mustafa Ivanova of Bangladesh", "Secretary-General X of the United Nations"
        k = mention.end + 1
        while k < len(doc) and doc[k].lower_ == "the":
            k += 1
        m = ctx.mention_at(k)
        if m is not None and m.kind in (ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.GROUP) and m.key:
            office = Office(start, m.end, head[0], head[1], head[2])
            _record_with_holder(ctx, record, office, m, mention)
            return
    office = Office(start, end, head[0], head[1], head[2])
    _record(ctx, record, office, end_name=mention.end)


def _age_before(doc, i: int) -> int:
    """How many tokens of an age ("82-year-old", "82 year old") end at token i; 0 if none."""
    if doc[i].lower_ != "old":
        return 0
    k = i - 1
    while k >= 0 and doc[k].text == "-":
        k -= 1
    if k < 0 or doc[k].lower_ not in ("year", "years"):
        return 0
    k -= 1
    while k >= 0 and doc[k].text == "-":
        k -= 1
    return i - k + 1 if k >= 0 and doc[k].like_num else 0


def _record_with_holder(ctx: ArticleContext, record: ActorRecord, office: Office, body: Mention,
                        name: Mention) -> None:
    """An office in front of the name whose state or body follows it ("<office> <name> of <body>")."""
    doc = ctx.doc
    text = f"{doc[office.start:name.start].text} of {doc[body.start:body.end].text}".strip()
    if body.kind == ActorKind.STATE:
        of, country = body.key, body.country
    else:
        of, country = body.key, body.country
    if any(t.text == text and t.of == of for t in record.titles):
        return
    evidence = ctx.span_evidence(doc[office.start:body.end])
    core = _core(ctx, Office(office.start, name.start, office.head_start, office.head_end, office.cls))
    record.titles.append(HeldTitle(text, of, evidence, office.cls, core))
    if country and record.country is None:
        record.country, record.country_evidence = country, "title"


def _np_after(ctx: ArticleContext, mention: Mention) -> tuple[int, int] | None:
    doc = ctx.doc
    if mention.end >= len(doc) or doc[mention.end].text != ",":
        return None
    start = mention.end + 1
    end = start
    while end < len(doc) and end - start < 20:
        t = doc[end]
        if (t.text in STOP_TEXT or t.lower_ in STOP_TEXT) and t.tag_ != "POS" or t.is_sent_start and end > start:
            break
        if t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG") or t.pos_ == "ADV":
            break
        m = ctx.mention_at(t)
        if m is not None and m.kind == ActorKind.PERSON:
            return None  # a list of names, not an apposition
        end += 1
    if end < len(doc) and doc[end].pos_ == "VERB" and doc[end].lemma_.lower() in REPORTING_LEMMAS:
        return None  # "... and President X, a Nigerian presidential spokesperson said": the speaker, not X
    closed = end < len(doc) and doc[end].text in (",", ".", ";", ")", "–", "—", "who", "which")
    if end == start or not (closed or end < len(doc) and doc[end].pos_ in ("VERB", "AUX", "ADV")):
        return None
    following = ctx.mention_at(end + 1) if end + 1 < len(doc) and doc[end].text == "," else None
    if following is not None and following.kind == ActorKind.PERSON and following.start == end + 1:
        return None  # "A, the Rwandan President, B, ...": in a list the office before a name is that name's
    return start, end


def _after(ctx: ArticleContext, record: ActorRecord, mention: Mention) -> None:
    """"<name>, the Iraqi foreign minister, ..."."""
    found = _np_after(ctx, mention)
    if found is None:
        return
    start, end = found
    offices = office_spans(ctx, start, end)
    if not offices:
        return
    head = _first_office_group(offices)
    if ctx.doc[start].pos_ in ("VERB", "ADP") and ctx.doc[start].lower_ not in ("deputy",):
        return
    office = Office(start, end, head[0], head[1], head[2])
    _record(ctx, record, office, end_name=end)


def _first_office_group(offices: list[tuple[int, int, str]]) -> tuple[int, int, str]:
    """"deputy head of ...": the last office word of the first run of office words."""
    head = offices[0]
    for nxt in offices[1:]:
        if nxt[0] == head[1]:
            head = nxt
        else:
            break
    return head


def _before(ctx: ArticleContext, record: ActorRecord, mention: Mention) -> None:
    """"Portugal's energy minister, Jorge Antunes Vale, said" and "Spokesman for <person>, <name>"."""
    doc = ctx.doc
    comma = mention.start - 1
    if comma < 1 or doc[comma].text != ",":
        return
    after = doc[mention.end] if mention.end < len(doc) else None
    if after is not None and after.text not in (",", "and", ".") and after.pos_ not in ("VERB", "AUX") \
            and after.lower_ not in ("at", "in", "on"):  # "hosts South Africa's President, Ramaphosa at Aso Villa"
        return
    end = comma
    start = end
    while start - 1 >= 0 and end - start < 20:
        t = doc[start - 1]
        if (t.text in STOP_TEXT and t.tag_ != "POS") or (t.pos_ in ("VERB", "AUX") and not (
                t.tag_ == "VBN" and t.dep_ in ("amod", "acl", "compound"))):  # "newly elected", not "has met"
            break
        if t.lower_ in ("and", "or") and doc[t.i + 1].lower_ in NEW_PHRASE:  # "X and his Armenian counterpart, Y"
            break
        if t.lower_ in HEADLINE_FORMS:  # "Buhari hosts South Africa's President, Ramaphosa"
            break
        start -= 1
        if t.is_sent_start:
            break
    while start < end and doc[start].pos_ in ("ADP", "CCONJ", "PRON") and doc[start].lower_ not in ("its", "his", "her", "their"):
        start += 1
    if start >= end:
        return
    offices = office_spans(ctx, start, end)
    if not offices:
        return
    head = _first_office_group(offices)
    start = max(start, min(doc[head[1] - 1].left_edge.i, head[0]))  # "... with the Chadian President, X": its phrase
    inner = [ctx.mention_at(k) for k in range(start, end)]
    persons = {m.key for m in inner if m is not None and m.kind == ActorKind.PERSON}
    if persons:
        # only "<office> for|of <person>": the office serves that person
        link = doc[head[1]] if head[1] < end else None
        if link is None or link.lower_ not in ("for", "of", "to"):
            return
        holder = next(iter(persons))
        other = ctx.actors.get(holder)
        office = Office(start, end, head[0], head[1], head[2])
        of = ctx.state_key(other.country) if other and other.country else None
        _add_title(ctx, record, office, of, other.country if other else None, "title")
        return
    last = doc[end - 1]
    if (head[1] < end and doc[head[1]].lower_ not in ("of", "for", "to", "at") and last.i >= head[1]
            and not any(doc[k].lower_ in ("of", "for", "to", "at") for k in range(head[1], end))):
        return  # words after the office that are not its complement: not an apposition
    office = Office(start, end, head[0], head[1], head[2])
    _record(ctx, record, office, end_name=mention.end)


def _record(ctx: ArticleContext, record: ActorRecord, office: Office, end_name: int) -> None:
    """Read the office's state and body, then add it to the person."""
    doc = ctx.doc
    country: str | None = None
    of: str | None = None
    beat = office.cls in BEAT_CLASSES
    # in front of the office words: state words, bodies, possessives
    for k in range(office.start, office.head_start):
        m = ctx.mention_at(k)
        if m is None or not m.key:
            continue
        if m.kind == ActorKind.STATE and country is None and (not beat or m.via == "demonym"):
            country, of = m.country, m.key  # "a Nigerian economist"; but "an Iraq expert" knows Iraq
        elif m.kind in BODIES and of is None or (m.kind in BODIES and beat):
            of = m.key
            if m.country and country is None:
                country = m.country
    # after them: "of <state>", "at <body>", "for <person>"; "to <state>" is a posting
    k = office.head_end
    while k < office.end:
        link = doc[k].lower_
        if link in ("of", "at", "for", "with") and k + 1 < office.end:
            for j in range(k + 1, office.end):
                m = ctx.mention_at(j)
                if m is None or not m.key:
                    continue
                if m.kind == ActorKind.STATE and (link == "of" or doc[m.start - 1].lower_ == "of") and country is None:
                    country, of = m.country, m.key  # "Minister for Foreign Affairs of Japan" too
                elif m.kind in BODIES:
                    of = of or m.key
                    if m.country and country is None:
                        country = m.country
                elif m.kind == ActorKind.PERSON and link in ("for", "of") and m.key != record.key:
                    holder = ctx.actors.get(m.key)
                    if holder and holder.country and country is None:
                        country, of = holder.country, ctx.state_key(holder.country)
                break
            break
        if link == "to":
            break
        k += 1
    if country is None and of is None:
        head_words = fold(doc[office.head_start:office.head_end].text)
        default = ctx.lexicon.title_states.get(head_words)
        if default and not (office.head_end < office.end and doc[office.head_end].lower_ == "for"):
            country = default
            of = ctx.state_key(default)
            ctx.ensure_state(default)
    _add_title(ctx, record, office, of, country, "title")


def _add_title(ctx: ArticleContext, record: ActorRecord, office: Office, of: str | None, country: str | None,
               how: str) -> None:
    doc = ctx.doc
    start = office.start
    while start < office.head_start and doc[start].lower_ in ("the", "a", "an", "his", "her", "its", "their"):
        start += 1
    text = doc[start:office.end].text.strip(" ,")
    if not text:
        return
    span = doc[min(start, office.start):office.end]
    evidence = ctx.span_evidence(span)
    if any(t.text == text and t.of == of for t in record.titles):
        return
    record.titles.append(HeldTitle(text, of, evidence, office.cls, _core(ctx, office)))
    if country and record.country is None:
        record.country = country
        record.country_evidence = how


def _core(ctx: ArticleContext, office: Office) -> str:
    """The office words without the state or body in front: "Thai Foreign Minister" -> "Foreign Minister"."""
    doc = ctx.doc
    start = office.head_start
    while start > office.start:
        t = doc[start - 1]
        if ctx.mention_at(t) is not None or fold(t.text) not in ctx.lexicon.title_modifiers | set(ctx.lexicon.titles):
            break
        start -= 1
    return doc[start:office.head_end].text


def _counterparts(ctx: ArticleContext) -> None:
    """"X ... met his Cambodian counterpart Y": Y holds X's office, for the state named with "counterpart"."""
    for record in [r for r in ctx.actors.values() if r.kind == ActorKind.PERSON]:
        for held in list(record.titles):
            if fold(held.core) != "counterpart":
                continue
            mention = next((m for m in record.mentions
                            if held.evidence.start <= ctx.doc[m.start].idx <= held.evidence.end + 3), None)
            if mention is None:
                continue
            sent = ctx.doc[mention.start].sent
            other = None
            for k in range(mention.start - 1, sent.start - 1, -1):
                m = ctx.mention_at(k)
                if m is not None and m.kind == ActorKind.PERSON and m.key and m.key != record.key:
                    other = ctx.actors[m.key]
                    break
            if other is None:
                continue
            office = next((t for t in other.titles if fold(t.core) != "counterpart" and t.cls != "expert"), None)
            if office is None:
                continue
            words = held.text[:len(held.text) - len(held.core)].strip()
            text = f"{words} {office.core}".strip()
            record.titles.remove(held)
            record.titles.append(HeldTitle(text, held.of, held.evidence, office.cls, office.core))


def _delegation_members(ctx: ArticleContext, verb: Token) -> None:
    """"The Swiss delegation also included A and B": A and B are Swiss."""
    from ingest.extract.coreference import delegation_states

    groups = [c for c in verb.children if c.dep_ == "nsubj"]
    states = [s for g in groups for s in delegation_states(ctx, g)]
    if len(states) != 1:
        return
    doc = ctx.doc
    end = verb.i + 1
    while end < verb.sent.end and doc[end].text not in (",", ";", ".", ":"):
        end += 1
    for k in range(verb.i + 1, end):  # the names listed up to the clause's end, whatever the parse made of them
        m = ctx.mention_at(k)
        if m is not None and m.kind == ActorKind.PERSON and m.key and ctx.actors[m.key].country is None:
            ctx.actors[m.key].country = ctx.actors[states[0]].country
            ctx.actors[m.key].country_evidence = "delegation"


def _delegation_heads(ctx: ArticleContext) -> None:
    """"led the Turkish delegation", "a Greek team headed by X": X acts for that state."""
    from ingest.extract.coreference import delegation_of_a_body, delegation_states

    doc = ctx.doc
    for token in doc:
        if token.lemma_ == "include" and token.pos_ == "VERB":
            _delegation_members(ctx, token)
            continue
        if token.lemma_ not in ("lead", "head") or token.pos_ != "VERB":
            continue
        person: str | None = None
        group: Token | None = None
        if token.dep_ in ("acl", "relcl") and any(c.dep_ == "agent" for c in token.children):
            group = token.head
            for agent in (c for c in token.children if c.dep_ == "agent"):
                for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                    m = ctx.mention_at(pobj)
                    if m is None or m.kind != ActorKind.PERSON:
                        m = _named_at_the_end(ctx, pobj)
                    if m is not None and m.kind == ActorKind.PERSON:
                        person = m.key
            if person is None:  # the appositions hung on the group instead: "..., headed by the Chair, ..., X,"
                named = [m for c in group.children if c.dep_ == "appos" and c.i > token.i
                         and (m := ctx.mention_at(c)) is not None and m.kind == ActorKind.PERSON]
                person = named[0].key if named else None
        else:
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if not subjects and token.dep_ == "relcl":
                subjects = [token.head]
            for s in subjects:
                target = s.head if s.lower_ in ("who", "that") and token.dep_ == "relcl" else s
                if s.lower_ in ("who", "that"):
                    target = token.head
                m = ctx.mention_at(target)
                if m is not None and m.kind == ActorKind.PERSON:
                    person = m.key
            group = next((c for c in token.children if c.dep_ == "dobj"), None)
        if person is None or group is None:
            continue
        ctx.heads.append((group.i, person))
        states = delegation_states(ctx, group)
        if len(states) != 1:
            body = delegation_of_a_body(ctx, group)
            if body is not None:  # "the Special Mission of the OAS, headed by X": X acts for the OAS
                ctx.leads[person] = body
            continue
        record = ctx.actors[person]
        state = ctx.actors[states[0]]
        ctx.leads[person] = states[0]
        if record.country is None:
            record.country = state.country
            record.country_evidence = "delegation"
