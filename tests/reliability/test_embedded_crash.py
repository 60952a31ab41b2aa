"""The embedded store killed (SIGKILL) while it saves: a restart loads the last complete state.

A child process keeps saving versions of a graph of a few megabytes (version k
has one article titled `version k`) and says `saved k` after each save. The
parent watches the data directory and kills the child as a temporary file
appears, i.e. while a save is being written, then opens the store again: the
graph must be exactly version k or version k+1 (the save under way may have
been renamed into place just before the kill), never a mix, never unreadable;
and the temporary files the kills left are gone once the next writer holds
the store's lock.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from bench.generate_graph import generate_graph
from graph_schema.document import to_document
from graph_schema.model import Graph
from graph_schema.stores.embedded import EmbeddedStore
from tests.reliability.neo4j_instance import ROOT

pytestmark = pytest.mark.slow

KILLS = 6
KNOWN = {"graph.json", "records", ".lock"}

CHILD = r"""
import sys
from dataclasses import replace
from graph_schema.model import Article
from graph_schema.stores.embedded import EmbeddedStore

store = EmbeddedStore(sys.argv[1])
graph = store.read_graph()
article = sorted(graph.articles)[0]
k = int(graph.articles[article].title.split()[-1])
print("ready", k, flush=True)
while True:
    k += 1
    store.put_article(Article(f"record-{k % 3}", title=f"version {k}"), {"k": k, "filler": "x" * 200_000})
    graph.articles[article] = replace(graph.articles[article], title=f"version {k}")
    store.replace_graph(graph)
    print("saved", k, flush=True)
"""


def version(graph: Graph, k: int) -> Graph:
    article = min(graph.articles)
    graph.articles[article] = replace(graph.articles[article], title=f"version {k}")
    return graph


def strays(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in KNOWN)


def temporaries(folder: Path) -> list[str]:
    """Every file a save was writing, in the data directory and among the per-article records."""
    return sorted(p.name for p in [*folder.iterdir(), *(folder / "records").iterdir()] if p.suffix == ".tmp")


def test_sigkill_during_saves_never_leaves_a_corrupt_or_mixed_state(tmp_path: Path, record_property) -> None:
    data = tmp_path / "data"
    base = generate_graph(events=2000, seed=5)
    EmbeddedStore(data).replace_graph(version(base, 0))
    rng = random.Random(1)
    mid_write = left_behind = 0
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(data)], cwd=ROOT, stdout=subprocess.PIPE,
                                 text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert child.stdout is not None
        first = int(child.stdout.readline().split()[1])
        before = set(strays(data))
        saves = rng.randint(0, 2)  # let a few saves complete, then kill in the middle of the next one
        lines = [child.stdout.readline() for _ in range(saves)]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not set(strays(data)) - before:
            time.sleep(0.0002)  # a save's temporary file lives for milliseconds
        writing = bool(set(strays(data)) - before)
        time.sleep(rng.uniform(0, 0.01))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        rest = child.stdout.read()
        child.stdout.close()
        saved = [int(line.split()[1]) for line in lines + rest.splitlines() if line.startswith("saved")]
        last = saved[-1] if saved else first
        mid_write += writing and bool(set(strays(data)) - before)

        orjson.loads((data / "graph.json").read_bytes())  # the file itself is always whole JSON
        store = EmbeddedStore(data)
        loaded = to_document(store.read_graph())
        candidates = {k: to_document(version(base, k)) for k in (last, last + 1)}
        assert loaded in candidates.values(), f"after the kill following save {last} the graph is neither"
        for article, payload in store.article_payloads():  # every per-article record is whole too
            assert payload["k"] == int(article.title.split()[-1]) and len(payload["filler"]) == 200_000
        left_behind += len(temporaries(data))
        with store.lock():  # the next writer: what the killed saves left is gone once it holds the lock
            assert temporaries(data) == []
        store.close()
    record_property("kills_during_a_write", mid_write)
    record_property("temporaries_left_then_removed", left_behind)
    print(f"\n{KILLS} kills, {mid_write} while a save's temporary file was being written; "
          f"{left_behind} temporary files left by them, 0 after the next writer took the lock")
    assert mid_write >= 1, "no kill landed while a save was being written"
    assert left_behind >= 1, "no kill left a temporary file, so their removal was not tested"
