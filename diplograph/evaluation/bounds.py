"""Limits on figures (`--min pair_f1=0.9`, `--max meeting_duplicates=0`): how a run, a test or CI fails on a
regression, with a message naming the figure."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from diplograph.evaluation.score import FIGURES, Scores, format_figure


class BoundError(ValueError):
    """A limit that cannot be read, or names no figure."""


@dataclass(frozen=True, slots=True)
class Bound:
    figure: str
    limit: float
    side: Literal["min", "max"]

    @classmethod
    def parse(cls, spec: str, side: Literal["min", "max"]) -> Bound:
        """`NAME=VALUE`, NAME one of the figures."""
        name, sep, value = spec.partition("=")
        name = name.strip()
        if not sep:
            raise BoundError(f"--{side} {spec!r}: write it as FIGURE=VALUE, e.g. pair_f1=0.9")
        if name not in FIGURES:
            raise BoundError(f"--{side} {spec!r}: no figure is called {name!r}; the figures are {', '.join(FIGURES)}")
        try:
            limit = float(value)
        except ValueError:
            raise BoundError(f"--{side} {spec!r}: {value!r} is not a number") from None
        return cls(name, limit, side)

    def breach(self, scores: Scores) -> str | None:
        """What is wrong, when the figure is out of bounds."""
        value = scores.as_dict()[self.figure]
        if self.side == "min" and value < self.limit:
            return f"{self.figure} = {format_figure(value)} is below the minimum {self.limit:g}"
        if self.side == "max" and value > self.limit:
            return f"{self.figure} = {format_figure(value)} is above the maximum {self.limit:g}"
        return None


def parse_bounds(minimums: Iterable[str] = (), maximums: Iterable[str] = ()) -> list[Bound]:
    return [*(Bound.parse(s, "min") for s in minimums), *(Bound.parse(s, "max") for s in maximums)]


def bounds_from(floors: Mapping[str, float] | None = None, ceilings: Mapping[str, float] | None = None
                ) -> list[Bound]:
    """Bounds written as mappings, as tests keep them: `{"pair_f1": 0.9}`."""
    return parse_bounds((f"{k}={v}" for k, v in (floors or {}).items()),
                        (f"{k}={v}" for k, v in (ceilings or {}).items()))


def breaches(bounds: Iterable[Bound], scores: Scores) -> list[str]:
    return [message for bound in bounds if (message := bound.breach(scores))]
