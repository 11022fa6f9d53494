from django.urls import reverse

from partnership.models import Organisation


def test_it_adds_an_organisation(client, lead_a, partnership_a):
    client.force_login(lead_a)
    response = client.post(
        reverse("partnership:organisation-add", args=[partnership_a.slug]),
        {"name": "Ashworth Family Friends", "sector": "voluntary", "website": "www.aff.example"},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Ashworth Family Friends")
    assert organisation.partnership == partnership_a
    assert organisation.website == "https://www.aff.example"


def test_it_refuses_a_duplicate_name_in_any_case(client, lead_a, partnership_a, council_a):
    client.force_login(lead_a)
    response = client.post(
        reverse("partnership:organisation-add", args=[partnership_a.slug]),
        {"name": "ashworth council", "sector": "other"},
    )
    assert response.status_code == 200
    assert "already has an organisation with this name" in response.content.decode()
    assert Organisation.objects.filter(partnership=partnership_a).count() == 1


def test_the_same_name_is_fine_in_another_partnership(client, lead_b, partnership_b, council_a):
    client.force_login(lead_b)
    response = client.post(
        reverse("partnership:organisation-add", args=[partnership_b.slug]),
        {"name": "Ashworth Council", "sector": "local-authority"},
    )
    assert response.status_code == 302


def test_it_refuses_a_bad_website_and_a_missing_sector(client, lead_a, partnership_a):
    client.force_login(lead_a)
    html = client.post(
        reverse("partnership:organisation-add", args=[partnership_a.slug]),
        {"name": "Somewhere", "website": "not a url"},
    ).content.decode()
    assert "Select sector" in html
    assert "Enter a web address in the correct format" in html
    assert not Organisation.objects.filter(name="Somewhere").exists()


def test_it_edits_an_organisation(client, lead_a, partnership_a, council_a):
    client.force_login(lead_a)
    response = client.post(
        reverse("partnership:organisation-edit", args=[partnership_a.slug, council_a.pk]),
        {"name": "Ashworth Metropolitan Borough Council", "sector": "local-authority"},
    )
    assert response.status_code == 302
    council_a.refresh_from_db()
    assert council_a.name == "Ashworth Metropolitan Borough Council"


def test_it_removes_an_organisation_without_members(client, lead_a, partnership_a):
    spare = Organisation.objects.create(partnership=partnership_a, name="Spare", sector="other")
    client.force_login(lead_a)
    response = client.post(
        reverse("partnership:organisation-remove", args=[partnership_a.slug, spare.pk])
    )
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=spare.pk).exists()


def test_it_refuses_to_remove_an_organisation_with_members(
    client, lead_a, partnership_a, council_a
):
    client.force_login(lead_a)
    response = client.post(
        reverse("partnership:organisation-remove", args=[partnership_a.slug, council_a.pk]),
        follow=True,
    )
    assert "still has 1 member" in response.content.decode()
    assert Organisation.objects.filter(pk=council_a.pk).exists()
