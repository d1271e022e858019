"""The command line: a thin typer layer, each command one call into the Python API.

A command imports the heavier modules it calls (reports, the web app, screening rules, each
'# lazy: …' with its cost) inside its own function, on purpose: `screener --help`, tab completion
and a one-line command then load only the command table (about 0.13 s of CPU here) instead of
every package behind every command (0.35 s, measured with the imports at the top). What the
command table loads anyway (errors, the query package, the workspace) is imported at the top.
"""
