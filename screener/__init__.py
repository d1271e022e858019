"""screener: search and screening for systematic reviews and qualitative evidence syntheses.

The Python API mirrors the CLI: ``Workspace.init(path)``, ``Workspace.open(path)``, then one method
or function per command.
"""

import logging

from screener.errors import ScreenerError
from screener.records.model import Record
from screener.version import __version__
from screener.workspace import Workspace

# One logger per package, named "screener.<package>" ("screener.web.access": the server's access
# log); silent unless the application configures logging (``screener serve`` shows the access log).
logging.getLogger("screener").addHandler(logging.NullHandler())

__all__ = ["Workspace", "Record", "ScreenerError", "__version__"]
