"""How the Neo4j store's writes are cut into transactions (no server needed)."""
from __future__ import annotations

from graph_schema.stores.neo4j.writes import Unit, transactions


def _unit(name: str, rows: int, concurrent: bool = False) -> Unit:
    return Unit(lambda: [(name, {"rows": list(range(rows))})], concurrent)


def test_units_stay_whole_in_order_and_fill_transactions_up_to_the_batch_size() -> None:
    txs = list(transactions([_unit("a", 3), _unit("b", 3), _unit("c", 5), _unit("d", 1)], batch_size=6))
    assert [[q for q, _ in t.statements] for t in txs] == [["a", "b"], ["c", "d"]]
    assert not any(t.concurrent for t in txs)


def test_units_that_may_run_side_by_side_never_share_a_transaction_with_one_that_may_not() -> None:
    units = [_unit("node", 1), _unit("e1", 1, True), _unit("e2", 1, True), _unit("e3", 1, True),
             _unit("conflict", 1), _unit("e4", 1, True)]
    txs = list(transactions(units, batch_size=2))
    assert [([q for q, _ in t.statements], t.concurrent) for t in txs] == [
        (["node"], False), (["e1", "e2"], True), (["e3"], True), (["conflict"], False), (["e4"], True)]


def test_units_are_built_only_when_their_transaction_is_reached() -> None:
    built: list[str] = []

    def unit(name: str) -> Unit:
        return Unit(lambda: built.append(name) or [(name, {"rows": [1]})])

    txs = transactions([unit("a"), unit("b"), unit("c")], batch_size=1)
    assert built == []
    next(txs)
    assert built == ["a", "b"]  # "b" is built to learn that it does not fit
