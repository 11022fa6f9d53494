"""Writes of a round that touch several rows, each in one transaction.

Rows several people edit at once (responses, agreed ratings, actions) are saved with a
version-checked UPDATE filtered on the row's own primary key and version only. Filtering through
a join would become `WHERE id IN (SELECT ...)` on PostgreSQL and let several writers win.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Model, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import history, summaries
from assessments.models import (
    Action,
    Assessment,
    AssessmentStatus,
    Barrier,
    Element,
    Framework,
    OutOfScope,
    Response,
    ScaleLevel,
    StatusChange,
)
from partnership.models import Membership, Organisation, Partnership, User


class RoundStateError(ValidationError):
    """The round is not in a state that allows this change."""


def _locked(assessment: Assessment, *, answering: list[Element] | None = None) -> Assessment:
    """The round's row, locked: status moves and saves queue on it, so no save lands after the
    round closes. `answering` also asks, in the same query, whether any of those elements is
    out of the round's scope (as `answers_out_of_scope`)."""
    rows = Assessment.objects.select_for_update()
    if answering is not None:
        out = OutOfScope.objects.filter(assessment=OuterRef("pk"), element__in=answering)
        rows = rows.annotate(answers_out_of_scope=Exists(out))
    return rows.get(pk=assessment.pk)


def open_round(
    *,
    partnership: Partnership,
    framework: Framework,
    name: str,
    closing_date: datetime.date | None,
    anonymous: bool,
    by: User,
) -> Assessment:
    """Creates a draft round; the lead sets its scope, then opens it for ratings."""
    with transaction.atomic():
        assessment = Assessment(
            partnership=partnership,
            framework=framework,
            name=name,
            closing_date=closing_date,
            anonymous=anonymous,
            created_by=by,
        )
        assessment.full_clean()
        assessment.save()
        StatusChange.objects.create(
            assessment=assessment, from_status="", to_status=AssessmentStatus.DRAFT, by=by
        )
    return assessment


def set_out_of_scope(*, assessment: Assessment, element: Element, reason: str) -> OutOfScope:
    with transaction.atomic():
        if _locked(assessment).status != AssessmentStatus.DRAFT:
            raise RoundStateError(_("You can only change the scope of a draft round"))
        row, _created = OutOfScope.objects.update_or_create(
            assessment=assessment, element=element, defaults={"reason": reason}
        )
    return row


def bring_into_scope(*, assessment: Assessment, element: Element) -> None:
    with transaction.atomic():
        if _locked(assessment).status != AssessmentStatus.DRAFT:
            raise RoundStateError(_("You can only change the scope of a draft round"))
        OutOfScope.objects.filter(assessment=assessment, element=element).delete()


def _check_in_scope(assessment: Assessment, elements: list[Element]) -> None:
    out = OutOfScope.objects.filter(assessment=assessment, element__in=elements)
    if titles := [row.element.title for row in out.select_related("element")]:
        raise RoundStateError(
            _("%(title)s is out of scope for this round") % {"title": ", ".join(titles)}
        )


def missing_agreements(assessment: Assessment) -> list[Element]:
    """In-scope elements that have no agreed rating yet."""
    return list(
        assessment.framework.elements.exclude(
            pk__in=assessment.out_of_scope.values("element")
        ).exclude(pk__in=assessment.agreed_ratings.values("element"))
    )


def move_round(*, assessment: Assessment, to_status: str, by: User) -> Assessment:
    with transaction.atomic():
        current = _locked(assessment)
        if to_status not in current.next_statuses():
            raise RoundStateError(
                _("The round is %(status)s and cannot move to %(target)s")
                % {
                    "status": current.get_status_display().lower(),
                    "target": AssessmentStatus(to_status).label.lower(),
                }
            )
        if to_status == AssessmentStatus.AGREED and (missing := missing_agreements(current)):
            titles = ", ".join(element.title for element in missing)
            raise RoundStateError(
                _("Agree a rating for every element in scope first: %(titles)s")
                % {"titles": titles}
            )
        StatusChange.objects.create(
            assessment=current, from_status=current.status, to_status=to_status, by=by
        )
        current.status = to_status
        current.save(update_fields=["status"])
        # Publishing writes the round's summaries; any other move leaves it without them.
        summaries.summarise([current])
    return current


@dataclass(frozen=True)
class Answer:
    """What a person submitted for one element, and the version of the row they started from."""

    element: Element
    version: int
    level: ScaleLevel | None = None
    not_applicable: bool = False
    dont_know: bool = False
    evidence: str = ""
    links: str = ""
    strength: str = ""

    def values(self) -> dict:
        return {
            "level": self.level,
            "not_applicable": self.not_applicable,
            "dont_know": self.dont_know,
            "evidence": self.evidence,
            "links": self.links,
            "strength": self.strength,
        }


def save_answers(
    *, assessment: Assessment, membership: Membership, answers: list[Answer]
) -> list[Element]:
    """Saves each changed answer whose version still matches; returns the elements in conflict.

    Answers that match are saved even when others conflict: nobody loses the rest of a page
    because one element changed under them.
    """
    conflicts: list[Element] = []
    with transaction.atomic():
        elements = [answer.element for answer in answers]
        locked = _locked(assessment, answering=elements)
        if locked.status != AssessmentStatus.OPEN:
            raise RoundStateError(_("This round is not open for ratings"))
        if locked.answers_out_of_scope:
            _check_in_scope(assessment, elements)
        organisation = membership.organisation
        for answer in answers:
            if not _save_answer(assessment, membership.user, organisation, answer):
                conflicts.append(answer.element)
    return conflicts


