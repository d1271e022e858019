"""The web's words for what gets past a refusal (``error.remedy``): the pages name their forms'
fields and buttons, the JSON API its fields — as the command line names its options
(screener/cli/remedies.py), so that no front end rewrites another's text.

A write the storage refused (screener.workspace.db.storage_error) is said whole here: its message is
written for the person at the command line ('/srv/pain: another process is writing to this review'),
and on the web the path is not theirs to see and the 'process' is the owner's import. Its remedy says
which refusal it is."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import screener.workspace.db as dbmod  # as a module: the wait is read when said (tests shorten it)
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
    UNKNOWN_FORMAT,
    UNKNOWN_REASON,
    WRITABLE,
    Instead,
    ScreenerError,
    Words,
)
from screener.workspace.imports import FIELD_LABELS

#: the JSON API's words: its own fields. An upload is all-or-nothing, so a refused entry is fixed in
#: the file (the page offers to skip it: page_remedies)
API_REMEDIES: dict[str, Words] = {
    SKIP_BAD: "; fix the entry in the file (or export the records again) and upload it again",
    AGAIN: lambda e: (f" (import {e.about['import']} of {Path(e.about['file']).name} at {e.about['at']}, "
                      f"{e.about['records']} records)" if "import" in e.about else "") +
    "; send again=true to import it a second time",
    ATTACH_FULLTEXT: " (a study's full text is sent to POST /api/studies/STUDY/fulltext)",
    SEARCH_PUBMED: "POST /api/searches/pubmed searches PubMed, or ",
    DATABASE: ' as "database"',
    LIST_IMPORTS: "; GET /api/imports lists them",
    COLUMNS: '; send "columns" saying which column holds what: title=COLUMN,authors=COLUMN,year=COLUMN,abstract=COLUMN',
    STUDY_NUMBERS: "; GET /api/next?stage=title_abstract (or full_text) gives the studies to screen",
    NEXT_STUDY: lambda e: f" with GET /api/next?stage={e.about['stage']}",
    LIST_PAIRS: "; GET /api/pairs?status=all lists them",
    NEW_LINK: lambda e: f"; POST /api/reviewers/{_in_path(e.about['name'])}/link gives them a new sign-in link",
    SAME_PERSON: lambda e: (f"; if they are the same person, POST /api/reviewers/{_in_path(e.about['other'])}/link "
                            "gives them a new sign-in link; otherwise choose a clearly different name"),
    ADD_REVIEWER: "; POST /api/reviewers adds one",
    NAME_REVIEWER: ': send it as "name"',
    LIST_REVIEWERS: " (GET /api/reviewers lists them)",
    NO_RECORDS: " (POST /api/imports or POST /api/searches/pubmed brings them in first)",
    STAGE_FOR_DECISION: Instead("a decision filter needs a stage: add stage=title_abstract or stage=full_text"),
    DECISION_FOR_STAGE: Instead("a stage filter needs a decision: add decision=include or decision=exclude (without "
                                "both, every study is exported)"),
    UNKNOWN_REASON: Instead(lambda e: f"'{e.about['reason']}' is not one of the review's exclusion reasons: "
                                      f"{e.about['choices']}; send one of them as \"reason\""),
    GIVE_REASON: ' (the "reason" field)',
    PLATFORM_GIVEN: Instead(lambda e: _platform_words(e, '"database"', '"platform"')),
    LIST_CONFLICTS: " (GET /api/conflicts lists them)",
    RESOLVE_CONFLICTS: " (POST /api/resolutions)",
    DECIDE_AGAIN: " with POST /api/resolutions",
    ATTACH_REPORT: lambda e: f"; attach it first (POST /api/studies/{e.about['study']}/fulltext)",
    OWNER_BLIND: ': resolve conflicts with POST /api/resolutions, or turn blind mode off (PUT /api/settings with '
                 '"blind": false)',
    RESTORE_SETTINGS: "; tell whoever runs the review's server (it is restored there)",
    # the workbench's page shows its run's answer as it is: one sentence for the page and a script
    CHECK_STRATEGY: " (open this version on the workbench, or send it to POST /api/strategies/check: both list them)",
}

#: the pages' words for where to go: the menu's entries, the owner's pages and their buttons
PAGE_PLACES: dict[str, Words] = {
    STUDY_NUMBERS: "; open your queue (Title/abstract or Full text in the menu) for the studies to screen",
    NEXT_STUDY: " from your queue (Title/abstract or Full text in the menu)",
    LIST_PAIRS: "; the pairs are on the Duplicates page",
    NEW_LINK: "; give them a new link from the table",
    SAME_PERSON: "; if they are the same person, New link in the table gives them a new sign-in link; "
                 "otherwise choose a clearly different name",
    ADD_REVIEWER: "; add them below",     # said on the Reviewers page, the one page that looks reviewers up by name
    NAME_REVIEWER: "",                    # the form's Name field is beside the message
    LIST_REVIEWERS: " (the table lists them)",
    NO_RECORDS: " (import exports under Manage → Imports, or search PubMed from Search strategies, first)",
    STAGE_FOR_DECISION: Instead("a decision filter needs a stage: choose a Stage too"),
    DECISION_FOR_STAGE: Instead("a stage filter needs a decision: choose a Decision too (or 'all studies' for every "
                                "study)"),
    # the screening page offers only the review's reasons: one that is not was taken out since it was loaded
    UNKNOWN_REASON: Instead(lambda e: f"'{e.about['reason']}' is no longer one of the review's exclusion reasons (the "
                                      f"owner changed them since this page was loaded): pick one of: "
                                      f"{e.about['choices']}"),
    GIVE_REASON: Instead("this exclusion needs a reason: pick one from the list"),
    PLATFORM_GIVEN: Instead(lambda e: _platform_words(e, "Database searched", "Platform / interface")),
    ATTACH_FULLTEXT: " (a study's full text is attached on its full-text screening page)",
    # an arbiter or the owner, resolving: an arbiter cannot attach it themselves
    ATTACH_REPORT: "; attach it first (on the study's full-text page, by the owner or a screener)",
    LIST_CONFLICTS: " (on the Conflicts page)",
    RESOLVE_CONFLICTS: " (on the Conflicts page)",
    DECIDE_AGAIN: " on the Conflicts page",
    OWNER_BLIND: ": resolve conflicts on the Conflicts page, or turn blind mode off under Manage → Settings",
    RESTORE_SETTINGS: "; tell whoever runs the review's server (it is restored there)",
    SEARCH_PUBMED: "search PubMed from Search strategies (Search PubMed), or ",
    # a file that is no export (notes, a PDF): the reader's line number and its list of formats (the page
    # lists them under Import search results) told the owner nothing of what to do
    UNKNOWN_FORMAT: Instead(lambda e: f"{e.about['file']}: this is not a search export screener can read (its first "
                                      f"line is {e.about['first']}); export the results from the database again in "
                                      f"one of the formats listed under Import search results"),
}

_BUSY = "the review is busy: another change to it ({who}) did not finish within {seconds} s; nothing was changed"
_FULL = "the server's disk is full (or failing): nothing of this change was written"
_READ_ONLY = "the review cannot be written on the server (its files are read-only): this change was not written"

# a person in the browser can wait, or tell whoever runs the server: they cannot free its disk
_PAGE_STORAGE = {
    RETRY: _BUSY.replace("{who}", "an import or deduplication the owner started?") + " — do it again in a moment",
    FREE_SPACE: _FULL + "; tell whoever runs the review's server to free some space, then do it again",
    WRITABLE: _READ_ONLY + "; tell whoever runs the review's server",
}
# a script can send the same request again; reading still answers
_API_STORAGE = {
    RETRY: _BUSY.replace("{who}", "an import or deduplication?") + ": send the request again in a moment",
    FREE_SPACE: _FULL + "; send the request again once space has been freed on the server",
    WRITABLE: _READ_ONLY + " (GET requests still answer); send the request again once the server can write "
                           "the review",
}


def page_remedies(exc: ScreenerError) -> dict[str, Words]:
    """The Imports page's words: its form's field and buttons. The page checks files before
    importing them; a file imported before is corrected, not imported again."""
    a = exc.about       # the import that has the file: by its number, size and time as the page lists it
    named = f" (import {a['import']}, {a['records']} records, {a['at'][:10]} {a['at'][11:16]} UTC)" if "import" in a else ""
    again = ("; Import anyway on the preview imports them a second time" if getattr(exc, "earlier", None) is None
             else f"{named}: importing it again would count its records twice; to change its database or search "
                  f"details use 'Correct database or search details' on import {exc.earlier} below")     # type: ignore[attr-defined]
    return {**PAGE_PLACES,
            SKIP_BAD: "; fix the entry in the file (or export the records again) and check the file again",
            AGAIN: again, DATABASE: " in 'Database searched'", LIST_IMPORTS: "; the Imports page lists them",
            COLUMNS: "; choose below which column holds the title, authors, year and abstract"}


def page_relabel(ids: list[int]) -> str:
    """The PRISMA diagram's note on records without a database (report.prisma.prisma_counts), drawn for a
    page: the Imports page's button that says which."""
    on = f" on {'import' if len(ids) == 1 else 'imports'} {', '.join(map(str, ids))}" if ids else ""
    return f": say which with 'Correct database or search details'{on} on the Imports page"


