"""The workshop's agreement: one element's agreed rating, or every element's in one save.

Both are version-checked like every row people edit at once (see `services`), and both queue
on the round's row, so nothing is agreed after the round moves on.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import history
from assessments.models import AgreedRating, Assessment, Element, ScaleLevel
from assessments.services import (
    RELATED,
    RoundStateError,
    _check_in_scope,
    _locked,
    _unchanged,
    _write_versioned,
)
from partnership.models import User


def agree_rating(
    *,
    assessment: Assessment,
    element: Element,
    version: int,
    level: ScaleLevel,
    rationale: str,
    dissent: str,
    target_level: ScaleLevel | None,
    target_date: datetime.date | None,
    by: User,
) -> bool:
    """Records the workshop's agreed rating; False when another lead saved it meanwhile."""
    values = {
        "level": level,
        "rationale": rationale,
        "dissent": dissent,
        "target_level": target_level,
        "target_date": target_date,
        "updated_by": by,
        "updated": timezone.now(),
    }
    with transaction.atomic():
        if not _locked(assessment).in_workshop:
            raise RoundStateError(_("Agreed ratings can only change while the round is closed"))
        _check_in_scope(assessment, [element])
        current = AgreedRating.objects.filter(assessment=assessment, element=element).first()
        return _save_agreement(assessment, element, current, version, values, by)


def _save_agreement(
    assessment: Assessment,
    element: Element,
    current: AgreedRating | None,
    version: int,
    values: dict,
    by: User,
) -> bool:
    """Writes one agreed rating and its history; False when it is no longer at `version`."""
    target_level = values["target_level"]
    if target_level is not None and target_level.value < values["level"].value:
        raise ValidationError({"target_level": _("The target cannot be below the agreed level")})
    row = AgreedRating(assessment=assessment, element=element, **values)
    row.full_clean(exclude=RELATED + ["updated_by"], validate_unique=False)
    if not _write_versioned(row, current, version, values):
        return False
    history.record(
        assessment=assessment,
        element=element,
        subject="agreed rating",
        obj=row,
        old=history.agreed_rating_fields(current),
        new=history.agreed_rating_fields(row),
        by=by,
    )
    return True


@dataclass(frozen=True)
class Agreement:
    """An agreed rating as the one-page workshop sends it, and the version the page showed.

    The page does not show dissent: an agreed rating keeps the dissent it was saved with.
    """

    element: Element
    version: int
    level: ScaleLevel
    rationale: str
    target_level: ScaleLevel | None = None
    target_date: datetime.date | None = None


def agree_ratings(
    *, assessment: Assessment, agreements: list[Agreement], by: User
) -> dict[int, AgreedRating | None]:
    """Records the workshop's agreed ratings of many elements at once: all of them, or none.

    Returns, by element id, the saved rows that someone else changed since the page showed
    them; when there is any, nothing is saved. An agreement equal to what is saved writes
    nothing, whatever version it was shown at.
    """
    now = timezone.now()
    with transaction.atomic():
        if not _locked(assessment).in_workshop:
            raise RoundStateError(_("Agreed ratings can only change while the round is closed"))
        elements = [agreement.element for agreement in agreements]
        _check_in_scope(assessment, elements)
        saved = {
            row.element_id: row
            for row in AgreedRating.objects.filter(
                assessment=assessment, element__in=elements
            ).select_related("level", "target_level", "updated_by")
        }
        writes, conflicts = [], {}
        for agreement in agreements:
            current = saved.get(agreement.element.pk)
            values = {
                "level": agreement.level,
                "rationale": agreement.rationale,
                "dissent": current.dissent if current else "",
                "target_level": agreement.target_level,
                "target_date": agreement.target_date,
                "updated_by": by,
                "updated": now,
            }
            stale = agreement.version != (current.version if current else 0)
            if stale and not (current and _unchanged(current, values)):
                conflicts[agreement.element.pk] = current
            elif not stale:
                writes.append((agreement.element, current, agreement.version, values))
        if conflicts:
            return conflicts
        for element, current, version, values in writes:
            try:
                written = _save_agreement(assessment, element, current, version, values, by)
            except ValidationError as error:
                raise ValidationError(
                    _("%(title)s: %(error)s") % {"title": element.title, "error": error.messages[0]}
                ) from error
            if not written:  # saved meanwhile, despite the round's lock: undo everything
                transaction.set_rollback(True)
                return {
                    element.pk: AgreedRating.objects.filter(
                        assessment=assessment, element=element
                    ).first()
                }
    return {}
