"""Robustness on real wire copy: every Reuters-21578 article with a body through the whole ingest (issue 13).

    .venv/bin/python -m bench.reuters --sgml-dir /path/to/reuters21578 --workers 2 \\
        --sample 50 --seed 13 --sample-files reut2-000.sgm,reut2-001.sgm,...

The dataset is not in the repository: `--sgml-dir` names a folder holding
`reut2-000.sgm` ... `reut2-021.sgm` (Latin-1 SGML, e.g. from
github.com/CrackedSky/reuters21578). Each `<REUTERS>` with a `<BODY>` becomes
one article of the reader's JSON-lines format: `id` (`reuters-<NEWID>`),
`title`, `published` (the day of `<DATE>`), `dateline` (the place of
`<DATELINE>`) and `text` (the body, its hard-wrapped lines joined, one blank
line between paragraphs, which the wire marks by indenting their first line).
They go through the project's own `ingest` (read, clean, analyze, extract,
resolve, store) into a throwaway embedded store with `--workers` processes,
and the script prints what came out: articles read, ingested, failed (each
reason), meetings found, elapsed seconds, articles/s and words/s.

With `--sample N`, it also prints N meetings drawn at random (`--seed`) from
those whose every source is an article of `--sample-files`: id, date, place,
participants and each source quote with its article's id and title, for a
person to judge against the text. Meetings of the other files are counted,
never printed (reut2-010 ... reut2-021 are kept for blind evaluation).
"""
from __future__ import annotations

import argparse
import html
import json
import multiprocessing
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from graph_schema.model import Event, Graph
from graph_schema.stores.embedded import EmbeddedStore
from ingest.pipeline import IngestReport, ingest

ALL_FILES = tuple(f"reut2-{n:03d}.sgm" for n in range(22))
SAMPLE_FILES = ALL_FILES[:10]  # the only files whose meetings may be read; 010-021 are for blind evaluation

_REUTERS = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.DOTALL)
_NEWID = re.compile(r'\bNEWID="(\d+)"')
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # the wire's &#2; &#3; &#5; ... once unescaped
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_DATELINE_DATE = re.compile(rf"[\s,-]*(?:\d+\s+)?(?:{_MONTHS})[a-z]*\.?(?:\s+\d+)?[\s-]*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ReutersArticle:
    """One Reuters-21578 story with a body, as the project's reader takes it."""

    id: str
    file: str
    title: str | None
    published: str | None
    dateline: str | None
    text: str

    def record(self) -> dict[str, str | None]:
        """The article as one line of the reader's JSON-lines input."""
        return {k: v for k, v in asdict(self).items() if k != "file"}


# --- the SGML -------------------------------------------------------------------------------


def parse_sgml(data: str, file: str) -> list[ReutersArticle]:
    """Every story of one SGML file that has a `<BODY>`, in file order."""
    articles = []
    for m in _REUTERS.finditer(data):
        body = _element(m[2], "BODY")
        newid = _NEWID.search(m[1])
        if body is None or newid is None:
            continue
        articles.append(ReutersArticle(
            id=f"reuters-{newid[1]}", file=file, title=_element(m[2], "TITLE"),
            published=reuters_date(_element(m[2], "DATE")), dateline=dateline_place(_element(m[2], "DATELINE")),
            text=reflow(body)))
    return articles


def read_sgml_files(folder: Path, names: list[str]) -> list[ReutersArticle]:
    """The stories of the named files (Latin-1 bytes, as the collection is distributed)."""
    return [a for name in names for a in parse_sgml((folder / name).read_bytes().decode("latin-1"), name)]


def _element(block: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.DOTALL)
    if m is None:
        return None
    return _CONTROL.sub("", html.unescape(m[1])).strip() or None


def reuters_date(value: str | None) -> str | None:
    """"26-FEB-1987 15:01:01.79" -> "1987-02-26"."""
    try:
        return datetime.strptime(value.split()[0], "%d-%b-%Y").date().isoformat() if value else None
    except ValueError:
        return None


def dateline_place(value: str | None) -> str | None:
    """The city a dateline names: "SALVADOR, Feb 26 - " and "SAN MATEO, Calif., March 3 -" -> its first part."""
    if not value:
        return None
    place = value.split(",")[0] if "," in value else _DATELINE_DATE.sub("", value)
    return place.strip(" -") or None


def reflow(body: str) -> str:
    """The body's hard-wrapped lines joined; a line the wire indents starts a paragraph."""
    paragraphs: list[list[str]] = [[]]
    for line in body.split("\n"):
        if line[:1].isspace() and paragraphs[-1]:
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line.strip())
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


# --- the run ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Timing:
    wall_s: float
    cpu_s: float  # this process and its workers: what the work cost, whatever else the machine ran