def api_relabel(ids: list[int]) -> str:
    """The same note in the diagram the JSON API sends: the call that says which."""
    address = f"POST /api/imports/{ids[0]}" if len(ids) == 1 else \
        f"POST /api/imports/ID ({', '.join(map(str, ids))})" if ids else "POST /api/imports/ID"
    return f': say which by sending "database" to {address}'


def _platform_words(exc: ScreenerError, database: str, platform: str) -> str:
    """A platform given as the database refused, naming the two fields as a front end does."""
    databases, named = exc.about["databases"], exc.about["platform"]
    said = f"database '{exc.about['given']}' is the platform searched, not a database"
    if "," not in databases:
        return f"{said}: the database is {databases}: give {databases} as {database} and {named} as {platform}"
    return f"{said}: give the database searched on it ({databases}) as {database}, and {named} as {platform}"


def _in_path(name: str) -> str:
    """A reviewer's name as the API's addresses take it (a name may hold spaces or '/')."""
    return quote(name, safe="")


def _storage(exc: ScreenerError, words: dict[str, str]) -> str | None:
    if exc.remedy not in words:
        return None
    return words[exc.remedy].format(seconds=f"{dbmod.BUSY_TIMEOUT_MS / 1000:g}")


#: the settings as the Settings page's form labels them (a refusal names its setting by its review.toml key:
#: "'exclusion_reasons' lists 'out of scope' twice")
SETTING_LABELS = {"title": "Title", "inclusion_criteria": "Inclusion criteria", "exclusion_reasons": "Exclusion reasons",
                  "labels": "Shared labels",
                  "votes_needed": "Votes needed", "reason_required": "A reason is required to exclude",
                  "blind": "Blind mode", "hide_authors": "Hide authors and journal",
                  "highlight_include": "Highlight as include", "highlight_exclude": "Highlight as exclude",
                  "ranker_preset": "Ranker preset"}
#: a refused field as the page's forms label it: an import's details ('searched_on' → 'Date searched') as the
#: Imports page's form does, the settings as the Settings page's
PAGE_FIELDS = {**FIELD_LABELS, "database": "Database searched", **SETTING_LABELS}


def page_line(exc: ScreenerError) -> str:
    """The error as a page says it (before the page's own changes: messages.page_words)."""
    return _storage(exc, _PAGE_STORAGE) or exc.worded(page_remedies(exc), PAGE_FIELDS)


def api_line(exc: ScreenerError) -> str:
    """The error as the JSON API says it."""
    return _storage(exc, _API_STORAGE) or exc.worded(API_REMEDIES)
