"""Reading the library's JSON files and reporting what is wrong with them.

Taxonomy and framework files are loaded the same way: every file is read and checked completely
(encoding, JSON, schema, the models' own validation, cross-references) before anything is
written, and every problem is reported as one line naming the file, the JSON path and what is
wrong. Loading then happens in one transaction; a dry run does the same work and rolls it back,
so its report is exactly what a real load would do.
"""

import codecs
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from continuum.json_files import NestedTooDeeply, load_json

# Uploads and files larger than this are refused before they are parsed.
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"


@dataclass
class Report:
    """What a load did, or would do: changes, and problems that stopped it."""

    problems: list[Problem] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def change_count(self) -> int:
        return len(self.created) + len(self.changed) + len(self.removed)

    def lines(self) -> list[str]:
        return (
            [f"added {item}" for item in self.created]
            + [f"changed {item}" for item in self.changed]
            + [f"removed {item}" for item in self.removed]
            + [f"unchanged {item}" for item in self.unchanged]
        )


class LoadRefused(Exception):
    """Raised inside the loading transaction to roll it back."""


def json_path(parts) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def read_json(raw: bytes, name: str) -> tuple[Any, list[Problem]]:
    """Decodes one file's bytes; a BOM, non-UTF-8 bytes or broken JSON is a problem."""
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return None, [Problem(name, "$", f"the file is larger than {limit} MB")]
    if raw.startswith(codecs.BOM_UTF8):
        return None, [
            Problem(
                name, "$", "the file starts with a byte order mark: save it as UTF-8 without BOM"
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [
            Problem(name, "$", f"the file is not UTF-8 (bad byte at position {error.start})")
        ]
    try:
        return load_json(text, name), []
    except NestedTooDeeply as error:
        return None, [Problem(name, "$", error.problem)]
    except json.JSONDecodeError as error:
        return None, [
            Problem(
                name,
                "$",
                f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
            )
        ]


@cache
def validator_for(schema_path: Path) -> Draft202012Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_problems(data: Any, schema_path: Path, name: str) -> list[Problem]:
    problems = []
    errors = sorted(validator_for(schema_path).iter_errors(data), key=lambda e: list(e.path))
    for error in errors:
        problems.extend(_describe(error, name))
    return problems


def _describe(error: SchemaError, name: str) -> list[Problem]:
    path = list(error.absolute_path)
    instance = error.instance
    if error.validator == "required" and isinstance(instance, dict):
        return [
            Problem(name, json_path(path), f'missing required field "{key}"')
            for key in error.validator_value
            if key not in instance
        ]
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        known = set(error.schema.get("properties", {}))
        return [
            Problem(name, json_path([*path, key]), f'unknown field "{key}"')
            for key in instance
            if key not in known
        ]
    if error.validator == "enum":
        allowed = ", ".join(json.dumps(value) for value in error.validator_value)
        message = f"{json.dumps(instance)} is not allowed: use one of {allowed}"
    elif error.validator == "type":
        message = f"should be of type {error.validator_value}, not {type(instance).__name__}"
    elif error.validator == "pattern":
        message = f"{json.dumps(instance)} does not match the pattern {error.validator_value}"
    else:
        message = error.message
    return [Problem(name, json_path(path), message)]


def model_problems(
    instance: models.Model, name: str, path: list, exclude: list[str] | None = None
) -> list[Problem]:
    """The model's own field validation, without the database (uniqueness is checked apart)."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [
            Problem(name, json_path([*path, field_name]), message)
            for field_name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


# A library file must say where its content comes from and how sure we are of it; a field of
# spaces says neither, though the schema's "at least one character" lets it through.
CREDIT_MESSAGES = {
    "source": "Enter the source: the publication this content comes from, or Cradle reference list",
    "basis": "Enter the basis: the publication this framework comes from, with its date",
    "confidence": "Enter the confidence: what was confirmed in the source and what was not",
}


def credit_problems(data: dict, name: str, fields: list[str]) -> list[Problem]:
    return [
        Problem(name, json_path([key]), CREDIT_MESSAGES[key])
        for key in fields
        if not str(data.get(key, "")).strip()
    ]


def duplicates(values) -> list:
    seen, repeated = set(), []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


def changed_fields(instance: models.Model, values: dict) -> list[str]:
    """Sets the values that differ on the instance and names them."""
    changed = [key for key, value in values.items() if getattr(instance, key) != value]
    for key in changed:
        setattr(instance, key, values[key])
    return changed


def shipped_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def welsh_problems(data: dict, name: str, paths: list[str]) -> list[Problem]:
    """A file says which languages it is in. With `"languages": ["en", "cy"]` and a
    `welsh_status` (draft, or reviewed by a qualified translator), every translatable field
    named in `paths` carries its Welsh beside the English as `<field>_cy`; with `["en"]` (or
    no `languages` at all) the file is English only and carries no Welsh. Every missing or
    stray field is reported, by its JSON path.

    A path is dotted, with `[]` for each item of a list: "scale.levels[].label". A field that
    holds an object (a framework element's `descriptors`) needs a Welsh object with the same
    keys.
    """
    languages = data.get("languages", ["en"])
    welsh = "cy" in languages
    problems = []
    if welsh and data.get("welsh_status") not in ("draft", "reviewed"):
        problems.append(
            Problem(
                name,
                "$.welsh_status",
                'a file in Welsh says whether its Welsh is "draft" or "reviewed"',
            )
        )
    if not welsh and data.get("welsh_status"):
        problems.append(
            Problem(name, "$.welsh_status", 'only a file whose languages include "cy" has one')
        )
    for holder, key_name, where in _translatable(data, paths):
        english, cy = holder.get(key_name), holder.get(f"{key_name}_cy")
        if not welsh:
            if cy:
                problems.append(
                    Problem(
                        name,
                        json_path([*where, f"{key_name}_cy"]),
                        'Welsh text in a file in English only: add "cy" to its languages',
                    )
                )
            continue
        if isinstance(english, dict):
            cy = cy if isinstance(cy, dict) else {}
            problems += [
                Problem(name, json_path([*where, f"{key_name}_cy", key]), "the Welsh is missing")
                for key, text in english.items()
                if str(text).strip() and not str(cy.get(key, "")).strip()
            ]
        elif str(english or "").strip() and not str(cy or "").strip():
            problems.append(
                Problem(name, json_path([*where, f"{key_name}_cy"]), "the Welsh is missing")
            )
    return problems


def _translatable(data, paths: list[str]):
    """Yields (the dict holding the field, the field's name, the path to that dict)."""
    for path in paths:
        *steps, last = path.split(".")
        holders = [(data, [])]
        for step in steps:
            key, many = step.removesuffix("[]"), step.endswith("[]")
            found = []
            for holder, where in holders:
                value = holder.get(key) if isinstance(holder, dict) else None
                if many and isinstance(value, list):
                    found += [(item, [*where, key, i]) for i, item in enumerate(value)]
                elif not many and isinstance(value, dict):
                    found.append((value, [*where, key]))
            holders = found
        for holder, where in holders:
            if isinstance(holder, dict) and last in holder:
                yield holder, last, where
