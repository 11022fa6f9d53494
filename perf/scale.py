"""Synthetic data at national scale: every upper-tier area of England and Wales, for years.

`generate_scale_data` builds, for each area, a partnership with about sixty services on the
map, twenty members across sectors, and several rounds of every active framework rated by every
member, the earlier rounds settled with agreed ratings, barriers and actions. The content
follows from the seed alone (one `random.Random`), so two runs with the same seed give the same
areas, services, ratings and actions, on SQLite as on PostgreSQL.

It writes with `bulk_create` in batches, so a million responses take minutes, not hours, and
every user shares one password hash computed once: hashing thousands of passwords would take
longer than everything else together. Scale partnerships are recognised by their slug prefix,
scale users by their email domain, which is how `remove` finds them again.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from api.models import OrukAccess, Publication
from assessments import demo as rounds_demo
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
from continuum import demo as map_demo
from continuum.models import Location, LocationKind, ReferralRoute, Service, Term
from partnership import demo as partnership_demo
from partnership.indicators import demo as need_demo
from partnership.indicators.models import IndicatorValue
from partnership.models import (
    Area,
    DataVersion,
    Membership,
    Organisation,
    Oversight,
    Partnership,
    Role,
    User,
)
from perf import places as geography

SLUG_PREFIX = "scale-"
EMAIL_DOMAIN = "scale.example"
PASSWORD = "cradle-scale-2027"
LEAD_EMAIL = f"lead@{EMAIL_DOMAIN}"
CONTRIBUTOR_EMAIL = f"contributor@{EMAIL_DOMAIN}"
COMMISSIONER_EMAIL = f"commissioner@{EMAIL_DOMAIN}"
MEMBERS_PER_AREA = 20
LEADS_PER_AREA = 2
BATCH = 2000

# The demo's partner list gives each area the same shape of partnership; members are spread
# over these organisations in turn.
ORGANISATIONS = [
    (name.replace("Ashworth and Vale ", "").replace("Ashworth ", ""), sector)
    for name, sector, _ in partnership_demo.ORGANISATIONS
]
DEMO_PROVIDER_INDEX = {name: i for i, (name, _, _) in enumerate(partnership_demo.ORGANISATIONS)}
LOCALITIES = ["north", "south"]
EVIDENCE = list(rounds_demo.EVIDENCE.values())


@dataclass
class Counts:
    """Rows written, by kind, for the command's summary."""

    rows: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, n: int) -> None:
        self.rows[kind] = self.rows.get(kind, 0) + n


@dataclass
class Run:
    """What every step of one generation shares."""

    rng: random.Random
    rounds: int
    password: str
    frameworks: list[Framework]
    terms: dict[str, int]
    counts: Counts


def exists() -> bool:
    return Partnership.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def generate(
    *, areas: int, rounds: int, seed: int, progress: Callable[[str], None] = print
) -> Counts:
    """Writes the whole data set in one transaction: all of it or none."""
    run = Run(
        rng=random.Random(seed),
        rounds=rounds,
        password=make_password(PASSWORD),
        frameworks=list(
            Framework.objects.active()
            .prefetch_related("elements", "scale__levels")
            .select_related("scale")
            .order_by("code", "version")
        ),
        terms={t.code: t.pk for t in Term.objects.leaves()},
        counts=Counts(),
    )
    with transaction.atomic():
        places = geography.places(areas)
        _commissioner(run.password)
        run.counts.add("areas", len(places))
        for n, (area, nation) in enumerate(places, start=1):
            partnership = _area(run, area, nation, first=n == 1)
            progress(
                f"{n}/{len(places)} {partnership.name} ({area.gss_code}): "
                f"{run.counts.rows.get('responses', 0):,} responses so far"
            )
        _date_rounds(rounds)
        generated = Partnership.objects.filter(slug__startswith=SLUG_PREFIX)
        found = need_demo.seed([a for a, _ in places], seed=seed, partnerships=generated)
        run.counts.add("indicator values", found)
    analyze()
    return run.counts


def _commissioner(password: str) -> None:
    user = User.objects.create(
        email=COMMISSIONER_EMAIL, full_name="National commissioner", password=password
    )
    for code, name in (geography.ENGLAND, geography.WALES):
        Oversight.objects.create(
            user=user, area=Area.objects.get(gss_code=code), note=f"All of {name}"
        )


def _area(run: Run, area: Area, nation: str, *, first: bool) -> Partnership:
    partnership = Partnership.objects.create(
        name=f"{area.name} Best Start Partnership",
        slug=f"{SLUG_PREFIX}{area.gss_code.lower()}",
        nation=nation,
        description=f"Synthetic partnership for {area.name}, generated for scale testing.",
    )
    partnership.areas.add(area)
    organisations = Organisation.objects.bulk_create(
        Organisation(partnership=partnership, name=f"{area.name} {name}", sector=sector)
        for name, sector in ORGANISATIONS
    )
    members = _members(partnership, organisations, run.password, first=first)
    if first:  # the benchmark reads its service map through the open data API
        Publication.objects.create(partnership=partnership, oruk=OrukAccess.PUBLIC)
    run.counts.add("users", len(members))
    run.counts.add("services", _services(run, partnership, organisations))
    for framework in run.frameworks:
        if nation in framework.nations:  # NEST is for Wales, Start for Life for England
            _rounds(run, partnership, framework, members, organisations)
    return partnership


