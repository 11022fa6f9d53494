"""An admin erases a person or a partnership: nothing personal is left, published figures stay."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.history import record
from assessments.models import (
    Action,
    AgreedRating,
    Assessment,
    AssessmentStatus,
    Barrier,
    Change,
    Response,
    StatusChange,
)
from assessments.views.workshop import spread_for
from continuum.models import Service
from partnership.models import AreaProposal, Membership, Organisation, Partnership, User
from rights import erasure
from rights.erasure import FORMER_MEMBER, text_columns
from tests.assessments.factories import make_response, make_round
from tests.assessments.test_query_counts import add_raters
from tests.continuum.factories import make_service
from tests.factories import make_member, make_partnership, make_user

NAME, EMAIL = "Cara Contributor", "contributor@a.example"


def person_url(user) -> str:
    return reverse("erasure:person", args=[user.pk])


def partnership_url(partnership) -> str:
    return reverse("erasure:partnership", args=[partnership.slug])


def mentions(*words: str) -> list[str]:
    """Every text column of every table, searched for each word: "table.column: value"."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            for value in model._default_manager.values_list(field.name, flat=True):
                text = str(value or "")
                found += [
                    f"{model._meta.db_table}.{field.column}: {text[:80]}"
                    for word in words
                    if word.lower() in text.lower()
                ]
    return found


def figures(assessment: Assessment) -> dict:
    elements = list(assessment.framework.elements.order_by("pk"))
    responses = sorted(
        Response.objects.filter(assessment=assessment).values_list(
            "element_id", "sector", "level__value", "evidence", "organisation_id"
        )
    )
    agreed = sorted(
        AgreedRating.objects.filter(assessment=assessment).values_list(
            "element_id", "level__value", "rationale", "dissent"
        )
    )
    spread = spread_for(assessment, elements).to_dict()
    return {"responses": responses, "agreed": agreed, "spread": spread}


