"""screener: search and screening for systematic reviews and qualitative evidence syntheses.

The Python API mirrors the CLI: ``Workspace.init(path)``, ``Workspace.open(path)``, then one method
or function per command.
"""

from screener.errors import ScreenerError
from screener.records.model import Record
from screener.version import __version__
from screener.workspace import Workspace

# One logger per package, named "screener.<package>" ("screener.web.access": the server's access
# log). No handler is installed here: unconfigured, Python's last-resort handler still prints
# warnings and errors (a damaged ranker cache, a failed retraining) to stderr, and INFO lines
# (the access log) only appear where ``screener serve`` configures them.

__all__ = ["Workspace", "Record", "ScreenerError", "__version__"]
