"""Plain `make_*` factories for rounds and what they gather."""

import datetime

from django.utils import timezone

from assessments.models import (
    Action,
    AgreedRating,
    Assessment,
    AssessmentStatus,
    Element,
    Framework,
    Response,
)
from partnership.models import Membership, Organisation, Partnership, User


def make_round(
    partnership: Partnership,
    framework: Framework,
    *,
    status: str = AssessmentStatus.OPEN,
    name: str = "Baseline, spring 2027",
    anonymous: bool = False,
    by: User | None = None,
) -> Assessment:
    return Assessment.objects.create(
        partnership=partnership,
        framework=framework,
        name=name,
        status=status,
        anonymous=anonymous,
        closing_date=timezone.localdate() + datetime.timedelta(days=30),
        created_by=by,
    )


def level(framework: Framework, value: int):
    return framework.scale.levels.get(value=value)


def make_response(
    assessment: Assessment, element: Element, user: User, value: int | None = 3, **fields
) -> Response:
    membership = Membership.objects.select_related("organisation").get(
        user=user, partnership=assessment.partnership
    )
    return Response.objects.create(
        assessment=assessment,
        element=element,
        respondent=user,
        organisation=membership.organisation,
        sector=membership.organisation.sector,
        level=level(assessment.framework, value) if value is not None else None,
        **fields,
    )


def make_agreed(assessment: Assessment, element: Element, value: int = 3, **fields):
    return AgreedRating.objects.create(
        assessment=assessment,
        element=element,
        level=level(assessment.framework, value),
        rationale=fields.pop("rationale", "Most partners rated it here"),
        **fields,
    )


def make_action(
    assessment: Assessment, element: Element, organisation: Organisation, **fields
) -> Action:
    fields.setdefault("due_date", timezone.localdate() + datetime.timedelta(days=60))
    return Action.objects.create(
        assessment=assessment,
        element=element,
        title=fields.pop("title", "Agree a joint workforce plan"),
        owner_organisation=organisation,
        owner_name=fields.pop("owner_name", "Priya Shah"),
        **fields,
    )
