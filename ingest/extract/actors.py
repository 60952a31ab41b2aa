"""Find the actors an article names: persons, states, organisations.

spaCy's entities are the candidates; each is cleaned (titles, "Dr.",
possessives and determiners stripped) and checked: a "person" in front of
"mosque" names a building, a "person" that is a country is a tagging slip.
States come from country names, demonyms ("Iranian") and capitals that act
("Tehran said"), never from a capital used as a place ("in Tehran").
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from graph_schema.model import ActorKind, LocationKind
from ingest import gazetteer
from ingest.clean import load_lexicon as load_furniture
from ingest.extract.context import ActorRecord, ArticleContext, Mention
from ingest.extract.lexicon import (
    BODY_WORDS,
    DAY_NAMES,
    FACILITY_NOUNS,
    GROUP_WORDS,
    HEADLINE_VERBS,
    HONORIFIC,
    MEDIA_TAILS,
    NAME_PARTICLES,
    NOT_AGENCIES,
    PORTFOLIO_WORDS,
    REPORTING_LEMMAS,
    fold,
    load as load_lexicon,
)

POSSESSIVE = frozenset({"'s", "’s", "‘s", "'", "’", "‘", "s"})
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative", "agent", "csubj"})
ACTING_PREPS = frozenset({"by", "with", "between", "against", "and", "for", "among"})
_HAS_LETTER = re.compile(r"[^\W\d_]")
_INITIAL = re.compile(r"^[A-Z]\.$")


def find_mentions(ctx: ArticleContext) -> None:
    """Every actor mention spaCy's entities give, cleaned, into `ctx`."""
    for ent in ctx.doc.ents:
        label = ent.label_
        if news_outlet(ent.text):
            continue  # "(ANI)", "NNN-XINHUA", "Follow Sputnik", "NP News": who reports, never who acts
        if ent.text.count("(") != ent.text.count(")"):
            continue  # "Islamabad (Staff Report": a dateline's credit cut in half, no actor
        if label == "PERSON":
            for piece in _pieces(ent):
                _person(ctx, piece)
        elif label in ("GPE", "ORG", "FAC") and _looks_like_person(ctx, ent):
            _person(ctx, ent)  # "Sophie Laurent, the French ambassador": a name the tagger took for a body
        elif label in ("GPE", "NORP"):
            _state(ctx, ent)
        elif label == "ORG" and not _office_of_state_then_name(ctx, ent):
            _organisation(ctx, ent)
    _names_after_offices(ctx)
    _untagged_states(ctx)
    _names_of_states(ctx)
    _drop_small_capitals(ctx)
    for m in ctx.mentions:  # "Moscow", "Russian" in 1988: the Soviet Union
        if m.country:
            m.country = gazetteer.as_of(m.country, ctx.article.published)
    ctx.dateline_country = dateline_country(ctx.article.dateline, ctx.article.published)


def _untagged_states(ctx: ArticleContext) -> None:
    """"President X of Gabon": a country's name the tagger left untagged is the state, unless it is part
    of a longer name ("Chad Smith", "Jordan River") or the tagger took it for a person."""
    doc = ctx.doc
    i = 0
    while i < len(doc):
        token = doc[i]
        if ctx.by_token[i] is not None or not token.text[:1].isupper() or not token.is_alpha \
                or token.ent_type_ == "PERSON" or (i > 0 and _name_word(doc[i - 1])) \
                or not gazetteer.may_start_a_country_name(token.text):
            i += 1
            continue
        for n in (4, 3, 2, 1):
            span = doc[i:i + n]
            if len(span) < n or any(ctx.by_token[k] is not None for k in range(span.start, span.end)):
                continue
            found = state_of(span.text)
            if found is None or found[1] != "name" or (span.end < len(doc) and _name_word(doc[span.end])):
                continue
            ctx.add_mention(Mention(span.start, span.end, ActorKind.STATE, span.text, found[0], found[1]))
            i = span.end - 1
            break
        i += 1


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and not token.is_sent_start


