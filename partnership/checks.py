"""Checks `manage.py check --deploy` runs at every release."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.translation, deploy=True)
def welsh_catalogue_compiled(app_configs, **kwargs) -> list[Warning]:
    """Without the compiled catalogue every Welsh page silently shows English."""
    problems = []
    for folder in settings.LOCALE_PATHS:
        source = Path(folder) / "cy" / "LC_MESSAGES" / "django.po"
        compiled = source.with_suffix(".mo")
        if not source.exists():
            continue
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            problems.append(
                Warning(
                    f"The Welsh catalogue {compiled} is missing or older than {source.name}: "
                    "Welsh pages would show English.",
                    hint="Run `make install`, or `python manage.py compilemessages --locale cy "
                    "--ignore .venv` (gettext must be installed).",
                    id="cradle.W001",
                )
            )
    return problems
