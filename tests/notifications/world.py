"""Rows on fixed dates for the reminder tests, built with the project's factories; also run in
another process to set up a database of its own."""

import datetime

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus, Framework, StatusChange
from partnership.models import Role
from tests.assessments.factories import make_round
from tests.factories import make_member, make_partnership

OPENED = datetime.date(2027, 3, 1)  # a Monday
CLOSING = datetime.date(2027, 3, 31)


def load_framework() -> Framework:
    """Maternity and early years 1.0: 10 elements rated 1 to 5."""
    call_command("load_taxonomies", verbosity=0)
    path = settings.BASE_DIR / "fixtures" / "frameworks" / "maternity-early-years-1.0.json"
    call_command("load_frameworks", path, verbosity=0)
    return Framework.objects.get(code="maternity-early-years", version="1.0")


def opened_round(partnership, framework, *, on=OPENED, closing=CLOSING, **fields) -> Assessment:
    """An open round that was opened at ten in the morning of `on`, closing on `closing`."""
    assessment = make_round(partnership, framework, status=AssessmentStatus.OPEN, **fields)
    assessment.closing_date = closing
    assessment.save(update_fields=["closing_date"])
    at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
    StatusChange.objects.bulk_create(
        [
            StatusChange(assessment=assessment, from_status="", to_status=AssessmentStatus.DRAFT),
            StatusChange(
                assessment=assessment,
                from_status=AssessmentStatus.DRAFT,
                to_status=AssessmentStatus.OPEN,
            ),
        ]
    )
    assessment.status_changes.update(at=at)
    return assessment


def build_world(raters: int) -> Assessment:
    """One partnership, its lead and `raters` contributors, and a round opened on OPENED."""
    framework = load_framework()
    partnership = make_partnership("ashworth", "Ashworth Best Start")
    lead = make_member(partnership, Role.LEAD).user
    for _ in range(raters):
        make_member(partnership)
    return opened_round(partnership, framework, by=lead)