def _after_office_of(ctx: ArticleContext, i: int) -> bool:
    """Token `i` follows "of" behind an office: "Minister of Foreign Affairs of <here>"."""
    doc = ctx.doc
    return i >= 2 and doc[i - 1].lower_ == "of" and any(
        ctx.lexicon.title_class(t.text) not in (None, HONORIFIC) for t in doc[max(0, i - 8):i])


def _ends_an_office(ctx: ArticleContext, token: Token) -> bool:
    """"Minister of Foreign Affairs of Turkey": a state named after "of" behind an office."""
    return _after_office_of(ctx, token.i) and _names_state(token.text)


def _ends_a_portfolio(ctx: ArticleContext, token: Token) -> bool:
    """"Minister of Foreign Affairs and International Cooperation <name>": the portfolio's last word, after
    "of" or "for" behind an office."""
    if not token.text[:1].isupper() or fold(token.text) not in PORTFOLIO_WORDS:
        return False
    doc = ctx.doc
    for k in range(token.i - 1, max(0, token.i - 10), -1):
        if doc[k].lower_ in ("of", "for"):
            return any(ctx.lexicon.title_class(t.text) not in (None, HONORIFIC) for t in doc[max(0, k - 3):k])
        if not (doc[k].text[:1].isupper() or doc[k].lower_ == "and"):
            return False
    return False


def _office_of_state_then_name(ctx: ArticleContext, ent: Span) -> bool:
    """"Minister of Foreign Affairs of Turkey Mevlut Cavusoglu", tagged one body "Turkey Mevlut
    Cavusoglu": the state ends the office, the words after it are the holder's name."""
    doc = ctx.doc
    if not _after_office_of(ctx, ent.start):
        return False
    for cut in (1, 2, 3):
        state, name = doc[ent.start:ent.start + cut], doc[ent.start + cut:ent.end]
        found = state_of(state.text)
        if found is not None and 2 <= len(name) <= 3 and is_name(name) and not _is_country_word(name.text) \
                and not any(fold(t.text) in BODY_WORDS for t in name):
            ctx.add_mention(Mention(state.start, state.end, ActorKind.STATE, state.text, found[0], found[1]))
            ctx.add_mention(Mention(name.start, name.end, ActorKind.PERSON, name.text))
            return True
    return False


def _names_after_offices(ctx: ArticleContext) -> None:
    """"Foreign Ministers Sergey Lavrov and Dmitry Kuleba": two or three capitalised words the tagger
    left untagged right after an office are a person's name."""
    doc = ctx.doc
    for token in doc[:-2]:
        office = ctx.lexicon.title_class(token.lemma_) or ctx.lexicon.title_class(token.text.removesuffix("s"))
        if office in (None, HONORIFIC) and not _ends_an_office(ctx, token) and not _ends_a_portfolio(ctx, token):
            continue  # "Ministers" is a proper noun to the tagger: its lemma keeps the plural
        start = end = token.i + 1
        if start < len(doc) and doc[start].text == ",":
            start = end = start + 1  # "his Armenian counterpart, Serzh Sarkisian,"
        elif not token.text[:1].isupper():
            continue
        while end < len(doc) and end - start < 3 and ctx.by_token[end] is None and _untagged_name_word(doc[end]) \
                and doc[end].pos_ == "PROPN" and doc[end].is_alpha and doc[end].text[:1].isupper() \
                and ctx.lexicon.title_class(doc[end].text) is None and not _is_country_word(doc[end].text):
            end += 1
        if end - start >= 2 and (end == len(doc) or not doc[end].text[:1].isupper() or doc[end].is_punct):
            span = doc[start:end]
            if is_name(span) and not any(fold(t.text) in BODY_WORDS for t in span):
                ctx.add_mention(Mention(start, end, ActorKind.PERSON, span.text))


