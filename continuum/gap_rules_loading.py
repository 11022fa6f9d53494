"""Loads the gap rules file (`fixtures/gap-rules/*.json`) into the one `GapRuleSet` row.

Checked like every library file (continuum.library_files): encoding, JSON, schema, a source
and a confidence that say something, then every taxonomy and term code against the loaded
taxonomies, before anything is written. Load the taxonomies first.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import translation

from continuum.gap_rules import LEVEL
from continuum.library_files import (
    LoadRefused,
    Problem,
    Report,
    changed_fields,
    credit_problems,
    json_path,
    read_json,
    schema_problems,
    welsh_problems,
)
from continuum.loading import Source, shipped_sources
from continuum.models import GapRuleSet, Term

SCHEMA = Path(__file__).resolve().parent / "schemas" / "gap-rules.schema.json"
SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "gap-rules"
FIELDS = [
    "version",
    "title",
    "title_cy",
    "description",
    "description_cy",
    "source",
    "source_url",
    "confidence",
    "confidence_cy",
    "default_thin_below",
    "thresholds",
    "axes",
    "welsh_status",
]
# The fields whose Welsh a file in Welsh carries beside the English (docs/welsh.md). The
# thresholds' and axes' Welsh stays in the rules' JSON, beside the English.
WELSH_PATHS = [
    "title",
    "description",
    "confidence",
    "thresholds[].reason",
    "thresholds[].confidence",
    "axes[].confidence",
    "axes[].cells[].confidence",
]


def shipped_gap_rules() -> list[Source]:
    return shipped_sources(SHIPPED)


@translation.override(settings.LANGUAGE_CODE)
def load_gap_rules(sources: list[Source], *, dry_run: bool = False) -> Report:
    report = Report()
    if len(sources) != 1:
        names = ", ".join(source.name for source in sources) or "none"
        report.problems.append(
            Problem("(all files)", "$", f"load exactly one gap rules file, not {names}")
        )
        return report
    source = sources[0]
    data, problems = read_json(source.raw, source.name)
    if not problems:
        problems = schema_problems(data, SCHEMA, source.name)
    if not problems:
        problems = check_rules(data, source.name, known_terms())
        problems += welsh_problems(data, source.name, WELSH_PATHS)
    if problems:
        report.problems.extend(problems)
        return report
    try:
        with transaction.atomic():
            sync(data, report)
            if dry_run:
                raise LoadRefused
    except LoadRefused:
        pass
    return report


def known_terms() -> dict[str, set[str]]:
    """Every taxonomy's term codes, in one query."""
    found: dict[str, set[str]] = {}
    for taxonomy, code in Term.objects.values_list("taxonomy__code", "code"):
        found.setdefault(taxonomy, set()).add(code)
    return found


def check_rules(data: dict, name: str, terms: dict[str, set[str]]) -> list[Problem]:
    problems = credit_problems(data, name, ["source", "confidence"])
    if LEVEL not in terms:
        return [*problems, Problem(name, "$", f'load the "{LEVEL}" taxonomy first')]
    seen_levels: set[str] = set()
    for index, threshold in enumerate(data["thresholds"]):
        path = ["thresholds", index]
        problems += nested_credit(threshold, name, path)
        problems += unknown(threshold["level"], LEVEL, terms, name, [*path, "level"])
        if threshold["level"] in seen_levels:
            problems.append(
                Problem(name, json_path([*path, "level"]), "this level has a threshold already")
            )
        seen_levels.add(threshold["level"])
    pairs: set[frozenset] = set()
    for index, axis in enumerate(data["axes"]):
        problems += check_axis(axis, name, ["axes", index], terms, pairs)
    return problems


def check_axis(
    axis: dict, name: str, path: list, terms: dict[str, set[str]], pairs: set[frozenset]
) -> list[Problem]:
    problems = nested_credit(axis, name, path)
    rows, cols = axis["rows"], axis["cols"]
    for key in ("rows", "cols"):
        if axis[key] not in terms:
            problems.append(
                Problem(name, json_path([*path, key]), f'unknown taxonomy "{axis[key]}"')
            )
    if rows == cols:
        problems.append(Problem(name, json_path([*path, "cols"]), "rows and cols must differ"))
    if frozenset((rows, cols)) in pairs:
        problems.append(
            Problem(name, json_path(path), f"the pair {rows} and {cols} is listed twice")
        )
    pairs.add(frozenset((rows, cols)))
    if problems:
        return problems
    if isinstance(axis["default_expected"], list):
        for i, code in enumerate(axis["default_expected"]):
            problems += unknown(code, cols, terms, name, [*path, "default_expected", i])
    seen_rows: set[str] = set()
    for i, cell in enumerate(axis["cells"]):
        problems += unknown(cell["row"], rows, terms, name, [*path, "cells", i, "row"])
        if cell["row"] in seen_rows:
            problems.append(
                Problem(name, json_path([*path, "cells", i, "row"]), "this row is listed twice")
            )
        seen_rows.add(cell["row"])
        for j, code in enumerate(cell["expected"]):
            problems += unknown(code, cols, terms, name, [*path, "cells", i, "expected", j])
    return problems


def nested_credit(item: dict, name: str, path: list) -> list[Problem]:
    return [
        Problem(name, json_path([*path, key]), f"Enter the {key}: it cannot be blank")
        for key in ("source", "confidence")
        if key in item and not str(item[key]).strip()
    ]


def unknown(
    code: str, taxonomy: str, terms: dict[str, set[str]], name: str, path: list
) -> list[Problem]:
    if code in terms.get(taxonomy, set()):
        return []
    return [Problem(name, json_path(path), f'unknown term "{code}" in taxonomy "{taxonomy}"')]


def sync(data: dict, report: Report) -> None:
    values = {key: data.get(key, "") for key in FIELDS}
    rules = GapRuleSet.objects.filter(code=data["code"]).first()
    if rules is None:
        GapRuleSet.objects.create(code=data["code"], **values)
        report.created.append(f"gap rules {data['version']}")
    elif changed := changed_fields(rules, values):
        rules.save(update_fields=[*changed, "loaded"])
        report.changed.append(f"gap rules {data['version']} ({', '.join(changed)})")
    else:
        report.unchanged.append(f"gap rules {data['version']}")
