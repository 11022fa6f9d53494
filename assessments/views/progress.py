"""Who has rated how much of a round, for its lead: on the round page and before closing it.

Everyone expected to rate is counted, including those who have rated nothing. In an anonymous
round the lead gets counts of people and sectors pooled as elsewhere, never names.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.analysis import OTHER_SECTORS
from assessments.models import RATED, Assessment, Element, OutOfScope, Response
from partnership.models import Membership, Role, Sector

# Viewers read the round; leads and contributors rate it.
RATERS = [Role.LEAD, Role.CONTRIBUTOR]


@dataclass
class Progress:
    in_scope: int
    expected: int = 0
    finished: int = 0
    started: int = 0  # started but not finished
    not_started: int = 0
    people: list[dict] = field(default_factory=list)  # a named round's, by name
    sectors: list[dict] = field(default_factory=list)  # an anonymous round's, by sector

    @property
    def summary(self) -> str:
        """ "4 of 9 people have finished; 2 have started; 3 have not started"."""
        parts = [
            ngettext(
                "%(finished)s of %(count)s people have finished",
                "%(finished)s of %(count)s people have finished",
                self.expected,
            )
            % {"finished": self.finished, "count": self.expected}
        ]
        if self.started:
            parts.append(
                ngettext("%(count)s has started", "%(count)s have started", self.started)
                % {"count": self.started}
            )
        if self.not_started:
            parts.append(
                ngettext(
                    "%(count)s has not started", "%(count)s have not started", self.not_started
                )
                % {"count": self.not_started}
            )
        return "; ".join(parts)

    @property
    def unfinished(self) -> list[dict]:
        """The people expected to rate who have not rated everything (a named round only)."""
        return [row for row in self.people if row["expected"] and not row["finished"]]


def in_scope_count(assessment: Assessment) -> int:
    return assessment.framework.elements.exclude(pk__in=_out_of_scope(assessment)).count()


def in_scope_counts(rounds: Iterable[Assessment]) -> dict[int, int]:
    """`in_scope_count` of several rounds at once, in two queries however many rounds."""
    rounds = list(rounds)
    per_framework = dict(
        Element.objects.filter(framework__in={a.framework_id for a in rounds})
        .values_list("framework")
        .annotate(n=Count("pk"))
    )
    left_out = dict(
        OutOfScope.objects.filter(assessment__in=rounds)
        .values_list("assessment")
        .annotate(n=Count("pk"))
    )
    return {a.pk: per_framework.get(a.framework_id, 0) - left_out.get(a.pk, 0) for a in rounds}


def round_progress(assessment: Assessment, in_scope: int) -> Progress:
    """How far each person expected to rate has got, in two queries however many there are."""
    return rounds_progress([assessment], {assessment.pk: in_scope})[assessment.pk]


def rounds_progress(
    assessments: Iterable[Assessment], in_scope: dict[int, int]
) -> dict[int, Progress]:
    """`round_progress` of several rounds at once, still in two queries however many rounds.

    `in_scope` gives each round's number of elements in scope, by the round's key.
    """
    assessments = list(assessments)
    if not assessments:
        return {}
    members: dict[int, list[Membership]] = {}
    for member in Membership.objects.filter(
        partnership__in={a.partnership_id for a in assessments}, role__in=RATERS
    ).select_related("user", "organisation"):
        members.setdefault(member.partnership_id, []).append(member)
    out_of_scope = OutOfScope.objects.filter(
        assessment=OuterRef("assessment"), element=OuterRef("element")
    )
    rows: dict[int, list[dict]] = {}
    for row in (
        Response.objects.filter(assessment__in=assessments)
        .exclude(Exists(out_of_scope))
        .values("assessment", "sector", "respondent", "respondent__full_name", "respondent__email")
        .annotate(rated=Count("pk", filter=RATED), at=Max("organisation__name"))
        .order_by("assessment", "sector", "respondent")
    ):
        rows.setdefault(row["assessment"], []).append(row)
    return {
        a.pk: _progress(a, in_scope[a.pk], members.get(a.partnership_id, []), rows.get(a.pk, []))
        for a in assessments
    }


def _progress(
    assessment: Assessment, in_scope: int, members: list[Membership], rows: list[dict]
) -> Progress:
    """One round's progress from its raters and its rows, one per person and sector."""
    progress = Progress(in_scope=in_scope)
    if assessment.anonymous:
        # Names stay out of everything an anonymous round's breakdown is built from.
        rows = [{k: row[k] for k in ("sector", "respondent", "rated")} for row in rows]
        rated: dict[int, int] = {}
        for row in rows:
            rated[row["respondent"]] = rated.get(row["respondent"], 0) + row["rated"]
        expected = {m.user_id: rated.get(m.user_id, 0) for m in members}
        progress.sectors = _by_sector(assessment, rows)
    else:
        people = {
            m.user_id: _person(m.user.full_name or m.user.email, m.organisation.name, True)
            for m in members
        }
        for row in rows:
            who = row["respondent__full_name"] or row["respondent__email"]
            person = people.setdefault(row["respondent"], _person(who, row["at"], False))
            person["rated"] += row["rated"]
            if not person["expected"] and row["at"]:
                # Rows come per sector: one name for the person across them, the greatest.
                person["organisation"] = max(filter(None, [person["organisation"], row["at"]]))
        for person in people.values():
            person["finished"] = person["rated"] >= in_scope
        progress.people = sorted(people.values(), key=lambda row: row["who"].lower())
        expected = {user: row["rated"] for user, row in people.items() if row["expected"]}
    progress.expected = len(expected)
    progress.finished = sum(n >= in_scope for n in expected.values())
    progress.not_started = sum(n == 0 < in_scope for n in expected.values())
    progress.started = progress.expected - progress.finished - progress.not_started
    return progress


def _out_of_scope(assessment: Assessment):
    return assessment.out_of_scope.values("element")


def _person(who: str, organisation: str | None, expected: bool) -> dict:
    # `expected`: a current lead or contributor; False for someone who rated, then left or
    # became a viewer, whose ratings still count in the round.
    return {"who": who, "organisation": organisation, "rated": 0, "expected": expected}


def _by_sector(assessment: Assessment, rows: list[dict]) -> list[dict]:
    labels = dict(Sector.choices)
    by_sector: dict[str, dict] = {}
    for row in assessment.breakdown(rows):
        if row["sector"] is None:
            continue  # too few people even together: not shown
        who = labels.get(row["sector"], row["sector"])
        found = by_sector.setdefault(who, {"who": who, "people": 0, "rated": 0})
        found["people"] += 1
        found["rated"] += row["rated"]
    # Pooled sectors come last, after the named ones.
    other = _(OTHER_SECTORS)
    return sorted(by_sector.values(), key=lambda row: row["who"] == other)
