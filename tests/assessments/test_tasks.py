"""The task list's rules on plain rows: no database, no request."""

import datetime

from assessments.models import Assessment, AssessmentStatus, Framework
from assessments.tasks import (
    ElementRow,
    OverdueRow,
    RoundRows,
    TaskStatus,
    next_step_task,
    next_unrated,
    partnership_tasks,
    progress_task,
    rating_task,
)
from assessments.views.progress import Progress
from partnership.models import Partnership

TODAY = datetime.date(2027, 3, 10)

# Two dimensions, Plan (elements 1 and 2) then Lead (element 3).
ELEMENTS = [
    ElementRow(1, 1, "plan", "Plan"),
    ElementRow(2, 1, "plan", "Plan"),
    ElementRow(3, 2, "lead", "Lead"),
]


def a_round(status=AssessmentStatus.OPEN, closing=datetime.date(2027, 4, 1), **fields):
    return Assessment(
        pk=7,
        name="Review, spring 2027",
        status=status,
        closing_date=closing,
        framework=Framework(title="Maternity and early years", version="1.0"),
        partnership=Partnership(slug="ashworth"),
        **fields,
    )


def rows(assessment=None, rated=(), **fields):
    return RoundRows(assessment or a_round(), list(ELEMENTS), set(rated), **fields)


def test_next_unrated_is_the_first_dimension_left_to_rate():
    assert next_unrated([(1, "plan"), (2, "lead")]) == "plan"
    assert next_unrated([(2, "lead"), (3, "deliver")]) == "lead"
    assert next_unrated([]) is None


def test_next_unrated_moves_on_after_the_current_dimension_then_wraps_round():
    unrated = [(1, "plan"), (3, "deliver"), (4, "evaluate")]
    assert next_unrated(unrated, after=1) == "deliver"
    assert next_unrated(unrated, after=3) == "evaluate"
    assert next_unrated(unrated, after=4) == "plan"
    assert next_unrated([(2, "lead")], after=2) == "lead"  # only this one is left


def test_a_rating_task_links_to_the_next_dimension_left_to_rate():
    task = rating_task(rows(rated={1, 2}), TODAY)
    assert task.title == "Rate Review, spring 2027"
    assert task.href == "/partnerships/ashworth/assessments/7/rate/lead/"
    assert task.status == TaskStatus.IN_PROGRESS
    assert task.hint == (
        "Maternity and early years (version 1.0). Ratings close on 1 April 2027. "
        "You have rated 2 of 3 elements. Next: Lead"
    )


def test_a_rating_task_not_started_then_overdue_after_the_closing_date():
    assert rating_task(rows(), TODAY).status == TaskStatus.NOT_STARTED
    assert rating_task(rows(), TODAY).href.endswith("/rate/plan/")
    late = rows(a_round(closing=datetime.date(2027, 3, 9)), rated={1})
    assert rating_task(late, TODAY).status == TaskStatus.OVERDUE


def test_a_rating_task_once_everything_is_rated_is_completed_and_links_to_review():
    task = rating_task(rows(rated={1, 2, 3}), TODAY)
    assert task.title == "Review your ratings for Review, spring 2027"
    assert task.href == "/partnerships/ashworth/assessments/7/"
    assert task.status == TaskStatus.COMPLETED
    assert "You have rated 3 of 3 elements" in task.hint


def test_ratings_of_elements_out_of_scope_do_not_count():
    in_scope = RoundRows(a_round(), ELEMENTS[:2], {2, 3})
    assert "You have rated 1 of 2 elements" in rating_task(in_scope, TODAY).hint


def named_progress(expected=3, finished=1, started=1, people=()):
    return Progress(
        in_scope=3,
        expected=expected,
        finished=finished,
        started=started,
        not_started=expected - finished - started,
        people=list(people),
    )


def person(who, rated):
    return {
        "who": who,
        "organisation": "",
        "rated": rated,
        "expected": True,
        "finished": rated >= 3,
    }


