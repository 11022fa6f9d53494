"""The history of a round: every change to a response, agreed rating or action, field by field.

Service functions write it in the same transaction as the change (no signals), so the history
and the data never disagree. Values are kept as the text a lead reads on the element's page.
"""

from django.db.models import Model
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from assessments.models import Action, AgreedRating, Assessment, Change, Element, Response
from partnership.bilingual import english_reads
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


# Rows are written in English, whoever's language the change was made in; pages show the
# subject, the field and the values of labelled fields in the reader's language.
SUBJECTS = {
    "response": gettext_lazy("Response"),
    "agreed rating": gettext_lazy("Agreed rating"),
    "action": gettext_lazy("Action"),
}
FIELDS = {
    "rating": gettext_lazy("rating"),
    "evidence": gettext_lazy("evidence"),
    "links": gettext_lazy("links"),
    "strength": gettext_lazy("strength"),
    "agreed level": gettext_lazy("agreed level"),
    "rationale": gettext_lazy("rationale"),
    "dissent": gettext_lazy("dissent"),
    "target level": gettext_lazy("target level"),
    "target date": gettext_lazy("target date"),
    "title": gettext_lazy("title"),
    "owner organisation": gettext_lazy("owner organisation"),
    "owner": gettext_lazy("owner"),
    "due date": gettext_lazy("due date"),
    "status": gettext_lazy("status"),
    "progress": gettext_lazy("progress"),
}
# Fields whose values are Cradle's own labels (a rating's answer, a strength, a status).
LABELLED = {"rating", "strength", "status"}
# Fields whose values may be a scale level, kept as its English ("3: Developing").
LEVELLED = {"rating", "agreed level", "target level"}


def level_names(levels) -> dict[str, str]:
    """A scale's levels as history rows keep them (English), to the reader's language."""
    names = {}
    for level in levels:
        with english_reads():
            english = str(level)
        names[english] = str(level)
    return names


@translation.override("en-gb")
def response_fields(row: Response | None) -> dict[str, str]:
    if row is None:
        return {}
    return {
        "rating": row.answer_label(),
        "evidence": row.evidence,
        "links": row.links,
        "strength": row.get_strength_display(),
    }


@translation.override("en-gb")
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


@translation.override("en-gb")
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
