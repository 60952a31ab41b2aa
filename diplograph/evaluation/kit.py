"""Where the evaluation kit lives in the repository: corpora, gold files and the reference scorer.

Every test, benchmark and document takes these paths from here, so a fresh
clone runs every evaluation with nothing beside it (`eval/README.md`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = ROOT / "eval"
CORPUS_DIR = EVAL_DIR / "corpus"
GOLD_DIR = EVAL_DIR / "gold"
REFERENCE_SCORER = EVAL_DIR / "reference" / "score.py"
SAMPLES_DIR = ROOT / "samples"


@dataclass(frozen=True, slots=True)
class EvaluationSet:
    """A folder of articles and the gold file that annotates them."""

    name: str
    corpus: Path
    gold: Path

    @property
    def present(self) -> bool:
        """Both the articles and the gold are in the tree (corpora being written may lack one)."""
        return self.corpus.is_dir() and self.gold.is_file()


def kit_set(name: str) -> EvaluationSet:
    """The set `eval/corpus/NAME` annotated by `eval/gold/NAME.json`."""
    return EvaluationSet(name, CORPUS_DIR / name, GOLD_DIR / f"{name}.json")


SEEDS = kit_set("seeds")  # five articles on the 28 May 2007 US-Iran talks in Baghdad
DEV = kit_set("dev")  # 16 real articles, 1988-2024
DEV_A = kit_set("dev-a")  # 17 more: Europe, Russia and the Caucasus, the Middle East, North America, 1986-2023
DEV_B = kit_set("dev-b")  # 18 more: Africa, Asia, Latin America, Oceania, international bodies, 1987-2025
BLIND = kit_set("blind")  # 20 articles no rule is tuned against: scored, only totals read
SAMPLES = EvaluationSet("samples", SAMPLES_DIR, SAMPLES_DIR / "expected.json")  # the project's own samples


def present_sets() -> list[EvaluationSet]:
    """The samples and every `eval/gold/*.json` whose corpus folder is present, by name."""
    kit = [kit_set(gold.stem) for gold in sorted(GOLD_DIR.glob("*.json"))]
    return [SAMPLES, *(s for s in kit if s.present)]
