"""Without Chromium the browser tests say they were skipped and how to install it; CI fails.

Each case runs pytest again on one browser test with CHROMIUM pointing at nothing.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ONE_BROWSER_TEST = "tests/browser/test_accessibility.py::test_public_pages"


def pytest_without_chromium(**env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "CHROMIUM": "/nonexistent/chromium", **env}
    environment.pop("DATABASE_URL", None)  # the inner run must not share this run's database
    if "CI" not in env:
        environment.pop("CI", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", ONE_BROWSER_TEST, "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_missing_browser_is_reported_with_how_to_install_it():
    run = pytest_without_chromium()
    assert run.returncode == 0, run.stdout
    assert "Browser tests SKIPPED" in run.stdout
    assert "Chromium not found at /nonexistent/chromium" in run.stdout
    assert "apt-get install chromium" in run.stdout
    assert " passed" not in run.stdout


@pytest.mark.parametrize("ci", ["true", "1"])
def test_a_missing_browser_fails_in_ci(ci):
    run = pytest_without_chromium(CI=ci)
    assert run.returncode == 1, run.stdout
    assert "CI runs the browser tests, never skips them" in run.stdout
    assert "skipped" not in run.stdout
