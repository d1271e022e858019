"""One root for every error a user can cause.

The CLI catches ``ScreenerError``, prints ``str(error)`` as one line and exits with its ``exit_code``;
the web app answers with its ``http_status`` (as datasette's errors carry their status), so neither
surface keeps a table of exceptions. Anything else is a bug and shows a traceback. Messages name
the file, line, option or key at fault and say what to do.
"""

from __future__ import annotations


class ScreenerError(Exception):
    """A problem the user can fix. ``str()`` is the one line the CLI prints."""

    exit_code = 1
    http_status = 400


class UsageError(ScreenerError):
    """A wrong option or argument combination (exit code 2, like typer's own usage errors)."""

    exit_code = 2


class WorkspaceError(ScreenerError):
    """The review directory is missing, not a workspace, already one, or its database is unusable."""

    http_status = 503


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


class DatabaseNotNamed(ScreenerError):
    """An export whose records name only the platform searched (EBSCOhost's CSV), imported without
    the database: exit 1 (the file's content decided it), 400 (a field the request lacks)."""


class SearchError(ScreenerError):
    """A database search failed (rejected query, unreachable server, persistent HTTP errors)."""


class ScreeningError(ScreenerError):
    """A vote, resolution or queue request that the screening rules forbid."""

    http_status = 409


class NotFoundError(ScreenerError):
    """An unknown reviewer, study, pair or search."""

    http_status = 404


class PermissionDenied(ScreeningError):
    """The reviewer's role does not allow the action."""

    http_status = 403


class RankerError(ScreenerError):
    """An unknown preset or component, or a dataset the ranker cannot use."""
