"""XML exports read one record element at a time (EndNote XML, EBSCOhost XML): each record is found
in the text by a pattern, keeps its verbatim XML and first line, and is parsed on its own, so a
malformed record is reported at its own line (or, with ``skip_bad``, set aside) and the rest read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator

from screener.records.base import Collector, RejectedRecord


def xml_records(text: str, pattern: re.Pattern[str], collector: Collector, *, skip_bad: bool = False,
                rejected: list | None = None,
                parse: Callable[[str, int, int], ET.Element] | None = None
                ) -> Iterator[tuple[int, int, str, ET.Element]]:
    """(record number, first line, verbatim XML, parsed element) of every ``pattern`` match.
    ``parse(raw, line, number)`` replaces ``ET.fromstring`` (EndNote XML's repair of a bare '&');
    an ``ET.ParseError`` is fatal at the record's line, or with ``skip_bad`` a rejected record."""
    line, counted_to = 1, 0
    for number, match in enumerate(pattern.finditer(text), 1):
        line += text.count("\n", counted_to, match.start())   # counted on from the previous record
        counted_to = match.start()
        raw = match.group(0)
        try:
            element = parse(raw, line, number) if parse is not None else ET.fromstring(raw)
        except ET.ParseError as exc:
            message = f"record is not well-formed XML: {exc}"
            if not skip_bad:
                raise collector.fatal(message, line=line + (exc.position[0] - 1 if exc.position else 0),
                                      record_number=number) from None
            if rejected is not None:
                rejected.append(RejectedRecord(collector.file, line, number, message, raw))
            continue
        yield number, line, raw, element
