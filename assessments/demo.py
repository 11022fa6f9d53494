"""Demo rounds: Ashworth's published baseline and open follow-up; Glanmor's NEST review and
open follow-up.

Every date is counted from the day the demo is seeded: the published rounds ran in the past, the
open one closes in the future, and each round is named after the month it closes. Safe to run
again: a round that already exists is left as it is, so people trying the demo keep what they
typed; only an open round whose closing date has passed since is given a new one.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from assessments import summaries
from assessments.models import (
    Action,
    ActionStatus,
    AgreedRating,
    Assessment,
    AssessmentStatus,
    Barrier,
    EvidenceStrength,
    Framework,
    Response,
    StatusChange,
)
from partnership.models import Membership, Partnership, Role

FRAMEWORK = ("maternity-early-years", "1.0")
# Names start with these words and end with the month the round closes ("Baseline, May 2026").
BASELINE = "Baseline"
FOLLOW_UP = "Review"

# Days from the day of seeding on which each round moved: opened (as a draft, then open), closed
# (its closing date), agreed and published. Negative days are in the past.
BASELINE_DAYS = {"open": -342, "closed": -300, "agreed": -286, "published": -272}
FOLLOW_UP_DAYS = {"open": -14, "closed": 30}
NEST_DAYS = {"open": -162, "closed": -120, "agreed": -106, "published": -92}
NEST_FOLLOW_UP_DAYS = {"open": -10, "closed": 35}

# Where each sector tends to see the system, by element code: the council is a little more
# hopeful than the front line, and maternity sees data sharing very differently.
BASE = {
    "plan-strategy": 3,
    "plan-commissioning": 2,
    "plan-workforce": 2,
    "lead-governance": 3,
    "lead-engagement": 2,
    "deliver-interventions": 2,
    "deliver-multi-agency": 3,
    "deliver-data-sharing": 2,
    "deliver-information": 3,
    "evaluate-outcomes": 1,
}
SECTOR_LEAN = {"local-authority": 1}
DIVERGENT = {
    ("maternity", "deliver-data-sharing"): 1,
    ("local-authority", "deliver-data-sharing"): 4,
}
EVIDENCE = {
    "local-authority": "Seen in the partnership board papers and the family hubs plan.",
    "health-visiting": "From our caseloads and the 6–8 week review data.",
    "nhs-trust": "From referrals to the perinatal team and waiting times.",
    "maternity": "From booking appointments and the maternity voices partnership.",
    "voluntary": "From what families tell our parent-infant practitioners.",
    "early-years": "From settings' two-year progress checks.",
}

ACTIONS = [
    # (element code, title, owner organisation, owner, days from now, status)
    (
        "deliver-data-sharing",
        "Agree an information sharing protocol between maternity and health visiting",
        "Ashworth General Hospital Maternity Unit",
        "Grace Adeyemi",
        120,
        ActionStatus.IN_PROGRESS,
    ),
    (
        "evaluate-outcomes",
        "Choose three shared outcome measures for the board",
        "Ashworth Council Public Health",
        "Tom Reilly",
        60,
        ActionStatus.NOT_STARTED,
    ),
    (
        "plan-workforce",
        "Infant mental health training for every family hub practitioner",
        "Little Steps Parent-Infant Relationship Service",
        "Megan Price",
        200,
        ActionStatus.DONE,
    ),
]


# Glanmor's NEST review: trusted adults and childcare are strong, enhanced support is thin.
NEST = ("nest", "1.0")
NEST_ROUND = "NEST self-review"
NEST_FOLLOW_UP = "NEST follow-up"
NEST_BASE = {
    "trusted-adults": 3,
    "wellbeing-from-childcare": 3,
    "co-produced-innovation": 2,
    "easy-access-expertise": 2,
    "enhanced-support": 1,
    "safe-in-crisis-or-care": 2,
    "no-wrong-door": 2,
}


def _rating(sector: str, code: str, shift: int, base: dict = BASE) -> int:
    value = DIVERGENT.get((sector, code), base[code] + SECTOR_LEAN.get(sector, 0) + shift)
    return max(1, value)


def _rate(
    assessment: Assessment, raters: list[Membership], shift: int, on: datetime.date, base=BASE
) -> None:
    updated = _at(on)
    levels = {level.value: level for level in assessment.framework.scale.levels.all()}
    strengths = list(EvidenceStrength.values)
    rows = []
    for n, membership in enumerate(raters):
        sector = membership.organisation.sector
        for element in assessment.framework.elements.all():
            rows.append(
                Response(
                    assessment=assessment,
                    element=element,
                    respondent=membership.user,
                    organisation=membership.organisation,
                    sector=sector,
                    level=levels[min(max(levels), _rating(sector, element.code, shift, base))],
                    evidence=EVIDENCE.get(sector, ""),
                    strength=strengths[(n + element.order) % len(strengths)],
                    updated=updated,
                )
            )
    Response.objects.bulk_create(rows)


def _at(day: datetime.date) -> datetime.datetime:
    """Mid-morning on `day`, in the local time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _named(words: str, days: dict[str, int]) -> str:
    return f"{words}, {_day(days['closed']):%B %Y}"


