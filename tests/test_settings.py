"""The settings module refuses unsafe production configurations and passes Django's deploy check."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DATABASE_URL",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_django("import django; django.setup()", DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_without_a_secret_key_in_debug():
    result = run_django("import django; django.setup(); print('ok')", DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


def test_deploy_check_is_silent_under_production_settings(tmp_path):
    result = run_django(
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', deploy=True, fail_level='WARNING')",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-5f0e9c2b7d4a1e8f3b6c9d2a5e8f1b4c7d0a3e6",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    result = run_django(
        "import django; django.setup();"
        "from django.db import connection;"
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode');"
        "print(cursor.fetchone()[0], connection.settings_dict['OPTIONS']['transaction_mode'])",
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'wal-check.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "IMMEDIATE"]
