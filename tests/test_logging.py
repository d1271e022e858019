"""Logging (screener/logs.py): one logger per package; unconfigured, the package's warnings and errors
still reach stderr (Python's last-resort handler) and nothing else does; ``-v`` or ``SCREENER_LOG``
shows the packages at work, never an API key, an email address or record text."""

from __future__ import annotations

import ast
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def test_a_package_warning_reaches_stderr_without_logging_configured():
    code = ("import logging, screener, screener.rank.live\n"
            "logging.getLogger('screener.rank').warning('the ranker cache is damaged')\n"
            "logging.getLogger('screener.web.access').info('GET / 200 1.0ms')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "the ranker cache is damaged" in done.stderr
    assert "GET /" not in done.stderr          # the access log only where `screener serve` turns it on


# ---- one logger per package, quiet by default, never a secret or record text ------------------------



SCREENER = Path(__file__).resolve().parents[1] / "screener"
LOGGING_PACKAGES = ("search", "records", "dedup", "workspace", "report", "rank", "query", "web")


def _logger_names(package: str) -> set[str]:
    """What each module of ``package`` passes to logging.getLogger (``__name__`` as the module's name)."""
    names = set()
    for path in (SCREENER / package).rglob("*.py"):
        module = ".".join(("screener",) + path.relative_to(SCREENER).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "getLogger"
                    and node.args):
                arg = node.args[0]
                if isinstance(arg, ast.Name) and arg.id == "__name__":
                    names.add(module)
                elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.add(arg.value)
    return names


@pytest.mark.parametrize("package", LOGGING_PACKAGES)
def test_each_package_logs_under_its_own_name(package):
    names = _logger_names(package)
    assert any(n == f"screener.{package}" or n.startswith(f"screener.{package}.") for n in names), names


@pytest.fixture()
def logged_review(tmp_path, fixtures_dir):
    """A review run through the CLI in subprocesses (init, import, search, dedupe, export) with
    SCREENER_LOG=debug; yields (stderr of all commands, the workspace directory, the API key)."""
    from screener.search.standin import EutilsStandin, bundled_pubmed_xml

    directory, key = tmp_path / "review", "k3y-0f-th1s-t3st-5ecret"
    env = {**os.environ, "SCREENER_LOG": "debug"}
    ris = fixtures_dir / "records" / "ris" / "asreview__embase.ris"
    commands = [["init", str(directory)], ["import", str(directory), str(ris)],
                None,  # the search, once the stand-in's URL is known
                ["dedupe", str(directory)], ["export", str(directory), "--format", "ris", "--out",
                                             str(tmp_path / "out.ris")]]
    err = []
    with EutilsStandin(bundled_pubmed_xml(), enforce_rate=False) as url:
        commands[2] = ["search", "pubmed", str(directory), "--query", "pain", "--email", "me@example.org",
                       "--api-key", key, "--eutils-url", url]
        for command in commands:
            done = subprocess.run([sys.executable, "-m", "screener", *command], capture_output=True, text=True,
                                  env=env, timeout=300)
            assert done.returncode == 0, done.stderr
            err.append(done.stderr)
    return "".join(err), directory, key


def test_screener_log_shows_each_package_at_work_and_never_a_secret_or_an_abstract(logged_review):
    err, directory, key = logged_review
    for logger in ("screener.workspace.db", "screener.workspace.importer", "screener.search.eutils",
                   "screener.search.pubmed", "screener.dedup.engine", "screener.report.exports"):
        assert f" {logger}: " in err, logger
    assert key not in err and "me@example.org" not in err
    conn = sqlite3.connect(directory / "review.db")
    texts = [row[0] for row in conn.execute("SELECT record FROM source_records")]
    conn.close()
    abstracts = [json.loads(t).get("abstract") or "" for t in texts]
    titles = [json.loads(t).get("title") or "" for t in texts]
    assert sum(1 for a in abstracts if len(a) > 40) >= 10        # the check below has something to check
    for text in abstracts + titles:
        if len(text) > 40:
            assert text[:40] not in err


def test_without_v_or_screener_log_the_cli_prints_no_log_lines(tmp_path, fixtures_dir):
    env = {k: v for k, v in os.environ.items() if k != "SCREENER_LOG"}
    directory = tmp_path / "review"
    ris = fixtures_dir / "records" / "ris" / "asreview__embase.ris"
    for command in (["init", str(directory)], ["import", str(directory), str(ris)]):
        done = subprocess.run([sys.executable, "-m", "screener", *command], capture_output=True, text=True, env=env,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        assert " screener." not in done.stderr and "INFO" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "screener", "-v", "status", str(directory)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0 and "INFO" not in done.stderr   # status has nothing to log
    bad = subprocess.run([sys.executable, "-m", "screener", "status", str(directory)], capture_output=True, text=True,
                         env={**env, "SCREENER_LOG": "loud"}, timeout=120)
    assert (bad.returncode, bad.stderr) == (2, "error: SCREENER_LOG='loud': give one of debug, info, warning, error\n")
