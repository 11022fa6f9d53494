"""Loads the statements families answer (`fixtures/statements/*.json`), one file per version.

Checked like every library file (continuum.library_files): encoding, JSON, schema, a source and
a confidence that say something, unique codes, and every element and NEST theme against the
loaded frameworks and taxonomies, before anything is written, in one transaction. Rows are
matched on set code and version, then statement code: loading a file twice changes nothing. A
statement cannot leave a version that surveys use: publish a new version instead.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import translation

from assessments.models import Element
from continuum.library_files import (
    LoadRefused,
    Problem,
    Report,
    changed_fields,
    credit_problems,
    duplicates,
    json_path,
    model_problems,
    read_json,
    schema_problems,
    welsh_problems,
)
from continuum.loading import Source, shipped_sources
from continuum.models import Term
from voice.models import Statement, StatementSet

SCHEMA = Path(__file__).resolve().parent / "schemas" / "statements.schema.json"
SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "statements"
SET_FIELDS = [
    "title",
    "title_cy",
    "summary",
    "summary_cy",
    "source",
    "confidence",
    "confidence_cy",
    "welsh_status",
]
STATEMENT_FIELDS = [
    "text",
    "text_cy",
    "easy_read",
    "easy_read_cy",
    "finding",
    "finding_cy",
    "elements",
    "nest_themes",
]
# The fields whose Welsh a file in Welsh carries beside the English (docs/welsh.md).
WELSH_PATHS = [
    "title",
    "summary",
    "confidence",
    "statements[].text",
    "statements[].easy_read",
    "statements[].finding",
]


def _value(spec: dict, key: str):
    return spec.get(key, [] if key in ("elements", "nest_themes") else "")


def shipped_statements() -> list[Source]:
    return shipped_sources(SHIPPED)


@translation.override(settings.LANGUAGE_CODE)
def load_statements(sources: list[Source], *, dry_run: bool = False) -> Report:
    report = Report()
    elements = {f"{f}/{e}" for f, e in Element.objects.values_list("framework__code", "code")}
    themes = set(Term.objects.filter(taxonomy__code="nest").values_list("code", flat=True))
    specs = []
    for source in sources:
        data, problems = read_json(source.raw, source.name)
        if not problems:
            problems = schema_problems(data, SCHEMA, source.name)
        if not problems:
            problems = check_statements(data, source.name, elements, themes)
            problems += welsh_problems(data, source.name, WELSH_PATHS)
        report.problems.extend(problems)
        specs.append((source.name, data))
    keys = [(d["code"], d["version"]) for _, d in specs if isinstance(d, dict) and "version" in d]
    for code, version in duplicates(keys):
        report.problems.append(
            Problem("(all files)", "$", f"statements {code} version {version} are in two files")
        )
    if report.problems:
        return report
    try:
        with transaction.atomic():
            for name, data in specs:
                sync(data, name, report)
            if report.problems or dry_run:
                raise LoadRefused
    except LoadRefused:
        pass
    return report


def check_statements(data: dict, name: str, elements: set[str], themes: set[str]) -> list[Problem]:
    problems = credit_problems(data, name, ["source", "confidence"])
    codes = [statement["code"] for statement in data["statements"]]
    for code in duplicates(codes):
        problems.append(Problem(name, "$.statements", f'statement code "{code}" is used twice'))
    for index, spec in enumerate(data["statements"]):
        path = ["statements", index]
        for i, key in enumerate(spec["elements"]):
            if key not in elements:
                problems.append(
                    Problem(
                        name,
                        json_path([*path, "elements", i]),
                        f'unknown element "{key}" (load the frameworks first?)',
                    )
                )
        for i, theme in enumerate(spec.get("nest_themes", [])):
            if theme not in themes:
                problems.append(
                    Problem(
                        name,
                        json_path([*path, "nest_themes", i]),
                        f'unknown NEST theme "{theme}" (load the taxonomies first?)',
                    )
                )
        values = {key: _value(spec, key) for key in STATEMENT_FIELDS}
        problems += model_problems(
            Statement(code=spec["code"], order=index, **values), name, path, ["statement_set"]
        )
    return problems


def sync(data: dict, name: str, report: Report) -> None:
    label = f"{data['code']} {data['version']}"
    values = {key: data.get(key, "") for key in SET_FIELDS}
    statement_set, created = StatementSet.objects.get_or_create(
        code=data["code"], version=data["version"], defaults=values
    )
    if created:
        report.created.append(f"statements {label} ({len(data['statements'])} statements)")
    elif changed := changed_fields(statement_set, values):
        statement_set.save(update_fields=changed)
        report.changed.append(f"statements {label} ({', '.join(changed)})")
    existing = {s.code: s for s in statement_set.statements.all()}
    before = report.change_count()
    for order, spec in enumerate(data["statements"]):
        values = {"order": order, **{key: _value(spec, key) for key in STATEMENT_FIELDS}}
        statement = existing.pop(spec["code"], None)
        if statement is None:
            Statement.objects.create(statement_set=statement_set, code=spec["code"], **values)
            if not created:
                report.created.append(f"statement {spec['code']} of {label}")
        elif changed := changed_fields(statement, values):
            statement.save(update_fields=changed)
            report.changed.append(f"statement {spec['code']} of {label} ({', '.join(changed)})")
    in_use = statement_set.surveys.exists()
    for code, statement in existing.items():
        if in_use:
            report.problems.append(
                Problem(
                    name,
                    "$.statements",
                    f'statement "{code}" is missing from the file, but surveys use {label}. '
                    "Publish a new version instead",
                )
            )
        else:
            statement.delete()
            report.removed.append(f"statement {code} of {label}")
    if not created and report.change_count() == before and not report.problems:
        report.unchanged.append(f"statements {label}")
