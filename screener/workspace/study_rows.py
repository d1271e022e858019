"""The rows of the Studies list (``study_search.search_studies``): what each study on a page is
called, who wrote it, and where it stands."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from screener.workspace.studies import is_notice

if TYPE_CHECKING:
    from screener.workspace.workspace import Workspace


def study_rows(ws: Workspace, who, page_ids, status, my_vote, labels, biblio) -> list[dict[str, Any]]:
    """A page of the Studies list: each study named by its first record that is not an erratum
    notice (as its screening page names it, ``studies.study_summary``), its first three authors,
    year, databases, decision, the viewer's vote and labels."""
    titles: dict[int, str] = {}
    authors: dict[int, str] = {}
    if page_ids:
        marks = ",".join("?" * len(page_ids))
        found = [(sid, title, names, is_notice(SimpleNamespace(title=title, flags=json.loads(flags or "[]"),
                                                              publication_types=json.loads(types or "[]"))))
                 for sid, title, names, flags, types in ws.db.execute(
                     f"SELECT c.study_id, s.title, json_extract(s.record, '$.authors'), json_extract(s.record, '$.flags'),"
                     f" json_extract(s.record, '$.publication_types') FROM current_links c"
                     f" JOIN source_records s ON s.id = c.source_record_id WHERE c.study_id IN ({marks})"
                     f" ORDER BY s.id", page_ids)]
        # an erratum notice dedupe joined to its article names the study only when nothing else does
        for sid, title, names, _ in sorted(found, key=lambda row: row[3]):
            if title and sid not in titles:
                titles[sid] = title
            if names and names != "[]" and sid not in authors:
                authors[sid] = names
    hide = ws.settings.hide_authors and who is not None and who.role == "screener"
    dbs: dict[int, list[str]] = {}
    for sid in page_ids:        # the pairs are sorted by study
        low, high = biblio.db_study.searchsorted(sid), biblio.db_study.searchsorted(sid, side="right")
        dbs[sid] = [biblio.db_names[int(c)] for c in biblio.db_code[low:high]]
    rows = []
    for sid in page_ids:
        names = [] if hide or sid not in authors else json.loads(authors[sid])
        year = int(biblio.year[sid]) or None
        rows.append({"study": sid, "title": titles.get(sid, ""),
                     "authors": names[:3] + (["et al."] if len(names) > 3 else []),
                     "year": year, "databases": dbs[sid], "decision": status.get(sid, "undecided"),
                     "my_vote": my_vote.get(sid), "labels": sorted(labels.get(sid, ()), key=str.casefold)})
    return rows
