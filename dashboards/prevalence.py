"""The prevalence library: conditions per 1,000 births, each placed on a continuum level.

Read from `fixtures/need/`, checked whole when read (a file with any problem is refused with
one line per problem), and kept for the life of the process: it changes only with a release.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from continuum.library_files import welsh_problems
from partnership.bilingual import in_language

LIBRARY = Path(settings.BASE_DIR) / "fixtures" / "need" / "perinatal-prevalence-1.0.json"
TEXT_FIELDS = ["code", "version", "name", "source", "confidence", "level_assumption", "under_fives"]


class PrevalenceError(ValueError):
    pass


# The prevalence file's fields that carry their Welsh beside them (docs/welsh.md).
WELSH_PATHS = [
    "name",
    "description",
    "confidence",
    "denominator",
    "level_assumption",
    "under_fives",
    "conditions[].name",
    "conditions[].confidence",
]


@dataclass(frozen=True)
class Condition:
    code: str
    text: dict  # the English and Welsh of name and confidence, as in the file
    rate: float  # per `per` births, the figure Cradle plans with
    low: float
    high: float
    level: str

    @property
    def name(self) -> str:
        return in_language(self.text, "name")

    @property
    def confidence(self) -> str:
        return in_language(self.text, "confidence")


@dataclass(frozen=True)
class Prevalence:
    code: str
    version: str
    text: dict  # the file's text fields, English and Welsh
    source: str
    source_url: str
    per: int
    conditions: tuple[Condition, ...]

    @property
    def name(self) -> str:
        return in_language(self.text, "name")

    @property
    def confidence(self) -> str:
        return in_language(self.text, "confidence")

    @property
    def level_assumption(self) -> str:
        return in_language(self.text, "level_assumption")

    @property
    def under_fives(self) -> str:
        return in_language(self.text, "under_fives")

    def rate_by_level(self) -> dict[str, float]:
        """The planning rate per `per` births for each level, summed over its conditions."""
        rates: dict[str, float] = {}
        for condition in self.conditions:
            rates[condition.level] = rates.get(condition.level, 0) + condition.rate
        return rates

    def conditions_at(self, level: str) -> list[Condition]:
        return [c for c in self.conditions if c.level == level]


def problems_in(data, levels: set[str]) -> list[str]:
    """Every problem with a library file's content, one line each; empty when it is sound."""
    if not isinstance(data, dict):
        return ["$: the file must hold one object"]
    problems = [
        f"$.{key}: enter the {key.replace('_', ' ')}"
        for key in TEXT_FIELDS
        if not isinstance(data.get(key), str) or not data[key].strip()
    ]
    if data.get("format") != 1:
        problems.append("$.format: must be 1")
    if not isinstance(data.get("per"), int) or data["per"] <= 0:
        problems.append("$.per: must be a whole number above 0, like 1000")
    conditions = data.get("conditions")
    if not isinstance(conditions, list) or not conditions:
        return [*problems, "$.conditions: list at least one condition"]
    seen = set()
    for i, item in enumerate(conditions):
        where = f"$.conditions[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object")
            continue
        for key in ["code", "name", "level", "confidence"]:
            if not isinstance(item.get(key), str) or not item[key].strip():
                problems.append(f"{where}.{key}: enter the {key}")
        if item.get("code") in seen:
            problems.append(f"{where}.code: “{item['code']}” is used twice")
        seen.add(item.get("code"))
        if isinstance(item.get("level"), str) and item["level"] not in levels:
            problems.append(
                f"{where}.level: “{item['level']}” is not a continuum level: use one of "
                + ", ".join(sorted(levels))
            )
        rate, low, high = (item.get(k, item.get("rate")) for k in ("rate", "low", "high"))
        numbers = [n for n in (rate, low, high) if isinstance(n, (int, float))]
        if len(numbers) < 3 or any(n < 0 for n in numbers):
            problems.append(f"{where}.rate: rates must be numbers of 0 or more")
        elif not low <= rate <= high:
            problems.append(f"{where}.rate: {rate} must lie between low {low} and high {high}")
        elif isinstance(data.get("per"), int) and high > data["per"]:
            problems.append(f"{where}.high: {high} is more than {data['per']} in {data['per']}")
    return problems


def texts(data: dict, fields: list[str]) -> dict:
    return {name: data.get(name, "") for field in fields for name in (field, f"{field}_cy")}


def read(path: Path, levels: set[str]) -> Prevalence:
    data = json.loads(path.read_text(encoding="utf-8"))
    problems = problems_in(data, levels)
    problems += [str(p).split(": ", 1)[1] for p in welsh_problems(data, path.name, WELSH_PATHS)]
    if problems:
        raise PrevalenceError(f"{path.name}: " + "; ".join(problems))
    return Prevalence(
        code=data["code"],
        version=data["version"],
        text=texts(data, ["name", "confidence", "level_assumption", "under_fives"]),
        source=data["source"],
        source_url=data.get("source_url", ""),
        per=data["per"],
        conditions=tuple(
            Condition(
                code=c["code"],
                text=texts(c, ["name", "confidence"]),
                rate=c["rate"],
                low=c.get("low", c["rate"]),
                high=c.get("high", c["rate"]),
                level=c["level"],
            )
            for c in data["conditions"]
        ),
    )


def continuum_levels() -> set[str]:
    """The five level codes, read from the taxonomy file the database is loaded from."""
    path = Path(settings.BASE_DIR) / "fixtures" / "taxonomies" / "continuum-level.json"
    terms = json.loads(path.read_text(encoding="utf-8"))["terms"]
    return {t["code"] for t in terms if "parent" in t}


@cache
def library() -> Prevalence:
    return read(LIBRARY, continuum_levels())
