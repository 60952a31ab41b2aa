"""No value is ever string-built into Cypher: a static check over the whole code base.

Every expression that builds text with Cypher clauses in it (f-strings, `+`,
`%`, `.format`, `.join`), and every query handed to the driver (`.run`,
`.execute_query`), may only interpolate constants: module-level UPPER_CASE
names, literals, and the few local names listed in `REVIEWED` (each built
from fixed fragments, with the reason). A new interpolation fails this test
until someone has looked at it. `test_hostile_api.py` checks the same thing at
run time: no hostile value ever appears in the Cypher text sent to Neo4j.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.reliability.neo4j_instance import ROOT

PACKAGES = ("app", "graph_schema", "ingest", "diplograph")
CYPHER = re.compile(r"\b(MATCH|MERGE|UNWIND|RETURN|CREATE|DELETE|CALL|WHERE|SET|REMOVE|LIMIT)\b")
DRIVER_CALLS = {"run", "execute_query", "execute_read", "execute_write"}

# (file, local name) -> why it cannot carry a value
REVIEWED = {
    ("graph_schema/stores/neo4j/writes.py", "label"): "a node label from the fixed kind and section tables",
    ("graph_schema/stores/neo4j/reads.py", "hops"): "an int from range(1, MAX_HOPS + 1): one query text per depth",
    ("graph_schema/stores/neo4j/store.py", "match"): "from event_filter: fixed fragments chosen by which filters are set",
    ("graph_schema/stores/neo4j/reads.py", "start"): "event_filter: one of five fixed MATCH fragments",
    ("graph_schema/stores/neo4j/reads.py", "where"): "event_filter: a list of fixed condition fragments",
    ("graph_schema/stores/neo4j/reads.py", "key"): "a property name from the fixed tables of the key-paged queries",
    ("graph_schema/stores/neo4j/reads.py", "rep_key"): "a property name from ACTOR_EVENTS_PAGE's fixed table",
    ("graph_schema/stores/neo4j/reads.py", "total"): "a fixed Cypher fragment or property name from the key-paged "
                                                       "queries' tables",
    ("graph_schema/stores/neo4j/reads.py", "rel"): "a relationship type from GROUP_KEYED_PAGE's fixed table",
    ("graph_schema/stores/neo4j/writes.py", "rel"): "a relationship type from the fixed SUMMARIES table",
}


def _python_files() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def _literal_text(node: ast.AST) -> str:
    return " ".join(n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def _untrusted_names(node: ast.AST, file: str) -> list[str]:
    """Names in `node` that are neither UPPER_CASE constants, attributes of them, nor reviewed."""
    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and not n.id.lstrip("_").isupper() and (file, n.id) not in REVIEWED:
            out.append(n.id)
        elif isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self":
            out.append(f"self.{n.attr}")
    return out


def _dynamic_parts(node: ast.AST) -> list[ast.AST]:
    """The parts of a text-building expression that are not literal text."""
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return [side for side in (node.left, node.right) if not isinstance(side, ast.Constant)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"format", "join"}:
        return [*node.args, *(k.value for k in node.keywords)]
    return []


def string_built_cypher() -> list[str]:
    problems = []
    for path in _python_files():
        file = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            candidates: list[ast.AST] = []
            if isinstance(node, ast.JoinedStr | ast.BinOp | ast.Call) and CYPHER.search(_literal_text(node)):
                candidates.append(node)
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in DRIVER_CALLS and node.args):
                candidates.append(node.args[0])
            for candidate in candidates:
                for part in _dynamic_parts(candidate):
                    for name in _untrusted_names(part, file):
                        problems.append(f"{file}:{candidate.lineno}: {name!r} in "
                                        f"{ast.get_source_segment(source, candidate)[:120]!r}")
    return sorted(set(problems))


def test_no_value_is_string_built_into_cypher() -> None:
    assert string_built_cypher() == []


def test_the_check_catches_a_value_pasted_into_cypher(tmp_path: Path, monkeypatch) -> None:
    """The scanner itself works: each way of pasting a value into a query is reported."""
    bad = tmp_path / "app" / "bad.py"
    bad.parent.mkdir()
    bad.write_text(
        "def a(tx, actor_id):\n    tx.run(f\"MATCH (a:Actor {{id: '{actor_id}'}}) RETURN a\")\n"
        "def b(tx, name):\n    tx.run(\"MATCH (a:Actor) WHERE a.name = '\" + name + \"' RETURN a\")\n"
        "def c(tx, q):\n    tx.run(\"MATCH (a) WHERE a.id = '%s' RETURN a\" % q)\n"
        "def d(tx, q):\n    tx.run(\"MATCH (a) WHERE a.id = '{}' RETURN a\".format(q))\n"
        "def e(tx, q):\n    query = f'MATCH (a {{id: \"{q}\"}}) RETURN a'\n    tx.run(query)\n"
        "def f(tx, q):\n    tx.run('MATCH (a {id: $q}) RETURN a', q=q)\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["x"]), "ROOT", tmp_path)
    found = string_built_cypher()
    for name in ("actor_id", "name", "'q'"):
        assert any(name in problem for problem in found), (name, found)
    assert {int(p.split(":")[1]) for p in found} == {2, 4, 6, 8, 10}  # not line 13, the parameterised one
