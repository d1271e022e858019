"""One root for every error a user can cause.

The CLI catches ``ScreenerError``, prints ``str(error)`` as one line and exits with its ``exit_code``;
the web app answers with its ``http_status`` (as datasette's errors carry their status), so neither
surface keeps a table of exceptions. Anything else is a bug and shows a traceback. Messages name
the file, line, option or key at fault and say what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeAlias

# The choices of the caller's that get past a refusal. An error that one of them resolves names it
# (``error.remedy``) and each front end says it in its own words — the CLI its option, the web page
# its form's field, the JSON API its key — so that no front end rewrites another's text.
SKIP_BAD = "skip_bad"      # leave out the entries that do not parse and import the rest
AGAIN = "again"            # import a file that is in the review already, a second time
DATABASE = "database"      # name the database searched (the records name only the platform)
COLUMNS = "columns"        # say which column of a table holds the title, authors, year, …
LIST_IMPORTS = "list_imports"  # an import number that cannot be one: where the imports are listed
# (AGAIN's error names the import that has the file in ``about``: import, file, at, records)
ATTACH_FULLTEXT = "attach_fulltext"  # a PDF given as an export: where a study's full text goes instead
SEARCH_PUBMED = "search_pubmed"      # an E-utilities answer given as an export: where PubMed is searched
UNKNOWN_FORMAT = "unknown_format"    # a file in no format read; about: file, first (its first line, quoted)
# A write the storage refused (screener.workspace.db.storage_error): what gets past it is outside the
# request — the other write ending, space freed, the files made writable — and who can do it differs:
# the person at the command line, whoever runs the web app's server, a script sending again.
RETRY = "retry"            # another write held the review: do it again once that one is done
FREE_SPACE = "free_space"  # the disk is full (or failing)
WRITABLE = "writable"      # the review's files cannot be written
# Where to go next after a refusal that no choice of the caller's gets past: each front end names its own
# place for it (a command, a page or a menu, an API call). ``error.about`` holds what the words need.
STUDY_NUMBERS = "study_numbers"  # a number that is no study: where the studies to screen are given
NEXT_STUDY = "next_study"        # a study that is not the reviewer's to vote on: take their next one; about: stage
LIST_PAIRS = "list_pairs"        # a number that is no duplicate pair: where the pairs are listed; about: review
NEW_LINK = "new_link"            # a reviewer added again: give them a new sign-in instead; about: review, name
SAME_PERSON = "same_person"      # a name another reviewer's differs from only in case; about: other (that name)
ADD_REVIEWER = "add_reviewer"    # a name that is no reviewer: where reviewers are added
NAME_REVIEWER = "name_reviewer"  # a reviewer added without a name: where the name is given
LIST_REVIEWERS = "list_reviewers"  # a name that is a reviewer's written another way: where the names are listed
NO_RECORDS = "no_records"        # a review without records to run a strategy on: where records come from
# An arbiter given a study to screen or a vote: where arbiters work instead (said before the error's ``after``)
LIST_CONFLICTS = "list_conflicts"        # asking for a study to screen: where the conflicts are listed
RESOLVE_CONFLICTS = "resolve_conflicts"  # a vote: where a conflict is decided
DECIDE_AGAIN = "decide_again"    # a re-vote asked on a decided study: where its outcome is decided again
ATTACH_REPORT = "attach_report"  # a study whose full text is marked not retrieved: where it is attached; about: study
OWNER_BLIND = "owner_blind"      # an owner's vote under blind mode: resolve conflicts instead, or turn blind mode off
RESTORE_SETTINGS = "restore_settings"  # an emptied review.toml: how its settings come back (on the server's disk)
CHECK_STRATEGY = "check_strategy"    # a strategy with errors, run: where all its problems are listed; about: name
DESCRIBE_PRESETS = "describe_presets"  # review.toml naming a ranker preset that is none: where the presets are described
# A refusal about what the caller chose, which each front end names as it offers it (an option, a form's
# field, a query parameter): said whole by each front end (``Instead``), from ``error.about``.
STAGE_FOR_DECISION = "stage_for_decision"  # studies by their decision, without the stage it was made at
DECISION_FOR_STAGE = "decision_for_stage"  # studies at a stage, without the decision
UNKNOWN_REASON = "unknown_reason"  # an exclusion reason that is not the review's; about: reason, choices
GIVE_REASON = "give_reason"        # an exclusion without the reason the stage requires: where it is given
PLATFORM_GIVEN = "platform_given"  # a platform given as the database; about: platform, databases (on it)



@dataclass(frozen=True)
class Instead:
    """A front end's words for the whole refusal, said instead of the message (which is the Python API's):
    '--decision needs --stage (…)' at the command line, 'a decision filter needs a stage: choose a Stage
    too' on the page."""

    words: str | Callable[[ScreenerError], str]


