"""Draw the benchmark results (the JSON `bench.run` writes) as one PNG."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

QUERY_NAMES = ("meetings_by_actor", "counterparts", "representation", "event_detail", "shortest_connection")
STORE_STYLE = {"embedded": "-", "neo4j": "--"}
STORE_MARKER = {"embedded": "o", "neo4j": "s"}


def _series(parts: list[dict[str, Any]], store: str, value) -> tuple[list[int], list[float]]:
    xs, ys = [], []
    for p in sorted((p for p in parts if p["store"] == store), key=lambda p: p["events"]):
        y = value(p)
        if y is not None:
            xs.append(p["events"])
            ys.append(y)
    return xs, ys


def plot(results: dict[str, Any], out: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    parts = results.get("scales", [])
    stores = sorted({p["store"] for p in parts})
    fig, axes = plt.subplots(2, 2, figsize=(13, 9.5))
    colors = dict(zip(QUERY_NAMES, plt.rcParams["axes.prop_cycle"].by_key()["color"]))

    ax = axes[0][0]
    for store in stores:
        for q in QUERY_NAMES:
            xs, ys = _series(parts, store, lambda p, q=q: p.get("queries", {}).get(q, {}).get("p99_ms"))
            if xs:
                ax.plot(xs, ys, STORE_STYLE.get(store, "-"), marker=STORE_MARKER.get(store, "o"), color=colors[q],
                        label=f"{q} ({store})")
    ax.axhline(50, color="grey", linewidth=0.8, linestyle=":")
    ax.text(ax.get_xlim()[0] if parts else 1, 50, " 50 ms floor (meetings, Neo4j, 1M)", fontsize=7, va="bottom",
            color="grey")
    ax.set(xscale="log", yscale="log", xlabel="events in the graph", ylabel="p99 latency (ms)",
           title="Query latency, p99 (raw store call)")
    ax.legend(fontsize=6.5, ncol=2)
    ax.grid(True, which="both", alpha=0.3)

    ax = axes[0][1]
    for store in stores:
        for q in QUERY_NAMES:
            xs, ys = _series(parts, store, lambda p, q=q: p.get("queries", {}).get(q, {}).get("p50_ms"))
            if xs:
                ax.plot(xs, ys, STORE_STYLE.get(store, "-"), marker=STORE_MARKER.get(store, "o"), color=colors[q],
                        label=f"{q} ({store})")
    ax.set(xscale="log", yscale="log", xlabel="events in the graph", ylabel="p50 latency (ms)",
           title="Query latency, p50 (raw store call)")
    ax.grid(True, which="both", alpha=0.3)

    ax = axes[1][0]
    for store in stores:
        xs, ys = _series(parts, store, lambda p: p.get("load", {}).get("facts_per_s"))
        if xs:
            ax.plot(xs, ys, STORE_STYLE.get(store, "-"), marker=STORE_MARKER.get(store, "o"),
                    label=f"load, facts/s ({store})")
        xs, ys = _series(parts, store, lambda p: p.get("api", {}).get("load", {}).get("rps"))
        if xs:
            ax.plot(xs, ys, STORE_STYLE.get(store, "-"), marker="^", label=f"API requests/s ({store})")
    ax.axhline(20_000, color="grey", linewidth=0.8, linestyle=":")
    ax.set(xscale="log", yscale="log", xlabel="events in the graph", ylabel="per second",
           title="Throughput: batched load (facts/s) and API under load (requests/s)")
    ax.legend(fontsize=7)
    ax.grid(True, which="both", alpha=0.3)

    ax = axes[1][1]
    ingest = results.get("ingest")
    if ingest:
        labels, values = [], []
        for key, label in (("spacy_1p", "spaCy\n1 proc"), ("spacy_2p", "spaCy\n2 procs"),
                           ("ingest_1w", "ingest\n1 worker"), ("ingest_2w", "ingest\n2 workers")):
            if key in ingest:
                labels.append(label)
                values.append(ingest[key]["articles_per_s"])
        bars = ax.bar(labels, values, color=["#999999", "#bbbbbb", "#1f77b4", "#2ca02c"][: len(values)])
        for bar, key in zip(bars, ("spacy_1p", "spacy_2p", "ingest_1w", "ingest_2w")):
            ax.annotate(f"{ingest[key]['words_per_s']:,} words/s", (bar.get_x() + bar.get_width() / 2,
                                                                    bar.get_height()),
                        ha="center", va="bottom", fontsize=7)
        ax.set(ylabel="articles/s", title=f"Extraction: {ingest['articles']} articles of "
                                          f"~{ingest['words_per_article']} words")
    else:
        ax.text(0.5, 0.5, "no extraction run in these results", ha="center", va="center")
        ax.set_axis_off()

    m = results.get("machine", {})
    fig.suptitle(f"diplograph benchmarks — {m.get('cpus', '?')} cores, {m.get('memory_gib', '?')} GiB, "
                 f"{m.get('cpu', '')}", fontsize=10)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Plot benchmark results JSON as a PNG.")
    parser.add_argument("results", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or args.results.with_suffix(".png")
    plot(json.loads(args.results.read_text()), out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
