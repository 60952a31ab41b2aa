import re
import statistics

import pytest

from bench.generate_articles import generate_article, generate_articles, write_articles
from bench.world import World
from ingest.read import ArticleText, read_articles


@pytest.fixture(scope="module")
def world() -> World:
    return World(seed=2)


@pytest.fixture(scope="module")
def articles(world):
    return generate_articles(60, seed=2, world=world)


def test_seeded_and_independent_of_count(world, articles):
    assert generate_article(world, 2, 17) == articles[17]
    assert generate_article(world, 3, 17).text != articles[17].text


def test_about_six_hundred_words(articles):
    words = [a.words for a in articles]
    assert 570 <= statistics.mean(words) <= 630
    assert min(words) >= 500 and max(words) <= 700


def test_varied_actors_and_places(world, articles):
    text = "\n".join(a.text for a in articles)
    people = {f"{g} {s}" for g, s in re.findall(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b", text)}
    invented = {p for p in people if p.split()[1] in set(__import__("bench.world").world.SURNAMES)}
    assert len(invented) > 300
    cities = {c.name for s in world.states for c in s.cities}
    assert len({a.dateline for a in articles} & cities) > 25


def test_diplomatic_sentence_shapes(articles):
    text = "\n".join(a.text for a in articles)
    for shape in ("was represented by", "delegation", "hosted", "counterpart", "told reporters",
                  "accused", "ambassador to", "last met"):
        assert shape in text, shape
    assert re.search(r", [A-Z][a-z]+(?: [A-Z][a-z]+)*'s? [a-z ]+minister,", text), "no apposition"
    relative = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "yesterday", "next ",
                "earlier this week", "today")
    assert sum(any(r in a.text.split("\n\n")[1 if not a.text.split("\n\n")[1].startswith("By ") else 2]
                   for r in relative) for a in articles) > 40


def test_written_corpus_reads_back(tmp_path, articles):
    write_articles(articles[:5], tmp_path)
    read = list(read_articles([tmp_path]))
    assert all(isinstance(r, ArticleText) for r in read)
    by_id = {r.article.id: r for r in read}
    assert set(by_id) == {a.id for a in articles[:5]}
    a = articles[0]
    assert by_id[a.id].article.published == a.published
    assert by_id[a.id].article.outlet == a.outlet
    assert by_id[a.id].text.strip() == a.text.strip()
