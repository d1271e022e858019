"""Property tests (hypothesis, deterministic, bounded examples) for every importer: a real
export of each format, its bytes mutated (cut, spliced, repeated, overwritten), read with
``screener.records.read_file``: a result or one of our errors (``ScreenerError``), never another
exception, within a time and a memory bound."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener.errors import ScreenerError
from screener.records import read_file

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "records"
#: one real export per reader (small ones: the mutations, not the size, are under test)
SAMPLES = {
    "ris": "ris/jabref__RisImporterTest1.ris",
    "medline": "nbib/jabref__NbibImporterTest.nbib",
    "pubmed_xml": "pubmed-xml/biopython__pubmed1.xml",
    "endnote_xml": "endnote-xml/synthetic_endnote_export.xml",
    "wos": "wos/jabref__IsiImporterTest1.isi",
    "wos_tab": "wos/wosfile__wos_tab_delimited_win_utf8.txt",
    "ovid": "ovid-tagged/jabref__OvidImporterTest1.txt",
    "csv": "csv/citation-file-formatting___baseline_cochrane.csv",
    "tsv": "csv/citation-file-formatting___baseline_refworks.tsv",
    "bibtex": "bibtex/colrev__europe_pmc_bib.bib",
    "enw": "enw/colrev__enl_data.enl",
}
NASTY = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\n", b"\t", b"\"", b",", b"<", b"<!ENTITY x \"y\">",
         b"&x;", b"]]>", b"TY  - ", b"ER  - ", b"PMID- ", b"\xe2\x80\xae", b"\xf0\x9f", b"=cmd|' /C calc'!A0",
         b"\x1b[31m", b"\xc3", "\ud800".encode("utf-8", "surrogatepass")]

MUTATION = st.one_of(
    st.tuples(st.just("cut"), st.integers(0, 10**6), st.integers(0, 4000)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.one_of(st.sampled_from(NASTY), st.binary(max_size=40))),
    st.tuples(st.just("repeat"), st.integers(0, 10**6), st.integers(1, 400)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(0)),
)


def _mutate(data: bytes, mutations) -> bytes:
    for kind, at, arg in mutations:
        at = at % (len(data) + 1)
        if kind == "cut":
            data = data[:at] + data[at + arg:]
        elif kind == "insert":
            data = data[:at] + arg + data[at:]
        elif kind == "repeat":
            chunk = data[at:at + 200]
            data = data[:at] + chunk * min(arg, 50) + data[at:]
        else:
            data = data[:at]
    return data


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_mutated_exports_read_or_fail_with_our_error(tmp_path, fmt):
    original = (FIXTURES / SAMPLES[fmt]).read_bytes()[:20_000]

    @settings(derandomize=True, deadline=None, database=None, max_examples=60,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(st.lists(MUTATION, min_size=1, max_size=4))
    def check(mutations):
        path = tmp_path / f"export-{fmt}.txt"
        path.write_bytes(_mutate(original, mutations))
        tracemalloc.start()
        t0 = time.perf_counter()
        try:
            read_file(path)
        except ScreenerError as error:
            assert str(error).strip() and "\n" not in str(error).strip()
        finally:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        assert time.perf_counter() - t0 < 10
        assert peak < 200 * 2**20

    check()
