"""kg's exceptions: every library error is a KgError with a one-line message.

The CLI turns any KgError into ``Error: <message>`` and exit code 1 in one place
(``kg.cli.main``); nothing else prints tracebacks to users.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg reports to a user."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class InputError(KgError):
    """A file is missing, unreadable, undecodable or of an unknown kind."""


class AnnotationError(KgError):
    """An annotation document is malformed or inconsistent."""

    def __init__(self, problems: list[str], source: str | None = None) -> None:
        self.problems = list(problems)
        where = f"{source}: " if source else ""
        head = f"{where}{len(self.problems)} problem(s): " + "; ".join(self.problems)
        super().__init__(head)


class LexiconError(KgError):
    """One or more lexicon / data files are invalid."""


class QueryError(KgError):
    """A SPARQL query is unknown, malformed or failed."""


class GraphError(KgError):
    """An RDF graph could not be read, written or validated."""