def _names_of_states(ctx: ArticleContext) -> None:
    """"Serzh Sarkisian of Armenia", "Armenia's Serzh Sarkisian": two or three name words tied to a state
    are a person's name, even where the tagger took them for a place or a nationality."""
    doc = ctx.doc
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end - i < 3 and ctx.by_token[end] is None and doc[end].pos_ == "PROPN" \
                and doc[end].is_alpha and doc[end].text[:1].isupper() and _untagged_name_word(doc[end]) \
                and ctx.lexicon.title_class(doc[end].text) is None:
            end += 1
        if end - i < 2 or all(doc[k].ent_type_ == "" for k in range(i, end)):
            i = max(end, i + 1)
            continue  # untagged runs are left to the other rules; this one mends wrong tags
        after = ctx.mention_at(end + 1) if end + 1 < len(doc) and doc[end].lower_ == "of" else None
        before = ctx.mention_at(i - 2) if i >= 2 and doc[i - 1].text in ("'s", "’s") else None
        if any(m is not None and m.kind == ActorKind.STATE for m in (after, before)):
            span = doc[i:end]
            if is_name(span):
                ctx.add_mention(Mention(span.start, span.end, ActorKind.PERSON, span.text))
        i = end


def _untagged_name_word(token: Token) -> bool:
    """A word the tagger left out of any name, or mistook for a place or nationality ("Serzh" a place,
    "Sarkisian" a nationality) though no gazetteer knows it as one."""
    if token.ent_type_ == "":
        return True
    return token.ent_type_ in ("GPE", "NORP") and state_of(token.text) is None \
        and gazetteer.find_place(token.text) is None


BIG_CAPITAL = 500_000  # people: a capital this big speaks for its state even when the state is not named


def _drop_small_capitals(ctx: ArticleContext) -> None:
    """"Victoria said" is a woman, not the Seychelles: a small capital stands for its state only
    when the article names that state too."""
    named = {m.country for m in ctx.mentions if m.kind == ActorKind.STATE and m.via != "capital"}
    for m in [m for m in ctx.mentions if m.kind == ActorKind.STATE and m.via == "capital"]:
        if m.country in named:
            continue
        place = gazetteer.find_place(m.text.title() if m.text.isupper() else m.text, m.country)
        if place is None or (place.population or 0) < BIG_CAPITAL:
            ctx.remove_mention(m)


def dateline_country(dateline: str | None, published: str | None = None) -> str | None:
    """The state a dateline ("Nairobi", "LIMA") names or lies in, as it was on the day."""
    if not dateline:
        return None
    name = dateline.strip().title() if dateline.isupper() else dateline.strip()
    country = gazetteer.country_by_name(name) or gazetteer.country_by_capital(name)
    if country:
        return gazetteer.as_of(country.alpha3, published)
    place = gazetteer.find_place(name)
    return gazetteer.as_of(place.country, published) if place and place.country else None


OFFICE_REACH = 12  # tokens: an office and the body it heads, before a name in apposition


def _looks_like_person(ctx: ArticleContext, ent: Span) -> bool:
    """Two to four capitalised words, no country, place or body word, with an office right beside them."""
    span = _strip(ent)
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 4 or not is_name(span) or span.text.isupper():
        return False
    if any(fold(t.text) in BODY_WORDS or fold(t.text) in ctx.lexicon.titles for t in words):
        return False
    if state_of(span.text) or gazetteer.find_place(span.text) or fold(span.text) in ctx.lexicon.state_bodies:
        return False
    doc = ctx.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and ctx.lexicon.title_class(before.text) not in (None, HONORIFIC):
        return True  # "Foreign Minister <name>"
    if before is not None and before.text == "," and span.end < len(doc) and doc[span.end].text in (",", "."):
        for t in reversed(doc[max(0, span.start - OFFICE_REACH):span.start - 1]):
            if t.text in (",", ".", ";") or t.pos_ in ("VERB", "AUX"):
                break
            if ctx.lexicon.title_class(t.text) not in (None, HONORIFIC):
                return True  # "the visiting Minister for Foreign Affairs of Japan, <name>,", "the head of the
                # high-level African Union Panel, <name>,"
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        for t in doc[span.end + 1:min(len(doc), span.end + 9)]:
            if t.text in (",", ".", ";") or t.pos_ in ("VERB", "AUX"):
                break
            if ctx.lexicon.title_class(t.text) not in (None, HONORIFIC):
                return True  # "<name>, the French ambassador to Canada,"
    return False


