"""diplograph: a diplomatic event knowledge graph."""

__version__ = "0.1.0"
