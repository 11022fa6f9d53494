"""Loads framework files (`fixtures/frameworks/*.json`), one file per framework version.

Rows are matched on natural keys: framework code and version; dimension and element codes;
scale level values. Loading the same file twice changes nothing. A file that would remove an
element, dimension or level from a version that assessments use is refused, naming them.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments import summaries
from assessments.models import (
    AssessmentStatus,
    Descriptor,
    Dimension,
    Element,
    Framework,
    Scale,
    ScaleLevel,
)
from continuum import loading as taxonomy_loading
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
from continuum.loading import Source
from continuum.models import Term

SCHEMA = Path(__file__).resolve().parent / "schemas" / "framework.schema.json"
SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "frameworks"

FRAMEWORK_FIELDS = [
    "title",
    "title_cy",
    "basis",
    "basis_cy",
    "source_url",
    "summary",
    "summary_cy",
    "confidence",
    "confidence_cy",
    "welsh_status",
    "nations",
    "status",
]
SCALE_FIELDS = ["name", "name_cy", "allows_not_applicable", "allows_dont_know", "meets_from"]
LEVEL_FIELDS = ["label", "label_cy", "meaning", "meaning_cy", "rag"]
DIMENSION_FIELDS = ["title", "title_cy", "description", "description_cy"]
ELEMENT_FIELDS = [
    "title",
    "title_cy",
    "good_practice",
    "good_practice_cy",
    "guidance",
    "guidance_cy",
]
# The fields whose Welsh a file in Welsh carries beside the English (docs/welsh.md).
WELSH_PATHS = [
    "title",
    "basis",
    "summary",
    "confidence",
    "scale.name",
    "scale.levels[].label",
    "scale.levels[].meaning",
    "dimensions[].title",
    "dimensions[].description",
    "dimensions[].elements[].title",
    "dimensions[].elements[].good_practice",
    "dimensions[].elements[].guidance",
    "dimensions[].elements[].descriptors",
]


# A level, element or dimension that a file would remove from a version assessments use.
MISSING_IN_USE = {
    "level": gettext_lazy(
        "level %(code)s is missing from the file, but assessments use %(label)s: %(usage)s. "
        "Publish a new version instead"
    ),
    "element": gettext_lazy(
        "element %(code)s is missing from the file, but assessments use %(label)s: %(usage)s. "
        "Publish a new version instead"
    ),
    "dimension": gettext_lazy(
        "dimension %(code)s is missing from the file, but assessments use %(label)s: "
        "%(usage)s. Publish a new version instead"
    ),
}


def shipped_sources() -> list[Source]:
    return taxonomy_loading.shipped_sources(SHIPPED)


@translation.override(settings.LANGUAGE_CODE)
def load_frameworks(sources: list[Source], *, dry_run: bool = False) -> Report:
    """Loads in English whatever the admin's language, so bilingual fields compare and
    save their English columns."""
    report = Report()
    terms = {f"{t.taxonomy.code}/{t.code}": t for t in Term.objects.select_related("taxonomy")}
    specs = []
    for source in sources:
        data, problems = read_json(source.raw, source.name)
        if not problems:
            problems = schema_problems(data, SCHEMA, source.name)
        if not problems:
            problems = check_framework(data, source.name, terms)
            problems += welsh_problems(data, source.name, WELSH_PATHS)
        report.problems.extend(problems)
        specs.append((source.name, data))
    keys = [
        (d["code"], d["version"]) for _name, d in specs if isinstance(d, dict) and "version" in d
    ]
    for code, version in duplicates(keys):
        report.problems.append(
            Problem(
                "(all files)",
                "$",
                _("framework %(code)s version %(version)s is in more than one file")
                % {"code": code, "version": version},
            )
        )
    if report.problems:
        return report

    try:
        with transaction.atomic():
            for name, data in specs:
                FrameworkSync(data, name, terms, report).run()
            if report.problems or dry_run:
                raise LoadRefused
    except LoadRefused:
        pass
    return report


def _values(data: dict, fields: list[str]) -> dict:
    defaults = {"meets_from": None, "nations": []}
    if "welsh_status" in fields:
        data = {**data, "welsh_status": data.get("welsh_status", "")}
    return {key: data.get(key, defaults.get(key, "")) for key in fields}


def element_term_keys(element: dict) -> list[str]:
    return [
        f"{taxonomy}/{code}"
        for taxonomy, codes in element.get("terms", {}).items()
        for code in codes
    ]


def check_framework(data: dict, name: str, terms: dict[str, Term]) -> list[Problem]:
    """Everything the schema cannot say: unique codes, a descriptor per level, known terms."""
    problems = credit_problems(data, name, ["basis", "confidence"])
    problems += model_problems(
        Framework(code=data["code"], version=data["version"], **_values(data, FRAMEWORK_FIELDS)),
        name,
        [],
    )
    scale = data["scale"]
    problems += model_problems(
        Scale(**_values(scale, SCALE_FIELDS)), name, ["scale"], ["framework"]
    )
    values = [level["value"] for level in scale["levels"]]
    for value in duplicates(values):
        problems.append(
            Problem(
                name, "$.scale.levels", _("level value %(value)s is used twice") % {"value": value}
            )
        )
    if values != sorted(values):
        problems.append(
            Problem(name, "$.scale.levels", _("levels must be listed from lowest to highest"))
        )
    if scale.get("meets_from") is not None and scale["meets_from"] not in values:
        problems.append(
            Problem(
                name,
                "$.scale.meets_from",
                _("%(value)s is not one of the level values") % {"value": scale["meets_from"]},
            )
        )
    for index, level in enumerate(scale["levels"]):
        instance = ScaleLevel(value=level["value"], **_values(level, LEVEL_FIELDS))
        problems += model_problems(instance, name, ["scale", "levels", index], ["scale"])

    level_keys = {str(value) for value in values}
    dimension_codes = [dimension["code"] for dimension in data["dimensions"]]
    for code in duplicates(dimension_codes):
        problems.append(
            Problem(
                name, "$.dimensions", _('dimension code "%(code)s" is used twice') % {"code": code}
            )
        )
    seen_elements: set[str] = set()
    for d_index, dimension in enumerate(data["dimensions"]):
        for e_index, element in enumerate(dimension["elements"]):
            path = ["dimensions", d_index, "elements", e_index]
            if element["code"] in seen_elements:
                problems.append(
                    Problem(
                        name,
                        json_path([*path, "code"]),
                        _('element code "%(code)s" is used twice in this framework')
                        % {"code": element["code"]},
                    )
                )
            seen_elements.add(element["code"])
            given = set(element["descriptors"])
            for missing in sorted(level_keys - given, key=int):
                problems.append(
                    Problem(
                        name,
                        json_path([*path, "descriptors"]),
                        _("missing a descriptor for level %(level)s") % {"level": missing},
                    )
                )
            for extra in sorted(given - level_keys, key=int):
                problems.append(
                    Problem(
                        name,
                        json_path([*path, "descriptors", extra]),
                        _("level %(level)s is not on the scale") % {"level": extra},
                    )
                )
            for key in element_term_keys(element):
                if key not in terms:
                    taxonomy = key.split("/")[0]
                    problems.append(
                        Problem(
                            name,
                            json_path([*path, "terms", taxonomy]),
                            _('unknown taxonomy term "%(key)s" (load the taxonomies first?)')
                            % {"key": key},
                        )
                    )
            instance = Element(
                code=element["code"], order=e_index, **_values(element, ELEMENT_FIELDS)
            )
            problems += model_problems(instance, name, path, ["framework", "dimension"])
    return problems


class FrameworkSync:
    """Brings one framework version's rows in line with its file, recording every change."""

    def __init__(self, data: dict, name: str, terms: dict[str, Term], report: Report):
        self.data, self.name, self.terms, self.report = data, name, terms, report
        self.label = f"{data['code']} {data['version']}"
        self.is_new = False

    def run(self) -> None:
        before = self.report.change_count()
        framework = self.sync_framework()
        levels = self.sync_levels(framework)
        dimensions = self.sync_dimensions(framework)
        elements = self.sync_elements(framework, dimensions)
        self.sync_descriptors(framework, elements, levels)
        self.sync_terms(elements)
        self.remove_missing(framework, levels, dimensions, elements)
        if self.report.change_count() == before:
            self.report.unchanged.append(f"framework {self.label}")

    def note(self, kind: str, created: bool, what: str, changed: list[str] = ()) -> None:
        if self.is_new:
            return  # a new framework is reported in one line, not part by part
        if created:
            self.report.created.append(f"{kind} {what}")
        elif changed:
            self.report.changed.append(f"{kind} {what} ({', '.join(changed)})")

    def sync_framework(self) -> Framework:
        data = self.data
        framework, created = Framework.objects.get_or_create(
            code=data["code"], version=data["version"], defaults=_values(data, FRAMEWORK_FIELDS)
        )
        if created:
            count = sum(len(d["elements"]) for d in data["dimensions"])
            self.report.created.append(f"framework {self.label} ({count} elements)")
            self.is_new = True
            self.usage = ""
        else:
            changed = changed_fields(framework, _values(data, FRAMEWORK_FIELDS))
            if changed:
                framework.save(update_fields=[*changed, "loaded"])
            self.note("framework", False, self.label, changed)
            names = list(framework.assessments.values_list("name", "partnership__name")[:10])
            self.usage = "; ".join(f"{a} ({p})" for a, p in names)

        scale_values = _values(data["scale"], SCALE_FIELDS)
        scale, created = Scale.objects.get_or_create(framework=framework, defaults=scale_values)
        changed = [] if created else changed_fields(scale, scale_values)
        if changed:
            scale.save(update_fields=changed)
        self.note("scale of", False, self.label, changed)
        self.scale = scale
        return framework

    def sync_levels(self, framework: Framework) -> dict[int, ScaleLevel]:
        existing = {level.value: level for level in self.scale.levels.all()}
        for spec in self.data["scale"]["levels"]:
            values = _values(spec, LEVEL_FIELDS)
            level = existing.get(spec["value"])
            if level is None:
                existing[spec["value"]] = ScaleLevel.objects.create(
                    scale=self.scale, value=spec["value"], **values
                )
                self.note("level", True, f"{spec['value']} of {self.label}")
            elif changed := changed_fields(level, values):
                level.save(update_fields=changed)
                self.note("level", False, f"{spec['value']} of {self.label}", changed)
        return existing

    def sync_dimensions(self, framework: Framework) -> dict[str, Dimension]:
        existing = {d.code: d for d in framework.dimensions.all()}
        for order, spec in enumerate(self.data["dimensions"]):
            values = {**_values(spec, DIMENSION_FIELDS), "order": order}
            dimension = existing.get(spec["code"])
            if dimension is None:
                existing[spec["code"]] = Dimension.objects.create(
                    framework=framework, code=spec["code"], **values
                )
                self.note("dimension", True, f"{spec['code']} of {self.label}")
            elif changed := changed_fields(dimension, values):
                dimension.save(update_fields=changed)
                self.note("dimension", False, f"{spec['code']} of {self.label}", changed)
        return existing

    def sync_elements(self, framework: Framework, dimensions: dict[str, Dimension]) -> dict:
        existing = {e.code: e for e in framework.elements.all()}
        to_create, to_update, updated_fields = [], [], set()
        order = 0
        for spec_dimension in self.data["dimensions"]:
            for spec in spec_dimension["elements"]:
                values = {
                    **_values(spec, ELEMENT_FIELDS),
                    "order": order,
                    "dimension": dimensions[spec_dimension["code"]],
                }
                order += 1
                element = existing.get(spec["code"])
                if element is None:
                    to_create.append(Element(framework=framework, code=spec["code"], **values))
                    self.note("element", True, f"{spec['code']} of {self.label}")
                elif changed := changed_fields(element, values):
                    to_update.append(element)
                    updated_fields.update(changed)
                    self.note("element", False, f"{spec['code']} of {self.label}", changed)
        for element in Element.objects.bulk_create(to_create, batch_size=1000):
            existing[element.code] = element
        if to_update:
            Element.objects.bulk_update(to_update, sorted(updated_fields), batch_size=1000)
        if "dimension" in updated_fields:
            # Published rounds' summaries are kept by dimension: count them again.
            summaries.summarise(framework.assessments.filter(status=AssessmentStatus.PUBLISHED))
        return existing

    def specs(self):
        for dimension in self.data["dimensions"]:
            yield from dimension["elements"]

    def sync_descriptors(self, framework, elements, levels) -> None:
        existing = {
            (d.element_id, d.level_id): d
            for d in Descriptor.objects.filter(element__framework=framework)
        }
        to_create, to_update = [], []
        for spec in self.specs():
            element = elements[spec["code"]]
            welsh = spec.get("descriptors_cy", {})
            for value, text in spec["descriptors"].items():
                level = levels[int(value)]
                values = {"text": text, "text_cy": welsh.get(value, "")}
                descriptor = existing.get((element.pk, level.pk))
                if descriptor is None:
                    to_create.append(Descriptor(element=element, level=level, **values))
                elif changed := changed_fields(descriptor, values):
                    to_update.append(descriptor)
                    self.note("descriptor", False, f"{spec['code']} level {value}", changed)
        Descriptor.objects.bulk_create(to_create, batch_size=1000)
        Descriptor.objects.bulk_update(to_update, ["text", "text_cy"], batch_size=1000)

    def sync_terms(self, elements: dict[str, Element]) -> None:
        through = Element.terms.through
        element_ids = [e.pk for e in elements.values()]
        current: dict[int, set[int]] = {}
        for element_id, term_id in through.objects.filter(element_id__in=element_ids).values_list(
            "element_id", "term_id"
        ):
            current.setdefault(element_id, set()).add(term_id)
        to_add, to_remove = [], []
        for spec in self.specs():
            element = elements[spec["code"]]
            wanted = {self.terms[key].pk for key in element_term_keys(spec)}
            have = current.get(element.pk, set())
            if wanted != have:
                to_add += [through(element_id=element.pk, term_id=t) for t in wanted - have]
                to_remove += [(element.pk, t) for t in have - wanted]
                if have:
                    self.note("element", False, f"{spec['code']} of {self.label}", ["terms"])
        through.objects.bulk_create(to_add, batch_size=1000)
        for element_id, term_id in to_remove:
            through.objects.filter(element_id=element_id, term_id=term_id).delete()

    def remove_missing(self, framework, levels, dimensions, elements) -> None:
        wanted_levels = {spec["value"] for spec in self.data["scale"]["levels"]}
        wanted_dimensions = {spec["code"] for spec in self.data["dimensions"]}
        wanted_elements = {spec["code"] for spec in self.specs()}
        gone = (
            [("level", str(v), levels[v]) for v in sorted(levels) if v not in wanted_levels]
            + [("element", c, e) for c, e in elements.items() if c not in wanted_elements]
            + [("dimension", c, d) for c, d in dimensions.items() if c not in wanted_dimensions]
        )
        for kind, code, row in gone:
            if self.usage:
                self.report.problems.append(
                    Problem(
                        self.name,
                        "$",
                        MISSING_IN_USE[kind]
                        % {"code": code, "label": self.label, "usage": self.usage},
                    )
                )
            else:
                row.delete()
                self.report.removed.append(f"{kind} {code} of {self.label}")
