"""Extraction for a batch: in this process, helped by worker processes when asked for more than one.

With `workers=N` the calling process is one of the N: it extracts articles
itself from the first moment, while N-1 *spawned* workers start (spawn, import
spaCy, load the model: about 2 CPU seconds each). A worker gets articles only
once it has said it is ready, and never more than two chunks ahead, so nobody
waits for a worker that is still loading, and the last chunks are small so the
processes finish together. The calling process does its store writes between
its own chunks; it is never a third process competing for two cores.

Workers are spawned, not forked: the parent may hold driver sockets and a
progress thread. A worker that dies fails the articles of its chunk only; the
rest are extracted here.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ingest.read import ArticleText

log = logging.getLogger("diplograph.ingest")

CHUNK_MAX = 8  # articles extracted at once: spaCy batches over them; small enough to spread evenly
WORKERS_FROM = 16  # fewer articles than this take about as long as a worker's start-up: no worker is started
AHEAD = 2  # chunks given to a ready worker at once: one running, one waiting, so it never idles
PARENT_EXTRACTS = True  # the calling process extracts too (False: it only hands out work; tests use it)

Item = tuple[int, ArticleText]
Result = tuple[int, dict | None, str | None]  # (index, payload, error)


def init_worker(model: str) -> None:
    """Process-pool initializer: load spaCy and the extractor once per process, and leave Ctrl-C to the parent."""
    import signal

    import ingest.extract  # noqa: F401 - imported here so the first chunk does not pay for it
    from ingest.analyze import load_nlp

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_nlp(model)


def worker_ready() -> int:
    """A no-op task: its result means a worker has finished its initializer."""
    return os.getpid()


def extract_chunk(chunk: list[Item], model: str) -> list[Result]:
    """Extract a few articles (spaCy batched over them); an error in one is that article's failure only."""
    from ingest.analyze import analyze, analyze_many, load_nlp
    from ingest.extract import extract

    nlp = load_nlp(model)
    try:
        documents = list(analyze_many([item for _, item in chunk], nlp)) if len(chunk) > 1 else None
    except Exception:  # noqa: BLE001 - one bad article spoils a batch; analyse them one by one instead
        documents = None
    out: list[Result] = []
    for n, (index, item) in enumerate(chunk):
        try:
            document = documents[n] if documents is not None else analyze(item, nlp)
            out.append((index, extract(document).to_payload(), None))
        except Exception as exc:  # noqa: BLE001 - any error in one article is reported for that article
            out.append((index, None, f"{type(exc).__name__}: {exc}"))
    return out


def chunk_size(remaining: int, processes: int) -> int:
    """Chunks shrink towards the end of the batch, so no process is left with a long last chunk."""
    return max(1, min(CHUNK_MAX, remaining // (processes * 2)))


def extractions(todo: list[Item], model: str, workers: int) -> Iterator[Result]:
    """Extraction results as they are ready, in no particular order (the graph does not depend on it)."""
    if not todo:
        return
    helpers = workers - 1 if PARENT_EXTRACTS else workers
    if workers <= 1 or len(todo) < WORKERS_FROM or helpers < 1:
        for start in range(0, len(todo), CHUNK_MAX):
            yield from extract_chunk(todo[start:start + CHUNK_MAX], model)
        return
    yield from _with_helpers(deque(todo), model, workers, helpers)


def _with_helpers(queue: deque[Item], model: str, processes: int, helpers: int) -> Iterator[Result]:
    context = multiprocessing.get_context("spawn")  # no fork of a parent holding driver sockets and threads
    pool = ProcessPoolExecutor(max_workers=helpers, mp_context=context, initializer=init_worker, initargs=(model,))
    probes: set[Future] = {pool.submit(worker_ready) for _ in range(helpers)}
    running: dict[Future, list[Item]] = {}
    ready = 0
    broken = False
    finished = False

    def take() -> list[Item]:
        return [queue.popleft() for _ in range(chunk_size(len(queue), processes))]

    try:
        while queue or running:
            for probe in [p for p in probes if p.done()]:
                probes.discard(probe)
                if probe.exception() is None:
                    ready += 1
                else:  # the pool is broken (a worker failed to start): this process does the rest
                    broken = True
                    log.warning("worker.unavailable", extra={"reason": f"{probe.exception()!r}"})
            for future in [f for f in running if f.done()]:
                yield from _chunk_results(future, running.pop(future))
            while queue and not broken and len(running) < AHEAD * ready:
                chunk = take()
                try:
                    running[pool.submit(extract_chunk, chunk, model)] = chunk
                except BrokenProcessPool:  # a worker died: this process does the rest
                    queue.extendleft(reversed(chunk))
                    broken = True
            if queue and (PARENT_EXTRACTS or broken):
                yield from extract_chunk(take(), model)
            elif running or (queue and probes):
                wait([*running, *probes], return_when=FIRST_COMPLETED)
        finished = True
    finally:
        _stop(pool, finished and not probes)


def _chunk_results(future: Future, chunk: list[Item]) -> Iterator[Result]:
    try:
        yield from future.result()
    except BrokenProcessPool as exc:
        reason = f"worker process died: {exc}"
        yield from ((i, None, reason) for i, _ in chunk)
    except Exception as exc:  # noqa: BLE001 - e.g. the model failed to load in the worker
        reason = f"{type(exc).__name__}: {exc}"
        yield from ((i, None, reason) for i, _ in chunk)


def _stop(pool: ProcessPoolExecutor, idle: bool) -> None:
    """Let idle workers exit on their own, without waiting for them; stop any still loading or working.

    Nothing is waited for: the graph is resolved while the workers exit. A worker
    still loading spaCy (the batch was done first) or working on a chunk nobody
    will read (the store went away) is terminated, as Python 3.14's
    `terminate_workers()` does.
    """
    processes = [] if idle else list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
