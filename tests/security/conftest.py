"""Two partnerships with full object graphs, and everyone who might knock on their doors.

Partnership B's text fields all carry a canary string: no page, export or chart payload seen by
A's people may contain it.
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.cache import cache

from api.models import ApiToken, OrukAccess, Publication
from assessments.models import (
    Action,
    AgreedRating,
    Assessment,
    Barrier,
    Descriptor,
    Dimension,
    Element,
    Framework,
    Response,
    Scale,
    ScaleLevel,
)
from continuum.models import ImportJob, Location, ReferralRoute, Service
from partnership.models import Membership, Organisation, Partnership, Role, User
from sso.models import IdentityProvider
from tests.factories import make_area, make_oversight, make_user
from tests.voice.factories import make_statement_set, make_survey
from voice.models import Comment, StatementSet, Survey

CANARY = "CANARY-B-7f3a"


def row_text(row: tuple) -> str:
    """A row from `values_list()` as text to compare. PostgreSQL's binary columns come back as
    memoryviews, whose text is their address: they are compared by their bytes."""
    return str(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))


@dataclass
class World:
    partnership: Partnership
    lead: User
    contributor: User
    viewer: User
    inactive: User
    organisation: Organisation
    spare_organisation: Organisation
    spare_membership: Membership
    service: Service | None = None
    route: ReferralRoute | None = None
    location: Location | None = None
    assessment: Assessment | None = None
    element: Element | None = None
    action: Action | None = None
    import_job: ImportJob | None = None
    survey: Survey | None = None
    comment: Comment | None = None
    api_token: ApiToken | None = None


def build_framework() -> Framework:
    """A one-element framework on a three-level scale, shared by both partnerships."""
    framework = Framework.objects.create(
        code="test-readiness",
        version="1.0",
        title="Test readiness",
        basis="Tests",
        summary="A framework for tests",
        nations=["england"],
    )
    scale = Scale.objects.create(framework=framework, name="Level")
    levels = [
        ScaleLevel.objects.create(scale=scale, value=v, label=f"Level {v}", meaning="")
        for v in (1, 2, 3)
    ]
    dimension = Dimension.objects.create(framework=framework, code="plan", title="Plan")
    element = Element.objects.create(
        framework=framework,
        dimension=dimension,
        code="plan-strategy",
        title="Strategy",
        good_practice="A shared strategy",
    )
    for level in levels:
        Descriptor.objects.create(element=element, level=level, text=f"At level {level.value}")
    return framework


def build_world(slug: str, area, framework: Framework, text: str = "") -> World:
    """One partnership with every kind of row the site has. `text` is added to text fields."""
    partnership = Partnership.objects.create(
        slug=slug,
        name=f"{slug.title()} partnership {text}".strip(),
        description=f"About {slug} {text}".strip(),
    )
    partnership.areas.add(area)

    def organisation(name: str, sector: str) -> Organisation:
        return Organisation.objects.create(
            partnership=partnership,
            name=f"{name} {text}".strip(),
            sector=sector,
            website=f"https://{slug}.example/{text}",
        )

    def member(role: Role, who: str, org: Organisation, **flags) -> User:
        user = make_user(
            f"{who}@{slug}.example", full_name=f"{who.title()} {text}".strip(), **flags
        )
        Membership.objects.create(user=user, partnership=partnership, organisation=org, role=role)
        return user

    council = organisation("Council", "local-authority")
    # The council's identity provider, which does not answer: its sign-in shows the refusal page.
    IdentityProvider.objects.create(
        name=f"{slug.title()} Council",
        issuer="http://127.0.0.1:9/idp",
        client_id=slug,
        email_domains=f"{slug}.example",
    )
    health = organisation("Health visiting", "health-visiting")
    spare = organisation("Spare", "other")
    world = World(
        partnership=partnership,
        lead=member(Role.LEAD, "lead", council),
        contributor=member(Role.CONTRIBUTOR, "contributor", health),
        viewer=member(Role.VIEWER, "viewer", health),
        inactive=member(Role.LEAD, "inactive", council, is_active=False),
        organisation=council,
        spare_organisation=spare,
        spare_membership=None,
    )
    spare_user = make_user(f"spare@{slug}.example", full_name=f"Spare {text}".strip())
    world.spare_membership = Membership.objects.create(
        user=spare_user, partnership=partnership, organisation=council, role=Role.VIEWER
    )

    def service(name: str) -> Service:
        return Service.objects.create(
            partnership=partnership,
            provider=health,
            name=f"{name} {text}".strip(),
            description=f"What {name} does {text}".strip(),
            eligibility_description=f"Families {text}".strip(),
            source_id=f"{slug}-{name}",
            min_age_months=-9,
            minimum_age=Decimal("-0.75"),
            max_age_months=60,
            maximum_age=Decimal("5.00"),
            capacity=120,
            waiting_weeks=2,
            email=f"{slug}@{slug}.example",
            url=f"https://{slug}.example/services",
            last_reviewed="2025-03-31",
        )

    world.service = service("Health visiting")
    world.route = ReferralRoute.objects.create(
        from_service=world.service, to_service=service("Parent-infant therapy"), note=text
    )
    world.location = Location.objects.create(
        partnership=partnership,
        name=f"Family hub {text}".strip(),
        kind="family-hub",
        address=f"1 High Street {text}".strip(),
    )
    world.location.services.add(world.service)
    world.import_job = ImportJob.objects.create(
        partnership=partnership,
        uploaded_by=world.lead,
        source=f"feed {text}.json".strip(),
        state="done",
        report={"created": [world.service.name], "warnings": [f"A warning {text}".strip()]},
    )

    world.element = framework.elements.get()
    world.assessment, world.action = build_round(world, text)
    statement_set = StatementSet.objects.first() or make_statement_set()
    world.survey = make_survey(
        partnership,
        statement_set,
        title=f"Families' views {text}".strip()[:200],
        localities="North",
    )
    world.comment = Comment.objects.create(
        survey=world.survey, text=f"A comment {text}".strip(), status="shown"
    )
    world.api_token, _ = ApiToken.issue(
        partnership=partnership, name=f"Dashboard {text}".strip()[:100], by=world.lead
    )
    return world


def build_round(
    world: World, text: str = "", status: str = "open", name: str = "Baseline"
) -> tuple[Assessment, Action]:
    """A round of `world`'s framework in `status`, with a rating, agreement, barrier and action.

    Every page of a round shows something then, whatever its state.
    """
    element = world.element
    organisation = world.contributor.memberships.get(partnership=world.partnership).organisation
    assessment = Assessment.objects.create(
        partnership=world.partnership, framework=element.framework, name=f"{name} {text}".strip()
    )
    level = element.framework.scale.levels.get(value=2)
    Response.objects.create(
        assessment=assessment,
        element=element,
        respondent=world.contributor,
        organisation=organisation,
        sector=organisation.sector,
        level=level,
        evidence=f"Our evidence {text}".strip(),
        links=f"https://{world.partnership.slug}.example/evidence",
    )
    AgreedRating.objects.create(
        assessment=assessment,
        element=element,
        level=level,
        rationale=f"Agreed {text}".strip(),
        dissent=f"Some dissent {text}".strip(),
        target_level=element.framework.scale.levels.get(value=3),
        target_date="2028-06-30",
    )
    Barrier.objects.create(assessment=assessment, element=element, text=f"A barrier {text}".strip())
    action = Action.objects.create(
        assessment=assessment,
        element=element,
        title=f"Write the strategy {text}".strip(),
        owner_organisation=world.organisation,
        owner_name=f"Owner {text}".strip(),
        due_date="2030-01-31",
    )
    # Set afterwards, as a lead's moves would: the rows above belong to the round's earlier life.
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    assessment.status = status
    return assessment, action


@pytest.fixture
def worlds(db):
    england = make_area("E92000001", "England")
    north_west = make_area("E12000002", "North West", parent=england)
    london = make_area("E12000007", "London", parent=england)
    framework = build_framework()
    a = build_world("alpha", make_area("E08000990", "Alpha", parent=north_west), framework)
    b = build_world("bravo", make_area("E09000990", "Bravo", parent=london), framework, text=CANARY)
    # A publishes its map to anyone, B publishes nothing: the API's answers are walked too.
    Publication.objects.create(partnership=a.partnership, oruk=OrukAccess.PUBLIC, results=True)
    # Each test starts with a fresh API throttle: the walks send many requests in a minute.
    cache.clear()
    commissioner = make_user("commissioner@nw.example")
    make_oversight(commissioner, area=north_west)
    other_commissioner = make_user("commissioner@london.example")
    make_oversight(other_commissioner, area=london)
    personas = {
        "anonymous": None,
        "contributor": a.contributor,
        "viewer": a.viewer,
        "other_lead": b.lead,
        "commissioner": commissioner,
        "other_commissioner": other_commissioner,
        "admin": make_user("admin@example.org", is_staff=True, is_superuser=True),
        "inactive": a.inactive,
        # Last: a lead's POSTs change things the others' requests would otherwise see.
        "lead": a.lead,
    }
    return a, b, personas
