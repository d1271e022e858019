"""The two screening stages, as one type, and the one check of a stage name."""

from __future__ import annotations

from typing import Literal

from screener.errors import UsageError
from screener.output import did_you_mean

Stage = Literal["title_abstract", "full_text"]
TITLE_ABSTRACT: Stage = "title_abstract"
FULL_TEXT: Stage = "full_text"
STAGES: tuple[str, str] = (TITLE_ABSTRACT, FULL_TEXT)     # as text: stage names key dicts and rows


def check_stage(stage: object, what: str = "stage", *, field: str | None = None) -> Stage:
    """``stage`` itself when it names a stage, else UsageError (HTTP 400) saying which ones do;
    ``what`` names where it came from ('--stage', "filter 'stage':"), or ``field`` does (the key, which
    each front end names its own way: ScreenerError.field)."""
    if stage == TITLE_ABSTRACT:
        return TITLE_ABSTRACT
    if stage == FULL_TEXT:
        return FULL_TEXT
    raise UsageError(f"{field or what} {stage!r} is not a stage; use one of: {', '.join(STAGES)}"
                     f"{did_you_mean(stage, STAGES)}", field=field)
