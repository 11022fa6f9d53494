"""A partnership with something in every table the data download reads, and audit lines."""

import json
import logging

import pytest
from django.core.management import call_command

from assessments.models import AssessmentStatus, Framework
from continuum.models import GapAdjustment, Location
from partnership.indicators.models import KeyIndicator
from tests.assessments.factories import make_action, make_agreed, make_response, make_round
from tests.continuum.factories import make_route, make_service
from tests.factories_need import make_value

# Starts like a formula and carries markup: it must reach every file inert.
EVIL = '=HYPERLINK("http://x","y") <script>alert(1)</script>'


@pytest.fixture
def framework(db, settings):
    call_command("load_taxonomies", verbosity=0)
    call_command(
        "load_frameworks",
        settings.BASE_DIR / "fixtures" / "frameworks" / "maternity-early-years-1.0.json",
        verbosity=0,
    )
    return Framework.objects.get(code="maternity-early-years")


@pytest.fixture
def strategy(framework):
    return framework.elements.get(code="plan-strategy")


@pytest.fixture
def filled(partnership_a, framework, strategy, lead_a, contributor_a, viewer_a, council_a):
    """Partnership A: services, a route, a location, a named published round and an
    anonymous closed round, both rated by the lead and the contributor."""
    family_hub = make_service(
        partnership_a, "Family hub drop-in", "continuum-level/promotion", "thrive/thriving"
    )
    visiting = make_service(partnership_a, EVIL, "continuum-level/prevention")
    make_route(family_hub, visiting)
    location = Location.objects.create(
        partnership=partnership_a, name="North hub", kind="family-hub"
    )
    location.services.add(family_hub)
    GapAdjustment.objects.create(
        partnership=partnership_a, row="promotion", col="thriving", reason="Local", by=lead_a
    )
    local = make_value("93014", "E08000990", 12.5, partnership=partnership_a, note="Local survey")
    KeyIndicator.objects.create(partnership=partnership_a, indicator=local.indicator)
    make_value("93014", "E09000990", 99.0, note="Brookfield's own figure")
    named = make_round(
        partnership_a, framework, status=AssessmentStatus.PUBLISHED, name="Named round", by=lead_a
    )
    anonymous = make_round(
        partnership_a,
        framework,
        status=AssessmentStatus.CLOSED,
        name="Anonymous round",
        anonymous=True,
        by=lead_a,
    )
    for assessment in (named, anonymous):
        make_response(assessment, strategy, lead_a, 3, evidence="Lead's evidence")
        make_response(assessment, strategy, contributor_a, 2, evidence=f"Seen {EVIL}")
    make_agreed(named, strategy, 3, dissent="Health visiting saw less")
    make_action(
        named, strategy, council_a, title="Agree a workforce plan", owner_name="Cara Contributor"
    )
    return {"named": named, "anonymous": anonymous, "services": [family_hub, visiting]}


@pytest.fixture
def audit_lines(caplog):
    caplog.set_level(logging.DEBUG)

    def lines(event: str | None = None) -> list[dict]:
        records = [json.loads(r.getMessage()) for r in caplog.records if r.name == "cradle.audit"]
        return [r for r in records if event is None or r["event"] == event]

    return lines
