"""A demo survey for Ashworth: a standing survey with made-up answers and comments.

The answers are drawn from a fixed seed, so every run makes the same ones; running it again
changes nothing.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment
from partnership.models import Partnership
from voice.models import (
    Answer,
    Comment,
    CommentStatus,
    Statement,
    StatementSet,
    Survey,
    SurveyResponse,
)

TITLE = "Families' views of support, this year"
COMMENTS = [
    ("A group for dads in the evening, not only in the day", CommentStatus.SHOWN),
    ("Someone who speaks Polish at the first visit", CommentStatus.SHOWN),
    ("Knowing who to ring when the baby would not feed", CommentStatus.UNREAD),
]
# How likely each answer is for each statement: families find help harder to find than
# professionals think, and feel listened to.
WEIGHTS = {
    "knew-where-to-go": [2, 4, 3, 3, 1, 1],
    "help-came-in-time": [2, 3, 3, 3, 2, 1],
    "told-story-once": [3, 4, 2, 2, 1, 1],
}
DEFAULT_WEIGHTS = [1, 1, 2, 5, 3, 1]  # strongly disagree … strongly agree, does not apply


def seed(slug: str = "ashworth", responses: int = 24) -> Survey | None:
    partnership = Partnership.objects.filter(slug=slug).first()
    statement_set = StatementSet.objects.filter(code="families-voice").order_by("-version").first()
    if partnership is None or statement_set is None:
        return None
    existing = Survey.objects.filter(partnership=partnership, title=TITLE).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    rng = random.Random(15)
    statements = list(Statement.objects.filter(statement_set=statement_set))
    with transaction.atomic():
        survey = Survey.objects.create(
            partnership=partnership,
            statement_set=statement_set,
            assessment=Assessment.objects.filter(partnership=partnership).last(),
            title=TITLE,
            opens=today - datetime.timedelta(days=30),
            closes=today + datetime.timedelta(days=60),
            localities="North Ashworth\nAshworth town centre\nSouth Ashworth",
            public_summary=True,
        )
        for number in range(responses):
            response = SurveyResponse.objects.create(
                survey=survey,
                on_paper=number % 6 == 0,
                relationship=rng.choice(["mother", "mother", "father", "family", ""]),
                age_band=rng.choice(["pregnancy", "0-12-months", "1-2-years", "2-5-years"]),
                locality=rng.choice(survey.locality_choices() + [""]),
            )
            Answer.objects.bulk_create(
                Answer(response=response, statement=statement, value=answer(rng, statement))
                for statement in statements
            )
        for text, status in COMMENTS:
            Comment.objects.create(survey=survey, text=text, status=status)
    return survey


def answer(rng: random.Random, statement: Statement) -> int:
    weights = WEIGHTS.get(statement.code, DEFAULT_WEIGHTS)
    return rng.choices([1, 2, 3, 4, 5, 0], weights=weights)[0]
