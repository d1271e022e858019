"""What a screener reads: keyword highlighting and structured abstracts, always escaped.

Every piece of record text is HTML-escaped before it reaches a page; the only markup added is our
own ``<mark>`` around matched terms. Terms are matched on the raw text and each piece (before,
match, after) is escaped on its own, so a term can never match inside an entity (``&amp;`` for the
term "amp") and a title containing ``<script>`` shows as text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

# A section label: "BACKGROUND:", "Methods and Findings:", "AIM(S):" — at the start of the text or
# of a paragraph, or (all capitals) after a sentence end, as MEDLINE writes structured abstracts.
_LABEL_AT_PARAGRAPH = re.compile(r"^\s*([A-Z][A-Za-z/&(), -]{1,48}?):\s+(?=\S)")
_CAPS_LABEL = re.compile(r"(?:(?<=^)|(?<=[.?!)\]]\s)|(?<=[.?!)\]]  ))([A-Z][A-Z/&(), -]{2,48}[A-Z)]):\s+")


def _term_pattern(term: str) -> str | None:
    term = term.strip()
    if not term:
        return None
    prefix = term.endswith("*")
    core = term.rstrip("*").strip()
    if not core:
        return None
    words = [re.escape(w) for w in core.split()]
    body = r"\s+".join(words)
    return rf"(?<!\w){body}" + (r"\w*" if prefix else r"(?!\w)")


@lru_cache(maxsize=64)
def _compiled(include: tuple[str, ...], exclude: tuple[str, ...]):
    parts: list[str] = []
    kinds: list[str] = []
    for kind, terms in (("include", include), ("exclude", exclude)):
        for term in terms:
            pattern = _term_pattern(term)
            if pattern:
                parts.append(f"(?P<t{len(parts)}>{pattern})")
                kinds.append(kind)
    if not parts:
        return None, ()
    # Longer terms first within the alternation so "quality of life" wins over "life".
    order = sorted(range(len(parts)), key=lambda i: -len(parts[i]))
    return re.compile("|".join(parts[i] for i in order), re.IGNORECASE), tuple(kinds)


def highlight(text: str | None, include: list[str] | tuple[str, ...] = (),
              exclude: list[str] | tuple[str, ...] = ()) -> Markup:
    """``text`` escaped, with include terms in ``<mark class="hl-include">`` and exclude terms in
    ``<mark class="hl-exclude">``. A trailing ``*`` matches any ending; matching ignores case."""
    text = text or ""
    regex, kinds = _compiled(tuple(include), tuple(exclude))
    if regex is None:
        return escape(text)
    out: list[str] = []
    last = 0
    for match in regex.finditer(text):
        if match.start() == match.end():
            continue
        group = next(name for name, value in match.groupdict().items() if value is not None)
        kind = kinds[int(group[1:])]
        out.append(str(escape(text[last:match.start()])))
        out.append(f'<mark class="hl-{kind}">{escape(match.group(0))}</mark>')
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def abstract_sections(abstract: str | None) -> list[tuple[str, str]]:
    """Split a structured abstract into ``[(label, text), ...]``; an unstructured one is one
    section with an empty label. Handles "LABEL: text" paragraphs (PubMed XML) and inline
    capitalised labels (MEDLINE, RIS exports)."""
    text = (abstract or "").strip()
    if not text:
        return []
    sections: list[tuple[str, str]] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        caps = list(_CAPS_LABEL.finditer(paragraph))
        if caps:
            head = paragraph[:caps[0].start()].strip()
            if head:
                sections.append(("", head))
            for i, match in enumerate(caps):
                end = caps[i + 1].start() if i + 1 < len(caps) else len(paragraph)
                sections.append((_label(match.group(1)), paragraph[match.end():end].strip()))
            continue
        labelled = _LABEL_AT_PARAGRAPH.match(paragraph)
        if labelled and len(labelled.group(1).split()) <= 5 and "\n" not in labelled.group(1):
            sections.append((_label(labelled.group(1)), paragraph[labelled.end():].strip()))
        else:
            sections.append(("", paragraph))
    return sections


def _label(raw: str) -> str:
    raw = raw.strip()
    return raw.capitalize() if raw.isupper() else raw
