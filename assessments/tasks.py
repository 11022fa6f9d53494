"""What to do next in a partnership: the task list on "your partnerships" and the overview.

Pure functions over rows already fetched (`task_rows.py` fetches them for every partnership at
once): a person who rates gets their open rounds, how much they have rated and a link to the
next dimension with something left to rate; a lead also gets who has not finished, each round's
next step, services still to place on the continuum and overdue actions.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from assessments.models import Assessment, AssessmentStatus
from assessments.views.progress import Progress

# Names of people yet to finish shown in a task's hint; the round page lists everyone.
NAMES_SHOWN = 5


class TaskStatus(Enum):
    """A task's state as the list shows it: a GOV.UK tag, or plain text once completed."""

    NOT_STARTED = (gettext_noop("Not started"), "govuk-tag")
    TO_DO = (gettext_noop("To do"), "govuk-tag")
    IN_PROGRESS = (gettext_noop("In progress"), "govuk-tag govuk-tag--yellow")
    OVERDUE = (gettext_noop("Overdue"), "govuk-tag govuk-tag--red")
    COMPLETED = (gettext_noop("Completed"), "")

    @property
    def label(self) -> str:
        return _(self.value[0])

    @property
    def tag(self) -> str:
        """The tag's classes; empty where GOV.UK shows plain text (a completed task)."""
        return self.value[1]


@dataclass(frozen=True)
class Task:
    title: str
    href: str
    status: TaskStatus
    hint: str = ""


@dataclass(frozen=True)
class ElementRow:
    """An element of a framework, with its dimension, in the round's order."""

    pk: int
    dimension_order: int
    dimension: str  # code
    dimension_title: str


@dataclass
class RoundRows:
    """What the task list needs of one round: its elements in scope and what has been said."""

    assessment: Assessment
    elements: list[ElementRow]  # in scope, in the round's order
    rated: set[int]  # elements the person has rated
    progress: Progress | None = None  # an open round, for its lead
    agreed: set[int] | None = None  # elements with an agreed rating, a closed round for its lead


def when(day: datetime.date) -> str:
    return format_date(day, "j F Y")


def next_unrated(unrated: Sequence[tuple[int, str]], after: int | None = None) -> str | None:
    """The dimension to rate next, by code; None when everything in scope is rated.

    `unrated` holds (dimension order, dimension code) for each element still to rate, in the
    round's order. The next one is the first dimension after the one at order `after`, then
    from the start again (the same dimension, when only it has something left).
    """
    later = [code for order, code in unrated if after is None or order > after]
    if later:
        return later[0]
    return unrated[0][1] if unrated else None


def rating_task(rows: RoundRows, today: datetime.date) -> Task:
    """Rate an open round: straight to the next dimension with something left to rate."""
    assessment = rows.assessment
    in_scope = len(rows.elements)
    rated = sum(element.pk in rows.rated for element in rows.elements)
    unrated = [(e.dimension_order, e.dimension) for e in rows.elements if e.pk not in rows.rated]
    hint = [str(assessment.framework)]
    if assessment.closing_date:
        hint.append(_("Ratings close on %(date)s") % {"date": when(assessment.closing_date)})
    hint.append(
        ngettext(
            "You have rated %(rated)s of %(count)s element",
            "You have rated %(rated)s of %(count)s elements",
            in_scope,
        )
        % {"rated": rated, "count": in_scope}
    )
    following = next_unrated(unrated)
    if following is None:
        return Task(
            title=_("Review your ratings for %(name)s") % {"name": assessment.name},
            href=assessment.get_absolute_url(),
            status=TaskStatus.COMPLETED,
            hint=". ".join(hint),
        )
    title = next(e.dimension_title for e in rows.elements if e.dimension == following)
    hint.append(_("Next: %(title)s") % {"title": title})
    if assessment.closing_date and assessment.closing_date < today:
        status = TaskStatus.OVERDUE
    else:
        status = TaskStatus.IN_PROGRESS if rated else TaskStatus.NOT_STARTED
    return Task(
        title=_("Rate %(name)s") % {"name": assessment.name},
        href=reverse(
            "assessments:rate", args=[assessment.partnership.slug, assessment.pk, following]
        ),
        status=status,
        hint=". ".join(hint),
    )


def progress_task(assessment: Assessment, progress: Progress) -> Task:
    """Who has not finished rating an open round: names in a named round, counts otherwise."""
    hint = progress.summary
    waiting = progress.unfinished
    if waiting:
        names = [row["who"] for row in waiting[:NAMES_SHOWN]]
        if len(waiting) > NAMES_SHOWN:
            others = len(waiting) - NAMES_SHOWN
            names.append(
                ngettext("%(count)s other", "%(count)s others", others) % {"count": others}
            )
        hint += ". " + _("Not finished: %(names)s") % {"names": get_text_list(names, _("and"))}
    if progress.expected and progress.finished == progress.expected:
        status = TaskStatus.COMPLETED
    elif progress.finished or progress.started:
        status = TaskStatus.IN_PROGRESS
    else:
        status = TaskStatus.NOT_STARTED
    return Task(
        title=_("See who has not finished rating %(name)s") % {"name": assessment.name},
        href=assessment.get_absolute_url(),
        status=status,
        hint=hint,
    )


