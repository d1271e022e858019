"""The command line's words for what gets past a refusal (``error.remedy``): its own options, and
what the person at the terminal does about a write the storage refused."""

from __future__ import annotations

from screener.errors import (
    ADD_REVIEWER,
    AGAIN,
    ATTACH_FULLTEXT,
    ATTACH_REPORT,
    CHECK_STRATEGY,
    COLUMNS,
    DATABASE,
    DECIDE_AGAIN,
    DECISION_FOR_STAGE,
    DESCRIBE_PRESETS,
    FREE_SPACE,
    GIVE_REASON,
    LIST_CONFLICTS,
    LIST_IMPORTS,
    LIST_PAIRS,
    LIST_REVIEWERS,
    NAME_REVIEWER,
    NEW_LINK,
    NEXT_STUDY,
    NO_RECORDS,
    OWNER_BLIND,
    PLATFORM_GIVEN,
    RESOLVE_CONFLICTS,
    RESTORE_SETTINGS,
    RETRY,
    SAME_PERSON,
    SEARCH_PUBMED,
    SKIP_BAD,
    STAGE_FOR_DECISION,
    STUDY_NUMBERS,
    WRITABLE,
    Instead,
    ScreenerError,
    Words,
)
from screener.output import shell_word
from screener.workspace.platforms import platform_as_database

REMEDIES: dict[str, Words] = {
    SKIP_BAD: "; fix the entry or import with --skip-bad",
    AGAIN: lambda e: _import_named(e) + "; use --again to import it a second time",
    ATTACH_FULLTEXT: " (attach full texts with `screener fulltext`)",
    SEARCH_PUBMED: "use `screener search pubmed`, or ",
    DATABASE: " with --database NAME",
    COLUMNS: "; say which column holds what with --columns title=COLUMN,authors=COLUMN,year=COLUMN,abstract=COLUMN",
    RETRY: ": run the command again once it is done",
    FREE_SPACE: "; free some space and try again",
    WRITABLE: " (reading — status, exports, reports — still works)",
    LIST_IMPORTS: "; the imports are listed by `screener imports list DIR`",
    STUDY_NUMBERS: "; `screener next` gives the study numbers to screen",
    NEXT_STUDY: " with `screener next`",
    LIST_PAIRS: lambda e: f"; list pairs with `screener pairs list {shell_word(e.about['review'])} --all`",
    NEW_LINK: lambda e: (f"; for a new token run `screener reviewers token {shell_word(e.about['review'])} "
                         f"{shell_word(e.about['name'])}`"),
    # the same person under another spelling: screen as them (the name as added)
    SAME_PERSON: lambda e: f"; use --as {shell_word(e.about['other'])}, or choose a clearly different name",
    ADD_REVIEWER: "; add one with `screener reviewers add`",
    NAME_REVIEWER: ", e.g. `screener reviewers add DIR alice --role screener`",
    LIST_REVIEWERS: " (`screener reviewers list` shows them)",
    NO_RECORDS: " (`screener import` or `screener search pubmed` first)",
    STAGE_FOR_DECISION: Instead("--decision needs --stage (title_abstract or full_text)"),
    DECISION_FOR_STAGE: Instead("--stage needs --decision include or exclude (without both, every study is exported)"),
    GIVE_REASON: " (--reason)",
    PLATFORM_GIVEN: Instead(lambda e: platform_as_database(e.about["given"])),
    LIST_CONFLICTS: " (`screener conflicts`)",
    RESOLVE_CONFLICTS: " (`screener resolve`)",
    DECIDE_AGAIN: " with `screener resolve`",
    ATTACH_REPORT: "; attach it with `screener fulltext` first",
    OWNER_BLIND: ": resolve conflicts with `screener resolve`, or set blind = false in review.toml",
    DESCRIBE_PRESETS: "; `screener rank presets` describes them",
    CHECK_STRATEGY: lambda e: f" (`screener query check {e.about['name']}` shows them)",
    RESTORE_SETTINGS: "; restore it from a backup, or copy the review.toml of a new `screener init` folder here and "
                      "set them again",
}


#: an import's details (PRISMA-S) and an export's choices as the Python API and the JSON API name them, and
#: the commands' options (a refusal opens with its field: "searched_on '1/2/2026': write …" is
#: "--searched-on '1/2/2026': write …")
FIELD_OPTIONS = {"searched_on": "--searched-on", "platform": "--platform", "coverage": "--coverage",
                 "limits": "--limits", "notes": "--notes", "database": "--database", "strategy": "--strategy",
                 "stage": "--stage", "decision": "--decision", "format": "--format"}


def _import_named(exc: ScreenerError) -> str:
    """The import that has the file already: its number, the file it was imported from, when."""
    a = exc.about
    return f" (import {a['import']} of {a['file']} at {a['at']}, {a['records']} records)" if "import" in a else ""


def relabel_imports(ids: list[int]) -> str:
    """The PRISMA diagram's note on records without a database (report.prisma.prisma_counts): how to say
    which (in the diagram written, and in the command's text)."""
    which = f" ({'import' if len(ids) == 1 else 'imports'} {', '.join(map(str, ids))})" if ids else ""
    return f": say which with `screener imports relabel`{which} or Correct on the web app's Imports page"


def cli_line(exc: ScreenerError) -> str:
    """The error as the command line says it."""
    return exc.worded(REMEDIES, FIELD_OPTIONS)
