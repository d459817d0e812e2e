"""jdlint: a linter for data-scientist and machine-learning-engineer job descriptions."""

__version__ = "0.1.0"