def _members(partnership, organisations, password: str, *, first: bool) -> list[Membership]:
    domain = f"{partnership.slug.removeprefix(SLUG_PREFIX)}.{EMAIL_DOMAIN}"
    emails = [f"member{i:02d}@{domain}" for i in range(1, MEMBERS_PER_AREA + 1)]
    if first:  # the first area's first lead and first contributor have names to sign in with
        emails[0], emails[LEADS_PER_AREA] = LEAD_EMAIL, CONTRIBUTOR_EMAIL
    users = User.objects.bulk_create(
        User(email=email, full_name=f"Member {i + 1} of {partnership.name}", password=password)
        for i, email in enumerate(emails)
    )
    return Membership.objects.bulk_create(
        Membership(
            user=user,
            partnership=partnership,
            organisation=organisations[i % len(organisations)],
            role=Role.LEAD if i < LEADS_PER_AREA else Role.CONTRIBUTOR,
        )
        for i, user in enumerate(users)
    )


def _services(run: Run, partnership: Partnership, organisations: list[Organisation]) -> int:
    """About sixty services: the demo's map once per locality, some missing, terms thinned."""
    rng, terms = run.rng, run.terms
    services, codes = [], []
    for locality in LOCALITIES:
        for name, provider, term_codes, capacity, waiting in map_demo.SERVICES:
            if rng.random() < 0.05:
                continue  # not every area runs every service
            kept = [c for c in term_codes.split() if rng.random() > 0.1]
            services.append(
                Service(
                    partnership=partnership,
                    provider=organisations[DEMO_PROVIDER_INDEX[provider]],
                    name=f"{name} ({locality})",
                    capacity=int(capacity * rng.uniform(0.5, 1.5)) if capacity else None,
                    waiting_weeks=max(0, waiting + rng.randint(-1, 4)),
                    eligibility_description=f"Families living in the {locality} of the area",
                )
            )
            codes.append(kept)
    Service.objects.bulk_create(services)
    through = Service.terms.through
    links = [
        through(service_id=s.pk, term_id=terms[c])
        for s, kept in zip(services, codes, strict=True)
        for c in kept
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    run.counts.add("service terms", len(links))
    by_name = {s.name: s for s in services}
    routes = {
        (by_name[f"{a} ({loc})"].pk, by_name[f"{b} ({loc})"].pk, kind)
        for loc in LOCALITIES
        for a, b, kind in map_demo.ROUTES
        if f"{a} ({loc})" in by_name and f"{b} ({loc})" in by_name
    }
    for _ in range(10):  # a few routes across localities
        a, b = rng.sample(services, 2)
        routes.add((a.pk, b.pk, "refer"))
    ReferralRoute.objects.bulk_create(
        ReferralRoute(from_service_id=a, to_service_id=b, kind=k) for a, b, k in sorted(routes)
    )
    run.counts.add("referral routes", len(routes))
    hubs = Location.objects.bulk_create(
        Location(
            partnership=partnership, name=f"{loc.title()} Family Hub", kind=LocationKind.FAMILY_HUB
        )
        for loc in LOCALITIES
    )
    Location.services.through.objects.bulk_create(
        Location.services.through(location_id=hub.pk, service_id=s.pk)
        for hub in hubs
        for s in services
        if s.name.endswith(f"({hub.name.split()[0].lower()})") and "hub" in s.name.lower()
    )
    return len(services)


def _rounds(run: Run, partnership, framework, members, organisations) -> None:
    """`rounds` rounds of one framework: all but the latest published, the latest open."""
    rng, rounds, counts = run.rng, run.rounds, run.counts
    elements = list(framework.elements.all())
    levels = {level.value: level.pk for level in framework.scale.levels.all()}
    low, high = min(levels), max(levels)
    # Each area has its own strengths; sectors lean; areas improve a little each round.
    base = {e.pk: rng.randint(low, high - 1) for e in elements}
    lean = {m.pk: rng.choice([-1, 0, 0, 0, 1]) for m in members}
    lead = members[0].user
    assessments = Assessment.objects.bulk_create(
        Assessment(
            partnership=partnership,
            framework=framework,
            name=f"Round {k + 1}",
            status=AssessmentStatus.OPEN if k == rounds - 1 else AssessmentStatus.PUBLISHED,
            created_by=lead,
        )
        for k in range(rounds)
    )
    moves, responses, agreed, barriers, actions = [], [], [], [], []
    for k, assessment in enumerate(assessments):
        path = (
            ["draft", "open"]
            if assessment.is_open
            else ["draft", "open", "closed", "agreed", "published"]
        )
        moves += [
            StatusChange(assessment=assessment, from_status=a, to_status=b, by=lead)
            for a, b in zip([""] + path, path, strict=False)
        ]
        ratings: dict[int, list[int]] = {e.pk: [] for e in elements}
        for m in members:
            for e in elements:
                value = max(
                    low, min(high, base[e.pk] + lean[m.pk] + k // 2 + rng.choice([-1, 0, 0, 1]))
                )
                unsure = rng.random() < 0.02 and framework.scale.allows_dont_know
                if not unsure:
                    ratings[e.pk].append(value)
                responses.append(
                    Response(
                        assessment=assessment,
                        element=e,
                        respondent_id=m.user_id,
                        organisation_id=m.organisation_id,
                        sector=m.organisation.sector,
                        level_id=None if unsure else levels[value],
                        dont_know=unsure,
                        evidence=rng.choice(EVIDENCE),
                        strength=rng.choice(EvidenceStrength.values),
                    )
                )
        if not assessment.is_open:
            agreed += _agreed(assessment, elements, ratings, levels, lead)
            barriers.append(
                Barrier(
                    assessment=assessment,
                    element=rng.choice(elements),
                    text="Records do not follow families between services.",
                    created_by=lead,
                )
            )
            actions += _actions(assessment, elements, organisations, rng, k, rounds)
    for model, rows in [
        (StatusChange, moves),
        (Response, responses),
        (AgreedRating, agreed),
        (Barrier, barriers),
        (Action, actions),
    ]:
        model.objects.bulk_create(rows, batch_size=BATCH)
        counts.add(model._meta.verbose_name_plural, len(rows))
    summaries.summarise(assessments)
    counts.add("assessments", len(assessments))


def _agreed(assessment, elements, ratings, levels, lead) -> list[AgreedRating]:
    rows = []
    for e in elements:
        values = sorted(ratings[e.pk]) or [min(levels)]
        value = values[len(values) // 2]
        rows.append(
            AgreedRating(
                assessment=assessment,
                element=e,
                level_id=levels[value],
                rationale="Agreed at the workshop after hearing every sector's evidence.",
                target_level_id=levels[min(max(levels), value + 1)],
                target_date=timezone.localdate() + datetime.timedelta(days=365),
                updated_by=lead,
            )
        )
    return rows


def _actions(assessment, elements, organisations, rng, k, rounds) -> list[Action]:
    """Three actions a round; older rounds' actions are mostly done."""
    statuses = [
        ActionStatus.DONE,
        ActionStatus.DONE,
        ActionStatus.DROPPED,
        ActionStatus.IN_PROGRESS,
    ]
    if k >= rounds - 3:
        statuses = [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.DONE]
    return [
        Action(
            assessment=assessment,
            element=e,
            title=f"Improve {e.title.lower()}"[:300],
            owner_organisation=rng.choice(organisations),
            owner_name="Partnership lead",
            due_date=timezone.localdate() + datetime.timedelta(days=rng.randint(-120, 240)),
            status=rng.choice(statuses),
        )
        for e in rng.sample(elements, min(3, len(elements)))
    ]


def _date_rounds(rounds: int) -> None:
    """Spreads the rounds over the years: round k was created half a year after round k-1."""
    now = timezone.now()
    scale_rounds = Assessment.objects.filter(partnership__slug__startswith=SLUG_PREFIX)
    for k in range(rounds):
        created = now - datetime.timedelta(days=182 * (rounds - 1 - k))
        closing = (created + datetime.timedelta(days=42)).date()
        scale_rounds.filter(name=f"Round {k + 1}").update(created=created, closing_date=closing)


def analyze() -> None:
    """Fresh planner statistics: until autovacuum gets round to it, the database plans for
    the empty tables it saw before, and picks scans that are slow at this size.

    On PostgreSQL the data version counters are vacuumed too: the one transaction that wrote
    every row moved them over a million times, and until a vacuum clears those old row versions
    every dashboard request reads past them (autovacuum does it in service, where it runs).
    """
    tables = [model._meta.db_table for model in apps.get_models(include_auto_created=True)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
            if connection.get_autocommit():  # VACUUM cannot run inside a transaction
                cursor.execute(f"VACUUM {DataVersion._meta.db_table}")
        else:
            cursor.execute("ANALYZE")


def remove() -> None:
    """Deletes every scale partnership, its rows, scale users and the areas only they used."""
    partnerships = Partnership.objects.filter(slug__startswith=SLUG_PREFIX)
    area_ids = list(partnerships.values_list("areas", flat=True))
    with transaction.atomic():
        Assessment.objects.filter(partnership__in=partnerships).delete()
        Service.objects.filter(partnership__in=partnerships).delete()
        Location.objects.filter(partnership__in=partnerships).delete()
        Membership.objects.filter(partnership__in=partnerships).delete()
        Organisation.objects.filter(partnership__in=partnerships).delete()
        partnerships.delete()
        users = User.objects.filter(email__endswith=f"{EMAIL_DOMAIN}")
        Oversight.objects.filter(user__in=users).delete()
        users.delete()
        IndicatorValue.objects.filter(synthetic=True, area__in=area_ids).delete()
        Area.objects.filter(pk__in=area_ids, partnerships=None).delete()
