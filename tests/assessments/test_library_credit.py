"""A library file that does not say where it comes from, or how sure we are, is refused."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Framework
from continuum.models import Taxonomy

FRAMEWORK = Path(__file__).parent / "framework_files" / "valid.json"
TAXONOMY = {
    "format": 1,
    "code": "colours",
    "name": "Colours",
    "description": "Colours, for tests",
    "source": "Tests",
    "confidence": "Made up",
    "terms": [{"code": "warm", "name": "Warm", "description": ""}],
}
GAPS = [
    ("missing", None, "missing required field"),
    ("blank", "   ", "Enter the"),
]


def written(tmp_path, data: dict) -> str:
    path = tmp_path / "file.json"
    path.write_text(json.dumps(data))
    return str(path)


def refused(command: str, path: str, capsys) -> str:
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command(command, path, stdout=StringIO())
    return capsys.readouterr().err


@pytest.mark.parametrize("field", ["source", "confidence"])
@pytest.mark.parametrize("kind,value,message", GAPS)
def test_a_taxonomy_without_its_source_or_confidence_is_refused(
    db, tmp_path, capsys, field, kind, value, message
):
    data = {**TAXONOMY, field: value}
    if value is None:
        del data[field]
    err = refused("load_taxonomies", written(tmp_path, data), capsys)
    assert f"file.json: $: {message}" in err or f"file.json: $.{field}: {message}" in err
    assert field in err
    assert not Taxonomy.objects.exists()


@pytest.mark.parametrize("field", ["basis", "confidence"])
@pytest.mark.parametrize("kind,value,message", GAPS)
def test_a_framework_without_its_source_or_confidence_is_refused(
    db, tmp_path, capsys, field, kind, value, message
):
    call_command("load_taxonomies", verbosity=0, stdout=StringIO())
    data = json.loads(FRAMEWORK.read_text())
    data[field] = value
    if value is None:
        del data[field]
    err = refused("load_frameworks", written(tmp_path, data), capsys)
    assert f"file.json: $: {message}" in err or f"file.json: $.{field}: {message}" in err
    assert field in err
    assert not Framework.objects.exists()


def test_every_shipped_file_names_its_source_and_confidence():
    root = Path(__file__).resolve().parents[2] / "fixtures"
    for path in sorted(root.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        source = data.get("source") or data.get("basis")
        assert source and source.strip(), path.name
        assert data["confidence"].strip(), path.name
