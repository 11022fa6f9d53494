"""A partnership's published results as one JSON document, for its commissioners' own tools.

Only what the partnership agreed and published: per round, each element's agreed level and
target, and the round's actions with the organisation that owns each. Never a person's rating,
a rater's name, an action owner's name, dissent or evidence. Four queries, whatever the number
of rounds.
"""

from assessments.models import Action, AgreedRating, Assessment, AssessmentStatus, StatusChange
from partnership.models import Partnership

VERSION = "1"


def level(scale_level) -> dict | None:
    if scale_level is None:
        return None
    return {"value": scale_level.value, "label": scale_level.label}


def published_results(partnership: Partnership) -> dict:
    rounds = list(
        Assessment.objects.filter(partnership=partnership)
        .published()
        .select_related("framework")
        .order_by("created", "pk")
    )
    agreed = (
        AgreedRating.objects.filter(assessment__in=rounds)
        .select_related("element__dimension", "level", "target_level")
        .order_by("element__dimension__order", "element__order", "pk")
    )
    actions = (
        Action.objects.filter(assessment__in=rounds)
        .select_related("element", "owner_organisation")
        .order_by("due_date", "pk")
    )
    published_on = dict(
        StatusChange.objects.filter(assessment__in=rounds, to_status=AssessmentStatus.PUBLISHED)
        .order_by("at")
        .values_list("assessment_id", "at")
    )
    documents = {
        one.pk: {
            "id": one.pk,
            "name": one.name,
            "framework": {
                "code": one.framework.code,
                "version": one.framework.version,
                "title": one.framework.title,
            },
            "published": published_on[one.pk].isoformat() if one.pk in published_on else None,
            "elements": [],
            "actions": [],
        }
        for one in rounds
    }
    for rating in agreed:
        documents[rating.assessment_id]["elements"].append(
            {
                "code": rating.element.code,
                "title": rating.element.title,
                "dimension": rating.element.dimension.code,
                "agreed_level": level(rating.level),
                "target_level": level(rating.target_level),
                "target_date": rating.target_date and rating.target_date.isoformat(),
            }
        )
    for action in actions:
        documents[action.assessment_id]["actions"].append(
            {
                "element": action.element.code,
                "title": action.title,
                "owner_organisation": action.owner_organisation.name,
                "due_date": action.due_date.isoformat(),
                "status": action.status,
            }
        )
    return {
        "version": VERSION,
        "partnership": {"slug": partnership.slug, "name": partnership.name},
        "rounds": list(documents.values()),
    }
