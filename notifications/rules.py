"""Who gets which email on a given day. Each rule reads a handful of queries, whatever the
number of rounds, actions or people; nothing here sends or writes anything.

The rules, for a day `today` (the command's `--today`, so they can be tested on plain dates):

- round opened: a round that is open now and was opened today or yesterday; to the people who
  rate it (its partnership's leads and contributors);
- closing soon: an open round whose closing date is three days away; to those who rate it and
  have not yet rated every element in scope;
- round closing: a round (open, or closed early) whose closing date is today; to its leads;
- actions overdue: an open action whose due date passed in the last week; to the partnership's
  leads and contributors who speak for the owner organisation, or its leads when nobody does;
- weekly digest: on Mondays, to each lead, one summary per partnership they lead with anything
  to report (rounds open or awaiting the workshop, actions overdue or due in two weeks).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from assessments.models import (
    OPEN_ACTION_STATUSES,
    RATED,
    Action,
    Assessment,
    AssessmentStatus,
    OutOfScope,
    Response,
    StatusChange,
)
from assessments.views.progress import RATERS, in_scope_counts, rounds_progress
from notifications.models import FIELDS, Kind, Preferences
from partnership.models import Membership, Partnership, Role, User

CLOSING_SOON_DAYS = 3
OVERDUE_WINDOW_DAYS = 7
DUE_SOON_DAYS = 14
DIGEST_WEEKDAY = 0  # Monday


@dataclass
class Item:
    """One thing an email is about, and the date its notification is claimed for."""

    subject_id: int
    period: datetime.date
    obj: object


@dataclass
class Email:
    kind: str
    recipient: User
    partnership: Partnership
    items: list[Item]
    context: dict = field(default_factory=dict)


def due_emails(today: datetime.date) -> list[Email]:
    """Every email the rules call for on `today`, less those their recipients turned off."""
    emails = [
        *round_opened(today),
        *closing_soon(today),
        *round_closing(today),
        *actions_overdue(today),
        *weekly_digest(today),
    ]
    return without_opted_out(emails)


def without_opted_out(emails: list[Email]) -> list[Email]:
    optional = [e for e in emails if e.kind in FIELDS]
    if not optional:
        return emails
    chosen = {
        p.user_id: p
        for p in Preferences.objects.filter(user__in={e.recipient.pk for e in optional})
    }
    return [
        e for e in emails if e.recipient.pk not in chosen or chosen[e.recipient.pk].receives(e.kind)
    ]


def _members(partnership_ids, roles) -> dict[int, list[Membership]]:
    """Active people with one of `roles`, by partnership, in one query."""
    found: dict[int, list[Membership]] = {}
    for member in (
        Membership.objects.filter(
            partnership__in=partnership_ids, role__in=roles, user__is_active=True
        )
        .select_related("user", "organisation", "partnership")
        .order_by("partnership", "user__email")
    ):
        found.setdefault(member.partnership_id, []).append(member)
    return found


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _rounds():
    return Assessment.objects.select_related("partnership", "framework")


def round_opened(today: datetime.date) -> list[Email]:
    opened: dict[int, StatusChange] = {}
    for change in (
        StatusChange.objects.filter(
            to_status=AssessmentStatus.OPEN,
            at__gte=_day_start(today - datetime.timedelta(days=1)),
            at__lt=_day_start(today + datetime.timedelta(days=1)),
            assessment__status=AssessmentStatus.OPEN,
        )
        .select_related("assessment__partnership", "assessment__framework")
        .order_by("at", "pk")
    ):
        opened[change.assessment_id] = change  # the latest opening of each round
    members = _members({c.assessment.partnership_id for c in opened.values()}, RATERS)
    return [
        Email(
            Kind.ROUND_OPENED,
            member.user,
            change.assessment.partnership,
            [Item(change.assessment_id, timezone.localdate(change.at), change.assessment)],
        )
        for change in opened.values()
        for member in members.get(change.assessment.partnership_id, [])
    ]


def closing_soon(today: datetime.date) -> list[Email]:
    rounds = list(
        _rounds().filter(
            status=AssessmentStatus.OPEN,
            closing_date=today + datetime.timedelta(days=CLOSING_SOON_DAYS),
        )
    )
    if not rounds:
        return []
    in_scope = in_scope_counts(rounds)
    out_of_scope = OutOfScope.objects.filter(
        assessment=OuterRef("assessment"), element=OuterRef("element")
    )
    rated = {
        (row["assessment"], row["respondent"]): row["n"]
        for row in Response.objects.filter(assessment__in=rounds)
        .exclude(Exists(out_of_scope))
        .values("assessment", "respondent")
        .annotate(n=Count("pk", filter=RATED))
    }
    members = _members({a.partnership_id for a in rounds}, RATERS)
    emails = []
    for assessment in rounds:
        for member in members.get(assessment.partnership_id, []):
            done = rated.get((assessment.pk, member.user_id), 0)
            if done < in_scope[assessment.pk]:
                emails.append(
                    Email(
                        Kind.CLOSING_SOON,
                        member.user,
                        assessment.partnership,
                        [Item(assessment.pk, assessment.closing_date, assessment)],
                        {"rated": done, "in_scope": in_scope[assessment.pk]},
                    )
                )
    return emails


def round_closing(today: datetime.date) -> list[Email]:
    rounds = list(
        _rounds().filter(
            status__in=[AssessmentStatus.OPEN, AssessmentStatus.CLOSED], closing_date=today
        )
    )
    if not rounds:
        return []
    progress = rounds_progress(rounds, in_scope_counts(rounds))
    leads = _members({a.partnership_id for a in rounds}, [Role.LEAD])
    return [
        Email(
            Kind.ROUND_CLOSING,
            member.user,
            assessment.partnership,
            [Item(assessment.pk, assessment.closing_date, assessment)],
            # The summary is worded when the email is, in its recipient's language.
            {"progress": progress[assessment.pk]},
        )
        for assessment in rounds
        for member in leads.get(assessment.partnership_id, [])
    ]


def actions_overdue(today: datetime.date) -> list[Email]:
    actions = list(
        Action.objects.filter(
            status__in=OPEN_ACTION_STATUSES,
            due_date__gte=today - datetime.timedelta(days=OVERDUE_WINDOW_DAYS),
            due_date__lt=today,
        )
        .select_related("assessment__partnership", "owner_organisation", "element")
        .order_by("due_date", "pk")
    )
    members = _members({a.assessment.partnership_id for a in actions}, RATERS)
    emails: dict[tuple[int, int], Email] = {}
    for action in actions:
        partnership = action.assessment.partnership
        people = members.get(partnership.pk, [])
        owners = [m for m in people if m.organisation_id == action.owner_organisation_id]
        for member in owners or [m for m in people if m.role == Role.LEAD]:
            email = emails.setdefault(
                (member.user_id, partnership.pk),
                Email(Kind.ACTIONS_OVERDUE, member.user, partnership, []),
            )
            email.items.append(Item(action.pk, action.due_date, action))
    return list(emails.values())


def weekly_digest(today: datetime.date) -> list[Email]:
    if today.weekday() != DIGEST_WEEKDAY:
        return []
    leads = _members(Membership.objects.filter(role=Role.LEAD).values("partnership"), [Role.LEAD])
    if not leads:
        return []
    rounds = list(
        _rounds()
        .filter(
            partnership__in=leads.keys(),
            status__in=[AssessmentStatus.OPEN, AssessmentStatus.CLOSED],
        )
        .order_by("closing_date", "pk")
    )
    progress = rounds_progress(rounds, in_scope_counts(rounds))
    actions = (
        Action.objects.filter(
            assessment__partnership__in=leads.keys(),
            status__in=OPEN_ACTION_STATUSES,
            due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("assessment__partnership", "owner_organisation")
        .order_by("due_date", "pk")
    )
    found: dict[int, dict] = {}
    for assessment in rounds:
        summary = found.setdefault(assessment.partnership_id, _empty_digest())
        assessment.progress = progress[assessment.pk]
        summary["open" if assessment.is_open else "closed"].append(assessment)
    for action in actions:
        summary = found.setdefault(action.assessment.partnership_id, _empty_digest())
        summary["overdue" if action.due_date < today else "due_soon"].append(action)
    emails = []
    for partnership_id, summary in found.items():
        for member in leads[partnership_id]:
            partnership = member.partnership
            emails.append(
                Email(
                    Kind.WEEKLY_DIGEST,
                    member.user,
                    partnership,
                    [Item(partnership_id, today, partnership)],
                    summary,
                )
            )
    return emails


def _empty_digest() -> dict:
    return {"open": [], "closed": [], "overdue": [], "due_soon": []}
