from django.urls import reverse

from partnership.models import AreaProposal, Partnership, ProposalStatus
from tests.factories import make_area


def edit(client, partnership, **data):
    fields = {"name": partnership.name, "slug": partnership.slug, "nation": "england"}
    fields.update(data)
    return client.post(reverse("partnership:edit", args=[partnership.slug]), fields)


def test_it_saves_the_profile_and_records_the_areas_for_an_admin(
    client, lead_a, partnership_a, areas
):
    extra = make_area("E08000991", "Vale")
    client.force_login(lead_a)
    response = edit(
        client, partnership_a, name="Ashworth and Vale", area_codes="e08000990, E08000991"
    )
    assert response.status_code == 302
    partnership_a.refresh_from_db()
    assert partnership_a.name == "Ashworth and Vale"
    assert list(partnership_a.areas.all()) == [areas["a"]]
    [proposal] = AreaProposal.objects.filter(partnership=partnership_a)
    assert set(proposal.areas.all()) == {areas["a"], extra}
    assert (proposal.proposed_by, proposal.status) == (lead_a, ProposalStatus.PENDING)
    page = client.get(reverse("partnership:edit", args=[partnership_a.slug])).content.decode()
    assert "An admin has not yet confirmed the areas" in page
    assert "E08000990, E08000991" in page


def test_a_lead_cannot_take_the_partnership_from_its_commissioner(
    client, lead_a, partnership_a, areas, commissioner
):
    client.force_login(lead_a)
    edit(client, partnership_a, area_codes="E09000990")
    assert list(partnership_a.areas.all()) == [areas["a"]]
    client.force_login(commissioner)
    assert client.get(partnership_a.get_absolute_url()).status_code == 200


def test_saving_the_profile_unchanged_proposes_nothing(client, lead_a, partnership_a, areas):
    client.force_login(lead_a)
    edit(client, partnership_a, area_codes="E08000990")
    assert not AreaProposal.objects.exists()


def test_a_new_proposal_replaces_the_one_waiting(client, lead_a, partnership_a, areas):
    client.force_login(lead_a)
    edit(client, partnership_a, area_codes="E09000990")
    edit(client, partnership_a, area_codes="E08000990, E09000990")
    statuses = AreaProposal.objects.order_by("created").values_list("status", flat=True)
    assert list(statuses) == [ProposalStatus.REPLACED, ProposalStatus.PENDING]


def test_it_refuses_a_malformed_gss_code(client, lead_a, partnership_a, areas):
    client.force_login(lead_a)
    response = edit(client, partnership_a, name="Changed", area_codes="E0800099")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a GSS code in the right format" in html
    partnership_a.refresh_from_db()
    assert partnership_a.name == "Ashworth Best Start"


def test_it_refuses_a_code_with_an_unsupported_prefix(client, lead_a, partnership_a, areas):
    client.force_login(lead_a)
    html = edit(client, partnership_a, area_codes="E07000123").content.decode()
    assert "E07000123 is not an area Cradle supports" in html


def test_it_refuses_an_unknown_area(client, lead_a, partnership_a, areas):
    client.force_login(lead_a)
    html = edit(client, partnership_a, area_codes="E08000999").content.decode()
    assert "No area has the code E08000999" in html
    assert list(partnership_a.areas.all()) == [areas["a"]]


def test_it_refuses_a_slug_another_partnership_uses(client, lead_a, partnership_a, partnership_b):
    client.force_login(lead_a)
    html = edit(client, partnership_a, slug="brookfield").content.decode()
    assert "Another partnership already uses this web address" in html
    assert Partnership.objects.get(pk=partnership_a.pk).slug == "ashworth"


def test_it_refuses_a_slug_with_spaces(client, lead_a, partnership_a):
    client.force_login(lead_a)
    html = edit(client, partnership_a, slug="new slug").content.decode()
    assert "only include lowercase letters, numbers and hyphens" in html
