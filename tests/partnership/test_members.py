"""A lead adds people, changes their role and removes them; the last lead always stays."""

import re

from django.core import mail
from django.urls import reverse

from partnership.models import Membership, Role, User
from tests.factories import make_member, make_user


def add_url(partnership):
    return reverse("partnership:member-add", args=[partnership.slug])


def test_it_adds_an_existing_user(client, lead_a, partnership_a, council_a):
    existing = make_user("existing@example.org", full_name="Erin Existing")
    client.force_login(lead_a)
    response = client.post(
        add_url(partnership_a),
        {"email": "Existing@Example.org", "organisation": council_a.pk, "role": "contributor"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=existing, partnership=partnership_a)
    assert membership.role == Role.CONTRIBUTOR
    [email] = mail.outbox
    assert "Sign in with your Cradle account" in email.body
    assert "/accounts/password/reset/" not in email.body
    page = client.get(partnership_a.get_absolute_url()).content.decode()
    assert "Erin Existing" in page


def banner(response) -> str:
    return re.search(
        r'notification-banner__heading">(.*?)</p>', response.content.decode(), re.S
    ).group(1)


def test_adding_says_the_same_whether_or_not_the_person_has_an_account(
    client, lead_a, partnership_a, council_a, lead_b
):
    client.force_login(lead_a)
    answers = []
    for email in ["lead@b.example", "nobody.yet@example.org"]:
        response = client.post(
            add_url(partnership_a),
            {
                "email": email,
                "full_name": "Typed Name",
                "organisation": council_a.pk,
                "role": "viewer",
            },
            follow=True,
        )
        answers.append(banner(response).replace(email, "EMAIL"))
    assert answers[0] == answers[1] == "EMAIL added. We have emailed them how to sign in"
    assert "Bob Lead" not in answers[0]


def test_adding_an_existing_account_keeps_its_owners_name(
    client, lead_a, partnership_a, council_a, lead_b
):
    client.force_login(lead_a)
    client.post(
        add_url(partnership_a),
        {
            "email": "lead@b.example",
            "full_name": "Typed Name",
            "organisation": council_a.pk,
            "role": "viewer",
        },
    )
    lead_b.refresh_from_db()
    assert lead_b.full_name == "Bob Lead"
    assert Membership.objects.filter(user=lead_b, partnership=partnership_a).exists()


def test_it_creates_an_account_and_emails_a_set_password_link(
    client, lead_a, partnership_a, council_a
):
    client.force_login(lead_a)
    response = client.post(
        add_url(partnership_a),
        {
            "email": "new.person@example.org",
            "full_name": "New Person",
            "organisation": council_a.pk,
            "role": "viewer",
        },
        follow=True,
    )
    assert "We have emailed them how to sign in" in response.content.decode()
    assert "Set your password to sign in" in mail.outbox[0].body
    user = User.objects.get(email="new.person@example.org")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.VIEWER
    assert len(mail.outbox) == 1
    assert "Ashworth Best Start" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)
    client.logout()
    page = client.get(link.group(1), follow=True)
    assert "Set your password" in page.content.decode()


def test_it_refuses_someone_already_a_member(
    client, lead_a, contributor_a, partnership_a, council_a
):
    client.force_login(lead_a)
    response = client.post(
        add_url(partnership_a),
        {"email": "contributor@a.example", "organisation": council_a.pk, "role": "lead"},
    )
    assert response.status_code == 200
    assert "contributor@a.example is already a member of this partnership" in (
        response.content.decode()
    )
    assert Membership.objects.get(user=contributor_a).role == Role.CONTRIBUTOR


def test_it_gives_govuk_messages_for_missing_fields(client, lead_a, partnership_a):
    client.force_login(lead_a)
    html = client.post(add_url(partnership_a), {}).content.decode()
    assert "Enter email address" in html
    assert "Select organisation they speak for" in html
    assert "Select role" in html
    assert 'href="#id_role_1"' in html
    assert "This field is required" not in html


def test_it_refuses_another_partnerships_organisation(
    client, lead_a, partnership_a, partnership_b, lead_b
):
    b_org = Membership.objects.get(user=lead_b).organisation
    client.force_login(lead_a)
    response = client.post(
        add_url(partnership_a),
        {"email": "x@example.org", "organisation": b_org.pk, "role": "viewer"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="x@example.org").exists()


def test_it_changes_a_role(client, lead_a, contributor_a, partnership_a):
    membership = Membership.objects.get(user=contributor_a)
    client.force_login(lead_a)
    response = client.post(
        reverse("partnership:member-edit", args=[partnership_a.slug, membership.pk]),
        {"organisation": membership.organisation_id, "role": "lead"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.LEAD


def test_the_last_lead_cannot_step_down(client, lead_a, partnership_a):
    membership = Membership.objects.get(user=lead_a)
    client.force_login(lead_a)
    response = client.post(
        reverse("partnership:member-edit", args=[partnership_a.slug, membership.pk]),
        {"organisation": membership.organisation_id, "role": "viewer"},
    )
    assert response.status_code == 200
    assert "A partnership needs at least one lead" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.LEAD


def test_the_last_lead_cannot_be_removed(client, lead_a, partnership_a):
    membership = Membership.objects.get(user=lead_a)
    client.force_login(lead_a)
    response = client.post(
        reverse("partnership:member-remove", args=[partnership_a.slug, membership.pk]),
        follow=True,
    )
    assert "You cannot remove the last lead" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_lead_can_be_removed_when_another_lead_remains(client, lead_a, partnership_a):
    second = make_member(partnership_a, Role.LEAD)
    client.force_login(lead_a)
    response = client.post(
        reverse("partnership:member-remove", args=[partnership_a.slug, second.pk])
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=second.pk).exists()
    assert User.objects.filter(pk=second.user_id).exists()


def test_overview_lists_members_by_role_and_organisations_by_sector(
    client, lead_a, contributor_a, viewer_a, partnership_a
):
    client.force_login(viewer_a)
    html = client.get(partnership_a.get_absolute_url()).content.decode()
    assert "Leads (1)" in html
    assert "Contributors (1)" in html
    assert "Viewers (1)" in html
    assert "Health visiting" in html
    assert "Parent and carer representatives" in html
    assert "Add a member" not in html