@pytest.fixture
def traces(filled, contributor_a, admin_user, partnership_a, framework, strategy):
    """The contributor leaves their name and email address everywhere Cradle might keep it."""
    named = filled["named"]
    record(
        assessment=named,
        element=strategy,
        subject="response",
        obj=named.responses.get(respondent=contributor_a),
        old={},
        new={"evidence": "Seen in clinics"},
        by=contributor_a,
        sector="health-visiting",
    )
    draft = make_round(partnership_a, framework, status=AssessmentStatus.OPEN, name="Open round")
    open_rating = make_response(draft, strategy, contributor_a, 4, evidence="Still thinking")
    record(
        assessment=draft,
        element=strategy,
        subject="response",
        obj=open_rating,
        old={},
        new={"evidence": "Still thinking"},
        by=contributor_a,
    )
    Barrier.objects.create(
        assessment=named,
        element=strategy,
        text=f"Ask {NAME} ({EMAIL}) about it",
        created_by=contributor_a,
    )
    AreaProposal.objects.create(partnership=partnership_a, proposed_by=contributor_a)
    AccessAttempt.objects.create(
        username=EMAIL,
        user_agent="x",
        http_accept="x",
        path_info="/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    AccessLog.objects.create(username=EMAIL, user_agent="x", http_accept="x", path_info="/")
    LogEntry.objects.create(
        user=admin_user,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(contributor_a.pk),
        object_repr=NAME,
        action_flag=CHANGE,
        change_message=f'[{{"changed": {{"name": "{EMAIL}"}}}}]',
    )
    return {"named": named, "draft": draft, "open_rating": open_rating}


def erase(client, admin_user, user, typed=EMAIL):
    client.force_login(admin_user)
    return client.post(person_url(user), {"confirm": typed})


def test_erasing_a_person_leaves_no_name_or_email_anywhere(
    client, admin_user, contributor_a, traces
):
    assert mentions(NAME, EMAIL), "the test must start with traces to find"
    response = erase(client, admin_user, contributor_a)
    assert response.status_code == 302 and response["Location"] == reverse("erasure:index")
    assert mentions(NAME, EMAIL) == []
    assert mentions("Cara") == []
    assert not User.objects.filter(pk=contributor_a.pk).exists()
    assert not Membership.objects.filter(user_id=contributor_a.pk).exists()


def test_published_ratings_stay_under_a_former_member(
    client, admin_user, contributor_a, lead_a, traces, strategy
):
    named = traces["named"]
    before = figures(named)
    erase(client, admin_user, contributor_a)
    assert figures(named) == before
    kept = Response.objects.select_related("respondent").get(
        assessment=named, element=strategy, evidence__startswith="Seen"
    )
    assert kept.respondent.full_name == FORMER_MEMBER
    assert kept.respondent.pk != contributor_a.pk
    assert not kept.respondent.is_active and not kept.respondent.has_usable_password()
    assert not kept.respondent.memberships.exists()
    # The element page a lead reads says so.
    client.force_login(lead_a)
    page = client.get(
        reverse("assessments:element", args=[named.partnership.slug, named.pk, strategy.code])
    )
    assert page.status_code == 200
    assert FORMER_MEMBER in page.content.decode()


def test_ratings_in_a_round_still_open_go_with_their_history(
    client, admin_user, contributor_a, traces
):
    open_rating = traces["open_rating"]
    erase(client, admin_user, contributor_a)
    assert not Response.objects.filter(pk=open_rating.pk).exists()
    assert not Change.objects.filter(subject="response", object_id=open_rating.pk).exists()
    assert Change.objects.filter(assessment=traces["named"], by=None).exists()


def test_an_action_they_owned_names_a_former_member(client, admin_user, contributor_a, traces):
    erase(client, admin_user, contributor_a)
    assert Action.objects.get(title="Agree a workforce plan").owner_name == FORMER_MEMBER


def test_an_erasure_is_audited_with_ids_only(
    client, admin_user, contributor_a, traces, audit_lines
):
    user_id = contributor_a.pk
    erase(client, admin_user, contributor_a)
    [line] = audit_lines("rights.person-erased")
    assert line["erased_user_id"] == user_id and line["user_id"] == admin_user.pk
    assert line["ratings_kept"] == 2 and line["ratings_removed"] == 1
    text = str(line)
    assert NAME not in text and EMAIL not in text and "Cara" not in text


def test_a_wrong_confirmation_erases_nothing(client, admin_user, contributor_a, traces):
    response = erase(client, admin_user, contributor_a, typed="someone@else.example")
    assert response.status_code == 200
    assert "Enter contributor@a.example exactly as shown to confirm" in response.content.decode()
    assert User.objects.filter(pk=contributor_a.pk).exists()
    response = erase(client, admin_user, contributor_a, typed="")
    assert "Enter contributor@a.example to confirm" in response.content.decode()


def test_an_admin_cannot_erase_themself(client, admin_user):
    response = erase(client, admin_user, admin_user, typed=admin_user.email)
    assert response.status_code == 200
    assert User.objects.filter(pk=admin_user.pk).exists()


def test_a_failure_part_way_leaves_everything(
    client, admin_user, contributor_a, traces, monkeypatch
):
    """One transaction: if anything fails, the person is not half-erased."""

    def broken(words):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(erasure, "redact_everywhere", broken)
    client.raise_request_exception = False
    response = erase(client, admin_user, contributor_a)
    assert response.status_code == 500
    assert User.objects.filter(pk=contributor_a.pk, full_name=NAME).exists()
    assert Response.objects.filter(pk=traces["open_rating"].pk).exists()
    assert Response.objects.filter(respondent=contributor_a).count() == 3


def test_the_confirmation_page_says_what_will_happen(client, admin_user, contributor_a, traces):
    client.force_login(admin_user)
    page = client.get(person_url(contributor_a)).content.decode()
    assert EMAIL in page and "Ashworth Best Start" in page
    assert "2 ratings in rounds that have closed stay" in page
    assert "1 rating in rounds still open or in draft go" in page


def test_an_admin_finds_a_person_by_email(client, admin_user, contributor_a):
    client.force_login(admin_user)
    response = client.get(reverse("erasure:index"), {"email": "Contributor@A.example"})
    assert response.status_code == 302 and response["Location"] == person_url(contributor_a)
    response = client.get(reverse("erasure:index"), {"email": "nobody@example.org"})
    assert "No account has this email address" in response.content.decode()


def test_erasing_a_partnership_removes_all_its_data(
    client, admin_user, filled, partnership_a, partnership_b, lead_a, lead_b, audit_lines
):
    make_service(partnership_b, "Brookfield service")
    pk = partnership_a.pk
    client.force_login(admin_user)
    response = client.post(partnership_url(partnership_a), {"confirm": "Ashworth Best Start"})
    assert response.status_code == 302
    assert not Partnership.objects.filter(pk=pk).exists()
    for model in (Assessment, Service, Organisation, Membership):
        assert not model.objects.filter(partnership_id=pk).exists(), model
    assert not Response.objects.exists() and not Change.objects.exists()
    assert not Action.objects.exists()
    # Everyone else's is untouched, and the people keep their accounts.
    assert Service.objects.filter(partnership=partnership_b).count() == 1
    assert User.objects.filter(pk__in=[lead_a.pk, lead_b.pk]).count() == 2
    [line] = audit_lines("rights.partnership-erased")
    assert line["partnership"] == pk and line["rounds"] == 2 and line["services"] == 2
    assert "Ashworth" not in str(line)


def test_a_partnership_needs_its_name_typed(client, admin_user, partnership_a):
    client.force_login(admin_user)
    response = client.post(partnership_url(partnership_a), {"confirm": "Ashworth"})
    assert response.status_code == 200
    assert "Enter Ashworth Best Start exactly as shown to confirm" in response.content.decode()
    assert Partnership.objects.filter(pk=partnership_a.pk).exists()


@pytest.mark.parametrize("name", ["index", "person", "partnership"])
def test_only_admins_reach_the_erasure_pages(client, name, personas, partnership_a):
    args = {"index": [], "person": [personas["viewer_a"].pk], "partnership": ["ashworth"]}
    url = reverse(f"erasure:{name}", args=args[name])
    for persona, user in personas.items():
        client.force_login(user)
        expected = 200 if persona == "admin" else 404
        assert client.get(url).status_code == expected, persona
        posted = client.post(url, {"confirm": "wrong"})
        answer = (405 if name == "index" else 200) if persona == "admin" else 404
        assert posted.status_code == answer, persona
    assert User.objects.filter(pk=personas["viewer_a"].pk).exists()
    assert Partnership.objects.filter(pk=partnership_a.pk).exists()


def test_text_columns_cover_json_and_email_fields():
    found = {(m._meta.label, name) for m, name in text_columns()}
    assert ("partnership.User", "email") in found
    assert ("continuum.Service", "feed_description") in found
    assert ("admin.LogEntry", "change_message") in found


def test_round_pages_still_open_after_erasing_a_rater_and_the_lead(
    client, admin_user, lead_a, contributor_a, traces, partnership_a, strategy
):
    named = traces["named"]
    StatusChange.objects.create(
        assessment=named, from_status="agreed", to_status="published", by=lead_a
    )
    second_lead = Membership.objects.get(user=contributor_a)
    second_lead.role = "lead"
    second_lead.save(update_fields=["role"])
    erase(client, admin_user, lead_a, typed="lead@a.example")
    assert not User.objects.filter(pk=lead_a.pk).exists()
    # Someone must still lead to read every page: make a new lead after the first has gone.
    new_lead = make_member(
        partnership_a, "lead", user=make_user("new-lead@a.example", full_name="Nell New")
    ).user
    client.force_login(new_lead)
    slug = partnership_a.slug
    for assessment in (named, traces["draft"]):
        for name, extra in [
            ("round", []),
            ("results", []),
            ("workshop", []),
            ("actions", []),
            ("element", [strategy.code]),
            ("round-xlsx", []),
        ]:
            url = reverse(f"assessments:{name}", args=[slug, assessment.pk, *extra])
            assert client.get(url).status_code == 200, url
    page = client.get(reverse("assessments:round", args=[slug, named.pk])).content.decode()
    assert "by a former member" in page
    assert client.get(reverse("dashboards:area", args=[slug])).status_code == 200
    assert client.get(reverse("rights:download", args=[slug])).status_code == 200


def test_a_person_with_no_ratings_needs_no_stand_in(client, admin_user, viewer_a, audit_lines):
    before = User.objects.count()
    erase(client, admin_user, viewer_a, typed="viewer@a.example")
    assert User.objects.count() == before - 1
    [line] = audit_lines("rights.person-erased")
    assert line["stand_in_id"] is None and line["ratings_kept"] == 0


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_confirmation_pages_cost_the_same_queries_whatever_the_size(
    client, admin_user, contributor_a, filled, partnership_a, framework
):
    client.force_login(admin_user)
    urls = [person_url(contributor_a), partnership_url(partnership_a), reverse("erasure:index")]
    small = [page_queries(client, url) for url in urls]
    for n in range(6):
        other = make_partnership(f"extra-{n}", f"Extra {n}")
        make_member(other, "contributor", user=contributor_a)
        make_service(partnership_a, f"More {n}")
        add_raters(make_round(partnership_a, framework, status="published"), 3)
    large = [page_queries(client, url) for url in urls]
    assert small == large


def test_a_short_name_replaced_in_a_full_column_still_fits(client, admin_user, partnership_a):
    """'Former member' is longer than 'Jo Li': a column at its limit is cut, not overflowed."""
    jo = make_member(partnership_a, "contributor", user=make_user("jo@x.io", full_name="Jo Li"))
    full = "X" * 194 + " Jo Li"
    Organisation.objects.filter(pk=jo.organisation_id).update(name=full)
    response = erase(client, admin_user, jo.user, typed="jo@x.io")
    assert response.status_code == 302
    name = Organisation.objects.get(pk=jo.organisation_id).name
    assert len(name) == 200 and "Jo Li" not in name
    assert mentions("Jo Li", "jo@x.io") == []


def test_a_one_word_name_that_is_also_in_a_slug_leaves_the_address_working(
    client, admin_user, partnership_a
):
    """A person called "Hull" is erased; Hull's partnership keeps its address and its pages."""
    hull = make_partnership(name="Hull Family Hubs", slug="hull-family-hubs")
    member = make_member(hull, "contributor", user=make_user("h@hull.example", full_name="Hull"))
    response = erase(client, admin_user, member.user, typed="h@hull.example")
    assert response.status_code == 302
    hull.refresh_from_db()
    assert hull.slug == "hull-family-hubs"
    assert client.get(reverse("erasure:index")).status_code == 200
    assert client.get(reverse("partnership:overview", args=[hull.slug])).status_code == 200
    assert ("partnership.Partnership", "slug") not in {
        (m._meta.label, name) for m, name in text_columns()
    }
