"""Gold files: read, merged across files, and refused with a message naming the file when they do not hold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.evaluation import kit
from diplograph.evaluation.gold import GoldError, load_gold, merge_gold_documents


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_the_kit_gold_files_load() -> None:
    for evaluation in kit.present_sets():
        gold = load_gold([evaluation.gold])
        assert gold.required_meetings, evaluation.name


def test_several_files_merge_actors_by_id_and_concatenate_meetings_and_negatives(tmp_path: Path) -> None:
    first = {"actors": [{"id": "kohl", "kind": "person", "names": ["Helmut Kohl"]}],
             "negatives": ["Share"],
             "meetings": [{"id": "m1", "participants": [{"actor": "kohl"}], "sources": ["a1"]}]}
    second = {"actors": [{"id": "kohl", "kind": "person", "names": ["Kohl", "Helmut Kohl"]},
                         {"id": "gorbachev", "kind": "person", "names": ["Gorbachev"]}],
              "negatives": ["Advertisement"],
              "meetings": [{"id": "m2", "participants": [{"actor": "kohl"}, {"actor": "gorbachev"}],
                            "sources": ["a2"]}]}
    gold = load_gold([write(tmp_path / "a.json", first), write(tmp_path / "b.json", second)])
    assert gold.actors["kohl"].names == ("Helmut Kohl", "Kohl")
    assert set(gold.actors) == {"kohl", "gorbachev"}
    assert [m.id for m in gold.meetings] == ["m1", "m2"]
    assert gold.negatives == ("Share", "Advertisement")
    assert merge_gold_documents([first])["actors"] == first["actors"]


def test_bad_gold_is_refused_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    with pytest.raises(GoldError, match="none.json: no such gold file"):
        load_gold([missing])
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match="bad.json: not JSON"):
        load_gold([tmp_path / "bad.json"])
    with pytest.raises(GoldError, match="not a gold file"):
        load_gold([write(tmp_path / "list.json", [1, 2])])
    unknown = {"actors": [], "meetings": [{"id": "m", "participants": [{"actor": "ghost"}]}]}
    with pytest.raises(GoldError, match="ghost"):
        load_gold([write(tmp_path / "ghost.json", unknown)])
    twice = {"actors": [], "meetings": [{"id": "m", "participants": []}]}
    with pytest.raises(GoldError, match="two gold meetings have the id 'm'"):
        load_gold([write(tmp_path / "x.json", twice), write(tmp_path / "y.json", twice)])
    with pytest.raises(GoldError, match="no gold file"):
        load_gold([])
