"""spaCy over cleaned text, offsets kept (ingest/analyze.py)."""
from __future__ import annotations

import pytest

from graph_schema.model import Article
from ingest.analyze import ModelNotFound, analyze, analyze_many, load_nlp
from ingest.read import ArticleText


def text(body: str, id_: str = "t1") -> ArticleText:
    return ArticleText(Article(id=id_, published="2020-01-01"), body, f"{id_}.txt")


def test_a_missing_model_names_the_setting_and_the_install_command():
    with pytest.raises(ModelNotFound) as info:
        load_nlp("no_such_spacy_model_xyz")
    message = str(info.value)
    assert "spacy_model" in message and "pip install" in message


def test_offsets_into_the_document_are_offsets_into_the_article():
    body = "Share this article\n\nPARIS (AP) – French and German ministers met on Monday.\n"
    doc = analyze(text(body), load_nlp()).doc
    assert len(doc.text) == len(body)
    for ent in doc.ents:
        assert body[ent.start_char:ent.end_char] == ent.text


def test_paragraphs_and_datelines_end_sentences():
    body = "Talks resume\n\nBERLIN (Reuters) – German and Polish officials met on Monday. They agreed."
    sents = [s.text.strip() for s in analyze(text(body), load_nlp()).doc.sents]
    assert sents[:3] == ["Talks resume", "BERLIN (Reuters) –", "German and Polish officials met on Monday."]


def test_the_batch_form_keeps_input_order():
    items = [text(f"Article number {n} is short.", f"t{n}") for n in range(5)]
    assert [d.article.id for d in analyze_many(items, load_nlp())] == [f"t{n}" for n in range(5)]


def test_a_datelines_dash_glued_after_the_agency_is_its_own_token():
    body = "SAINT PETERSBURG (Combined Sources)–The presidents met on Friday. Well-known (a)-b 1990–1995."
    words = [t.text for t in analyze(text(body), load_nlp()).doc]
    assert words[:8] == ["SAINT", "PETERSBURG", "(", "Combined", "Sources", ")", "–", "The"]
    assert "Well" in words and "1990–1995" in words


@pytest.mark.parametrize("body", ["TEHRAN, Iran, July 28 (NNN-TASNIM) – Iranian Foreign Minister Ali Karimi met X.",
                                  "ISLAMABAD, Jan 31 (APP): Prime Minister Ali Karimi received X."])
def test_a_dated_dateline_ends_its_sentence(body):
    sents = [s.text.strip() for s in analyze(text(body), load_nlp()).doc.sents]
    assert len(sents) == 2 and sents[1].endswith("X.")


def test_a_title_abbreviation_does_not_end_the_sentence():
    doc = load_nlp()("President Ana Rojas and Eng. Omar Said, discussed the strategic roadmap for cooperation.")
    assert len(list(doc.sents)) == 1
