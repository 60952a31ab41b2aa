"""`--min` / `--max`: read, checked, and each breach named."""
from __future__ import annotations

import dataclasses

import pytest

from diplograph.evaluation.bounds import (
    Bound,
    BoundError,
    bounds_from,
    breaches,
    parse_bounds,
)
from diplograph.evaluation.score import FIGURES, Scores

PERFECT = Scores(**{name: 0 if name.endswith(("duplicates", "spurious", "negatives_hit")) else 1.0
                    for name in FIGURES})


def test_bounds_are_read() -> None:
    assert parse_bounds(["pair_f1=0.9"], [" meeting_duplicates=0"]) == [
        Bound("pair_f1", 0.9, "min"), Bound("meeting_duplicates", 0.0, "max")]


@pytest.mark.parametrize(("spec", "message"), [
    ("pair_f1", "write it as FIGURE=VALUE"), ("pair=0.9", "no figure is called 'pair'"),
    ("pair_f1=high", "'high' is not a number")])
def test_a_bad_bound_says_what_is_wrong(spec: str, message: str) -> None:
    with pytest.raises(BoundError, match=message):
        parse_bounds([spec])


def test_breaches_name_the_figure_and_the_limit() -> None:
    worse = dataclasses.replace(PERFECT, pair_f1=0.5, meeting_duplicates=2)
    bounds = bounds_from({"pair_f1": 0.9, "meeting_f1": 1.0}, {"meeting_duplicates": 0})
    assert breaches(bounds, PERFECT) == []
    assert breaches(bounds, worse) == ["pair_f1 = 0.500 is below the minimum 0.9",
                                       "meeting_duplicates = 2 is above the maximum 0"]