def test_the_progress_task_names_who_has_not_finished():
    people = [person("Ann", 3), person("Bo", 1), person("Cy", 0)]
    task = progress_task(a_round(), named_progress(people=people))
    assert task.title == "See who has not finished rating Review, spring 2027"
    assert task.hint == (
        "1 of 3 people have finished; 1 has started; 1 has not started. Not finished: Bo and Cy"
    )
    assert task.status == TaskStatus.IN_PROGRESS


def test_the_progress_task_shortens_a_long_list_of_names():
    people = [person(f"Person {n}", 0) for n in range(8)]
    progress = named_progress(expected=8, finished=0, started=0, people=people)
    task = progress_task(a_round(), progress)
    assert task.hint.endswith("Person 3, Person 4 and 3 others")
    assert task.status == TaskStatus.NOT_STARTED


def test_an_anonymous_rounds_progress_task_gives_counts_only():
    task = progress_task(a_round(anonymous=True), named_progress())
    assert task.hint == "1 of 3 people have finished; 1 has started; 1 has not started"


def test_the_progress_task_is_completed_when_everyone_has_finished():
    people = [person("Ann", 3)]
    progress = named_progress(expected=1, finished=1, started=0, people=people)
    assert progress_task(a_round(), progress).status == TaskStatus.COMPLETED


def test_each_state_has_its_next_step():
    def step(status, **fields):
        return next_step_task(rows(a_round(status), **fields), TODAY)

    draft = step(AssessmentStatus.DRAFT)
    assert (draft.title, draft.href) == (
        "Open Review, spring 2027 for ratings",
        "/partnerships/ashworth/assessments/7/move/open/",
    )
    close = step(AssessmentStatus.OPEN)
    assert close.href.endswith("/move/closed/")
    assert close.status == TaskStatus.TO_DO
    assert close.hint.startswith("Ratings close on 1 April 2027")
    agree = step(AssessmentStatus.CLOSED, agreed={1})
    assert agree.href == "/partnerships/ashworth/assessments/7/workshop/"
    assert (agree.hint, agree.status) == ("1 of 3 elements agreed", TaskStatus.IN_PROGRESS)
    assert step(AssessmentStatus.CLOSED, agreed=set()).status == TaskStatus.NOT_STARTED
    agreed = step(AssessmentStatus.CLOSED, agreed={1, 2, 3})
    assert agreed.href.endswith("/move/agreed/")
    assert step(AssessmentStatus.AGREED).href.endswith("/move/published/")
    assert step(AssessmentStatus.PUBLISHED) is None


def test_closing_is_overdue_after_the_closing_date():
    late = next_step_task(rows(a_round(closing=datetime.date(2027, 3, 1))), TODAY)
    assert late.status == TaskStatus.OVERDUE
    assert late.hint.startswith("Ratings were due by 1 March 2027")


def test_a_contributor_only_rates():
    tasks = partnership_tasks(
        [rows(progress=named_progress())], is_lead=False, today=TODAY, slug="ashworth", unplaced=4
    )
    assert [t.title for t in tasks] == ["Rate Review, spring 2027"]


def test_a_lead_rates_then_sees_progress_steps_services_and_actions():
    overdue = OverdueRow(a_round(AssessmentStatus.PUBLISHED), 2, datetime.date(2027, 1, 5))
    tasks = partnership_tasks(
        [rows(progress=named_progress()), rows(a_round(AssessmentStatus.AGREED))],
        is_lead=True,
        today=TODAY,
        slug="ashworth",
        unplaced=4,
        overdue=[overdue],
    )
    assert [t.title for t in tasks] == [
        "Rate Review, spring 2027",
        "See who has not finished rating Review, spring 2027",
        "Close Review, spring 2027",
        "Publish Review, spring 2027",
        "Place 4 services on the continuum",
        "Update 2 overdue actions from Review, spring 2027",
    ]
    assert tasks[4].href == "/partnerships/ashworth/services/?unplaced=on"
    assert tasks[5].href == "/partnerships/ashworth/assessments/7/actions/"
    assert tasks[5].status == TaskStatus.OVERDUE
    assert tasks[5].hint == "The first was due on 5 January 2027"


def test_nothing_to_place_is_no_task():
    tasks = partnership_tasks([], is_lead=True, today=TODAY, slug="ashworth", unplaced=0)
    assert tasks == []
