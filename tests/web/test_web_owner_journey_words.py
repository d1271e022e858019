"""Found walking the owner's and the information specialist's journey in the browser (session 9,
fresh workspace, fixtures/records exports): what the Manage pages said that a person on a page
cannot act on."""

from __future__ import annotations

import io

from test_owner_api import _all_writes
from web_helpers import csrf_of, signed_in

# an EBSCOhost BibTeX entry whose keywords hold a web page's script (colrev's ebsco_bib fixture):
# its braces do not balance, so the entry does not parse
BROKEN_BIB = b"""@article{ok2000,
Author = {Ann Author},
Title = {A readable entry},
Journal = {Journal of Tests},
Year = {2000},
}

@article{broken2018,
Author = {Tom Cruise},
Title = {When sharing fixes prices.},
Keywords = {Price fixing, ). addSize(768, 0, 160, 250).build(), 600, 600).build(), @type:Pers
}
"""


def test_a_bibtex_entry_that_does_not_parse_is_refused_in_page_words_not_a_cli_option(app, review):
    # Before: 'colrev__ebsco_bib.bib:15: cannot read this BibTeX entry (...): ... fix the entry or import
    # with --skip-bad' -- a command-line option the Imports page has no way to give.
    ws, _, tokens = review
    owner = signed_in(app, tokens["olivia"])
    csrf = csrf_of(owner.get("/owner/imports").get_data(as_text=True))
    before = _all_writes(ws)
    answer = owner.post("/owner/imports/preview", data={"csrf_token": csrf, "file": [
        (io.BytesIO(BROKEN_BIB), "ebsco.bib")]}, content_type="multipart/form-data")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422, page
    assert "ebsco.bib:8: cannot read this BibTeX entry (@article{broken2018,)" in page, page[-2000:]
    assert "--skip-bad" not in page
    assert "fix the entry in the file (or export the records again) and check the file again" in page
    assert _all_writes(ws) == before