def acts(token: Token) -> bool:
    """Whether a place name stands for its state here (subject, possessor, object), not for a place."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    dep = token.dep_
    if dep in ACTING_DEPS:
        return True
    if dep == "pobj":
        return token.head.lower_ in ACTING_PREPS
    return False


# --- persons ---------------------------------------------------------------------------------------


NAME_BREAKS = frozenset({",", ";", ":", "(", ")", '"', "“", "”", "″", "«", "»", "|", "/"})


def _headline_verb(token: Token) -> bool:
    """"Deng Tells Carter", "Putin Meets Erdogan": a reporting or meeting verb capitalised in a headline."""
    word = token.lower_
    if token.i == token.sent.start or not token.text[:1].isupper():
        return False
    if word in DAY_NAMES:
        return True  # "Alexandria Thursday"; months stay: April, May and June are given names too
    lexicon = load_lexicon()
    stems = {word[:-1], word[:-2]} if word.endswith("es") else {word[:-1]} if word.endswith("s") else set()
    if _title_case(token.sent):
        stems.add(word)  # "Peres and Mubarak Hold Summit Meeting"
    return any(stem in REPORTING_LEMMAS or stem in HEADLINE_VERBS
               or (stem in lexicon.verb_triggers and stem not in NOUN_LOOKALIKES) for stem in stems)


def _title_case(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


NOUN_LOOKALIKES = frozenset({"state", "call"})  # "States", "Calls" start names too


def _pieces(ent: Span) -> list[Span]:
    """A PERSON entity cut at punctuation no name holds: "Gorbachev,″ Kohl" is two names."""
    out, start = [], ent.start
    for token in ent:
        if token.text in NAME_BREAKS or _headline_verb(token):
            if token.i > start:
                out.append(ent.doc[start:token.i])
            start = token.i + 1
    if start < ent.end:
        out.append(ent.doc[start:ent.end])
    return out


def news_outlet(text: str) -> bool:
    """A news agency's or outlet's name: a word of the credit lexicon (furniture.txt) in it, written
    as a name, or a name ending in "News", "Times"; reporters are not parties to diplomacy."""
    words = re.findall(r"[^\W\d_]+", text)
    if not words:
        return False
    if len(words) >= 2 and fold(words[-1]) in MEDIA_TAILS:
        return True
    credit_only = load_furniture().credit_only
    # a short agency name ("Sana", "Ani") is also a given name: only in capitals, or standing alone
    return any(credit_only.match(fold(w)) and fold(w) not in NOT_AGENCIES
               and (len(w) >= 5 or w.isupper() or len(words) == 1) for w in words)


def clean_person_span(ctx: ArticleContext, ent: Span) -> Span | None:
    """The name inside a PERSON entity: no determiner, office, honorific or possessive; None if no name."""
    doc = ctx.doc
    start, end = ent.start, ent.end
    titles = ctx.lexicon.titles
    while start < end:
        if doc[start].is_punct or doc[start].lower_ in ("the", "a", "an") or fold(doc[start].text) in titles \
                or fold(doc[start].text) in ctx.lexicon.title_modifiers:
            start += 1
            continue
        # "Jordanian King", "Solomon Islands PM" tagged as a person: the state words go, not a
        # capital's ("Lim Jock Hoi" is no Lima)
        words = next((k for k in (3, 2, 1) if start + k <= end and _names_state(doc[start:start + k].text)), 0)
        if not words:
            break
        start += words
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    # extend over following name words the tagger cut off ("Budi Santoso" + "Hartono",
    # "Abed Rabbo" + "Mansour Hadi"): capitalised proper nouns the name's words hang on
    run = end
    while run < len(doc) and run - end < 4 and doc[run].pos_ == "PROPN" and doc[run].text[:1].isupper() \
            and doc[run].ent_type_ in ("", "PERSON", "ORG", "GPE") and not _is_country_word(doc[run].text) \
            and doc[run].text not in NAME_BREAKS and not _headline_verb(doc[run]):
        run += 1
    heads = [t.head.i for t in doc[start:end] if end <= t.head.i < run]
    if heads:
        end = max(heads) + 1
    return doc[start:end]


def _big_city(text: str) -> bool:
    """"Saint-Petersburg" tagged as a person: a city of 100,000 people or more named alone, in more
    than one word ("Ban", "Hun" alone are names as often as places)."""
    if not any(sep in text for sep in (" ", "-")):
        return False
    place = gazetteer.find_place(text)
    return place is not None and place.kind == LocationKind.CITY and (place.population or 0) >= 100_000


def _names_state(text: str) -> bool:
    return bool(gazetteer.country_by_name(text) or gazetteer.country_by_demonym(text))


def _is_country_word(text: str) -> bool:
    return bool(gazetteer.country_by_name(text) or gazetteer.country_by_demonym(text)
                or gazetteer.country_by_capital(text))


def is_name(span: Span) -> bool:
    """Capitalised words with letters, no digits; not a country, demonym or capital."""
    words = [t for t in span if not t.is_punct and t.text not in POSSESSIVE]
    if not words or any(t.like_num or any(c.isdigit() for c in t.text) for t in words):
        return False
    for t in words:
        if not _HAS_LETTER.search(t.text):
            return False
        hyphenated = t.i >= 2 and t.nbor(-1).text in ("-", "‐") and t.nbor(-2).text[:1].isupper()  # "Ki-moon"
        if not (t.text[0].isupper() or fold(t.text) in NAME_PARTICLES or _INITIAL.match(t.text) or hyphenated):
            return False
    text = span.text
    if len(words) == 1 and (text.isupper() and len(text) > 3):
        return False  # a heading or an acronym, not a name
    return not _is_country_word(text)


def names_facility(span: Span) -> bool:
    """"Sultan Qaboos mosque": the name is part of a building's or a prize's name."""
    last = span[-1]
    if fold(last.text) in FACILITY_NOUNS:
        return True  # "Khartoum Airport", "Zayed Palace" inside the entity
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in FACILITY_NOUNS:
        return True
    return last.dep_ == "compound" and last.head.lower_ in FACILITY_NOUNS and last.head.i >= span.end


def _person(ctx: ArticleContext, ent: Span) -> None:
    span = clean_person_span(ctx, ent)
    front = ent[:(span.start - ent.start) if span is not None else len(ent)]
    i = 0
    while i < len(front):  # the "Jordanian" of a "Jordanian King Faisal" entity, "Solomon Islands" of "... PM X"
        n = next((k for k in (3, 2, 1) if i + k <= len(front) and state_of(front[i:i + k].text)), 0)
        if n and all(ctx.by_token[t.i] is None for t in front[i:i + n]):
            found = state_of(front[i:i + n].text)
            ctx.add_mention(Mention(front[i].i, front[i].i + n, ActorKind.STATE, front[i:i + n].text, found[0],
                                    found[1]))
        i += n or 1
    if span is None or not is_name(span) or names_facility(span) or _big_city(span.text):
        return
    if any(ctx.by_token[i] is not None for i in range(span.start, span.end)):
        return
    if len(span) == 1 and fold(span.text) in ctx.lexicon.titles:
        return
    if ctx.lexicon.title_class(span[0].text) == HONORIFIC:
        return
    ctx.add_mention(Mention(span.start, span.end, ActorKind.PERSON, span.text))


# --- states ----------------------------------------------------------------------------------------


def _strip(span: Span) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the",):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def state_of(text: str) -> tuple[str, str] | None:
    """(alpha-3, how) for a country name, a demonym or a capital; None otherwise."""
    for how, look_up in (("name", gazetteer.country_by_name), ("demonym", gazetteer.country_by_demonym),
                         ("capital", gazetteer.country_by_capital)):
        country = look_up(text)
        if country is not None:
            return country.alpha3, how
    if text.isupper() and len(text) > 4 and text.title() != text:  # a dateline in capitals: "NAIROBI"
        return state_of(text.title())  # ("011L" is upper and its own title: no endless recursion)
    return None


def _state(ctx: ArticleContext, ent: Span) -> None:
    span = _strip(ent)
    if not len(span):
        return
    found = state_of(span.text)
    if found is None:
        if "-" in span.text:  # "U.S.-Iranian": one mention per part
            _hyphenated(ctx, span)
        return
    alpha3, how = found
    if how == "capital" and not acts(span[-1]):
        return  # a place, not the state
    if how == "name" and span.text.isupper() and span.end < len(ctx.doc) and ctx.doc[span.end].text in ("(", ":", "—", "–", "-"):
        return  # a dateline ("NAIROBI (Reuters) –"), not the state
    ctx.add_mention(Mention(span.start, span.end, ActorKind.STATE, span.text, alpha3, how))


def _hyphenated(ctx: ArticleContext, span: Span) -> None:
    for token in span:
        if token.text == "-":
            continue
        found = state_of(token.text)
        if found:
            ctx.add_mention(Mention(token.i, token.i + 1, ActorKind.STATE, token.text, found[0], found[1]))


# --- organisations ---------------------------------------------------------------------------------


def _organisation(ctx: ArticleContext, ent: Span) -> None:
    span = _strip(ent)
    if not len(span) or "\n" in span.text:
        return
    text = span.text
    found = state_of(text)
    if found is not None:  # a country tagged as an organisation
        alpha3, how = found
        if how != "capital" or acts(span[-1]):
            ctx.add_mention(Mention(span.start, span.end, ActorKind.STATE, text, alpha3, how))
        return
    country = ctx.lexicon.state_bodies.get(fold(text))
    if country is None and all(fold(t.text) in ctx.lexicon.titles or fold(t.text) in ctx.lexicon.title_modifiers
                               for t in span):
        return  # "National Security" of "National Security Adviser", "State" of "Secretary of State"
    name_start = span.start
    if country is None:
        # a state word inside the name: "the Iranian National Security Council", "Washington's Center"
        for token in span:
            if token.text in POSSESSIVE:
                continue
            hit = state_of(token.text)
            if hit:
                country = hit[0]
                nxt = token.nbor(1) if token.i + 1 < span.end else None
                if nxt is not None and nxt.text in POSSESSIVE and token.i == name_start:
                    name_start = nxt.i + 1  # "Washington's Center for ..." is the Center
                break
    if name_start >= span.end:
        return
    name_span = ctx.doc[name_start:span.end]
    if not is_org_name(name_span):
        return
    kind = ActorKind.GROUP if country is None and any(fold(t.text) in GROUP_WORDS for t in name_span) \
        else ActorKind.ORGANIZATION
    ctx.add_mention(Mention(span.start, span.end, kind, name_span.text, country, "body"))


def is_org_name(span: Span) -> bool:
    words = [t for t in span if not t.is_punct]
    return bool(words) and any(t.text[:1].isupper() for t in words) and _HAS_LETTER.search(span.text) is not None


def register(ctx: ArticleContext) -> None:
    """Make the `ActorRecord`s of the states and organisations mentioned (persons: `coreference`)."""
    for mention in ctx.mentions:
        if mention.kind == ActorKind.STATE and mention.country:
            key = ctx.ensure_state(mention.country)
        elif mention.kind in (ActorKind.ORGANIZATION, ActorKind.GROUP):
            key = "o:" + "-".join(fold(mention.text).replace("'", "").split())
            if key not in ctx.actors:
                ctx.actors[key] = ActorRecord(key, mention.kind, mention.text, mention.country)
        else:
            continue
        mention.key = key
        record = ctx.actors[key]
        record.forms[mention.text] = record.forms.get(mention.text, 0) + 1
        record.mentions.append(mention)
        record.evidence.append(ctx.span_evidence(ctx.doc[mention.start:mention.end]))
