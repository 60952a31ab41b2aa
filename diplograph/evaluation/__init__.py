"""How well the pipeline does against hand-annotated gold: the project's scorer and `diplograph evaluate`.

The figures and matching rules are those of `eval/FORMAT.md` (the reference is
`eval/reference/score.py`; a test keeps the two in agreement). One module per job:

- `kit`: where the evaluation corpora, gold files and the reference scorer live in the repository
- `gold`: gold files, read and merged into one typed `Gold`
- `exported`: the parts of a `diplomatic-graph/1` export the scorer reads, typed
- `matching`: exported actors to gold actors, exported meetings to gold meetings one to one
- `score`: the figures, under the reference scorer's names
- `diff`: per gold meeting, what the export missed, invented or got wrong
- `bounds`: `--min` / `--max` limits on figures
- `run`: ingest corpora into a throwaway store and export the graph
- `report`: the table, the diff and the JSON document `diplograph evaluate` prints
"""
