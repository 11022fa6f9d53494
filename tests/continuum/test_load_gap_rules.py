"""`load_gap_rules`: the shipped rules load, bad files are refused with a line per problem,
and the dashboard follows whatever file is loaded."""

import copy
import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from continuum.models import GapRuleSet
from tests.continuum.factories import make_service

SHIPPED = settings.BASE_DIR / "fixtures" / "gap-rules" / "gap-rules-1.0.json"


def shipped() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def written(tmp_path, data: dict) -> str:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def refused(tmp_path, data: dict, capsys) -> str:
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_gap_rules", written(tmp_path, data), stdout=StringIO())
    return capsys.readouterr().err


@pytest.fixture
def library(db):
    call_command("load_taxonomies", stdout=StringIO())


def test_the_shipped_rules_load_with_their_source_and_confidence(library):
    out = StringIO()
    call_command("load_gap_rules", stdout=out)
    assert "added gap rules 1.0" in out.getvalue()
    rules = GapRuleSet.objects.get()
    assert rules.version == "1.0"
    assert "assumption" in rules.confidence
    assert {t["level"]: t["thin_below"] for t in rules.thresholds} == {
        "promotion": 3,
        "prevention": 3,
        "early-intervention": 2,
        "treatment": 1,
        "continuing-care": 1,
    }
    for axis in rules.axes:
        assert axis["source"].strip() and axis["confidence"].strip()


def test_loading_again_changes_nothing(library):
    call_command("load_gap_rules", stdout=StringIO())
    out = StringIO()
    call_command("load_gap_rules", stdout=out)
    assert "unchanged gap rules 1.0" in out.getvalue()
    assert GapRuleSet.objects.count() == 1


def test_seed_demo_loads_them(db):
    call_command("seed_demo", stdout=StringIO())
    assert GapRuleSet.objects.get().version == "1.0"


@pytest.mark.parametrize("field", ["source", "confidence"])
def test_a_file_without_its_source_or_confidence_is_refused(library, tmp_path, capsys, field):
    data = shipped()
    del data[field]
    err = refused(tmp_path, data, capsys)
    assert f'rules.json: $: missing required field "{field}"' in err
    assert not GapRuleSet.objects.exists()


@pytest.mark.parametrize("field", ["source", "confidence"])
def test_a_blank_source_or_confidence_is_refused(library, tmp_path, capsys, field):
    data = shipped()
    data[field] = "   "
    data["axes"][0][field] = " "
    err = refused(tmp_path, data, capsys)
    assert f"rules.json: $.{field}: Enter the {field}" in err
    assert f"rules.json: $.axes[0].{field}: Enter the {field}" in err


def test_an_axis_or_threshold_without_its_source_is_refused(library, tmp_path, capsys):
    data = shipped()
    del data["axes"][1]["confidence"]
    del data["thresholds"][2]["source"]
    err = refused(tmp_path, data, capsys)
    assert 'rules.json: $.axes[1]: missing required field "confidence"' in err
    assert 'rules.json: $.thresholds[2]: missing required field "source"' in err


def test_unknown_taxonomies_and_terms_are_refused_naming_where(library, tmp_path, capsys):
    data = shipped()
    data["axes"][0]["cells"][0]["expected"].append("flourishing")
    data["axes"][1]["cols"] = "colour"
    data["thresholds"][0]["level"] = "tier-everything"
    err = refused(tmp_path, data, capsys)
    assert (
        'rules.json: $.axes[0].cells[0].expected[1]: unknown term "flourishing" '
        'in taxonomy "thrive"'
    ) in err
    assert 'rules.json: $.axes[1].cols: unknown taxonomy "colour"' in err
    assert (
        'rules.json: $.thresholds[0].level: unknown term "tier-everything" '
        'in taxonomy "continuum-level"'
    ) in err


def test_a_pair_listed_twice_either_way_round_is_refused(library, tmp_path, capsys):
    data = shipped()
    twin = copy.deepcopy(data["axes"][0])
    twin["rows"], twin["cols"] = "thrive", "continuum-level"
    twin["cells"] = []
    data["axes"].append(twin)
    err = refused(tmp_path, data, capsys)
    assert "the pair thrive and continuum-level is listed twice" in err


def test_a_bad_file_leaves_the_rules_in_force(library, tmp_path, capsys):
    call_command("load_gap_rules", stdout=StringIO())
    data = shipped()
    data["version"] = "2.0"
    data["thresholds"][0]["thin_below"] = 0
    err = refused(tmp_path, data, capsys)
    assert "rules.json: $.thresholds[0].thin_below" in err
    assert GapRuleSet.objects.get().version == "1.0"


def test_a_dry_run_writes_nothing(library, tmp_path):
    out = StringIO()
    call_command("load_gap_rules", written(tmp_path, shipped()), dry_run=True, stdout=out)
    assert "dry run" in out.getvalue()
    assert not GapRuleSet.objects.exists()


def test_the_dashboard_follows_the_loaded_file(
    library, tmp_path, client, viewer_a, partnership_a, council_a
):
    """A changed copy of the file, loaded through the real loader, changes the dashboard."""
    call_command("load_gap_rules", stdout=StringIO())
    make_service(
        partnership_a,
        "Stay and play",
        "continuum-level/promotion",
        "thrive/thriving",
        "reach/universal",
        provider=council_a,
    )
    client.force_login(viewer_a)
    dashboard = reverse("dashboards:area", args=[partnership_a.slug])
    page = client.get(dashboard).content.decode()
    assert "Only one promotion service for thriving families; 3 or more expected" in page
    assert "No promotion service for families getting help" not in page

    data = shipped()
    data["version"] = "1.1"
    data["thresholds"][0]["thin_below"] = 1  # promotion: never thin
    data["axes"][0]["cells"][0]["expected"].append("getting-help")  # promotion × Getting Help
    call_command("load_gap_rules", written(tmp_path, data), stdout=StringIO())

    page = client.get(dashboard).content.decode()
    assert "Only one promotion service for thriving families" not in page
    assert "No promotion service for families getting help" in page
    assert "gap rules (version 1.1)" in page


def test_without_rules_loaded_empty_cells_are_still_gaps_on_the_ranked_list(
    library, client, viewer_a, partnership_a, council_a
):
    make_service(
        partnership_a, "Stay and play", "continuum-level/promotion", "thrive/thriving",
        provider=council_a,
    )  # fmt: skip
    assert not GapRuleSet.objects.exists()
    client.force_login(viewer_a)
    page = client.get(reverse("dashboards:area", args=[partnership_a.slug])).content.decode()
    ranked = page.split('id="gaps"')[1].split('id="coverage"')[0]
    assert "No promotion service for families getting help" in ranked
    assert "No gaps found" not in ranked
