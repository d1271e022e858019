"""screener: search and screening for systematic reviews and qualitative evidence syntheses.

The Python API mirrors the CLI: ``Workspace.init(path)``, ``Workspace.open(path)``, then one method
or function per command.
"""

__version__ = "0.1.0"

from screener.errors import ScreenerError  # noqa: E402
from screener.records.model import Record  # noqa: E402
from screener.workspace import Workspace  # noqa: E402

__all__ = ["Workspace", "Record", "ScreenerError", "__version__"]
