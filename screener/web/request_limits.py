"""What the JSON API reads from a request (README: Security and reliability): at most
``MAX_BODY_BYTES`` (Flask's MAX_CONTENT_LENGTH: 413 past it), JSON nested at most
``MAX_JSON_DEPTH`` deep, and text that is valid Unicode (no lone surrogates such as ``"\\ud800"``,
which SQLite cannot store). Each gives a 400 naming what was wrong, never a 500."""

from __future__ import annotations

import json
from typing import Any

MAX_BODY_BYTES = 1 << 20
MAX_JSON_DEPTH = 32


class BadBody(ValueError):
    """A request body past a limit; ``str()`` is the message for the 400."""


def json_depth_at(raw: bytes, limit: int = MAX_JSON_DEPTH) -> int | None:
    """The byte offset where ``raw`` (JSON text) opens more than ``limit`` arrays or objects at
    once, or None. A scan, not a parse: Python's parser recurses and overflows near 1,000."""
    depth, in_string, escaped = 0, False, False
    for i, byte in enumerate(raw):
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:          # backslash
                escaped = True
            elif byte == 0x22:          # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):      # [ {
            depth += 1
            if depth > limit:
                return i
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return None


def load_json(raw: bytes) -> Any:
    """``raw`` parsed, or BadBody for nesting past the limit; json's own ValueError otherwise."""
    at = json_depth_at(raw)
    if at is not None:
        raise BadBody(f"the request body nests arrays or objects more than {MAX_JSON_DEPTH} deep "
                      f"(at byte {at + 1}); send a flat JSON object")
    return json.loads(raw.decode("utf-8"))


def check_text(value: Any, field: str) -> None:
    """BadBody when ``value`` (a field of the body) holds text that is not valid Unicode."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BadBody(f"'{field}' holds a lone surrogate (\\u{ord(value[exc.start]):04x}) at character "
                          f"{exc.start + 1}, which is not text; send valid Unicode") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key, field)
            check_text(item, f"{field}.{key}")
    elif isinstance(value, list):
        for item in value:
            check_text(item, field)


def json_body_problem(raw: bytes) -> str | None:
    """For any request whose body is JSON (whatever the endpoint): the 400 message when it nests
    past the limit or holds a lone surrogate, else None (malformed JSON is the endpoint's to say)."""
    start = raw.lstrip()[:1]
    if start not in (b"{", b"["):
        return None
    try:
        body = load_json(raw)
        if isinstance(body, dict):
            for key, value in body.items():
                check_text(key, "a field name")
                check_text(value, key)
        else:
            check_text(body, "the body")
    except BadBody as exc:
        return str(exc)
    except (ValueError, RecursionError):
        return None
    return None
