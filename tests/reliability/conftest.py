"""Fixtures for the reliability tests: a throwaway Neo4j, synthetic articles, the CLI, hypothesis profiles.

Tests that stop or kill Neo4j use `throwaway_neo4j` (a separate instance on free
ports, shared by the tests of one module), never the suite's shared instance.
In CI (`CI=true`) nothing here skips.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from bench.generate_articles import generate_articles, write_articles
from tests.reliability.neo4j_instance import ROOT, ThrowawayNeo4j

IN_CI = os.environ.get("CI", "").lower() == "true"

# Example counts: modest in CI (2 cores, the whole suite well under 20 minutes), more when asked for.
settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("dev", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("thorough", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PROFILE = settings.get_profile(os.environ.get("RELIABILITY_PROFILE", "ci" if IN_CI else "dev"))


@pytest.fixture(scope="module")
def throwaway_neo4j(request: pytest.FixtureRequest) -> Iterator[ThrowawayNeo4j]:
    """A Neo4j of this module's own, running at the start of every test (tests may kill it)."""
    if shutil.which("java") is None and not IN_CI:
        pytest.skip("no java: cannot start a throwaway Neo4j (in CI this fails)")
    module = request.module.__name__.rsplit(".", 1)[-1].replace("_", "-")
    instance = ThrowawayNeo4j(f"reliability-{module}-{os.getpid()}")
    try:
        instance.start()
        yield instance
    finally:
        instance.remove()


@pytest.fixture
def neo4j_up(throwaway_neo4j: ThrowawayNeo4j) -> ThrowawayNeo4j:
    """The throwaway Neo4j, started again if an earlier test left it down."""
    if not throwaway_neo4j.is_running():
        throwaway_neo4j.start()
    return throwaway_neo4j


_ARTICLES: dict[tuple[int, int], list[Any]] = {}


def synthetic_articles(count: int, seed: int = 7) -> list[Any]:
    """`count` generated diplomatic news articles (the same for the same arguments)."""
    key = (count, seed)
    if key not in _ARTICLES:
        _ARTICLES[key] = generate_articles(count, seed=seed)
    return _ARTICLES[key]


def article_folder(folder: Path, articles: list[Any]) -> Path:
    """A corpus folder (`.txt` files and `manifest.jsonl`) holding `articles`."""
    return write_articles(articles, folder)


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a `diplograph` subprocess: JSON logs, no stray settings from this shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIPLOGRAPH_", "NEO4J_"))}
    env.update({"DIPLOGRAPH_LOG_FORMAT": "json", "PYTHONPATH": str(ROOT), **extra})
    return env


def run_cli(*args: str, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diplograph.cli", *args], env=env, capture_output=True, text=True,
                          check=False, timeout=timeout, cwd=ROOT)


def json_logs(stderr: str) -> list[dict[str, Any]]:
    """The JSON log lines of a subprocess's stderr (other lines skipped)."""
    out = []
    for line in stderr.splitlines():
        if line.startswith("{"):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return out
