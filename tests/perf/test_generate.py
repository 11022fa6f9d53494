"""generate_scale_data: the shape of the data, determinism for a seed, refusing to run twice."""

import io

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Action, AgreedRating, Assessment, AssessmentStatus, Response
from continuum.models import ReferralRoute, Service
from partnership.models import (
    GSS_PREFIXES,
    Area,
    AreaKind,
    Membership,
    Partnership,
    User,
    validate_gss_code,
)
from perf import scale

# Elements in the shipped frameworks an area of each nation rates: six for both nations, with
# Family Hubs and Start for Life in England and NEST in Wales.
ELEMENTS = {"E": 60 + 9, "W": 60 + 7}
FRAMEWORKS = 7


def generate(**options):
    call_command("generate_scale_data", areas=2, rounds=2, seed=7, stdout=io.StringIO(), **options)


def snapshot() -> list:
    """What a user would see of the data, without database ids."""
    return [
        sorted(Partnership.objects.values_list("slug", "name")),
        sorted(
            Service.objects.values_list("partnership__slug", "name", "capacity", "waiting_weeks")
        ),
        sorted(Service.terms.through.objects.values_list("service__name", "term__code")),
        sorted(
            Response.objects.values_list(
                "assessment__partnership__slug",
                "assessment__framework__code",
                "assessment__name",
                "element__code",
                "respondent__email",
                "level__value",
                "dont_know",
            )
        ),
        sorted(Action.objects.values_list("assessment__name", "title", "status", "due_date")),
    ]


@pytest.fixture
def generated(db):
    generate()


def test_it_makes_areas_with_real_looking_unique_codes(generated):
    partnerships = Partnership.objects.filter(slug__startswith=scale.SLUG_PREFIX)
    assert partnerships.count() == 2
    areas = Area.objects.filter(partnerships__in=partnerships)
    codes = [area.gss_code for area in areas]
    assert len(set(codes)) == 2
    for area in areas:
        validate_gss_code(area.gss_code)
        assert area.gss_code[:3] in {"E06", "E08", "E09", "E10", "W06"}
        assert GSS_PREFIXES[area.parent.gss_code[:3]] in {AreaKind.REGION, AreaKind.NATION}
    # Two areas are already a mix of nations: one Welsh, one English with an ICB.
    assert {area.gss_code[0] for area in areas} == {"E", "W"}
    assert areas.filter(gss_code__startswith="E").exclude(icb=None).exists()


def test_each_area_has_members_services_and_routes(generated):
    for partnership in Partnership.objects.filter(slug__startswith=scale.SLUG_PREFIX):
        members = Membership.objects.filter(partnership=partnership)
        assert members.count() == 20
        assert members.filter(role="lead").count() == 2
        assert members.values("organisation__sector").distinct().count() >= 8
        services = Service.objects.filter(partnership=partnership)
        assert 60 <= services.count() <= 74
        assert not services.filter(terms=None).exists()
        assert services.filter(terms__taxonomy__code="continuum-level").distinct().count() > 40
        assert ReferralRoute.objects.for_partnership(partnership).count() > 40


def test_every_member_rates_every_element_of_every_round(generated):
    # rounds × members × elements of the English area and of the Welsh one
    assert Response.objects.count() == 2 * 20 * (ELEMENTS["E"] + ELEMENTS["W"])
    for assessment in Assessment.objects.all():
        assert assessment.responses.values("respondent").distinct().count() == 20


def test_only_settled_rounds_have_agreed_ratings_and_actions(generated):
    open_rounds = Assessment.objects.filter(status=AssessmentStatus.OPEN)
    published = Assessment.objects.filter(status=AssessmentStatus.PUBLISHED)
    assert open_rounds.count() == published.count() == 2 * FRAMEWORKS
    assert not AgreedRating.objects.filter(assessment__in=open_rounds).exists()
    assert not Action.objects.filter(assessment__in=open_rounds).exists()
    assert AgreedRating.objects.filter(assessment__in=published).count() == sum(ELEMENTS.values())
    # The open round is the latest of its framework.
    for assessment in open_rounds:
        earlier = Assessment.objects.same_framework_as(assessment)
        assert all(other.created < assessment.created for other in earlier)


def test_users_share_one_password_and_the_commissioner_sees_every_area(generated):
    assert (
        User.objects.filter(email__endswith=scale.EMAIL_DOMAIN)
        .values("password")
        .distinct()
        .count()
        == 1
    )
    user = User.objects.get(email=scale.COMMISSIONER_EMAIL)
    assert user.check_password(scale.PASSWORD)
    assert Partnership.objects.overseen_by(user).count() == 2


def test_it_refuses_to_run_twice(generated):
    with pytest.raises(CommandError, match="--replace"):
        generate()
    assert Partnership.objects.filter(slug__startswith=scale.SLUG_PREFIX).count() == 2


def test_if_missing_leaves_existing_data_alone(generated):
    before = Response.objects.count()
    generate(if_missing=True)
    assert Response.objects.count() == before


def test_the_same_seed_gives_the_same_data(generated):
    first = snapshot()
    generate(replace=True)
    assert snapshot() == first
    call_command(
        "generate_scale_data", areas=2, rounds=2, seed=8, replace=True, stdout=io.StringIO()
    )
    assert snapshot() != first


def test_generated_areas_get_synthetic_births_and_indicators(generated):
    from partnership.indicators.models import BIRTHS, IndicatorValue, KeyIndicator

    for partnership in Partnership.objects.filter(slug__startswith=scale.SLUG_PREFIX):
        code = partnership.areas.get().gss_code
        births = IndicatorValue.objects.filter(indicator__code=BIRTHS, area_code=code)
        assert births.count() == 3 and all(v.synthetic and v.value > 0 for v in births)
        assert KeyIndicator.objects.filter(partnership=partnership).count() == 3
    assert not IndicatorValue.objects.filter(synthetic=False).exists()


def test_removing_scale_data_removes_its_synthetic_figures(generated):
    from partnership.indicators.models import IndicatorValue

    scale.remove()
    assert not IndicatorValue.objects.exclude(area_code__in=["E92000001", "W92000004"]).exists()
