"""`load_taxonomies`: the shipped taxonomies, idempotent loads, refused bad files."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Element
from continuum.models import Taxonomy, Term


def test_it_loads_the_shipped_taxonomies(db):
    call_command("load_taxonomies", stdout=StringIO())
    assert set(Taxonomy.objects.values_list("code", flat=True)) == {
        "continuum-level",
        "thrive",
        "nest",
        "age-band",
        "audience",
        "reach",
        "risk-factor",
        "protective-factor",
        "programme",
    }
    levels = Term.objects.of("continuum-level").leaves()
    assert list(levels.values_list("code", flat=True)) == [
        "promotion",
        "prevention",
        "early-intervention",
        "treatment",
        "continuing-care",
    ]
    care = Term.objects.get(taxonomy__code="continuum-level", code="tier-care")
    assert set(care.children.values_list("code", flat=True)) == {
        "early-intervention",
        "treatment",
        "continuing-care",
    }
    assert Term.objects.of("thrive").count() == 5
    assert Term.objects.of("nest").count() == 4
    assert all(t.source for t in Taxonomy.objects.all())


def test_loading_again_changes_nothing(db, capsys):
    call_command("load_taxonomies")
    capsys.readouterr()
    call_command("load_taxonomies")
    assert "0 changed, 9 unchanged" in capsys.readouterr().out


def write(tmp_path, data, name="taxonomy.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


SMALL = {
    "format": 1,
    "code": "colours",
    "name": "Colours",
    "description": "Colours, for tests",
    "source": "Tests",
    "confidence": "Made up",
    "terms": [
        {"code": "warm", "name": "Warm", "description": ""},
        {"code": "red", "name": "Red", "description": "", "parent": "warm"},
    ],
}


def test_a_parent_must_come_first(db, tmp_path, capsys):
    data = {**SMALL, "terms": list(reversed(SMALL["terms"]))}
    with pytest.raises(CommandError):
        call_command("load_taxonomies", write(tmp_path, data))
    assert (
        '$.terms[0].parent: parent "warm" must be a term listed earlier' in capsys.readouterr().err
    )
    assert not Taxonomy.objects.exists()


def test_a_duplicate_term_code_is_refused(db, tmp_path, capsys):
    data = {
        **SMALL,
        "terms": [*SMALL["terms"], {"code": "red", "name": "Red again", "description": ""}],
    }
    with pytest.raises(CommandError):
        call_command("load_taxonomies", write(tmp_path, data))
    assert 'term code "red" is used twice' in capsys.readouterr().err


def test_a_term_in_use_cannot_be_removed(db, tmp_path, capsys):
    call_command("load_taxonomies")
    call_command("load_frameworks")
    thrive = json.loads(Path("fixtures/taxonomies/thrive.json").read_text())
    thrive["terms"] = [t for t in thrive["terms"] if t["code"] != "getting-help"]
    used_by = Element.objects.filter(terms__code="getting-help").count()
    capsys.readouterr()
    with pytest.raises(CommandError):
        call_command("load_taxonomies", write(tmp_path, thrive))
    err = capsys.readouterr().err
    assert f'term "getting-help" is missing from the file but used by {used_by} elements' in err
    assert Term.objects.filter(code="getting-help").exists()


def test_an_unused_term_is_removed(db, tmp_path, capsys):
    call_command("load_taxonomies", write(tmp_path, SMALL))
    smaller = {**SMALL, "terms": SMALL["terms"][:1]}
    call_command("load_taxonomies", write(tmp_path, smaller))
    assert "removed term colours/red" in capsys.readouterr().out
    assert list(Term.objects.values_list("code", flat=True)) == ["warm"]


def test_a_deeply_nested_file_is_refused_by_name(db, tmp_path, capsys):
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_taxonomies", str(path))
    assert "deep.json: $: the file is nested too deeply" in capsys.readouterr().err
    assert not Taxonomy.objects.exists()
