"""screener: search and screening for systematic reviews and qualitative evidence syntheses.

The Python API mirrors the CLI: ``Workspace.init(path)``, ``Workspace.open(path)``, then one method
or function per command.
"""

from screener.errors import ScreenerError
from screener.records.model import Record
from screener.version import __version__
from screener.workspace import Workspace

__all__ = ["Workspace", "Record", "ScreenerError", "__version__"]
