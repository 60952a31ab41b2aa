"""`diplograph evaluate` as a user runs it (Typer's CliRunner), on the seeds: small and fast."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.cli import app
from diplograph.evaluation import kit
from diplograph.evaluation.exported import load_export
from diplograph.evaluation.gold import load_gold
from diplograph.evaluation.score import FIGURES, score_export

runner = CliRunner()
SEEDS = ["evaluate", str(kit.SEEDS.corpus), "--gold", str(kit.SEEDS.gold), "--no-progress"]


def run(*args: str | Path) -> tuple[int, str, str]:
    """Exit code, standard output, standard error; an exception other than an exit fails the test."""
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_the_table_and_the_json_give_the_scorer_s_figures_for_the_export_kept(tmp_path: Path) -> None:
    export = tmp_path / "seeds.json"
    code, table, _ = run(*SEEDS, "--export", export)
    assert code == 0, table
    scores = score_export(load_export(export), load_gold([kit.SEEDS.gold]))
    assert table.rstrip().endswith(scores.headline())
    for name in ("meeting_{p,r,f1}", "pair_{p,r,f1}", "date_acc", "location_acc", "negatives_hit", "Missed: "):
        assert name in table

    code, output, _ = run(*SEEDS, "--json")
    assert code == 0
    document = json.loads(output)
    assert document["figures"] == pytest.approx(scores.as_dict()) and set(document["figures"]) == set(FIGURES)
    assert document["articles"] == 5 and set(document["diff"]) == {"missed", "spurious", "wrong"}


def test_a_figure_out_of_bounds_fails_the_run_naming_it() -> None:
    code, output, errors = run(*SEEDS, "--no-diff", "--min", "meeting_f1=1.01", "--max", "negatives_hit=-1",
                               "--min", "pair_f1=0")
    assert code == 1
    assert "meeting_f1 = " in errors and "below the minimum 1.01" in errors
    assert "negatives_hit = " in errors and "above the maximum -1" in errors
    assert "pair_f1" not in errors
    assert "Missed:" not in output  # --no-diff: totals only


def test_several_corpora_and_gold_files_are_scored_at_once(tmp_path: Path) -> None:
    export = tmp_path / "both.json"
    code, output, errors = run("evaluate", kit.SEEDS.corpus, kit.SAMPLES.corpus, "--gold", kit.SEEDS.gold,
                               "--gold", kit.SAMPLES.gold, "--json", "--no-diff", "--no-progress", "--export", export)
    assert code == 0, errors
    document = json.loads(output)
    assert document["articles"] == 13 and document["diff"] is None
    merged = score_export(load_export(export), load_gold([kit.SEEDS.gold, kit.SAMPLES.gold]))
    assert document["figures"] == pytest.approx(merged.as_dict())


@pytest.mark.parametrize(("args", "message"), [
    (["evaluate", "no/such/corpus", "--gold", kit.SEEDS.gold], "no such corpus: no/such/corpus"),
    (["evaluate", kit.SEEDS.corpus, "--gold", kit.SEEDS.corpus / "manifest.jsonl"], "not JSON"),
    (["evaluate", kit.SEEDS.corpus, "--gold", "missing.json"], "missing.json: no such gold file"),
    (["evaluate", kit.SEEDS.corpus, "--gold", kit.SEEDS.gold, "--min", "recall=1"], "no figure is called 'recall'"),
    (["evaluate", kit.SEEDS.corpus], "Missing option '--gold'"),
])
def test_bad_input_is_a_clear_usage_error(args: list[str | Path], message: str) -> None:
    code, output, errors = run(*args)
    assert code == 2
    assert message in " ".join(errors.split()) and "Traceback" not in output + errors


def test_help_teaches() -> None:
    code, output, _ = run("evaluate", "--help")
    assert code == 0
    for taught in ("--gold", "--min", "--max", "--json", "--export", "--no-diff", "--workers", "pair_f1",
                   "eval/corpus/dev-a", "Exit codes"):
        assert taught in output
