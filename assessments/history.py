"""The history of a round: every change to a response, agreed rating or action, field by field.

Service functions write it in the same transaction as the change (no signals), so the history
and the data never disagree. Values are kept as the text a lead reads on the element's page.
"""

from django.db.models import Model
from django.utils import timezone

from assessments.models import Action, AgreedRating, Assessment, Change, Element, Response
from partnership.models import User


def record(
    *,
    assessment: Assessment,
    element: Element,
    subject: str,
    obj: Model,
    old: dict[str, str],
    new: dict[str, str],
    by: User | None,
    sector: str = "",
) -> None:
    now = timezone.now()
    Change.objects.bulk_create(
        Change(
            assessment=assessment,
            element=element,
            subject=subject,
            object_id=obj.pk,
            field=field,
            old=old.get(field, ""),
            new=value,
            by=by,
            by_sector=sector,
            at=now,
        )
        for field, value in new.items()
        if old.get(field, "") != value
    )


def response_fields(row: Response | None) -> dict[str, str]:
    if row is None:
        return {}
    return {
        "rating": row.answer_label(),
        "evidence": row.evidence,
        "links": row.links,
        "strength": row.get_strength_display(),
    }


def agreed_rating_fields(row: AgreedRating | None) -> dict[str, str]:
    if row is None:
        return {}
    return {
        "agreed level": str(row.level),
        "rationale": row.rationale,
        "dissent": row.dissent,
        "target level": str(row.target_level or ""),
        "target date": row.target_date.isoformat() if row.target_date else "",
    }


def action_fields(action: Action | None) -> dict[str, str]:
    if action is None:
        return {}
    return {
        "title": action.title,
        "owner organisation": action.owner_organisation.name,
        "owner": action.owner_name,
        "due date": action.due_date.isoformat(),
        "status": action.get_status_display(),
        "progress": action.progress_note,
    }
