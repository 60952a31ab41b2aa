"""What `diplograph evaluate` prints: the figures as a table, the per-meeting diff, or one JSON document."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from diplograph.evaluation.diff import Evidence, MeetingDiff
from diplograph.evaluation.score import Scores, format_figure

# (what the row measures, the figures' common prefix) for figures with precision, recall and F1
RATED = (("meetings", "meeting"), ("who met whom (person pairs)", "pair"), ("participants", "participant"),
         ("representation (person for state)", "representation"), ("persons", "person"), ("states", "state"))
# (what the row measures, the figure's name) for figures with one value
SINGLE = (("date accuracy", "date_acc"), ("place accuracy", "location_acc"), ("source recall", "source_recall"),
          ("person affiliation accuracy", "affiliation_acc"), ("person title accuracy", "title_acc"),
          ("duplicate meetings", "meeting_duplicates"), ("spurious meetings", "meeting_spurious"),
          ("duplicate persons", "person_duplicates"), ("duplicate states", "state_duplicates"),
          ("furniture names as actors", "negatives_hit"))


def scores_table(scores: Scores, title: str) -> Table:
    """One row per figure; the last column gives the names `--min`, `--max` and `--json` use."""
    figures = scores.as_dict()
    table = Table(title=title, title_justify="left")
    table.add_column("figure")
    table.add_column("precision", justify="right")
    table.add_column("recall", justify="right")
    table.add_column("F1 / value", justify="right")
    table.add_column("name", style="dim")
    for label, prefix in RATED:
        table.add_row(label, format_figure(figures[f"{prefix}_p"]), format_figure(figures[f"{prefix}_r"]),
                      format_figure(figures[f"{prefix}_f1"]), f"{prefix}_{{p,r,f1}}")
    for label, name in SINGLE:
        table.add_row(label, "", "", format_figure(figures[name]), name)
    return table


def print_diff(diff: MeetingDiff, required_meetings: int, console: Console) -> None:
    """The missed meetings with the sentences that state them, the spurious events with their quotes, and the
    wrong facts of matched meetings, expected beside found."""
    console.print(Text(f"Missed: {len(diff.missed)} of {required_meetings} required gold meetings", style="bold"))
    for missed in diff.missed:
        console.print(Text(f"  - {missed.meeting}: {', '.join(missed.participants)}; {missed.date}"))
        if not missed.sentences:
            console.print(Text(f"      no sentence names two of them; read {', '.join(missed.articles)}",
                               style="dim"))
        if missed.reported_as:
            console.print(Text(f"      reported as {', '.join(missed.reported_as)}", style="dim"))
        _print_evidence(missed.sentences, console)
    console.print(Text(f"Spurious or duplicate events: {len(diff.spurious)}", style="bold"))
    for event in diff.spurious:
        why = f" (duplicate of {event.duplicate_of})" if event.duplicate_of else ""
        console.print(Text(f"  + {event.event}{why}: {', '.join(event.participants) or 'no participants'}; "
                           f"{event.date or 'no date'}"))
        _print_evidence(event.sources, console)
    console.print(Text(f"Wrong facts in matched meetings: {len(diff.wrong)}", style="bold"))
    for fact in diff.wrong:
        console.print(Text(f"  ~ {fact.meeting} ({fact.event}) {fact.fact}: expected {fact.expected}; "
                           f"found {fact.found}"))


def report_document(scores: Scores, diff: MeetingDiff | None, *, corpora: Sequence[Path], gold: Sequence[Path],
                    articles: int, failures: Sequence[dict[str, str]], breaches: Sequence[str]) -> dict[str, Any]:
    """The `--json` document: figures under the reference scorer's names, the diff, and what was scored."""
    return {"corpora": [str(p) for p in corpora], "gold": [str(p) for p in gold], "articles": articles,
            "figures": scores.as_dict(), "diff": diff.as_dict() if diff is not None else None,
            "failures": list(failures), "out_of_bounds": list(breaches)}


def _print_evidence(passages: Sequence[Evidence], console: Console) -> None:
    for passage in passages:
        console.print(Text(f"      {passage.article}: “{passage.text}”", style="dim"))
