"""An image picked in the file dialog instead of the export (a screenshot of the search, say) is
named as an image with what to do; a PNG without NUL bytes near its start was refused as a text
file that 'mixes encodings … byte 0x89' (found by session 7's browser review)."""

from __future__ import annotations

import pytest

from screener.errors import RecordParseError
from screener.records import read_file


@pytest.mark.parametrize("magic,kind", [(b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff\xe0", "a JPEG image"),
                                        (b"GIF89a", "a GIF image")])
def test_an_image_is_refused_as_an_image(tmp_path, magic, kind):
    image = tmp_path / "search-screenshot.ris"
    image.write_bytes(magic + bytes(range(1, 250)) * 4)
    with pytest.raises(RecordParseError) as info:
        read_file(image)
    assert f"{kind}, not a database export: export the records from the database as RIS, MEDLINE or CSV" in str(info.value)
