"""The reliability figures, measured several times over: one table for docs/reliability.md.

    .venv/bin/python -m bench.reliability                     # 3 runs of each fault test, 10,000 answers
    .venv/bin/python -m bench.reliability --runs 1 --answers 2000   # what CI does, once

Runs the fault and load tests of `tests/reliability/` (frozen Neo4j, killed writer, SIGKILLed embedded
saves, the looping writer, load under an ingest) `--runs` times each with pytest, reads the figures
they record (`record_property`, through `--junitxml`) and prints, per figure, its range over the runs.
Neo4j: the instance at `NEO4J_URI` (the suite's rules apply: the fault tests start their own throwaway
instances). Takes minutes; not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = [
    "tests/reliability/test_neo4j_faults.py::test_a_frozen_neo4j_gets_503_within_the_query_timeout_and_the_api_recovers_by_itself",
    ("tests/reliability/test_neo4j_faults.py::"
     "test_a_writer_killed_mid_write_loses_its_lease_within_10_s_and_the_next_write_says_for_whom_it_waits"),
    "tests/reliability/test_embedded_crash.py",
    "tests/reliability/test_load.py",
]


def run_once(answers: int, out: Path) -> dict[str, dict[str, str]]:
    """One pytest run of the tests; test id -> figure name -> value. A failed test is reported as such."""
    env = {**os.environ, "RELIABILITY_WHOLE_ANSWERS": str(answers)}
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=legacy",
                    f"--junitxml={out}", *TESTS],
                   cwd=ROOT, env=env, check=False)
    figures: dict[str, dict[str, str]] = {}
    for case in ET.parse(out).getroot().iter("testcase"):
        name = case.get("name", "")
        found = {p.get("name", ""): p.get("value", "") for p in case.iter("property")}
        if case.find("failure") is not None or case.find("error") is not None:
            found["outcome"] = "FAILED"
        figures[name] = found
    return figures


def table(runs: list[dict[str, dict[str, str]]]) -> str:
    ranges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for figures in runs:
        for test, found in figures.items():
            for name, value in found.items():
                ranges[test, name].append(value)
    lines = ["| test | figure | runs | min | max |", "| --- | --- | --- | --- | --- |"]
    for (test, name), values in sorted(ranges.items()):
        try:
            numbers = sorted(float(v) for v in values)
            low, high = f"{numbers[0]:g}", f"{numbers[-1]:g}"
        except ValueError:
            low = high = ", ".join(sorted(set(values)))
        lines.append(f"| {test} | {name} | {len(values)} | {low} | {high} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--answers", type=int, default=10_000,
                        help="answers the looping-writer test checks per store (CI: 2,000)")
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            runs.append(run_once(args.answers, Path(tmp) / f"run-{n}.xml"))
    print(table(runs))
    return 1 if any(f.get("outcome") == "FAILED" for run in runs for f in run.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
