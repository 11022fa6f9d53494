"""A partnership with services, a published round and actions, on top of the shared personas."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments import summaries
from assessments.models import AssessmentStatus, Framework
from continuum.models import GapAdjustment
from tests.assessments.factories import make_action, make_agreed, make_response, make_round
from tests.continuum.factories import make_service

# Everything a hostile partner might type, in one string that also starts like a formula.
EVIL = '=HYPERLINK("x") <script>alert(1)</script> "><img src=x onerror=alert(1)> javascript:x'


@pytest.fixture
def framework(db, settings):
    call_command("load_taxonomies", stdout=io.StringIO())
    call_command("load_gap_rules", stdout=io.StringIO())
    call_command(
        "load_frameworks",
        settings.BASE_DIR / "fixtures" / "frameworks" / "maternity-early-years-1.0.json",
        verbosity=0,
    )
    return Framework.objects.get(code="maternity-early-years")


def fill(partnership, framework, raters, organisation, *, services: int, actions: int, lead):
    """`services` active services, a published round rated by `raters`, and `actions` actions."""
    for i in range(services):
        make_service(
            partnership,
            f"Service {i}",
            "continuum-level/promotion",
            "thrive/thriving",
            "risk-factor/" + ("parental-mental-illness" if i % 2 else "domestic-abuse"),
            provider=organisation,
        )
    assessment = make_round(partnership, framework, status=AssessmentStatus.PUBLISHED, by=lead)
    elements = list(framework.elements.order_by("pk"))
    for element in elements:
        for user in raters:
            make_response(assessment, element, user, 3)
        make_agreed(assessment, element, 3)
    # As publishing does: the cross-area dashboard reads the round's summaries.
    summaries.summarise([assessment])
    today = timezone.localdate()
    for i in range(actions):
        make_action(
            assessment,
            elements[i % len(elements)],
            organisation,
            title=f"Action {i}",
            due_date=today - datetime.timedelta(days=1 + i),
        )
    return assessment


def fill_large(partnership, framework, raters, organisation, *, lead):
    """The larger of the two sizes that query-count tests compare: many services and actions."""
    return fill(partnership, framework, raters, organisation, services=30, actions=20, lead=lead)


@pytest.fixture
def dashboard_a(partnership_a, framework, lead_a, contributor_a, viewer_a, council_a):
    """Partnership A's demo-like data: a hostile service name and action title among them."""
    make_service(
        partnership_a,
        EVIL,
        "continuum-level/early-intervention",
        "thrive/getting-help",
        provider=council_a,
    )
    assessment = fill(
        partnership_a,
        framework,
        [lead_a, contributor_a, viewer_a],
        council_a,
        services=2,
        actions=1,
        lead=lead_a,
    )
    make_action(
        assessment,
        framework.elements.first(),
        council_a,
        title=EVIL,
        due_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    return assessment


def adjust(partnership, lead, *, count: int = 1):
    """`count` local adjustments of each kind: a cell made expected, a level's threshold."""
    for i in range(count):
        GapAdjustment.objects.create(
            partnership=partnership,
            rows="continuum-level",
            cols="thrive",
            row="promotion",
            col="getting-help",
            expected=True,
            reason=f"Our hubs run help groups ({i})",
            by=lead,
        )
        GapAdjustment.objects.create(
            partnership=partnership,
            level="treatment",
            thin_below=2,
            reason=f"A large area ({i})",
            by=lead,
        )
