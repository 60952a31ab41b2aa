import re

import pytest

from bench.world import FEMALE_NAMES, MALE_NAMES, SURNAMES, World, slug
from diplograph.evaluation import kit

SEEDS = kit.SEEDS.corpus


@pytest.fixture(scope="module")
def world() -> World:
    return World(seed=3)


def test_invented_names_never_occur_in_the_seed_articles():
    words = set()
    for path in SEEDS.glob("*.txt"):
        words |= set(re.findall(r"[A-Za-z]+", path.read_text(encoding="utf-8")))
    assert words, f"no seed articles under {SEEDS}"
    assert set(MALE_NAMES + FEMALE_NAMES + SURNAMES) & words == set()


def test_states_are_real_and_busiest_first(world):
    assert len(world.states) > 150
    assert world.by_alpha3["FRA"].name == "France"
    weights = [s.weight for s in world.states]
    assert weights == sorted(weights, reverse=True)
    assert weights[0] > 20 * weights[-1]  # a heavy tail, not a uniform draw


def test_the_same_office_always_has_the_same_holder(world):
    assert world.person("KEN", "Foreign Minister") == World(seed=3).person("KEN", "Foreign Minister")
    assert world.person("KEN", "Foreign Minister") != world.person("KEN", "Trade Minister")
    assert World(seed=4).person("KEN", "Foreign Minister").name != world.person("KEN", "Foreign Minister").name or \
        World(seed=4).person("KEN", "President").name != world.person("KEN", "President").name


def test_officials_include_ambassadors_and_ministers(world):
    people = world.officials(world.by_alpha3["JPN"], ambassadors=5, portfolios=2)
    offices = [p.office for p in people]
    assert "Foreign Minister" in offices
    assert sum(o.startswith("ambassador to ") for o in offices) == 5
    assert "Deputy Finance Minister" in offices


def test_slug():
    assert slug("São Tomé & Príncipe") == "sao-tome-principe"
