"""The review workspace: review.toml (settings) + review.db (records, studies, events)."""

from screener.workspace.workspace import Workspace

__all__ = ["Workspace"]
