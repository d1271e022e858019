"""Source records: the one record model, one reader module per format."""

from screener.records.base import ReadResult, ReadWarning, RejectedRecord
from screener.records.model import MeshHeading, Record
from screener.records.reader import read_file, read_text
from screener.records.sniff import sniff_format

__all__ = ["Record", "MeshHeading", "ReadResult", "ReadWarning", "RejectedRecord", "read_file",
           "read_text", "sniff_format"]
