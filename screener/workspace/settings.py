"""review.toml: the human-editable settings of a review, validated on load.

Settings only — reviewers, votes and records live in review.db. Errors name the file, the line and
the key, and say what is allowed.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from screener.errors import DESCRIBE_PRESETS, RESTORE_SETTINGS, SettingsError
from screener.output import did_you_mean
from screener.rank.presets import preset_names  # loads screener.rank's components (~0.05 s), not scikit-learn or numpy
from screener.workspace.stages import STAGES  # noqa: E402, F401 (the stages are defined there)

LABEL_MAX = 60        # the characters a label may have: review.toml's shared labels, the labels API, the form

SEED_EXCLUSION_REASONS = (
    "not qualitative or limited qualitative data",
    "out of scope",
    "methodological report",
)


MAX_SEED = 2 ** 32 - 1      # the ranker's seed: what scikit-learn's random_state takes

@dataclass
class StageSettings:
    votes_needed: int = 2
    reason_required: bool = False


@dataclass
class Settings:
    title: str = "Untitled review"
    stages: dict[str, StageSettings] = field(default_factory=lambda: {
        "title_abstract": StageSettings(2, False),
        "full_text": StageSettings(2, True),
    })
    exclusion_reasons: list[str] = field(default_factory=lambda: list(SEED_EXCLUSION_REASONS))
    blind: bool = True
    hide_authors: bool = False
    highlight_include: list[str] = field(default_factory=list)
    highlight_exclude: list[str] = field(default_factory=list)
    inclusion_criteria: str = ""
    ranker_preset: str = "default"
    ranker_seed: int = 0
    labels: list[str] = field(default_factory=list)     # shared labels the owners define for everyone


_TOML_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_TOML_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")     # newlines stay lines


def _escape_control(match: re.Match) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def _quote(text: str) -> str:
    """A TOML basic string holding ``text`` exactly: backslash, quote and every control character
    escaped (a raw ESC or line break made a review.toml that could not be read back)."""
    return '"' + _TOML_CONTROL.sub(_escape_control, text.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def _multiline(text: str) -> str:
    """The body of a TOML multi-line basic string holding ``text`` exactly."""
    body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return _TOML_CONTROL_MULTILINE.sub(_escape_control, body)    # one or two " may touch the closing """


def _string_list(items: list[str]) -> str:
    if not items:
        return "[]"
    return "[\n" + "".join(f"    {_quote(i)},\n" for i in items) + "]"


def render_toml(s: Settings) -> str:
    """The review.toml that ``init`` writes, with comments a reviewer can follow."""
    criteria = _multiline(s.inclusion_criteria)
    return f'''# review.toml — settings of this review. Edit freely; `screener status` checks it.
# Reviewers, records and votes live in review.db, never here.

title = {_quote(s.title)}

# Inclusion criteria shown to screeners beside every record.
inclusion_criteria = """
{criteria}"""

# Reasons a screener may give for an exclusion. Required at full text; a reason not in this list
# is refused.
exclusion_reasons = {_string_list(s.exclusion_reasons)}

# Shared labels offered to every reviewer on the screening page (anyone may add their own too).
labels = {_string_list(s.labels)}

[stages.title_abstract]
votes_needed = {s.stages["title_abstract"].votes_needed}
reason_required = {str(s.stages["title_abstract"].reason_required).lower()}

[stages.full_text]
votes_needed = {s.stages["full_text"].votes_needed}
reason_required = {str(s.stages["full_text"].reason_required).lower()}

[screening]
# Blind mode: a screener never sees another screener's votes before the study is decided.
blind = {str(s.blind).lower()}
# Hide authors and journal on the screening page, to reduce bias.
hide_authors = {str(s.hide_authors).lower()}

[highlight]
# Words highlighted in titles and abstracts (a trailing * matches any ending).
include = {_string_list(s.highlight_include)}
exclude = {_string_list(s.highlight_exclude)}

[ranker]
preset = {_quote(s.ranker_preset)}
seed = {s.ranker_seed}
'''


