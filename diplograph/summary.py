"""The closing summary `diplograph ingest` prints: counts, then every failure by file with its reason."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from ingest.pipeline import IngestReport

# exit codes of `diplograph ingest` and `diplograph export` (documented in their --help)
EXIT_OK = 0
EXIT_ARTICLES_FAILED = 1
EXIT_USAGE = 2
EXIT_STORE_UNAVAILABLE = 3


def exit_code(report: IngestReport) -> int:
    """3 when the store was unavailable (a re-run completes the batch), 1 when any article failed, else 0."""
    if report.store_unavailable:
        return EXIT_STORE_UNAVAILABLE
    if not report.ok:
        return EXIT_ARTICLES_FAILED
    return EXIT_OK


def render_report(report: IngestReport, console: Console) -> None:
    """Print the summary table, the failures, the encodings assumed and the duplicates skipped."""
    totals = Table(title="Ingest summary", show_header=False, title_justify="left")
    totals.add_column("what")
    totals.add_column("count", justify="right")
    totals.add_row("articles read", str(report.read))
    totals.add_row("  stored (new or changed)", str(report.new))
    totals.add_row("  unchanged", str(report.unchanged))
    totals.add_row("  duplicates skipped", str(len(report.duplicates)))
    totals.add_row("actors", str(report.actors) if report.graph_updated else "-")
    totals.add_row("events", str(report.events) if report.graph_updated else "-")
    totals.add_row("facts", str(report.facts) if report.graph_updated else "-")
    totals.add_row("graph writes (created/updated/deleted)",
                   f"{report.write.created}/{report.write.updated}/{report.write.deleted}")
    totals.add_row("errors", str(report.failed + len(report.errors)),
                   style="bold red" if not report.ok else None)
    totals.add_row("time", f"{report.duration_s:.1f} s")
    console.print(totals)
    if report.failures:
        failures = Table(title="Not ingested", title_justify="left")
        failures.add_column("file")
        failures.add_column("stage")
        failures.add_column("reason", overflow="fold")
        for failure in report.failures:
            failures.add_row(_display_name(failure.source), failure.stage, failure.reason)
        console.print(failures)
    if report.encodings:
        encodings = Table(title="Encodings assumed (not UTF-8)", title_justify="left")
        encodings.add_column("file")
        encodings.add_column("encoding")
        for source, encoding in sorted(report.encodings.items()):
            encodings.add_row(_display_name(source), encoding)
        console.print(encodings)
    if report.duplicates:
        duplicates = Table(title="Duplicates skipped (already read in this batch)", title_justify="left")
        duplicates.add_column("file")
        duplicates.add_column("reason", overflow="fold")
        for duplicate in report.duplicates:
            duplicates.add_row(_display_name(duplicate.source), duplicate.reason)
        console.print(duplicates)
    for error in report.errors:
        console.print(f"[bold red]error:[/] {error}", highlight=False)
    if report.store_unavailable:
        console.print("Run the same command again when the store is back: it completes the batch.")


def _display_name(source: str) -> str:
    """The file's name, plus `:LINE` for a JSON-lines record."""
    path, sep, line = source.rpartition(":")
    if sep and line.isdigit():
        return f"{Path(path).name}:{line}"
    return Path(source).name or source
