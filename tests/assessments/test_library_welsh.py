"""Library files in Welsh and English: a file is complete in Welsh or says it is English only,
and pages read the Welsh from the same rows, with the same queries."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from assessments.models import Descriptor, Element, Framework, ScaleLevel
from continuum.models import Term

SHIPPED = Path(__file__).resolve().parents[2] / "fixtures"
NEST = SHIPPED / "frameworks" / "nest-1.0.json"


@pytest.fixture
def taxonomies(db):
    call_command("load_taxonomies", verbosity=0, stdout=StringIO())


def nest() -> dict:
    return json.loads(NEST.read_text(encoding="utf-8"))


def refused(tmp_path, data: dict, capsys) -> list[str]:
    path = tmp_path / "nest-1.0.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_frameworks", str(path))
    return capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize("folder", ["frameworks", "taxonomies", "statements", "gap-rules"])
def test_every_shipped_library_file_says_its_languages_and_welsh_status(folder):
    for path in sorted((SHIPPED / folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["languages"] == ["en", "cy"], path.name
        assert data["welsh_status"] == "draft", path.name


def test_a_welsh_file_missing_welsh_is_refused_naming_every_missing_field(
    taxonomies, tmp_path, capsys
):
    data = nest()
    del data["title_cy"]
    data["scale"]["levels"][1]["label_cy"] = " "
    element = data["dimensions"][0]["elements"][2]
    del element["guidance_cy"]
    del element["descriptors_cy"]["3"]

    problems = refused(tmp_path, data, capsys)

    for path in (
        "$.title_cy",
        "$.scale.levels[1].label_cy",
        "$.dimensions[0].elements[2].guidance_cy",
        "$.dimensions[0].elements[2].descriptors_cy.3",
    ):
        assert any(f": {path}: the Welsh is missing" in line for line in problems), path
    assert Framework.objects.count() == 0


def test_an_english_only_file_loads_and_may_not_carry_welsh(taxonomies, tmp_path, capsys):
    data = {
        key: value
        for key, value in nest().items()
        if not key.endswith("_cy") and key != "welsh_status"
    }
    data["languages"] = ["en"]
    problems = refused(tmp_path, data, capsys)
    assert any("$.scale.name_cy: Welsh text in a file in English only" in p for p in problems)

    def english_only(node):
        if isinstance(node, dict):
            return {k: english_only(v) for k, v in node.items() if not k.endswith("_cy")}
        if isinstance(node, list):
            return [english_only(item) for item in node]
        return node

    path = tmp_path / "nest-1.0.json"
    path.write_text(json.dumps(english_only(data)), encoding="utf-8")
    call_command("load_frameworks", str(path), stdout=StringIO())
    framework = Framework.objects.get(code="nest")
    assert framework.welsh_status == ""
    with translation.override("cy"):
        assert framework.title == "NEST/NYTH: a whole-system approach in Wales"


def test_the_library_page_says_in_welsh_when_a_framework_is_english_only_or_draft(
    taxonomies, client, tmp_path, django_user_model
):
    data = json.loads(NEST.read_text(encoding="utf-8"))
    english_only = {
        key: value
        for key, value in json.loads(json.dumps(data)).items()
        if not key.endswith("_cy") and key not in ("welsh_status", "languages")
    }
    english_only.update(code="nest-english", scale=strip_welsh(data["scale"]))
    english_only["dimensions"] = strip_welsh(data["dimensions"])
    path = tmp_path / "nest-english-1.0.json"
    path.write_text(json.dumps(english_only), encoding="utf-8")
    call_command("load_frameworks", str(NEST), str(path), stdout=StringIO())
    client.force_login(django_user_model.objects.create_user("r@example.org", "a-long-pass-1"))
    draft, english = (Framework.objects.get(code=c) for c in ("nest", "nest-english"))
    welsh_page = client.get(english.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy").text
    assert "Mae’r fframwaith hwn yn Saesneg yn unig" in welsh_page
    assert "Not yet started" in welsh_page
    draft_page = client.get(draft.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="cy").text
    assert "Drafft yw Cymraeg y fframwaith hwn" in draft_page
    assert "Heb ddechrau eto" in draft_page
    english_page = client.get(english.get_absolute_url()).text
    assert "Saesneg yn unig" not in english_page and "English only" not in english_page


def strip_welsh(node):
    if isinstance(node, dict):
        return {k: strip_welsh(v) for k, v in node.items() if not k.endswith("_cy")}
    if isinstance(node, list):
        return [strip_welsh(item) for item in node]
    return node


def test_a_welsh_file_must_say_whether_its_welsh_is_reviewed(taxonomies, tmp_path, capsys):
    data = nest()
    del data["welsh_status"]
    problems = refused(tmp_path, data, capsys)
    assert any("$.welsh_status" in line and "draft" in line for line in problems)


def test_welsh_is_read_in_welsh_and_english_is_saved_whatever_the_language(taxonomies):
    call_command("load_frameworks", str(NEST), stdout=StringIO())
    code = nest()["dimensions"][0]["elements"][0]["code"]
    element = Element.objects.get(framework__code="nest", code=code)
    english, welsh = element.title, element.title_cy
    assert welsh and welsh != english
    with translation.override("cy"):
        assert element.title == welsh
        element.guidance = "Changed while reading Welsh"
        element.save()
    element.refresh_from_db()
    assert element.title == english
    assert element.guidance == "Changed while reading Welsh"
    assert Element.objects.filter(title=english).exists()


def test_loading_in_welsh_stores_the_english_in_english_columns(taxonomies):
    with translation.override("cy"):
        call_command("load_frameworks", str(NEST), stdout=StringIO())
        call_command("load_frameworks", str(NEST), stdout=StringIO())
    level = ScaleLevel.objects.get(scale__framework__code="nest", value=1)
    assert level.label == "Not yet started"
    descriptor = Descriptor.objects.filter(element__framework__code="nest").first()
    assert descriptor.text_cy and descriptor.text != descriptor.text_cy
    with translation.override("cy"):
        assert Term.objects.get(taxonomy__code="nest", code="safe").name == "Diogel"


def test_the_framework_page_reads_welsh_with_the_same_queries(
    taxonomies, client, django_user_model
):
    call_command("load_frameworks", str(NEST), stdout=StringIO())
    framework = Framework.objects.get(code="nest")
    english_title, welsh_title = framework.title, framework.title_cy
    welsh_level = framework.scale.levels.get(value=1).label_cy
    user = django_user_model.objects.create_user("reader@example.org", "a-long-password-1")
    client.force_login(user)
    url = framework.get_absolute_url()
    with CaptureQueriesContext(connection) as english:
        page_en = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as welsh:
        page_cy = client.get(url, HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert english_title in page_en and welsh_title not in page_en
    assert welsh_title in page_cy
    assert welsh_level in page_cy
    assert len(welsh) == len(english)