def _demo_round(partnership: Partnership, words: str) -> Assessment | None:
    """A demo round already seeded, whatever month it was named after."""
    return partnership.assessments.filter(name__startswith=f"{words}, ").first()


def _moves(assessment: Assessment, days: dict[str, int], by) -> None:
    """The round's history: created and opened on its first day, each later move on its own."""
    opened = _at(_day(days["open"]))
    Assessment.objects.filter(pk=assessment.pk).update(created=opened)
    assessment.created = opened
    previous = ""
    steps = [("draft", days["open"]), *((s, d) for s, d in days.items() if d <= 0)]
    for status, day in steps:
        change = StatusChange.objects.create(
            assessment=assessment, from_status=previous, to_status=status, by=by
        )
        StatusChange.objects.filter(pk=change.pk).update(at=_at(_day(day)))
        previous = status


def _keep_open(assessment: Assessment, days: dict[str, int]) -> None:
    """An open demo round whose closing date has passed since it was seeded closes in the
    future again, so that the demo still has a round to rate."""
    closing = assessment.closing_date
    if assessment.is_open and closing is not None and closing < timezone.localdate():
        assessment.closing_date = _day(days["closed"])
        assessment.save(update_fields=["closing_date"])


def _people(partnership: Partnership) -> tuple:
    """The partnership's first lead (or None) and everyone who rates, by email."""
    memberships = list(
        partnership.memberships.select_related("user", "organisation").order_by("user__email")
    )
    lead = next((m.user for m in memberships if m.role == Role.LEAD), None)
    return lead, [m for m in memberships if m.role in (Role.LEAD, Role.CONTRIBUTOR)]


def _open_follow_up(partnership, framework, words: str, days: dict, shown: set, **rating) -> None:
    """An open round that every partner but the demo logins (`shown`) has rated already, so
    the demo logins still have everything to do; one already seeded is only kept open."""
    follow_up = _demo_round(partnership, words)
    if follow_up is not None:
        _keep_open(follow_up, days)
        return
    lead, raters = _people(partnership)
    follow_up = Assessment.objects.create(
        partnership=partnership,
        framework=framework,
        name=_named(words, days),
        status=AssessmentStatus.OPEN,
        closing_date=_day(days["closed"]),
        created_by=lead,
    )
    _moves(follow_up, days, lead)
    _rate(follow_up, [m for m in raters if m.user.email not in shown], shift=1, **rating)


