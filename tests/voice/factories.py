"""Plain factories for surveys and what families send."""

import datetime

from django.utils import timezone

from voice.models import Answer, Comment, Statement, StatementSet, Survey, SurveyResponse


def make_statement_set(element_keys=("test-readiness/plan-strategy",)) -> StatementSet:
    statement_set = StatementSet.objects.create(
        code="families-test",
        version="1.0",
        title="Test statements",
        source="Tests",
        confidence="Tests",
    )
    texts = [
        ("knew-where", "I knew where to go for help", "they knew where to go for help"),
        ("listened", "I was listened to", "they were listened to"),
    ]
    for order, (code, text, finding) in enumerate(texts):
        Statement.objects.create(
            statement_set=statement_set,
            code=code,
            order=order,
            text=text,
            easy_read=f"Easy: {text}",
            finding=finding,
            elements=list(element_keys) if order == 0 else [],
            nest_themes=["trusted"],
        )
    return statement_set


def make_survey(partnership, statement_set=None, **fields) -> Survey:
    today = timezone.localdate()
    fields.setdefault("opens", today - datetime.timedelta(days=1))
    fields.setdefault("closes", today + datetime.timedelta(days=30))
    return Survey.objects.create(
        partnership=partnership,
        statement_set=statement_set or make_statement_set(),
        title=fields.pop("title", "Families' views, spring"),
        **fields,
    )


def add_responses(survey: Survey, count: int, value: int = 4, comment: str = "") -> None:
    """`count` families answering every statement with `value`."""
    statements = list(Statement.objects.filter(statement_set=survey.statement_set_id))
    for _ in range(count):
        response = SurveyResponse.objects.create(survey=survey, relationship="mother")
        Answer.objects.bulk_create(
            Answer(response=response, statement=s, value=value) for s in statements
        )
        if comment:
            Comment.objects.create(survey=survey, text=comment)
