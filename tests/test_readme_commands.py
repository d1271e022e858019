"""Every `screener ...` command line the README shows (in code blocks and in `inline code`) names a
command that exists and only long options that command has, with a value where the option takes one
and, for an option with a fixed list of values, only values from that list: a renamed command or
option, or a README written ahead of the CLI, fails here instead of on a new user's first try."""

from __future__ import annotations

import importlib
import re
import shlex
from enum import Enum
from pathlib import Path

import pytest
import typer

from screener.cli.main import app

ROOT = Path(__file__).resolve().parents[1]

# where a command line ends: a shell operator
_ENDS = {"<", ">", "&&", ";"}
_STARTS = re.compile(r"(?<!from )(?:^|&&\s*|;\s*|\s|\.venv/bin/|python -m )screener(?=\s|$)")


def _spans(readme: str) -> list[tuple[int, str]]:
    """(line number, text) of each command line: the lines of fenced code blocks (continuation
    lines joined, backquoted text in their comments too) and every inline code span."""
    found: list[tuple[int, str]] = []
    lines = readme.split("\n")
    prose: list[str] = []
    fenced = False
    carried = ""
    for number, line in enumerate(lines, 1):
        if line.startswith("```"):
            fenced = not fenced
            prose.append("")
            continue
        if not fenced:
            prose.append(line)
            continue
        prose.append("")
        if line.endswith("\\"):
            carried += line[:-1] + " "
            continue
        text, carried = carried + line, ""
        found += [(number, span) for span in re.findall(r"`([^`]+)`", text)]
        found.append((number, text.split("#", 1)[0] if "`" in text else text))
    # HTML comments are notes to editors, not commands
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), "\n".join(prose), flags=re.S)
    # a code span never crosses a paragraph or a table row: one stray backquote spoils one only
    offset = 0
    for block in re.split(r"(\n\s*\n|\n(?=\|))", text):
        for match in re.finditer(r"`([^`]+)`", block):
            number = text.count("\n", 0, offset + match.start()) + 1
            found.append((number, match.group(1).replace("\n", " ")))
        offset += len(block)
    return found


def _words(text: str) -> list[str]:
    """The words of a command line, with `[`, `]` and `|` (the README's optional parts and
    alternatives) as words of their own outside quotes; '#' starts a comment."""
    lexer = shlex.shlex(text, posix=True, punctuation_chars="[]|<>&;")
    lexer.whitespace_split = True
    return list(lexer)


def _command_lines(readme: str) -> list[tuple[int, list[str]]]:
    lines = []
    for number, span in _spans(readme):
        match = _STARTS.search(span)
        if match is None:
            continue
        words = _words(span[match.end():])
        for i, word in enumerate(words):
            if word in _ENDS:
                words = words[:i]
                break
        lines.append((number, words))
    return lines


def _placeholder(word: str) -> bool:
    """DIR, FILE..., FILE.svg, ID,ID, ... (the rest of a line): what the reader replaces, not a literal value."""
    return bool(re.fullmatch(r"[A-Z][A-Z0-9_.,-]*(\.\.\.|…)?|[A-Z]+\.[a-z]+|\.\.\.|…", word))


