"""Events found by kind without reading the whole audit log (issue 21, timing).

Who is on the screeners' roster (a revoked sign-in leaves it: ``screener.workspace.assignment``)
and whether an arbiter asked for a re-vote are read from ``events`` by kind on every vote, ``next``
and progress; without an index that read scanned every event, the vote events of every reviewer
included, so its time grew with the others' votes — something a blinded screener could measure —
as well as with the size of the review.
"""

SQL = """
CREATE INDEX events_by_kind ON events (kind, id);
"""
