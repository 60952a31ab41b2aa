"""Known misreadings of the English parser, put right before extraction reads the tree.

Each repair is one shape of news English that the small pipeline parses the
same wrong way every time; the rules downstream then read the tree as a
linguist would, instead of each carrying its own workaround.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

REPAIRS = "diplograph_repairs"


@Language.component(REPAIRS)
def repair_parse(doc: Doc) -> Doc:
    for token in doc:
        shared_possessive(token)
    return doc


def shared_possessive(noun: Token) -> bool:
    """"Rojas and Vega's first meeting began ...": the parser makes the meeting a conjunct of the first
    name (the subject) and the second name its only owner. Both names own the noun, which takes the
    first name's place in the clause."""
    if noun.pos_ != "NOUN" or noun.dep_ != "conj":
        return False
    first = noun.head
    owners = [c for c in noun.children if c.dep_ == "poss" and c.i < noun.i]
    if not owners or first.head == first or first.i > noun.i:
        return False
    second = owners[0]
    joined = [c for c in first.children if c.dep_ == "cc" and c.lower_ == "and" and first.i < c.i < second.left_edge.i]
    if not joined or joined[0].i + 1 != second.left_edge.i or not first.is_title or second.pos_ != "PROPN":
        return False
    clause, role = first.head, first.dep_
    noun.head, noun.dep_ = clause, role
    first.head, first.dep_ = noun, "poss"
    second.head, second.dep_ = first, "conj"
    return True