def _write_versioned(row: Model, current: Model | None, version: int, values: dict) -> bool:
    """Saves `row` if the stored row is still at `version`; False when someone saved first.

    With no stored row, version 0 creates it, and a row created meanwhile is a conflict.
    Otherwise one UPDATE filtered on the row's own primary key and version: when it touches
    no row, someone else saved first.
    """
    if current is None:
        if version != 0:
            return False
        try:
            # A savepoint: a row created a moment ago by someone else is a conflict to show,
            # not an error that spoils the rest of the transaction.
            with transaction.atomic():
                row.save()
        except IntegrityError:
            return False
        return True
    if current.version != version:
        return False
    row.pk = current.pk
    if _unchanged(current, values):
        # Saving what the page showed writes nothing: the version stays, so nobody else's
        # later save is refused as a conflict with a save that changed nothing.
        return True
    updated = (
        type(row)
        .objects.filter(pk=current.pk, version=version)
        .update(**values, version=F("version") + 1)
    )
    return updated == 1


# Who saved a row and when: not a change of its own.
UNTRACKED = {"updated", "updated_by"}


def _unchanged(current: Model, values: dict) -> bool:
    for name, value in values.items():
        if name in UNTRACKED:
            continue
        stored = getattr(current, current._meta.get_field(name).attname)
        if stored != (value.pk if isinstance(value, Model) else value):
            return False
    return True


# Related rows come from the database already; checking them again would cost a query each.
RELATED = ["assessment", "element", "respondent", "organisation", "level", "target_level"]


def _save_answer(
    assessment: Assessment, user: User, organisation: Organisation, answer: Answer
) -> bool:
    # With its level: the history records the old rating by its label.
    current = (
        Response.objects.filter(assessment=assessment, element=answer.element, respondent=user)
        .select_related("level")
        .first()
    )
    values = {
        "organisation": organisation,
        "sector": organisation.sector,
        "updated": timezone.now(),
        **answer.values(),
    }
    row = Response(assessment=assessment, element=answer.element, respondent=user, **values)
    # Uniqueness is the database's to enforce: a row created meanwhile is a conflict.
    row.full_clean(exclude=RELATED, validate_unique=False)
    if not _write_versioned(row, current, answer.version, values):
        return False
    history.record(
        assessment=assessment,
        element=answer.element,
        subject="response",
        obj=row,
        old=history.response_fields(current),
        new=history.response_fields(row),
        by=user,
        sector=organisation.sector,
    )
    return True


def add_barrier(*, assessment: Assessment, element: Element, text: str, by: User) -> Barrier:
    with transaction.atomic():
        if not _locked(assessment).in_workshop:
            raise RoundStateError(_("Barriers can only be added while the round is closed"))
        barrier = Barrier(assessment=assessment, element=element, text=text, created_by=by)
        barrier.full_clean()
        barrier.save()
    return barrier


def add_action(
    *,
    assessment: Assessment,
    element: Element,
    title: str,
    owner_organisation: Organisation,
    owner_name: str,
    due_date: datetime.date,
    by: User,
) -> Action:
    # In any state: a published round's ratings are fixed, its action plan is not.
    with transaction.atomic():
        _locked(assessment)  # queues behind a status move, like every other save of a round
        if due_date < timezone.localdate():
            raise ValidationError({"due_date": _("The due date must be today or in the future")})
        action = Action(
            assessment=assessment,
            element=element,
            title=title,
            owner_organisation=owner_organisation,
            owner_name=owner_name,
            due_date=due_date,
        )
        action.full_clean()
        action.save()
        history.record(
            assessment=assessment,
            element=element,
            subject="action",
            obj=action,
            old={},
            new=history.action_fields(action),
            by=by,
        )
    return action


def change_action(
    *,
    through: Assessment,
    action: Action,
    version: int,
    title: str,
    owner_organisation: Organisation,
    owner_name: str,
    due_date: datetime.date,
    status: str,
    progress_note: str = "",
    by: User,
) -> bool:
    """Updates an action seen through a round (its own, or a later one it carried into).

    A published round's actions still change: status, progress, owner and dates are followed
    up after publishing, with every change in the history. False when someone else saved the
    action since `version`.
    """
    values = {
        "title": title,
        "owner_organisation": owner_organisation,
        "owner_name": owner_name,
        "due_date": due_date,
        "status": status,
        "progress_note": progress_note,
        "updated": timezone.now(),
    }
    with transaction.atomic():
        _locked(through)  # queues behind a status move, like every other save of a round
        current = Action.objects.select_related("owner_organisation").get(pk=action.pk)
        row = Action(assessment=action.assessment, element=action.element, **values)
        row.full_clean(exclude=RELATED, validate_unique=False)
        if not _write_versioned(row, current, version, values):
            return False
        history.record(
            assessment=through,
            element=action.element,
            subject="action",
            obj=action,
            old=history.action_fields(current),
            new=history.action_fields(row),
            by=by,
        )
    return True
