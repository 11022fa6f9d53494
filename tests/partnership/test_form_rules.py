"""Text and dates the way every form takes them: one line where one line is meant, limits
checked and counted, and an invitation that cannot be sent never losing the new member."""

from django.core import mail
from django.urls import reverse

from partnership.models import Membership, Partnership, User


def edit(client, lead, partnership, **overrides):
    client.force_login(lead)
    data = {"name": partnership.name, "slug": partnership.slug, "nation": "england"}
    return client.post(reverse("partnership:edit", args=[partnership.slug]), {**data, **overrides})


def add_member(client, lead, partnership, organisation, **overrides):
    client.force_login(lead)
    data = {
        "email": "new.person@example.org",
        "full_name": "New Person",
        "organisation": organisation.pk,
        "role": "contributor",
    }
    return client.post(
        reverse("partnership:member-add", args=[partnership.slug]),
        {**data, **overrides},
        follow=True,
    )


def test_a_partnership_name_with_a_line_break_is_refused(client, lead_a, partnership_a):
    response = edit(client, lead_a, partnership_a, name="Ashworth\r\nBcc: everyone@example.org")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Partnership name must be on one line, with no line breaks" in page
    partnership_a.refresh_from_db()
    assert "\n" not in partnership_a.name


def test_a_description_keeps_its_line_breaks_but_not_hidden_characters(
    client, lead_a, partnership_a
):
    response = edit(client, lead_a, partnership_a, description="One\r\nTwo\x00")
    assert "Description must not include hidden characters" in response.content.decode()
    response = edit(client, lead_a, partnership_a, description="One\r\nTwo")
    assert response.status_code == 302
    assert Partnership.objects.get(pk=partnership_a.pk).description == "One\r\nTwo"


def test_a_too_long_partnership_name_is_refused_with_its_limit(client, lead_a, partnership_a):
    response = edit(client, lead_a, partnership_a, name="A" * 6_000)
    assert "Partnership name must be 200 characters or fewer" in response.content.decode()


def test_the_partnership_name_box_counts_characters_instead_of_cutting_them_off(
    client, lead_a, partnership_a
):
    client.force_login(lead_a)
    page = client.get(reverse("partnership:edit", args=[partnership_a.slug])).content.decode()
    assert 'data-module="govuk-character-count" data-maxlength="200"' in page
    assert "You can enter up to 200 characters" in page
    assert " maxlength=" not in page


def test_a_new_member_needs_a_full_name(client, lead_a, partnership_a, council_a):
    response = add_member(client, lead_a, partnership_a, council_a, full_name="  ")
    assert "Enter the full name of new.person@example.org" in response.content.decode()
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_a_member_is_added_and_the_lead_told_when_the_invitation_cannot_be_sent(
    client, lead_a, partnership_a, council_a
):
    # A name saved before line breaks were refused: the mail library refuses it as a header.
    Partnership.objects.filter(pk=partnership_a.pk).update(name="Ashworth\nPartnership")
    response = add_member(client, lead_a, partnership_a, council_a)
    assert response.status_code == 200
    page = response.content.decode()
    assert "we could not email them" in page
    assert "Forgotten your password?" in page
    assert Membership.objects.filter(
        partnership=partnership_a, user__email="new.person@example.org"
    ).exists()
    assert not mail.outbox


def test_a_member_is_added_when_the_mail_server_is_down(
    client, settings, lead_a, partnership_a, council_a
):
    settings.EMAIL_BACKEND = "tests.failing_email.EmailBackend"
    response = add_member(client, lead_a, partnership_a, council_a)
    assert response.status_code == 200
    assert "we could not email them" in response.content.decode()
    assert User.objects.filter(email="new.person@example.org").exists()