#: a front end's words for a remedy: text said after the message, made from the error (its ``about``),
#: or the whole line instead of the message
Words: TypeAlias = str | Callable[["ScreenerError"], str] | Instead


class ScreenerError(Exception):
    """A problem the user can fix. ``str()`` is its one line, without the front end's words for
    ``remedy`` (the choice that gets past it, if any): a front end prints ``worded(its_words)``.
    ``after`` is what the message says after the remedy ('; nothing was imported'). ``field``: the
    field or setting the message opens with, by its key ('searched_on 2099-01-01 is in the future',
    "'notes' is 30,000 characters long"), which a front end may name its own way (a form's label)."""

    exit_code = 1
    http_status = 400
    remedy: str | None = None
    after = ""
    about: Mapping[str, str] = {}
    field: str | None = None

    def __init__(self, *args, remedy: str | None = None, after: str = "", about: Mapping[str, str] | None = None,
                 field: str | None = None):
        super().__init__(*args)
        self.remedy = remedy
        self.after = after
        self.about = dict(about or {})
        self.field = field

    def __str__(self) -> str:
        return super().__str__() + self.after

    def worded(self, remedies: Mapping[str, Words], fields: Mapping[str, str] | None = None) -> str:
        """The message with its remedy said in a front end's words (``remedies``: remedy → the words,
        with their own separator: '; use --again to import it a second time', or a function of the
        error that makes them from its ``about``), and its ``field`` by the front end's name for it
        (``fields``: key → name, 'searched_on' → '--searched-on' or 'Date searched')."""
        words = remedies.get(self.remedy, "") if self.remedy else ""
        if isinstance(words, Instead):
            return (words.words if isinstance(words.words, str) else words.words(self)) + self.after
        return self._named(super().__str__(), fields or {}) + (words if isinstance(words, str) else words(self)) + \
            self.after

    def _named(self, text: str, fields: Mapping[str, str]) -> str:
        if self.field is None or self.field not in fields:
            return text
        for key in (f"'{self.field}'", self.field):       # the key opens the message, quoted or not
            if text.startswith(key):
                return fields[self.field] + text[len(key):]
        return text


class UsageError(ScreenerError):
    """A wrong option or argument combination (exit code 2, like typer's own usage errors)."""

    exit_code = 2


class NameTaken(UsageError):
    """A name that is taken (a review's short name on a server): 409, a conflict with what is there."""

    http_status = 409


class WorkspaceError(ScreenerError):
    """The review directory is missing, not a workspace, already one, or its database is unusable."""

    http_status = 503


class SettingsError(WorkspaceError):
    """review.toml is malformed or holds a value that is not allowed."""


class StrategyParseError(ScreenerError):
    """A search strategy that cannot be parsed; carries every problem found."""

    def __init__(self, message: str, problems: list | None = None, *, remedy: str | None = None,
                 about: Mapping[str, str] | None = None):
        super().__init__(message, remedy=remedy, about=about)
        self.problems = problems or []


class UnsupportedError(ScreenerError):
    """A target database cannot express a construct and no approximation is acceptable."""


class RecordParseError(ScreenerError):
    """A record file that cannot be read; the message names file, record number and line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 record_number: int | None = None, *, remedy: str | None = None, after: str = "",
                 about: Mapping[str, str] | None = None):
        super().__init__(message, remedy=remedy, after=after, about=about)
        self.path = path
        self.line = line
        self.record_number = record_number


class AlreadyImported(WorkspaceError):
    """A file (or the same records) imported into the review before, given again without choosing
    to import it a second time: 409, a conflict with the review's state, not an unusable workspace.
    ``earlier``: the import that brought in the very same file (None: the same records, other bytes)."""

    http_status = 409

    def __init__(self, *args, earlier: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier = earlier


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
