"""`check --deploy` warns when the Welsh catalogue was never compiled, since every Welsh page
would then silently show English."""

import os

from django.core.checks import run_checks

from partnership.checks import welsh_catalogue_compiled


def test_a_compiled_catalogue_passes(settings, tmp_path):
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (folder / "django.mo").write_bytes(b"")
    settings.LOCALE_PATHS = [tmp_path]
    assert welsh_catalogue_compiled(None) == []


def test_a_missing_or_stale_catalogue_is_reported_by_the_deploy_check(settings, tmp_path):
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    source = folder / "django.po"
    source.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path]
    found = [w for w in run_checks(include_deployment_checks=True) if w.id == "cradle.W001"]
    assert len(found) == 1 and "Welsh pages would show English" in found[0].msg
    compiled = folder / "django.mo"
    compiled.write_bytes(b"")
    os.utime(compiled, (0, 0))  # older than the catalogue it was built from
    assert [w.id for w in welsh_catalogue_compiled(None)] == ["cradle.W001"]
