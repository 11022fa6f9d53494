"""The rows behind the task list, for every partnership a person belongs to at once.

A fixed number of queries, whatever the number of partnerships, rounds, members, services or
actions: each kind of row is fetched once for all of them and sorted out in Python.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Count, Min, Q

from assessments.models import (
    OPEN_ACTION_STATUSES,
    Action,
    AgreedRating,
    Assessment,
    AssessmentStatus,
    OutOfScope,
    Response,
)
from assessments.structure import framework_of, structure_of, with_library_version
from assessments.tasks import ElementRow, OverdueRow, RoundRows, Task, partnership_tasks
from assessments.views.progress import RATERS, rounds_progress
from continuum.models import Service
from partnership.models import Partnership, Role, User

# The rounds a lead still has a step to take in; a contributor only rates open ones.
LEAD_STEPS = [
    AssessmentStatus.DRAFT,
    AssessmentStatus.OPEN,
    AssessmentStatus.CLOSED,
    AssessmentStatus.AGREED,
]


def tasks_by_partnership(
    user: User, roles: Iterable[tuple[Partnership, str]], today: datetime.date
) -> dict[int, list[Task]]:
    """Each partnership's task list for `user`, who has `role` in it, by partnership key.

    Only people who rate (leads and contributors) have tasks.
    """
    roles = [(partnership, role) for partnership, role in roles if role in RATERS]
    leads = {partnership.pk for partnership, role in roles if role == Role.LEAD}
    raters = {partnership.pk for partnership, _ in roles}
    if not raters:
        return {}
    rounds = _rounds(user, raters, leads)
    by_partnership: dict[int, list[RoundRows]] = {pk: [] for pk in raters}
    for rows in rounds:
        by_partnership[rows.assessment.partnership_id].append(rows)
    unplaced = _unplaced(leads)
    overdue = _overdue(leads, today)
    return {
        partnership.pk: partnership_tasks(
            by_partnership[partnership.pk],
            is_lead=partnership.pk in leads,
            today=today,
            slug=partnership.slug,
            unplaced=unplaced.get(partnership.pk, 0),
            overdue=overdue.get(partnership.pk, []),
        )
        for partnership, _ in roles
    }


def _rounds(user: User, raters: set[int], leads: set[int]) -> list[RoundRows]:
    assessments = list(
        with_library_version(
            Assessment.objects.filter(
                Q(partnership__in=raters, status=AssessmentStatus.OPEN)
                | Q(partnership__in=leads, status__in=LEAD_STEPS)
            )
        ).select_related("partnership")
    )
    if not assessments:
        return []
    # Each framework, and its elements, from its structure kept between requests (read at the
    # version the rounds came with); the kept framework is shared: read it, never change it.
    elements: dict[int, list[ElementRow]] = {}
    for a in assessments:
        a.framework = framework_of(a.framework_id, a.library_version)
        if a.framework_id not in elements:
            elements[a.framework_id] = [
                ElementRow(e.pk, e.dimension.order, e.dimension.code, e.dimension.title)
                for e in structure_of(a.framework_id, a.library_version).elements
            ]
    out = _pairs(OutOfScope.objects.filter(assessment__in=assessments))
    open_rounds = [a for a in assessments if a.is_open]
    rated = _pairs(
        Response.objects.filter(assessment__in=open_rounds, respondent=user).rated()
        if open_rounds
        else Response.objects.none()
    )
    rows = [
        RoundRows(
            assessment=a,
            elements=[e for e in elements.get(a.framework_id, []) if e.pk not in out.get(a.pk, ())],
            rated=rated.get(a.pk, set()),
        )
        for a in assessments
    ]
    _add_lead_rows([r for r in rows if r.assessment.partnership_id in leads])
    return rows


def _add_lead_rows(rows: list[RoundRows]) -> None:
    """Who has rated an open round, and what a closed one has agreed: what its lead acts on."""
    open_rows = [r for r in rows if r.assessment.is_open]
    progress = rounds_progress(
        [r.assessment for r in open_rows], {r.assessment.pk: len(r.elements) for r in open_rows}
    )
    for r in open_rows:
        r.progress = progress[r.assessment.pk]
    closed = [r for r in rows if r.assessment.status == AssessmentStatus.CLOSED]
    if closed:
        agreed = _pairs(AgreedRating.objects.filter(assessment__in=[r.assessment for r in closed]))
        for r in closed:
            r.agreed = agreed.get(r.assessment.pk, set())


def _pairs(rows) -> dict[int, set[int]]:
    """Element keys by round key, from rows that have both."""
    pairs: dict[int, set[int]] = {}
    for assessment, element in rows.values_list("assessment", "element"):
        pairs.setdefault(assessment, set()).add(element)
    return pairs


def _unplaced(leads: set[int]) -> dict[int, int]:
    """Services still needing a continuum level, by partnership (as the service list counts)."""
    if not leads:
        return {}
    return dict(
        Service.objects.filter(partnership__in=leads)
        .current()
        .needs_placing()
        .order_by()
        .values_list("partnership")
        .annotate(n=Count("pk"))
    )


def _overdue(leads: set[int], today: datetime.date) -> dict[int, list[OverdueRow]]:
    """Open actions past their due date, by partnership, grouped by the round that raised them."""
    if not leads:
        return {}
    counts = list(
        Action.objects.filter(
            assessment__partnership__in=leads,
            status__in=OPEN_ACTION_STATUSES,
            due_date__lt=today,
        )
        .order_by()
        .values("assessment")
        .annotate(n=Count("pk"), earliest=Min("due_date"))
    )
    if not counts:
        return {}
    # The rounds are few (one per row) and fetched with their partnership for the links.
    rounds = Assessment.objects.select_related("partnership").in_bulk(
        [row["assessment"] for row in counts]
    )
    overdue: dict[int, list[OverdueRow]] = {}
    for row in sorted(counts, key=lambda row: row["earliest"]):
        assessment = rounds[row["assessment"]]
        overdue.setdefault(assessment.partnership_id, []).append(
            OverdueRow(assessment, row["n"], row["earliest"])
        )
    return overdue