class _Checker:
    """Validates a parsed TOML document, naming the line of the offending key."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()

    def line_of(self, key: str, section: str | None = None) -> int | None:
        in_section = section is None
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        header = re.compile(r"^\s*\[([^\]]+)\]")
        for number, line in enumerate(self.lines, start=1):
            m = header.match(line)
            if m:
                in_section = section is not None and m.group(1).strip() == section
                if section is None:
                    in_section = False
                continue
            if in_section and pattern.match(line):
                return number
            if section is None and not in_section and pattern.match(line):
                return number
        return None

    def fail(self, key: str, message: str, section: str | None = None, *, remedy: str | None = None,
             after: str = "") -> SettingsError:
        line = self.line_of(key.split(".")[-1], section)
        where = f"{self.path}:{line}" if line else str(self.path)
        dotted = f"{section}.{key}" if section else key
        return SettingsError(f"{where}: key '{dotted}' {message}", remedy=remedy, after=after)

    def take(self, table: dict, key: str, kind, section: str | None, default):
        if key not in table:
            return default
        value = table.pop(key)
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise self.fail(key, f"must be a whole number, not {value!r}", section)
        if kind is bool and not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, not {value!r}", section)
        if kind is str and not isinstance(value, str):
            raise self.fail(key, f"must be a string, not {value!r}", section)
        if kind is list and (not isinstance(value, list) or not all(isinstance(v, str) for v in value)):
            raise self.fail(key, "must be a list of strings", section)
        return value

    def no_leftovers(self, table: dict, section: str | None, allowed: list[str]) -> None:
        for key in table:
            raise self.fail(key, f"is not a known setting (allowed here: {', '.join(allowed)})", section)


def load_settings(path: Path) -> Settings:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError(f"{path}: missing; this directory is not a complete workspace "
                            f"(run `screener init` on a new directory)") from None
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    if not text.strip():
        # screener never writes one (init and the settings page write every setting): a copy cut short.
        # Read as the defaults, the review would be screened under rules it was not set up with.
        raise SettingsError(f"{path}: empty: the review's settings (title, exclusion reasons, votes needed, blind "
                            "mode) are not in it", remedy=RESTORE_SETTINGS)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"{path}:{m.group(1)}:{m.group(2)}" if m else str(path)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise SettingsError(f"{where}: invalid TOML: {reason}; fix the line and try again") from None

    check = _Checker(path, text)
    s = Settings()
    top_keys = ["title", "inclusion_criteria", "exclusion_reasons", "labels", "stages", "screening", "highlight", "ranker"]
    s.title = check.take(doc, "title", str, None, s.title)
    s.inclusion_criteria = check.take(doc, "inclusion_criteria", str, None, "").strip()
    s.exclusion_reasons = check.take(doc, "exclusion_reasons", list, None, s.exclusion_reasons)
    if len(set(s.exclusion_reasons)) != len(s.exclusion_reasons):
        twice = next(r for r in s.exclusion_reasons if s.exclusion_reasons.count(r) > 1)
        raise check.fail("exclusion_reasons", f"lists {twice!r} twice; give each reason once")
    s.labels = [label.strip() for label in check.take(doc, "labels", list, None, [])]
    if any(not label or len(label) > LABEL_MAX for label in s.labels):
        raise check.fail("labels", f"must hold labels of 1 to {LABEL_MAX} characters")
    if len({label.casefold() for label in s.labels}) != len(s.labels):
        raise check.fail("labels", "lists a label twice")

    stages = doc.pop("stages", {})
    if not isinstance(stages, dict):
        raise check.fail("stages", "must be a table")
    for name in list(stages):
        if name not in STAGES:
            raise check.fail(name, f"is not a stage (stages are {', '.join(STAGES)})", "stages")
        table = dict(stages.pop(name))
        section = f"stages.{name}"
        stage = s.stages[name]
        stage.votes_needed = check.take(table, "votes_needed", int, section, stage.votes_needed)
        if not 1 <= stage.votes_needed <= 5:
            raise check.fail("votes_needed", "must be between 1 and 5", section)
        stage.reason_required = check.take(table, "reason_required", bool, section, stage.reason_required)
        check.no_leftovers(table, section, ["votes_needed", "reason_required"])

    screening = dict(doc.pop("screening", {}))
    s.blind = check.take(screening, "blind", bool, "screening", s.blind)
    s.hide_authors = check.take(screening, "hide_authors", bool, "screening", s.hide_authors)
    check.no_leftovers(screening, "screening", ["blind", "hide_authors"])

    highlight = dict(doc.pop("highlight", {}))
    s.highlight_include = check.take(highlight, "include", list, "highlight", [])
    s.highlight_exclude = check.take(highlight, "exclude", list, "highlight", [])
    check.no_leftovers(highlight, "highlight", ["include", "exclude"])

    ranker = dict(doc.pop("ranker", {}))
    s.ranker_preset = check.take(ranker, "preset", str, "ranker", s.ranker_preset)
    if s.ranker_preset not in preset_names():
        raise check.fail("preset", f"is not a ranker preset{did_you_mean(s.ranker_preset, preset_names())} "
                                   f"(presets: {', '.join(preset_names())}", "ranker", remedy=DESCRIBE_PRESETS, after=")")
    s.ranker_seed = check.take(ranker, "seed", int, "ranker", s.ranker_seed)
    if not 0 <= s.ranker_seed <= MAX_SEED:      # numpy's generators refuse a negative seed (after the cold start)
        raise check.fail("seed", f"must be a whole number from 0 to {MAX_SEED}, not {s.ranker_seed}", "ranker")
    check.no_leftovers(ranker, "ranker", ["preset", "seed"])

    check.no_leftovers(doc, None, top_keys)
    return s