def next_step_task(rows: RoundRows, today: datetime.date) -> Task | None:
    """The lead's next move for a round: open it, close it, agree it, publish it."""
    assessment = rows.assessment
    slug, pk = assessment.partnership.slug, assessment.pk

    def move(to: str) -> str:
        return reverse("assessments:round-move", args=[slug, pk, to])

    status = assessment.status
    if status == AssessmentStatus.DRAFT:
        return Task(
            title=_("Open %(name)s for ratings") % {"name": assessment.name},
            href=move(AssessmentStatus.OPEN),
            status=TaskStatus.TO_DO,
            hint=ngettext(
                "A draft with %(count)s element in scope. Check its scope, then open it",
                "A draft with %(count)s elements in scope. Check its scope, then open it",
                len(rows.elements),
            )
            % {"count": len(rows.elements)},
        )
    if status == AssessmentStatus.OPEN:
        closing = assessment.closing_date
        overdue = closing is not None and closing < today
        if overdue:
            hint = _("Ratings were due by %(date)s") % {"date": when(closing)}
        elif closing:
            hint = _("Ratings close on %(date)s") % {"date": when(closing)}
        else:
            hint = _("No closing date set")
        return Task(
            title=_("Close %(name)s") % {"name": assessment.name},
            href=move(AssessmentStatus.CLOSED),
            status=TaskStatus.OVERDUE if overdue else TaskStatus.TO_DO,
            hint=hint + ". " + _("Once it is closed, the workshop can agree the ratings"),
        )
    if status == AssessmentStatus.CLOSED:
        in_scope = {element.pk for element in rows.elements}
        agreed = len(in_scope & (rows.agreed or set()))
        if agreed < len(in_scope):
            return Task(
                title=_("Agree the ratings for %(name)s in the workshop")
                % {"name": assessment.name},
                href=reverse("assessments:workshop", args=[slug, pk]),
                status=TaskStatus.IN_PROGRESS if agreed else TaskStatus.NOT_STARTED,
                hint=ngettext(
                    "%(agreed)s of %(count)s element agreed",
                    "%(agreed)s of %(count)s elements agreed",
                    len(in_scope),
                )
                % {"agreed": agreed, "count": len(in_scope)},
            )
        return Task(
            title=_("Mark the ratings for %(name)s as agreed") % {"name": assessment.name},
            href=move(AssessmentStatus.AGREED),
            status=TaskStatus.TO_DO,
            hint=ngettext(
                "Every one of the %(count)s element in scope has an agreed rating",
                "Every one of the %(count)s elements in scope has an agreed rating",
                len(in_scope),
            )
            % {"count": len(in_scope)},
        )
    if status == AssessmentStatus.AGREED:
        return Task(
            title=_("Publish %(name)s") % {"name": assessment.name},
            href=move(AssessmentStatus.PUBLISHED),
            status=TaskStatus.TO_DO,
            hint=_("Every member, and commissioners with oversight, then see the results"),
        )
    return None


def placing_task(slug: str, unplaced: int) -> Task | None:
    if not unplaced:
        return None
    return Task(
        title=ngettext(
            "Place %(count)s service on the continuum",
            "Place %(count)s services on the continuum",
            unplaced,
        )
        % {"count": unplaced},
        href=reverse("continuum:service-list", args=[slug]) + "?unplaced=on",
        status=TaskStatus.TO_DO,
        hint=_("A service with no continuum level is left out of the coverage matrix"),
    )


@dataclass(frozen=True)
class OverdueRow:
    """Overdue actions raised in one round: how many, and the earliest due date."""

    assessment: Assessment
    count: int
    earliest: datetime.date


def overdue_task(row: OverdueRow) -> Task:
    assessment = row.assessment
    return Task(
        title=ngettext(
            "Update %(count)s overdue action from %(name)s",
            "Update %(count)s overdue actions from %(name)s",
            row.count,
        )
        % {"count": row.count, "name": assessment.name},
        href=reverse("assessments:actions", args=[assessment.partnership.slug, assessment.pk]),
        status=TaskStatus.OVERDUE,
        hint=(_("It was due on %(date)s") if row.count == 1 else _("The first was due on %(date)s"))
        % {"date": when(row.earliest)},
    )


def partnership_tasks(
    rounds: Iterable[RoundRows],
    *,
    is_lead: bool,
    today: datetime.date,
    slug: str,
    unplaced: int = 0,
    overdue: Iterable[OverdueRow] = (),
) -> list[Task]:
    """Everything one person has to do in one partnership, their own ratings first."""
    rounds = list(rounds)
    tasks = [rating_task(r, today) for r in rounds if r.assessment.is_open]
    if not is_lead:
        return tasks
    for rows in rounds:
        if rows.progress is not None:
            tasks.append(progress_task(rows.assessment, rows.progress))
        step = next_step_task(rows, today)
        if step is not None:
            tasks.append(step)
    placing = placing_task(slug, unplaced)
    if placing is not None:
        tasks.append(placing)
    tasks += [overdue_task(row) for row in overdue]
    return tasks
