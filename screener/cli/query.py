"""`screener query …`: check a search strategy, translate it for a target database, list targets."""

from __future__ import annotations

import sys

import typer

from screener.cli.common import JSON_OPTION, emit
from screener.cli.terminal import printable
from screener.output import counted

query_app = typer.Typer(
    help="Search strategies: check one (Ovid MEDLINE or PubMed syntax) and translate it to "
         "PubMed, Ovid MEDLINE/Embase/PsycINFO/AMED, EBSCO CINAHL/PsycInfo, Scopus, Web of "
         "Science, Embase.com, Cochrane Library, ProQuest, Europe PMC or Google Scholar.",
    no_args_is_help=True,
)

FILE_ARGUMENT = typer.Argument(..., help="The strategy file (`-` reads standard input).",
                               show_default=False)
def _check_from(value: str) -> str:
    from screener.errors import UsageError
    from screener.query import READERS

    if value.strip().lower() not in READERS:
        raise UsageError(f"--from {value}: unknown strategy syntax; use one of {', '.join(READERS)}")
    return value.strip().lower()


FROM_OPTION = typer.Option("ovid", "--from", help="Syntax of the strategy: ovid (also "
                           "ovid-medline, ovid-embase, ovid-psycinfo, ovid-amed), pubmed, "
                           "embase-com, cochrane, scopus, wos, ebsco-cinahl, ebsco-psycinfo, "
                           "proquest or europepmc.", callback=_check_from)


def _read(file: str) -> tuple[str, str]:
    from screener.cli.strategy_file import read_strategy

    return read_strategy(file)


def _problem_lines(problems, source: str, name: str) -> str:
    return "\n".join(p.format(source, name) for p in problems)


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
    from screener.query import parse

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
        out = [_problem_lines(shown, text, name)] if shown else []
        out.append(f"{name}: {counted(d['lines'], 'line')}, {counted(len(errors), 'error')}, "
                   f"{counted(len(warnings), 'warning')}, {counted(len(infos), 'note')}"
                   + ("" if show_info or not infos else f" (--info lists {'it' if len(infos) == 1 else 'them'})"))
        return "\n".join(out)

    emit(data, as_json, text_fn)
    if errors:
        from screener.errors import StrategyParseError
        raise StrategyParseError(f"{name}: {counted(len(errors), 'error')} in the strategy (listed above)",
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
    from screener.query import translate

    to = to.strip().lower()
    text, name = _read(file)
    result = translate(text, read=read, write=to)
    if as_json:
        emit(result.to_dict(), True)
    else:
        if result.query is not None:
            sys.stdout.write(printable(result.query) + "\n")
        shown = [p for p in result.errors + result.warnings if p.severity != "info"]
        shown.sort(key=lambda p: (p.line or 0, p.col or 0))
        for p in shown:
            sys.stderr.write(printable(p.format(None, name)) + "\n")
        if shown:
            n_warnings = len([p for p in result.warnings if p.severity != 'info'])
            sys.stderr.write(printable(f"{name}: {counted(len(result.errors), 'error')}, "
                                       f"{counted(n_warnings, 'warning')} for {to}") + "\n")
    if result.query is None:
        from screener.errors import UnsupportedError
        raise UnsupportedError(f"{name}: no {to} query can be produced (errors listed above)")
    if strict and result.errors:
        from screener.errors import StrategyParseError
        first = result.errors[0]
        raise StrategyParseError(f"{name}: --strict: {counted(len(result.errors), 'error')} for {to}, the "
                                 f"first at line {first.line}, column {first.col}: {first.code}",
                                 result.errors)


@query_app.command("targets")
def targets(as_json: bool = JSON_OPTION) -> None:
    """List the target databases `translate --to` accepts, one per line."""
    from screener.query import TARGETS

    emit(list(TARGETS), as_json, lambda d: "\n".join(d))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the main app."""
    app.add_typer(query_app, name="query")