def _cpu_s() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def run_ingest(articles: list[ReutersArticle], folder: Path, workers: int) -> tuple[IngestReport, Graph, Timing]:
    """The articles as one `.jsonl` through `ingest` into a fresh embedded store: report, graph, time taken."""
    source = folder / "reuters.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article.record(), ensure_ascii=False) + "\n")
    with EmbeddedStore(folder / "data") as store:
        started, cpu = time.perf_counter(), _cpu_s()
        report = ingest([source], store, workers=workers, progress=False)
        wall = time.perf_counter() - started
        for child in multiprocessing.active_children():  # workers still exiting: count their CPU too
            child.join()
        timing = Timing(wall, _cpu_s() - cpu)
        graph = store.read_graph()
    return report, graph, timing


def summary(articles: list[ReutersArticle], report: IngestReport, graph: Graph, timing: Timing) -> list[tuple[str, str]]:
    """The figures of one run, as table rows."""
    words = sum(len(a.text.split()) for a in articles)
    reasons = Counter(f"{f.stage}: {f.reason}" for f in report.failures) + Counter(report.errors)
    rows = [("articles with a body", f"{len(articles):,}"), ("words", f"{words:,}"),
            ("read", f"{report.read:,}"), ("duplicates skipped (same text)", f"{len(report.duplicates):,}"),
            ("ingested", f"{report.new + report.unchanged:,}"), ("failed", f"{report.failed:,}")]
    rows += [(f"  {reason}", f"{count:,}") for reason, count in reasons.most_common()]
    rows += [("graph updated", "yes" if report.graph_updated else "NO"),
             ("events", f"{len(graph.events):,}"),
             ("meetings found", f"{sum(e.is_meeting for e in graph.events.values()):,}"),
             ("elapsed s", f"{timing.wall_s:.1f}"), ("CPU s (all processes)", f"{timing.cpu_s:.1f}"),
             ("articles/s", f"{len(articles) / timing.wall_s:.1f}"), ("words/s", f"{words / timing.wall_s:,.0f}")]
    return rows


def print_table(rows: list[tuple[str, str]]) -> None:
    print("| figure | value |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


# --- the sample ------------------------------------------------------------------------------


def sample_meetings(graph: Graph, files: dict[str, str], allowed: set[str], size: int, seed: int) -> list[Event]:
    """`size` meetings at random among those every source of which is an article of the `allowed` files."""
    meetings = sorted((e for e in graph.events.values() if e.is_meeting), key=lambda e: e.id)
    eligible = [e for e in meetings if e.sources and all(files.get(s.article) in allowed for s in e.sources)]
    print(f"\n{len(eligible):,} of {len(meetings):,} meetings come only from {len(allowed)} sample file(s); "
          f"{min(size, len(eligible))} drawn with seed {seed}")
    return random.Random(seed).sample(eligible, min(size, len(eligible)))


def describe(event: Event, graph: Graph, number: int) -> str:
    """One meeting, with everything a person needs to judge it against its articles."""
    place = graph.locations.get(event.location or "")
    precision = f" {event.date_precision}" if event.date_precision else ""
    head = f"\n## {number}. {event.id}  date={event.date}{precision} ({event.date_text or '-'})  "
    lines = [head + f"place={place.name if place else '-'}"]
    for p in event.participants:
        actor, represents = graph.actors.get(p.actor), graph.actors.get(p.represents or "")
        lines.append(f"  - {actor.name if actor else p.actor} [{actor.kind if actor else '?'}] role={p.role}"
                     f" represents={represents.name if represents else '-'}")
    for s in event.sources:
        article = graph.articles.get(s.article)
        lines.append(f"  > {s.article} \"{article.title if article else ''}\": {' '.join(s.quote.split())}")
    return "\n".join(lines)


# --- the command -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sgml-dir", type=Path, required=True, help="folder with reut2-000.sgm ... reut2-021.sgm")
    parser.add_argument("--files", default=",".join(ALL_FILES), help="comma-separated files to ingest (default all 22)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=0, help="print this many meetings drawn at random")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--sample-files", default=",".join(SAMPLE_FILES), help="files the sample is drawn from")
    args = parser.parse_args(argv)

    files = [f for f in args.files.split(",") if f]
    articles = read_sgml_files(args.sgml_dir, files)
    print(f"{len(articles):,} articles with a body in {len(files)} file(s); ingesting with {args.workers} worker(s)",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="diplograph-reuters-") as folder:
        report, graph, timing = run_ingest(articles, Path(folder), args.workers)
    print_table(summary(articles, report, graph, timing))
    if args.sample:
        file_of = {a.id: a.file for a in articles}
        allowed = {f for f in args.sample_files.split(",") if f} - (set(ALL_FILES) - set(SAMPLE_FILES))
        for n, event in enumerate(sample_meetings(graph, file_of, allowed, args.sample, args.seed), 1):
            print(describe(event, graph, n))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
