"""Frameworks, rounds and the people who rate them, on top of the shared personas."""

import pytest
from django.core.management import call_command

from assessments.models import Assessment, AssessmentStatus, Framework
from tests.assessments.factories import make_round

# Two of the shipped frameworks are enough: one 1-5 scale without "not applicable", one 0-5
# with it. Loading all six in every test would triple the suite's time.
USED = ["maternity-early-years-1.0.json", "perinatal-pathway-1.0.json"]


@pytest.fixture
def frameworks(db, settings):
    call_command("load_taxonomies", verbosity=0)
    call_command(
        "load_frameworks",
        *[settings.BASE_DIR / "fixtures" / "frameworks" / f for f in USED],
        verbosity=0,
    )
    return Framework.objects.all()


@pytest.fixture
def framework(frameworks):
    """Maternity and early years 1.0: 4 dimensions, 10 elements, levels 1 to 5, no N/A."""
    return Framework.objects.get(code="maternity-early-years", version="1.0")


@pytest.fixture
def open_round(framework, partnership_a, lead_a) -> Assessment:
    return make_round(partnership_a, framework, status=AssessmentStatus.OPEN, by=lead_a)


@pytest.fixture
def closed_round(framework, partnership_a, lead_a) -> Assessment:
    return make_round(partnership_a, framework, status=AssessmentStatus.CLOSED, by=lead_a)
