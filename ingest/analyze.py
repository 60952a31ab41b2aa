"""Run spaCy over an article's cleaned text: the `Document` stage of ingest.

The text is cleaned first (`ingest.clean.clean` keeps every offset), so a
character span in `Document.doc` is a span of the article as read: evidence
quotes point straight into the source.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from graph_schema.model import Article
from ingest.clean import clean
from ingest.read import ArticleText
from ingest.repairs import REPAIRS
from ingest.when import MONTHS

try:  # spaCy is a hard dependency; the import only fails in a broken install
    import spacy
    from spacy.language import Language
    from spacy.symbols import ORTH
    from spacy.tokens import Doc
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
except ImportError as exc:  # pragma: no cover
    raise ImportError("spaCy is not installed: pip install 'diplograph[model]'") from exc

BATCH_SIZE = 16


class ModelNotFound(RuntimeError):
    """The spaCy pipeline named by the `spacy_model` setting cannot be loaded."""


@dataclass(slots=True)
class Document:
    """An article with its cleaned text and the spaCy analysis of that text."""

    article: Article
    text: str  # cleaned: same length as the article text
    doc: Doc


@lru_cache(maxsize=4)
def load_nlp(model_name: str | None = None) -> Language:
    """The spaCy pipeline `model_name` (default: setting `spacy_model`), loaded once per process."""
    if model_name is None:
        from diplograph.settings import get_settings

        model_name = get_settings().spacy_model
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {model_name!r} is not installed (setting `spacy_model`, env DIPLOGRAPH_SPACY_MODEL). "
            f"Install it with: .venv/bin/pip install -e '.[model]' (or pip install {model_name}), "
            f"or point DIPLOGRAPH_SPACY_MODEL at an installed pipeline."
        ) from exc
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if "parser" in nlp.pipe_names and REPAIRS not in nlp.pipe_names:
        nlp.add_pipe(REPAIRS, last=True)  # after the entity recogniser: repairs read names
    # a possessive written with an opening quote ("Iraq‘s") splits like "Iraq’s"
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, r"(?<=[A-Za-z])‘[sS]$",
                                                        *QUOTE_MARKS]).search
    # old wire copy quotes with double primes (″) and low marks (‚ „): split them off like quotes
    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, *QUOTE_MARKS]).search
    # a dateline's dash glued to the story: "(Combined Sources)–The presidents", "(Reuters)-Iran"
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, DASH_AFTER_BRACKET]).finditer
    # "ISLAMABAD, Jan 31 (APP):" is an agency and a colon, not the emoticon "):"
    nlp.tokenizer.rules = {k: v for k, v in nlp.tokenizer.rules.items() if k not in NOT_EMOTICONS}
    for abbreviation in TITLE_ABBREVIATIONS:  # "President X and Eng. Y discussed": no sentence ends at "Eng."
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


PARAGRAPHS = "diplograph_paragraphs"
QUOTE_MARKS = ("″", "‶", "„", "‚")
NOT_EMOTICONS = frozenset({"):", "(:"})
TITLE_ABBREVIATIONS = ("Eng.", "Engr.", "Amb.", "Hon.", "Col.", "Brig.", "Lt.", "Maj.", "Capt.", "Cmdr.", "Adm.",
                       "Sgt.", "Pres.", "Sec.", "Dep.", "Ret.")
DASH_AFTER_BRACKET = r"[\)\]](?=(?:--|[-–—])[A-Za-z])|(?<=[\)\]])(?:--|[-–—])(?=[A-Za-z])"


DATELINE_SEPARATORS = frozenset({":", "—", "–", "-", "--"})


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence, and so does a dateline ("NAIROBI (Reuters) –"): headlines,
    datelines and paragraphs never run into the sentence after them, which the parser would misread."""
    starts = [0]
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
            starts.append(token.i + 1)
    for start in starts:
        end = _dateline_end(doc, start)
        if end is not None and end < len(doc):
            for k in range(start + 1, end):
                doc[k].is_sent_start = False  # "BERLIN (Reuters) –" is one piece
            doc[end].is_sent_start = True
    return doc


def _dateline_end(doc: Doc, start: int) -> int | None:
    """Where the text after a paragraph's dateline begins, if the paragraph opens with one."""
    i = start
    while i < len(doc) and i - start < 6 and (doc[i].is_upper and doc[i].is_alpha or doc[i].text == ","):
        i += 1
    if i == start or not any(doc[k].is_alpha and len(doc[k]) > 1 for k in range(start, i)):
        return None
    if doc[i - 1].text == ",":  # "SOCHI, Russia (Reuters) -": the country or state after the city
        while i < len(doc) and i - start < 10 and doc[i].text[:1].isupper() and doc[i].is_alpha:
            i += 1
        i = _past_date(doc, i)  # "TEHRAN, Iran, July 28 (NNN-TASNIM) –", "KATHMANDU, May 6:"
    if i < len(doc) and doc[i].text == "(":
        close = next((k for k in range(i + 1, min(i + 8, len(doc))) if doc[k].text == ")"), None)
        if close is None:
            return None
        i = close + 1
    if i < len(doc) and doc[i].text in DATELINE_SEPARATORS:
        return i + 1 if i + 1 < len(doc) and not doc[i + 1].is_space else (i + 2 if i + 2 < len(doc) else None)
    return None


def _past_date(doc: Doc, i: int) -> int:
    """Where a dateline's day ("July 28", "Jan. 31") ends, if one stands at or just before token i."""
    if i < len(doc) and doc[i - 1].lower_.rstrip(".") in MONTHS and doc[i].like_num:
        return i + 1  # the month was read as a name word
    j = i + 1 if i < len(doc) and doc[i].text == "," else i
    if j + 1 < len(doc) and doc[j].lower_.rstrip(".") in MONTHS and doc[j + 1].like_num:
        return j + 2
    return i


def analyze(article_text: ArticleText, nlp: Language) -> Document:
    """One article through `clean` and spaCy."""
    text = clean(article_text.text)
    return Document(article_text.article, text, nlp(text))


def analyze_many(article_texts: Iterable[ArticleText], nlp: Language,
                 batch_size: int = BATCH_SIZE) -> Iterator[Document]:
    """Many articles through `clean` and spaCy's batched `nlp.pipe`, in input order."""

    def cleaned() -> Iterator[tuple[str, Article]]:
        for item in article_texts:
            yield clean(item.text), item.article

    for doc, article in nlp.pipe(cleaned(), as_tuples=True, batch_size=batch_size):
        yield Document(article, doc.text, doc)
