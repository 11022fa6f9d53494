"""The Welsh catalogue is complete: every string marked for translation anywhere in Cradle has
its Welsh, none is fuzzy, and every placeholder matches. A new English string cannot land
without its Welsh: the catalogue is gathered afresh from the sources here, as `make messages`
does, in a copy of the project."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = Path("locale/cy/LC_MESSAGES/django.po")
# As the Makefile's MESSAGES_IGNORE.
SKIPPED = {".venv", "node_modules", ".git", "tests", "static", "staticfiles", "cache", "backups"}


@pytest.fixture(scope="module")
def gathered(tmp_path_factory) -> Path:
    """The catalogue as `make messages` would leave it after the sources as they are now."""
    if not shutil.which("msgattrib"):
        pytest.fail("gettext is not installed: `make install` installs it")
    copy = tmp_path_factory.mktemp("catalogue") / "cradle"
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda folder, names: [
            n for n in names if n in SKIPPED or n.endswith((".sqlite3", ".pyc", ".mo"))
        ],
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "cy",
            "--no-obsolete",
            "--add-location",
            "file",
            "--ignore=perf/results",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return copy / CATALOGUE


def entries(po: Path, *flags: str) -> list[str]:
    out = subprocess.run(
        ["msgattrib", *flags, "--no-wrap", str(po)], check=True, capture_output=True, text=True
    ).stdout
    return [m for m in re.findall(r'^msgid "(.*)"$', out, re.M) if m]


def test_every_string_is_translated(gathered):
    untranslated = entries(gathered, "--untranslated")
    assert untranslated == [], f"{len(untranslated)} strings have no Welsh: {untranslated[:20]}"


def test_no_translation_is_fuzzy(gathered):
    fuzzy = entries(gathered, "--only-fuzzy")
    assert fuzzy == [], f"{len(fuzzy)} Welsh strings are marked fuzzy: {fuzzy[:20]}"


def test_the_catalogue_compiles_with_matching_placeholders_and_says_it_is_a_draft(gathered):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(gathered)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    translated = int(re.search(r"(\d+) translated message", result.stderr).group(1))
    assert translated > 1000
    header = (ROOT / CATALOGUE).read_text(encoding="utf-8").split("msgid", 1)[0]
    assert re.search(r"Welsh status: (draft|reviewed)", header)


def test_the_committed_catalogue_is_the_gathered_one(gathered):
    """`make messages` was run after the last change to a marked string."""
    committed = set(entries(ROOT / CATALOGUE))
    assert committed == set(entries(gathered))