def seed(partnership: Partnership) -> None:
    if partnership.nation == "wales":
        seed_nest(partnership)
        return
    framework = Framework.objects.filter(code=FRAMEWORK[0], version=FRAMEWORK[1]).first()
    if framework is None:  # the library was not loaded: nothing to build rounds on
        return
    lead, raters = _people(partnership)
    organisations = {o.name: o for o in partnership.organisations.all()}
    today = timezone.localdate()

    with transaction.atomic():
        baseline = _demo_round(partnership, BASELINE)
        if baseline is None:
            baseline = Assessment.objects.create(
                partnership=partnership,
                framework=framework,
                name=_named(BASELINE, BASELINE_DAYS),
                status=AssessmentStatus.PUBLISHED,
                closing_date=_day(BASELINE_DAYS["closed"]),
                created_by=lead,
            )
            _moves(baseline, BASELINE_DAYS, lead)
            _rate(baseline, raters, shift=0, on=_day(BASELINE_DAYS["closed"] - 7))
            levels = {level.value: level for level in framework.scale.levels.all()}
            for element in framework.elements.all():
                agreed = max(1, BASE[element.code])
                AgreedRating.objects.create(
                    assessment=baseline,
                    element=element,
                    level=levels[agreed],
                    rationale="Agreed at the workshop after hearing every sector's evidence.",
                    dissent="Maternity rated this lower."
                    if element.code == "deliver-data-sharing"
                    else "",
                    target_level=levels[min(5, agreed + 1)],
                    target_date=today + datetime.timedelta(days=365),
                    updated=_at(_day(BASELINE_DAYS["agreed"])),
                    updated_by=lead,
                )
            Barrier.objects.create(
                assessment=baseline,
                element=framework.elements.get(code="deliver-data-sharing"),
                text="Maternity and health visiting records do not talk to each other.",
                created_by=lead,
            )
            for code, title, owner, name, days, status in ACTIONS:
                if owner in organisations:
                    Action.objects.create(
                        assessment=baseline,
                        element=framework.elements.get(code=code),
                        title=title,
                        owner_organisation=organisations[owner],
                        owner_name=name,
                        due_date=today + datetime.timedelta(days=days),
                        status=status,
                    )
            summaries.summarise([baseline])

        _open_follow_up(
            partnership,
            framework,
            FOLLOW_UP,
            FOLLOW_UP_DAYS,
            {"lead@ashworth.example", "contributor@ashworth.example"},
            on=_day(-3),
        )


def seed_nest(partnership: Partnership) -> None:
    """A published NEST self-review with agreed ratings and one action, and an open follow-up
    that the Welsh demo logins have still to rate, for the Welsh demo."""
    framework = Framework.objects.filter(code=NEST[0], version=NEST[1]).first()
    if framework is None:
        return
    if _demo_round(partnership, NEST_ROUND) is None:
        _seed_nest_review(partnership, framework)
    with transaction.atomic():
        _open_follow_up(
            partnership,
            framework,
            NEST_FOLLOW_UP,
            NEST_FOLLOW_UP_DAYS,
            {"lead@glanmor.example", "contributor@glanmor.example"},
            on=_day(-2),
            base=NEST_BASE,
        )


def _seed_nest_review(partnership: Partnership, framework: Framework) -> None:
    lead, raters = _people(partnership)
    today = timezone.localdate()
    levels = {level.value: level for level in framework.scale.levels.all()}
    with transaction.atomic():
        review = Assessment.objects.create(
            partnership=partnership,
            framework=framework,
            name=_named(NEST_ROUND, NEST_DAYS),
            status=AssessmentStatus.PUBLISHED,
            closing_date=_day(NEST_DAYS["closed"]),
            created_by=lead,
        )
        _moves(review, NEST_DAYS, lead)
        _rate(review, raters, shift=0, on=_day(NEST_DAYS["closed"] - 7), base=NEST_BASE)
        for element in framework.elements.all():
            agreed = NEST_BASE[element.code]
            AgreedRating.objects.create(
                assessment=review,
                element=element,
                level=levels[agreed],
                rationale="Agreed at the workshop, ready for the regional partnership board.",
                target_level=levels[min(4, agreed + 1)],
                target_date=today + datetime.timedelta(days=365),
                updated=_at(_day(NEST_DAYS["agreed"])),
                updated_by=lead,
            )
        summaries.summarise([review])
        Action.objects.create(
            assessment=review,
            element=framework.elements.get(code="enhanced-support"),
            title="Agree a fast-track for babies into the infant and child mental health service",
            owner_organisation=partnership.organisations.get(
                name="Hywel Dda University Health Board Infant and Child Mental Health"
            ),
            owner_name="Dr Anwen Price",
            due_date=today + datetime.timedelta(days=150),
            status=ActionStatus.IN_PROGRESS,
        )
