"""One root for every error a user can cause.

The CLI catches ``ScreenerError`` and prints ``str(error)`` as one line (exit 1); anything else is a
bug and shows a traceback. Messages name the file, line, option or key at fault and say what to do.
"""

from __future__ import annotations


class ScreenerError(Exception):
    """A problem the user can fix. ``str()`` is the one line the CLI prints."""

    exit_code = 1


class UsageError(ScreenerError):
    """A wrong option or argument combination (exit code 2, like typer's own usage errors)."""

    exit_code = 2


class WorkspaceError(ScreenerError):
    """The review directory is missing, not a workspace, already one, or its database is unusable."""


class SettingsError(WorkspaceError):
    """review.toml is malformed or holds a value that is not allowed."""


class StrategyParseError(ScreenerError):
    """A search strategy that cannot be parsed; carries every problem found."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = problems or []


class UnsupportedError(ScreenerError):
    """A target database cannot express a construct and no approximation is acceptable."""


class RecordParseError(ScreenerError):
    """A record file that cannot be read; the message names file, record number and line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 record_number: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line
        self.record_number = record_number


class SearchError(ScreenerError):
    """A database search failed (rejected query, unreachable server, persistent HTTP errors)."""


class ScreeningError(ScreenerError):
    """A vote, resolution or queue request that the screening rules forbid."""


class NotFoundError(ScreenerError):
    """An unknown reviewer, study, pair or search."""


class PermissionDenied(ScreeningError):
    """The reviewer's role does not allow the action."""


class RankerError(ScreenerError):
    """An unknown preset or component, or a dataset the ranker cannot use."""
