"""`load_frameworks`: all-or-nothing, idempotent, keyed on codes, with a line per problem."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from assessments.models import (
    Assessment,
    Descriptor,
    Dimension,
    Element,
    Framework,
    Scale,
    ScaleLevel,
)

FILES = Path(__file__).parent / "framework_files"
FRAMEWORK_MODELS = [
    Framework,
    Scale,
    ScaleLevel,
    Dimension,
    Element,
    Descriptor,
    Element.terms.through,
]


@pytest.fixture
def taxonomies(db):
    call_command("load_taxonomies", verbosity=0, stdout=StringIO())


def snapshot() -> dict:
    """Every framework row, so a refused load can be shown to have changed nothing."""
    return {
        model.__name__: sorted(map(str, model.objects.values_list())) for model in FRAMEWORK_MODELS
    }


def load(*names: str, dry_run: bool = False, capsys=None) -> str:
    call_command("load_frameworks", *[str(FILES / name) for name in names], dry_run=dry_run)
    return capsys.readouterr().out if capsys else ""


def refused(*names: str, capsys) -> list[str]:
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_frameworks", *[str(FILES / name) for name in names])
    return capsys.readouterr().err.strip().splitlines()


def test_it_loads_every_shipped_framework(taxonomies, capsys):
    call_command("load_frameworks")
    out = capsys.readouterr().out
    assert Framework.objects.count() == 8
    assert "8 framework files checked" in out
    eif = Framework.objects.get(code="maternity-early-years", version="1.0")
    assert list(eif.dimensions.values_list("code", flat=True)) == [
        "plan",
        "lead",
        "deliver",
        "evaluate",
    ]
    assert eif.elements.count() == 10
    assert list(eif.scale.levels.values_list("value", flat=True)) == [1, 2, 3, 4, 5]
    thrive = Framework.objects.get(code="thrive-implementation")
    assert thrive.elements.count() == 8
    assert thrive.scale.meets_from == 3
    assert Framework.objects.get(code="trauma-informed").elements.count() == 6
    perinatal = Framework.objects.get(code="perinatal-pathway")
    assert perinatal.scale.levels.first().value == 0
    assert set(perinatal.scale.levels.values_list("rag", flat=True)) == {"red", "amber", "green"}
    # Every element has one descriptor per level of its scale.
    for framework in Framework.objects.all():
        levels = framework.scale.levels.count()
        for element in framework.elements.all():
            assert element.descriptors.count() == levels, element.code
    # Elements are tagged so maturity gaps can land on the coverage matrix.
    assert Element.objects.filter(terms__taxonomy__code="continuum-level").exists()
    assert Element.objects.filter(terms__taxonomy__code="thrive").exists()


def test_loading_again_changes_nothing(taxonomies, capsys):
    call_command("load_frameworks")
    before = snapshot()
    capsys.readouterr()
    call_command("load_frameworks")
    out = capsys.readouterr().out
    assert "0 changed, 8 unchanged" in out
    assert snapshot() == before


def test_a_dry_run_reports_but_writes_nothing(taxonomies, capsys):
    out = load("valid.json", dry_run=True, capsys=capsys)
    assert "added framework test-readiness 1.0 (2 elements)" in out
    assert "dry run: nothing was written" in out
    assert Framework.objects.count() == 0


def test_changed_wording_updates_in_place(taxonomies, capsys):
    load("valid.json")
    element = Element.objects.get(code="plan-strategy")
    out = load("valid-reworded.json", capsys=capsys)
    assert "changed element plan-strategy of test-readiness 1.0 (title)" in out
    assert "changed descriptor plan-strategy level 2 (text)" in out
    updated = Element.objects.get(code="plan-strategy")
    assert updated.pk == element.pk
    assert updated.title == "Strategy and needs assessment"
    assert updated.descriptors.get(level__value=2).text.startswith("A strategy in draft")
    assert Element.objects.count() == 2


def test_a_new_version_lives_beside_the_old(taxonomies):
    load("valid.json", "valid-version-2.json")
    assert sorted(Framework.objects.values_list("version", flat=True)) == ["1.0", "2.0"]
    assert Element.objects.filter(code="plan-strategy").count() == 2


def test_removing_an_unused_element_removes_it(taxonomies, capsys):
    load("valid.json")
    out = load("valid-without-workforce.json", capsys=capsys)
    assert "removed element plan-workforce of test-readiness 1.0" in out
    assert not Element.objects.filter(code="plan-workforce").exists()


@pytest.mark.parametrize(
    "name,what",
    [
        ("valid-without-workforce.json", "element plan-workforce"),
        ("valid-without-level-3.json", "level 3"),
    ],
)
def test_removing_what_an_assessment_uses_is_refused(taxonomies, partnership_a, capsys, name, what):
    load("valid.json")
    Assessment.objects.create(
        partnership=partnership_a, framework=Framework.objects.get(), name="Baseline, spring 2027"
    )
    before = snapshot()
    capsys.readouterr()
    lines = refused(name, capsys=capsys)
    assert any(
        what in line and "Baseline, spring 2027 (Ashworth Best Start)" in line for line in lines
    ), lines
    assert snapshot() == before


def test_taxonomies_must_be_loaded_first(db, capsys):
    lines = refused("valid.json", capsys=capsys)
    assert any('unknown taxonomy term "thrive/thriving"' in line for line in lines)


BAD_FILES = [
    ("truncated.json", "$", "not valid JSON"),
    ("missing-field.json", "$", 'missing required field "title"'),
    ("unknown-field.json", "$.colour", 'unknown field "colour"'),
    (
        "duplicate-element.json",
        "$.dimensions[0].elements[1].code",
        'element code "plan-strategy" is used twice',
    ),
    (
        "missing-descriptor.json",
        "$.dimensions[0].elements[1].descriptors",
        "missing a descriptor for level 2",
    ),
    ("duplicate-scale-value.json", "$.scale.levels", "level value 2 is used twice"),
    (
        "unknown-term.json",
        "$.dimensions[0].elements[0].terms.thrive",
        'unknown taxonomy term "thrive/flourishing"',
    ),
    ("bom.json", "$", "byte order mark"),
    ("not-utf8.json", "$", "not UTF-8"),
]


@pytest.mark.parametrize("name,path,message", BAD_FILES)
def test_a_bad_file_is_refused_with_file_path_and_reason(taxonomies, capsys, name, path, message):
    load("valid-version-2.json")
    before = snapshot()
    capsys.readouterr()
    lines = refused(name, capsys=capsys)
    expected = f"{FILES / name}: {path}: "
    assert any(line.startswith(expected) and message in line for line in lines), lines
    assert snapshot() == before


def test_every_problem_is_reported_not_just_the_first(taxonomies, capsys):
    lines = refused("unknown-field.json", capsys=capsys)
    assert any("$.colour" in line for line in lines)
    assert any(
        '$.dimensions[0].elements[1].weight: unknown field "weight"' in line for line in lines
    )


def test_one_bad_file_stops_the_good_ones_too(taxonomies, capsys):
    refused("valid.json", "missing-descriptor.json", capsys=capsys)
    assert Framework.objects.count() == 0


def test_a_huge_file_whose_last_element_is_bad_is_refused_whole(taxonomies, tmp_path, capsys):
    data = json.loads((FILES / "valid.json").read_text())
    template = data["dimensions"][0]["elements"][1]
    data["dimensions"][0]["elements"] = [
        {**template, "code": f"element-{n}", "title": f"Element {n}"} for n in range(10_000)
    ]
    del data["dimensions"][0]["elements"][-1]["descriptors"]["3"]
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError):
        call_command("load_frameworks", str(path))
    err = capsys.readouterr().err
    assert "$.dimensions[0].elements[9999].descriptors: missing a descriptor for level 3" in err
    assert Element.objects.count() == 0

    # The same file, mended, loads in one go.
    data["dimensions"][0]["elements"][-1]["descriptors"]["3"] = "Everyone trained."
    path.write_text(json.dumps(data))
    call_command("load_frameworks", str(path))
    assert Element.objects.count() == 10_000
    assert Descriptor.objects.count() == 30_000


def test_a_missing_path_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No such file: nowhere.json"):
        call_command("load_frameworks", "nowhere.json")


def test_a_deeply_nested_file_is_refused_by_name(taxonomies, tmp_path, capsys):
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_frameworks", str(path))
    assert "deep.json: $: the file is nested too deeply" in capsys.readouterr().err
    assert not Framework.objects.exists()
