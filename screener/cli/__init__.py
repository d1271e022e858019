"""The command line: a thin typer layer, each command one call into the Python API."""
