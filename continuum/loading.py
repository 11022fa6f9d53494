"""Loads taxonomy files (`fixtures/taxonomies/*.json`) into `Taxonomy` and `Term` rows."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import translation

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
    shipped_files,
    welsh_problems,
)
from continuum.models import Taxonomy, Term

SCHEMA = Path(__file__).resolve().parent / "schemas" / "taxonomy.schema.json"
SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "taxonomies"

TAXONOMY_FIELDS = [
    "name",
    "name_cy",
    "description",
    "description_cy",
    "source",
    "source_url",
    "confidence",
    "confidence_cy",
    "welsh_status",
]
TERM_FIELDS = [
    "name",
    "name_cy",
    "description",
    "description_cy",
    "source",
    "confidence",
    "confidence_cy",
]
# The fields whose Welsh a file in Welsh carries beside the English (docs/welsh.md).
WELSH_PATHS = [
    "name",
    "description",
    "confidence",
    "terms[].name",
    "terms[].description",
    "terms[].confidence",
]


@dataclass(frozen=True)
class Source:
    """One file to load: the name to report it by, and its bytes."""

    name: str
    raw: bytes

    @classmethod
    def from_path(cls, path: Path) -> "Source":
        return cls(name=str(path), raw=path.read_bytes())


def shipped_sources(folder: Path | None = None) -> list[Source]:
    """Every shipped file of a fixtures folder, named as the repository names it."""
    folder = folder or SHIPPED
    base = Path(settings.BASE_DIR)
    return [
        Source(name=str(path.relative_to(base)), raw=path.read_bytes())
        for path in shipped_files(folder)
    ]


@translation.override(settings.LANGUAGE_CODE)
def load_taxonomies(sources: list[Source], *, dry_run: bool = False) -> Report:
    report = Report()
    specs = []
    for source in sources:
        data, problems = read_json(source.raw, source.name)
        if not problems:
            problems = schema_problems(data, SCHEMA, source.name)
        if not problems:
            problems = check_taxonomy(data, source.name)
            problems += welsh_problems(data, source.name, WELSH_PATHS)
        report.problems.extend(problems)
        specs.append((source.name, data))
    codes = [data["code"] for _, data in specs if isinstance(data, dict) and "code" in data]
    for code in duplicates(codes):
        report.problems.append(
            Problem("(all files)", "$.code", f'taxonomy "{code}" is in more than one file')
        )
    if report.problems:
        return report

    try:
        with transaction.atomic():
            for name, data in specs:
                sync_taxonomy(data, name, report)
            if report.problems or dry_run:
                raise LoadRefused
    except LoadRefused:
        pass
    return report


def check_taxonomy(data: dict, name: str) -> list[Problem]:
    problems = credit_problems(data, name, ["source", "confidence"])
    problems += model_problems(
        Taxonomy(**{"code": data["code"], **_values(data, TAXONOMY_FIELDS)}), name, []
    )
    seen: set[str] = set()
    for index, term in enumerate(data["terms"]):
        path = ["terms", index]
        if term["code"] in seen:
            problems.append(
                Problem(
                    name, json_path([*path, "code"]), f'term code "{term["code"]}" is used twice'
                )
            )
        parent = term.get("parent")
        if parent is not None and parent not in seen:
            problems.append(
                Problem(
                    name,
                    json_path([*path, "parent"]),
                    f'parent "{parent}" must be a term listed earlier in this file',
                )
            )
        seen.add(term["code"])
        instance = Term(code=term["code"], order=index, **_values(term, TERM_FIELDS))
        problems.extend(model_problems(instance, name, path, exclude=["taxonomy", "parent"]))
    return problems


def sync_taxonomy(data: dict, name: str, report: Report) -> None:
    code = data["code"]
    changes_before = report.change_count()
    values = _values(data, TAXONOMY_FIELDS)
    taxonomy = Taxonomy.objects.filter(code=code).first()
    if taxonomy is None:
        taxonomy = Taxonomy.objects.create(code=code, **values)
        report.created.append(f"taxonomy {code} ({len(data['terms'])} terms)")
    elif changed := changed_fields(taxonomy, values):
        taxonomy.save(update_fields=changed)
        report.changed.append(f"taxonomy {code} ({', '.join(changed)})")

    existing = {term.code: term for term in taxonomy.terms.all()}
    saved: dict[str, Term] = {}
    for order, spec in enumerate(data["terms"]):
        values = {
            **_values(spec, TERM_FIELDS),
            "order": order,
            "parent": saved.get(spec.get("parent")),
        }
        term = existing.get(spec["code"])
        if term is None:
            term = Term.objects.create(taxonomy=taxonomy, code=spec["code"], **values)
            report.created.append(f"term {code}/{spec['code']}")
        elif changed := changed_fields(term, values):
            term.save(update_fields=changed)
            report.changed.append(f"term {code}/{spec['code']} ({', '.join(changed)})")
        saved[spec["code"]] = term

    gone = [term for term_code, term in existing.items() if term_code not in saved]
    for term in sorted(gone, key=lambda t: -t.order):
        uses = term_uses(term)
        if uses:
            report.problems.append(
                Problem(
                    name,
                    "$.terms",
                    f'term "{term.code}" is missing from the file but {uses}: it cannot be removed',
                )
            )
        else:
            term.delete()
            report.removed.append(f"term {code}/{term.code}")
    if report.change_count() == changes_before:
        report.unchanged.append(f"taxonomy {code}")


def term_uses(term: Term) -> str:
    """What still refers to a term, in words ("used by 3 elements"), or "" if nothing does."""
    uses = []
    for relation in Term._meta.related_objects:
        if not relation.many_to_many:
            continue
        count = getattr(term, relation.get_accessor_name()).count()
        if count:
            noun = relation.related_model._meta.verbose_name_plural
            uses.append(f"{count} {noun}")
    return f"used by {' and '.join(uses)}" if uses else ""


def _values(data: dict, fields: list[str]) -> dict:
    return {key: data.get(key, "") for key in fields}
