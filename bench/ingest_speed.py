"""Ingest speed against bare spaCy, in one run on the same ~600-word articles (issue 7).

    python -m bench.ingest_speed --articles 300 --out bench/out/ingest_speed.json

Measures, one after the other on the same synthetic articles:

1. bare spaCy: `nlp.pipe` over the texts in this process (the model loaded
   beforehand), and with `n_process=2`;
2. a stage breakdown in one process: read, clean + spaCy, extract, store each
   article, resolve, write the graph;
3. the whole `ingest(paths, EmbeddedStore, workers=1)` and `workers=2` into fresh
   data dirs, and checks that both give the same graph. The calling process
   has spaCy, the model and the ingest modules loaded before either clock
   starts (as a long-running process or the API has), the same for both; with
   `workers=2` the second process's start-up (spawn, imports, model load) is
   inside the figure, since that is what a second worker costs;
4. with `--cold`, the same two ingests as `diplograph ingest` commands, timed
   from process start to exit: interpreter, imports and every model load
   included in both.

`--repeat N` runs the whole-ingest pair N times, alternating 1 and 2 workers,
and keeps the median of each (the machine is shared; all runs are in the JSON).

The default of 300 articles (~180,000 words, ~40 s on one core) is a batch
of the size the tool ingests in practice; a worker's start-up (~2 s) is a
fixed cost that a 100-article run would weigh several times more than a
real batch does.

Floors: whole ingest >= 70% of bare spaCy's articles/s; 2 workers >= 1.6 x 1.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Self

from bench.generate_articles import generate_articles, write_articles
from bench.measure import machine
from bench.world import World

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
FLOOR_VS_SPACY = 0.70
FLOOR_TWO_WORKERS = 1.6


class Clock:
    """Wall time and CPU time (this process and its children) of a block.

    The machine is shared: CPU seconds show what the work costs whatever else runs.
    Wall time stops when the block ends; CPU time also counts worker processes
    still exiting then (waited for after the wall clock has stopped).
    """

    def __enter__(self) -> Self:
        self.wall0, self.cpu0 = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall0
        for child in multiprocessing.active_children():  # workers exit after `ingest` returns: count their CPU
            child.join()
        self.cpu = _cpu() - self.cpu0


def _cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _rate(articles: int, words: int, clock: Clock) -> dict[str, float]:
    return {"seconds": round(clock.wall, 3), "cpu_seconds": round(clock.cpu, 3),
            "articles_per_s": round(articles / clock.wall, 2), "words_per_s": round(words / clock.wall),
            "articles_per_cpu_s": round(articles / clock.cpu, 2)}


def corpus(count: int, seed: int) -> tuple[Path, int]:
    """The synthetic articles as files (the reader's corpus layout), and their word count."""
    folder = OUT / f"articles-{count}-s{seed}"
    articles = generate_articles(count, seed, World(seed))
    if folder.exists():
        shutil.rmtree(folder)
    write_articles(articles, folder)
    return folder, sum(a.words for a in articles)


def bare_spacy(texts: list[str], model: str, processes: int) -> Clock:
    from ingest.analyze import load_nlp

    nlp = load_nlp(model)
    with Clock() as clock:
        for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
            pass
    return clock


def stage_breakdown(folder: Path, model: str) -> dict[str, float]:
    """CPU seconds per ingest stage, in this process, for the whole corpus."""
    from graph_schema.stores.embedded import EmbeddedStore
    from ingest.analyze import analyze_many, load_nlp
    from ingest.clean import clean
    from ingest.extract import extract
    from ingest.extraction import Extraction
    from ingest.read import ArticleText, read_articles
    from ingest.resolve import resolve

    nlp = load_nlp(model)
    times: dict[str, float] = {}

    def stage(name: str, work):  # CPU seconds of this process: robust to other load on the machine
        t0 = time.process_time()
        value = work()
        times[name] = time.process_time() - t0
        return value

    texts = stage("read", lambda: [r for r in read_articles([folder]) if isinstance(r, ArticleText)])
    stage("clean", lambda: [clean(t.text) for t in texts])
    documents = stage("clean_and_spacy", lambda: list(analyze_many(texts, nlp)))
    extractions = stage("extract", lambda: [extract(d) for d in documents])
    data_dir = OUT / "ingest-stages"
    shutil.rmtree(data_dir, ignore_errors=True)
    store = EmbeddedStore(data_dir)
    stage("put_article", lambda: [store.put_article(x.article, x.to_payload()) for x in extractions])
    graph = stage("resolve", lambda: resolve([Extraction.from_payload(p) for _, p in store.article_payloads()]))
    stage("replace_graph", lambda: store.replace_graph(graph))
    store.close()
    return {k: round(v, 3) for k, v in times.items()}


def whole_ingest(folder: Path, model: str, workers: int) -> tuple[Clock, dict[str, Any], Any]:
    from graph_schema.stores.embedded import EmbeddedStore
    from ingest.pipeline import ingest

    data_dir = OUT / f"ingest-{workers}w"
    shutil.rmtree(data_dir, ignore_errors=True)
    store = EmbeddedStore(data_dir)
    with Clock() as clock:
        report = ingest([folder], store, workers=workers, nlp_model=model, progress=False)
    summary = {"read": report.read, "new": report.new, "failed": report.failed, "errors": report.errors[:3],
               "actors": report.actors, "events": report.events, "facts": report.facts}
    store.close()
    return clock, summary, _export(data_dir)


def cold_ingest(folder: Path, model: str, workers: int) -> tuple[Clock, Any]:
    """`diplograph ingest` as a user runs it: a fresh interpreter, every import and model load timed."""
    data_dir = OUT / f"ingest-cold-{workers}w"
    shutil.rmtree(data_dir, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIPLOGRAPH_", "NEO4J_"))}
    env |= {"DIPLOGRAPH_SPACY_MODEL": model, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "diplograph.cli", "ingest", "--no-progress", "--store", "embedded",
           "--data-dir", str(data_dir), "--workers", str(workers), str(folder)]
    with Clock() as clock:
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}: {done.stdout[-500:]} {done.stderr[-500:]}")
    return clock, _export(data_dir)


def _export(data_dir: Path) -> Any:
    from graph_schema.document import to_document
    from graph_schema.stores.embedded import EmbeddedStore

    with EmbeddedStore(data_dir) as store:
        return to_document(store.read_graph())


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median wall time (the lower middle one for an even count), with every run's seconds."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return ordered[(len(ordered) - 1) // 2] | {"runs_seconds": [r["seconds"] for r in runs]}


def run(count: int, seed: int, model: str, skip_breakdown: bool = False, repeat: int = 1,
        cold: bool = False) -> dict[str, Any]:
    from ingest.analyze import load_nlp

    result: dict[str, Any] = {"machine": machine(), "articles": count, "seed": seed, "model": model}
    folder, words = corpus(count, seed)
    result["words"] = words
    result["words_per_article"] = round(words / count)
    texts = [p.read_text() for p in sorted(folder.glob("*.txt"))]
    t0 = time.perf_counter()
    load_nlp(model)
    result["model_load_s"] = round(time.perf_counter() - t0, 2)
    import ingest.extract
    import ingest.resolve  # noqa: F401 - loaded before any clock, for the 1- and 2-worker ingests alike

    result["spacy_1p"] = _rate(count, words, bare_spacy(texts, model, 1))
    result["spacy_2p"] = _rate(count, words, bare_spacy(texts, model, 2))
    if not skip_breakdown:
        result["stages_1p_s"] = stage_breakdown(folder, model)
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    documents: list[Any] = []
    for n in range(repeat):
        for workers in ((1, 2) if n % 2 == 0 else (2, 1)):
            clock, report, document = whole_ingest(folder, model, workers)
            runs[workers].append(_rate(count, words, clock) | {"report": report})
            documents.append(document)
    result["ingest_1w"], result["ingest_2w"] = _median(runs[1]), _median(runs[2])
    result["same_graph_1w_2w"] = all(d == documents[0] for d in documents)
    if cold:
        cold1, doc1 = cold_ingest(folder, model, 1)
        cold2, doc2 = cold_ingest(folder, model, 2)
        result["cold_1w"], result["cold_2w"] = _rate(count, words, cold1), _rate(count, words, cold2)
        result["same_graph_cold"] = doc1 == doc2 == documents[0]
    ratio_spacy = result["ingest_1w"]["articles_per_s"] / result["spacy_1p"]["articles_per_s"]
    ratio_workers = result["ingest_2w"]["articles_per_s"] / result["ingest_1w"]["articles_per_s"]
    ratio_spacy_cpu = result["ingest_1w"]["articles_per_cpu_s"] / result["spacy_1p"]["articles_per_cpu_s"]
    result["ratios"] = {
        "ingest_vs_spacy": round(ratio_spacy, 3), "ingest_vs_spacy_floor": FLOOR_VS_SPACY,
        "ingest_vs_spacy_met": ratio_spacy >= FLOOR_VS_SPACY,
        "two_vs_one_worker": round(ratio_workers, 3), "two_vs_one_worker_floor": FLOOR_TWO_WORKERS,
        "two_vs_one_worker_met": ratio_workers >= FLOOR_TWO_WORKERS,
        "ingest_vs_spacy_cpu": round(ratio_spacy_cpu, 3),
        "spacy_two_vs_one_process": round(result["spacy_2p"]["articles_per_s"]
                                          / result["spacy_1p"]["articles_per_s"], 3),
    }
    if cold:
        result["ratios"]["cold_two_vs_one_worker"] = round(result["cold_2w"]["articles_per_s"]
                                                           / result["cold_1w"]["articles_per_s"], 3)
    result["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def print_table(r: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Ingest speed: {r['articles']} articles, {r['words_per_article']} words each ({r['model']})")
    for col in ("run", "seconds", "articles/s", "words/s", "CPU s", "articles/CPU s"):
        table.add_column(col, justify="right" if col != "run" else "left")
    for key, label in (("spacy_1p", "bare spaCy, 1 process"), ("spacy_2p", "bare spaCy, 2 processes"),
                       ("ingest_1w", "whole ingest, 1 worker"), ("ingest_2w", "whole ingest, 2 workers"),
                       ("cold_1w", "diplograph ingest, cold, 1 worker"),
                       ("cold_2w", "diplograph ingest, cold, 2 workers")):
        if key not in r:
            continue
        v = r[key]
        table.add_row(label, f"{v['seconds']:.1f}", f"{v['articles_per_s']:.2f}", f"{v['words_per_s']:,}",
                      f"{v['cpu_seconds']:.1f}", f"{v['articles_per_cpu_s']:.2f}")
    console = Console()
    console.print(table)
    q = r["ratios"]
    console.print(f"ingest / bare spaCy = {q['ingest_vs_spacy']:.2f} (floor {FLOOR_VS_SPACY}: "
                  f"{'met' if q['ingest_vs_spacy_met'] else 'MISSED'});  2 workers / 1 = {q['two_vs_one_worker']:.2f} "
                  f"(floor {FLOOR_TWO_WORKERS}: {'met' if q['two_vs_one_worker_met'] else 'MISSED'});  "
                  f"same graph: {r['same_graph_1w_2w']};  in CPU time, ingest / bare spaCy = "
                  f"{q['ingest_vs_spacy_cpu']:.2f}")
    if "cold_1w" in r:
        console.print(f"cold: 2 workers / 1 = {q['cold_two_vs_one_worker']:.2f};  same graph: {r['same_graph_cold']}")
    console.print(f"load average at start {r['machine']['load_avg_at_start']}, at end {r['load_avg_at_end']}")
    if "stages_1p_s" in r:
        console.print("stages, 1 process (CPU s): " + ", ".join(f"{k} {v}" for k, v in r["stages_1p_s"].items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Whole ingest vs bare spaCy on the same synthetic articles.")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default=None, help="spaCy model (default: setting spacy_model)")
    parser.add_argument("--skip-breakdown", action="store_true", help="skip the per-stage timing pass")
    parser.add_argument("--repeat", type=int, default=1, help="whole-ingest pairs to run; the median is kept")
    parser.add_argument("--cold", action="store_true", help="also time `diplograph ingest` from process start")
    parser.add_argument("--out", type=Path, default=OUT / "ingest_speed.json")
    args = parser.parse_args(argv)
    from diplograph.settings import get_settings

    model = args.model or get_settings().spacy_model
    result = run(args.articles, args.seed, model, args.skip_breakdown, max(1, args.repeat), args.cold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print_table(result)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
