"""Source records: the one record model, one reader module per format."""

from screener.records.model import MeshHeading, Record

__all__ = ["Record", "MeshHeading"]
