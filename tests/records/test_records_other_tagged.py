"""Tagged formats people export by mistake (EndNote's .enw, RefWorks') get a message saying what
they are and which export to choose instead."""

from __future__ import annotations

import pytest

from screener.errors import RecordParseError
from screener.records import read_file


@pytest.mark.parametrize("text,message", [
    ("%0 Journal Article\n%A Smith, J\n%T A title\n%D 2020\n\n",
     "this is EndNote's tagged format (.enw, '%0' lines), which is not read: export RIS (EndNote: "
     "File → Export → RefMan (RIS)) or EndNote XML"),
    ("RT Journal Article\nSR Electronic(1)\nA1 Smith, J\nT1 A title\n\n",
     "this is RefWorks' tagged format ('RT' lines), which is not read: export RIS from RefWorks"),
])
def test_other_tagged_formats(tmp_path, text, message):
    path = tmp_path / "export.txt"
    path.write_text(text)
    with pytest.raises(RecordParseError) as info:
        read_file(path)
    assert str(info.value) == f"{path}:1: {message}"
