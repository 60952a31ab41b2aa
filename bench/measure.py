"""Timing and memory instruments shared by the benchmarks."""
from __future__ import annotations

import math
import os
import statistics
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Self

import psutil


@dataclass(frozen=True, slots=True)
class Latency:
    """Latencies of one operation in milliseconds."""

    n: int
    p50: float
    p90: float
    p99: float
    max: float
    mean: float
    p999: float = math.nan  # meaningful from 1,000 samples on (below, nearest rank gives the maximum)

    def as_dict(self) -> dict[str, float]:
        return {"n": self.n, "p50_ms": self.p50, "p90_ms": self.p90, "p99_ms": self.p99, "p999_ms": self.p999,
                "max_ms": self.max, "mean_ms": self.mean}


def percentile(sorted_values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method: an observed value, never interpolated."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(round(q / 100 * len(sorted_values), 9)))  # 99.9% of 1000: 999
    return sorted_values[rank - 1]


def summarise(seconds: Iterable[float]) -> Latency:
    ms = sorted(s * 1000 for s in seconds)
    if not ms:
        return Latency(0, math.nan, math.nan, math.nan, math.nan, math.nan)
    r = lambda v: round(v, 3)
    return Latency(len(ms), r(percentile(ms, 50)), r(percentile(ms, 90)), r(percentile(ms, 99)), r(ms[-1]),
                   r(statistics.fmean(ms)), r(percentile(ms, 99.9)))


def time_calls(fn: Callable[[object], object], args: list[object], warm_up: Iterable[object] = ()) -> Latency:
    """Call `fn` on each of `warm_up` untimed, then once per arg, timed; summarise the latencies. Warm-up
    targets should be none of `args`, so no timed call is answered from what the warm-up just read."""
    for arg in warm_up:
        fn(arg)
    times = []
    for arg in args:
        t0 = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - t0)
    return summarise(times)


class PeakMemory:
    """Highest resident memory (RSS) of some processes while the block runs, sampled every 20 ms."""

    def __init__(self, pids: Iterable[int] = (), interval: float = 0.02):
        self.pids = list(pids) or [os.getpid()]
        self.interval = interval
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        procs = []
        for pid in self.pids:
            try:
                procs.append(psutil.Process(pid))
            except psutil.NoSuchProcess:
                pass
        while True:
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                if rss > self.peak.get(p.pid, 0):
                    self.peak[p.pid] = rss
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def mib(self, pid: int | None = None) -> float:
        value = self.peak.get(pid if pid is not None else self.pids[0], 0)
        return round(value / 2**20, 1)


def rss_mib(pid: int | None = None) -> float:
    return round(psutil.Process(pid or os.getpid()).memory_info().rss / 2**20, 1)


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    import platform

    info: dict[str, object] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return info
