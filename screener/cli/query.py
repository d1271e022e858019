"""`screener query …`: check a search strategy, translate it for a target database, list targets."""

from __future__ import annotations

import sys

import typer

from screener.cli.common import JSON_OPTION, emit, write_stdout
from screener.cli.strategy_file import read_strategy
from screener.cli.terminal import printable
from screener.errors import StrategyParseError, UnsupportedError, UsageError
from screener.output import counted, shell_word
from screener.query import READERS, TARGETS, parse, translate
from screener.query.parsing import OVID_NAMES

query_app = typer.Typer(
    help="Search strategies: check one (Ovid MEDLINE or PubMed syntax) and translate it to "
         "PubMed, Ovid MEDLINE/Embase/PsycINFO/AMED, EBSCO CINAHL/PsycInfo, Scopus, Web of "
         "Science, Embase.com, Cochrane Library, ProQuest, Europe PMC or Google Scholar.",
    no_args_is_help=True,
)

FILE_ARGUMENT = typer.Argument(..., help="The strategy file (`-` reads standard input).",
                               show_default=False)
def _check_from(value: str) -> str:
    if value.strip().lower() not in READERS:
        raise UsageError(f"--from {value}: unknown strategy syntax; use one of {', '.join(READERS)}")
    return value.strip().lower()


FROM_OPTION = typer.Option("ovid", "--from", help="Syntax of the strategy: ovid (also "
                           "ovid-medline, ovid-embase, ovid-psycinfo, ovid-amed), pubmed, "
                           "embase-com, cochrane, scopus, wos, ebsco-cinahl, ebsco-psycinfo, "
                           "proquest or europepmc.", callback=_check_from)


def _read(file: str) -> tuple[str, str]:
    return read_strategy(file)


def _problem_lines(problems, source: str, name: str) -> str:
    return "\n".join(p.format(source, name) for p in problems)


FOREIGN_SHOWN = 3     # a PubMed strategy read as Ovid: the first few tags, then one hint


def _fold_foreign(shown: list, read: str, name: str) -> tuple[list, str | None]:
    """The problems to print, with an Ovid reading's FOREIGN_SYNTAX warnings about PubMed tags past
    the first few left out, and the one line that replaces them. A whole PubMed strategy checked
    without --from pubmed gave one warning per tag (115 for one CLEF strategy), each saying the
    same, and never that --from pubmed reads it as written."""
    pubmed = [p for p in shown if p.code == "FOREIGN_SYNTAX" and "PubMed tag" in p.message]
    if (read != "ovid" and read not in OVID_NAMES) or len(pubmed) <= FOREIGN_SHOWN:
        return shown, None
    hidden = {id(p) for p in pubmed[FOREIGN_SHOWN:]}
    shell_name = "-" if name == "<stdin>" else shell_word(name)
    command = f"`screener query check {shell_name} --from pubmed`"
    if any(p.code == "SYNTAX_MISMATCH" and "PubMed syntax" in p.message for p in shown):
        # the mismatch warning has said to read it as PubMed: the line gives only the command
        hint = f"{name}: {len(pubmed)} PubMed tags in all ({len(hidden)} more not listed); read as PubMed: {command}"
    else:
        hint = (f"{name}: {len(pubmed)} PubMed tags in all ({len(hidden)} more not listed): if the strategy is "
                f"written for PubMed, `--from pubmed` reads it as written ({command})")
    return [p for p in shown if id(p) not in hidden], hint


def _where(as_json: bool, listed: str) -> str:
    """Where the problems are: listed above on stderr, or (with --json) in the JSON on stdout."""
    return 'see "errors" in the JSON output' if as_json else listed


