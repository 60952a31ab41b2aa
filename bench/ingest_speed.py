"""Ingest speed against bare spaCy, in one run on the same ~600-word articles (issue 7).

    python -m bench.ingest_speed --articles 300 --out bench/out/ingest_speed.json

Measures, one after the other on the same synthetic articles:

1. bare spaCy: `nlp.pipe` over the texts in this process (the model loaded
   beforehand), and with `n_process=2`;
2. a stage breakdown in one process: read, clean + spaCy, extract, store each
   article, resolve, write the graph;
3. the whole `ingest(paths, EmbeddedStore, workers=1)` and `workers=2` into fresh
   data dirs (wall clock, worker start-up and model loading included), and
   checks that both give the same graph.

Floors: whole ingest >= 70% of bare spaCy's articles/s; 2 workers >= 1.6 x 1.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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
    """Wall time and CPU time (this process and its finished children) of a block.

    The machine is shared: CPU seconds show what the work costs whatever else runs.
    """

    def __enter__(self) -> Self:
        self.wall0, self.cpu0 = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall0
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
    from graph_schema.document import to_document
    from graph_schema.stores.embedded import EmbeddedStore
    from ingest.pipeline import ingest

    data_dir = OUT / f"ingest-{workers}w"
    shutil.rmtree(data_dir, ignore_errors=True)
    store = EmbeddedStore(data_dir)
    with Clock() as clock:
        report = ingest([folder], store, workers=workers, nlp_model=model, progress=False)
    summary = {"read": report.read, "new": report.new, "failed": report.failed, "errors": report.errors[:3],
               "actors": report.actors, "events": report.events, "facts": report.facts}
    document = to_document(store.read_graph())
    store.close()
    return clock, summary, document


def run(count: int, seed: int, model: str, skip_breakdown: bool = False) -> dict[str, Any]:
    from ingest.analyze import load_nlp

    result: dict[str, Any] = {"machine": machine(), "articles": count, "seed": seed, "model": model}
    folder, words = corpus(count, seed)
    result["words"] = words
    result["words_per_article"] = round(words / count)
    texts = [p.read_text() for p in sorted(folder.glob("*.txt"))]
    t0 = time.perf_counter()
    load_nlp(model)
    result["model_load_s"] = round(time.perf_counter() - t0, 2)

    result["spacy_1p"] = _rate(count, words, bare_spacy(texts, model, 1))
    result["spacy_2p"] = _rate(count, words, bare_spacy(texts, model, 2))
    if not skip_breakdown:
        result["stages_1p_s"] = stage_breakdown(folder, model)
    s1, report1, doc1 = whole_ingest(folder, model, 1)
    result["ingest_1w"] = _rate(count, words, s1) | {"report": report1}
    s2, report2, doc2 = whole_ingest(folder, model, 2)
    result["ingest_2w"] = _rate(count, words, s2) | {"report": report2}
    result["same_graph_1w_2w"] = doc1 == doc2
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
    result["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def print_table(r: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Ingest speed: {r['articles']} articles, {r['words_per_article']} words each ({r['model']})")
    for col in ("run", "seconds", "articles/s", "words/s", "CPU s", "articles/CPU s"):
        table.add_column(col, justify="right" if col != "run" else "left")
    for key, label in (("spacy_1p", "bare spaCy, 1 process"), ("spacy_2p", "bare spaCy, 2 processes"),
                       ("ingest_1w", "whole ingest, 1 worker"), ("ingest_2w", "whole ingest, 2 workers")):
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
    if "stages_1p_s" in r:
        console.print("stages, 1 process (CPU s): " + ", ".join(f"{k} {v}" for k, v in r["stages_1p_s"].items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Whole ingest vs bare spaCy on the same synthetic articles.")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default=None, help="spaCy model (default: setting spacy_model)")
    parser.add_argument("--skip-breakdown", action="store_true", help="skip the per-stage timing pass")
    parser.add_argument("--out", type=Path, default=OUT / "ingest_speed.json")
    args = parser.parse_args(argv)
    from diplograph.settings import get_settings

    model = args.model or get_settings().spacy_model
    result = run(args.articles, args.seed, model, args.skip_breakdown)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print_table(result)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