def problems(readme: str) -> list[str]:
    root = typer.main.get_command(app)
    found = []
    for number, words in _command_lines(readme):
        where = f"README.md:{number}: `screener {' '.join(words)}`"
        command = root
        path = ["screener"]
        rest = list(words)
        # the global options come before the command's name (`screener --debug ...`, `screener -v ...`)
        while rest and rest[0].startswith("-"):
            option = rest.pop(0)
            if option.startswith("--") and option not in _long_options(root):
                found.append(f"{where}: `screener` has no option {option}")
        while hasattr(command, "commands") and rest and rest[0] not in "[]|":
            sub = command.commands.get(rest[0])
            if sub is None:
                if not _placeholder(rest[0]):
                    found.append(f"{where}: `{' '.join(path)}` has no command {rest[0]!r}")
                break
            path.append(rest.pop(0))
            command = sub
        if hasattr(command, "commands"):
            continue
        options = {name: param for param in command.params if param.param_type_name == "option"
                   for name in param.opts + param.secondary_opts}
        for i, word in enumerate(rest):
            if not word.startswith("--"):
                continue
            name, _, attached = word.partition("=")
            param = options.get(name)
            if param is None:
                found.append(f"{where}: `{' '.join(path)}` has no option {name}")
                continue
            if param.is_flag or param.count:
                if attached:
                    found.append(f"{where}: {name} takes no value")
                continue
            values = [attached] if attached else _values(rest[i + 1:])
            if not values:
                found.append(f"{where}: {name} needs a value")
            elif choices := _choices(param):
                wrong = [v for v in values if not _placeholder(v) and v not in choices]
                if wrong:
                    found.append(f"{where}: {name} allows {'|'.join(choices)}, not {'|'.join(wrong)}")
    return found


def _values(after: list[str]) -> list[str]:
    """The value written after an option: one word, or alternatives `a|b|c`."""
    values: list[str] = []
    while after and after[0] not in "[]|" and (after[0] == "-" or not after[0].startswith("-")):
        values.append(after[0])
        if after[1:2] != ["|"]:
            break
        after = after[2:]
    return values


def _choices(param) -> list[str]:
    """The values of an option typed by an Enum (`--role`); values other options check in code,
    such as `export --format`, are not known here."""
    annotation = param.type_descriptor.annotation
    return [member.value for member in annotation] if isinstance(annotation, type) and issubclass(annotation, Enum) else []


def _long_options(command) -> set[str]:
    return {name for param in command.params if param.param_type_name == "option"
            for name in param.opts + param.secondary_opts}


def test_the_readme_shows_command_lines():
    lines = _command_lines((ROOT / "README.md").read_text(encoding="utf-8"))
    # the command list alone has over 40; a parser that finds none would pass everything
    assert len(lines) > 80
    assert any(words[:2] == ["search", "pubmed"] and "--email" in words for _, words in lines)


def test_every_command_line_in_the_readme_names_real_commands_and_options():
    assert problems((ROOT / "README.md").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("line, problem", [
    ("`screener import DIR FILE --databse Embase`", "`screener import` has no option --databse"),
    ("```\nscreener query translte FILE --to pubmed\n```", "`screener query` has no command 'translte'"),
    ("`screener reviewers add DIR NAME [--role screener|reader]`", "--role allows"),
    ("`screener serve DIR --port`", "--port needs a value"),
    ("`screener --debg status DIR`", "`screener` has no option --debg"),
])
def test_a_wrong_command_line_is_named(line, problem):
    found = problems(line)
    assert len(found) == 1 and problem in found[0], found


def _dotted(name: str) -> object:
    """The module, or the attribute of the longest importable module prefix, a dotted name names."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for part in parts[i:]:
            found = getattr(found, part)
        return found
    raise ImportError(name)


def test_every_python_name_the_readme_gives_exists():
    """`screener.records.read_file`, `from screener.search.standin import EutilsStandin`, …: the names
    a reader imports from the README's prose and its Python examples (only the Python API section's
    example is run, by tests/test_readme_python_api.py)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = set(re.findall(r"`(screener(?:\.[A-Za-z_]\w*)+)", readme))
    for module, imported in re.findall(r"^from (screener[\w.]*) import ([\w, ]+)$", readme, re.M):
        names.update(f"{module}.{name.strip()}" for name in imported.split(","))
    assert len(names) > 40
    missing = []
    for name in sorted(names):
        try:
            _dotted(name)
        except (ImportError, AttributeError):
            missing.append(name)
    assert missing == []


def test_every_make_target_the_readme_gives_is_in_the_makefile():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    written = set(re.findall(r"(?:^|`)make ([a-z][\w-]*)", readme, re.M))
    assert {"demo", "test", "lint"} <= written
    assert written <= targets, f"not in the Makefile: {written - targets}"