@query_app.command("check")
def check(
    file: str = FILE_ARGUMENT,
    read: str = FROM_OPTION,
    show_info: bool = typer.Option(False, "--info", help="Also list info-level notes (removed "
                                   "hit counts, accepted suffixes without a final dot, …)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Report the strategy's own problems, each with line:col (exit 1 on errors).

    Syntax, line references, unbalanced quotes or parentheses. A target's own rules are reported
    by `translate`."""
    text, name = _read(file)
    strategy = parse(text, read)
    errors = [p for p in strategy.problems if p.severity == "error"]
    warnings = [p for p in strategy.problems if p.severity == "warning"]
    infos = [p for p in strategy.problems if p.severity == "info"]
    data = {"file": name, "syntax": read, "lines": len(strategy.lines),
            "errors": [p.to_dict() for p in errors], "warnings": [p.to_dict() for p in warnings],
            "info": [p.to_dict() for p in infos]}

    def text_fn(d: dict) -> str:
        shown = errors + warnings + (infos if show_info else [])
        shown.sort(key=lambda p: (p.line or 0, p.col or 0))
        shown, hint = _fold_foreign(shown, read, name)
        out = [_problem_lines(shown, text, name)] if shown else []
        if hint:
            out.append(hint)
        out.append(f"{name}: {counted(d['lines'], 'line')}, {counted(len(errors), 'error')}, "
                   f"{counted(len(warnings), 'warning')}, {counted(len(infos), 'note')}"
                   + ("" if show_info or not infos else f" (--info lists {'it' if len(infos) == 1 else 'them'})"))
        return "\n".join(out)

    emit(data, as_json, text_fn)
    if errors:
        raise StrategyParseError(f"{name}: {counted(len(errors), 'error')} in the strategy ({_where(as_json, 'listed above')})",
                                 strategy.problems)


@query_app.command("translate")
def translate_cmd(
    file: str = FILE_ARGUMENT,
    to: str = typer.Option(..., "--to", help="Target: pubmed, ovid-medline, ovid-embase, "
                           "ovid-psycinfo, ovid-amed, ebsco-cinahl, scopus, wos, embase-com, "
                           "cochrane, proquest, ebsco-psycinfo, europepmc or google-scholar "
                           "(`screener query targets`)."),
    read: str = FROM_OPTION,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any error was reported "
                                "(the query is still printed), for scripts."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Compile the strategy for one target database.

    Prints the query (warnings and errors on stderr); exit 0 whenever a query is produced, even
    with parts dropped (each listed as an error), exit 1 when none can be; with --strict, exit 1
    whenever any error was reported."""
    to = to.strip().lower()
    text, name = _read(file)
    result = translate(text, read=read, write=to)
    if as_json:
        emit(result.to_dict(), True)
    else:
        if result.query is not None:
            write_stdout(printable(result.query) + "\n")
        shown = [p for p in result.errors + result.warnings if p.severity != "info"]
        shown.sort(key=lambda p: (p.line or 0, p.col or 0))
        listed, hint = _fold_foreign(shown, read, name)
        for p in listed:
            sys.stderr.write(printable(p.format(None, name)) + "\n")
        if hint:
            sys.stderr.write(printable(hint) + "\n")
        if shown:
            n_warnings = len([p for p in result.warnings if p.severity != 'info'])
            sys.stderr.write(printable(f"{name}: {counted(len(result.errors), 'error')}, "
                                       f"{counted(n_warnings, 'warning')} for {to}") + "\n")
    if result.query is None:
        raise UnsupportedError(f"{name}: no {to} query can be produced ({_where(as_json, 'errors listed above')})")
    if strict and result.errors:
        first = result.errors[0]
        raise StrategyParseError(f"{name}: --strict: {counted(len(result.errors), 'error')} for {to}, the "
                                 f"first at line {first.line}, column {first.col}: {first.code}",
                                 result.errors)


@query_app.command("targets")
def targets(as_json: bool = JSON_OPTION) -> None:
    """List the target databases `translate --to` accepts, one per line."""
    emit(list(TARGETS), as_json, lambda d: "\n".join(d))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(query_app, name="query")
