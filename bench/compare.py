"""Two runs of one store at one scale side by side: the before/after table of a change.

    python -m bench.compare before.json after.json     # parts written by `bench.stores_bench --out`

Prints a markdown table: each query's p50 / p99 / p99.9 / max ms, the API under
load (requests/s, p99, max, errors) and the reopen figures, before and after.
Runs on a shared machine are noisy: measure before and after back to back.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench.report import latency_cell


def rows(before: dict[str, Any], after: dict[str, Any]) -> list[list[str]]:
    out = []
    for name in after.get("queries", {}):
        old = before.get("queries", {}).get(name)
        out.append([name, latency_cell(old) if old else "-", latency_cell(after["queries"][name])])
    loads = [part.get("api", {}).get("load") for part in (before, after)]
    if all(loads):
        out.append(["API load: req/s, p99 / max ms, errors",
                    *[f"{x['rps']:.0f}, {x['p99_ms']:.1f} / {x.get('max_ms', float('nan')):.1f}, {x['errors']}"
                      for x in loads]])
    reloads = [part.get("reload") for part in (before, after)]
    if all(reloads):
        out.append(["reopen s + first query s", *[f"{r['open_s']:.2f} + {r['first_query_s']:.3f}" for r in reloads]])
        for name in reloads[1].get("first_call_ms", {}):
            out.append([f"first call after reopen, {name} ms",
                        *[f"{r.get('first_call_ms', {}).get(name, float('nan')):.1f}" for r in reloads]])
    return out


def markdown(before: dict[str, Any], after: dict[str, Any]) -> str:
    title = f"{after['events']:,} events, {after['store']} (p50 / p99 / p99.9 / max ms)"
    lines = [f"| {title} | before | after |", "|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in rows(before, after)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Before/after table of two bench.stores_bench parts.")
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    print(markdown(json.loads(args.before.read_text()), json.loads(args.after.read_text())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
