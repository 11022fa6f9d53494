"""An admin confirms or declines the areas a lead proposed; every change of areas is recorded."""

import json
import logging

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from partnership.models import AreaProposal, Oversight, ProposalStatus


@pytest.fixture
def audit_lines(caplog):
    caplog.set_level(logging.INFO, logger="cradle.audit")

    def lines(event):
        records = [json.loads(r.getMessage()) for r in caplog.records if r.name == "cradle.audit"]
        return [r for r in records if r["event"] == event]

    return lines


def propose(client, lead, partnership, codes):
    client.force_login(lead)
    client.post(
        reverse("partnership:edit", args=[partnership.slug]),
        {
            "name": partnership.name,
            "slug": partnership.slug,
            "nation": "england",
            "area_codes": codes,
        },
    )
    client.logout()


@pytest.fixture
def proposal(client, lead_a, partnership_a, areas):
    propose(client, lead_a, partnership_a, "E09000990")
    return AreaProposal.objects.get(partnership=partnership_a)


def decide(client, admin_user, proposal, action):
    client.force_login(admin_user)
    return client.post(
        reverse("admin:partnership_areaproposal_changelist"),
        {"action": action, "_selected_action": [proposal.pk]},
        follow=True,
    )


def test_a_lead_proposing_is_logged(client, lead_a, partnership_a, areas, audit_lines):
    propose(client, lead_a, partnership_a, "E09000990")
    [line] = audit_lines("partnership.areas.proposed")
    assert (line["partnership"], line["areas"]) == ("ashworth", ["E09000990"])


def test_an_admin_confirming_changes_the_areas_and_records_it(
    client, admin_user, proposal, partnership_a, areas, commissioner, audit_lines
):
    response = decide(client, admin_user, proposal, "confirm")
    assert "Confirmed 1 proposal" in response.content.decode()
    assert list(partnership_a.areas.all()) == [areas["b"]]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposalStatus.CONFIRMED, admin_user)
    [line] = audit_lines("partnership.areas.changed")
    assert (line["old"], line["new"], line["user_id"]) == (
        ["E08000990"],
        ["E09000990"],
        admin_user.pk,
    )
    entry = LogEntry.objects.get(object_id=str(partnership_a.pk))
    assert "Confirmed proposed areas: E09000990" in entry.get_change_message()
    # Brookfield's area is in London: the North West commissioner no longer oversees it.
    assert not Oversight.objects.for_partnership(partnership_a).filter(user=commissioner).exists()


def test_an_admin_declining_leaves_the_areas(client, admin_user, proposal, partnership_a, areas):
    decide(client, admin_user, proposal, "decline")
    assert list(partnership_a.areas.all()) == [areas["a"]]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED


def test_a_proposal_is_decided_only_once(client, admin_user, proposal, partnership_a, areas):
    decide(client, admin_user, proposal, "decline")
    response = decide(client, admin_user, proposal, "confirm")
    assert "Confirmed 0 proposals" in response.content.decode()
    assert list(partnership_a.areas.all()) == [areas["a"]]


def test_an_admin_changing_areas_on_the_partnership_page_is_logged(
    client, admin_user, partnership_a, areas, audit_lines
):
    client.force_login(admin_user)
    url = reverse("admin:partnership_partnership_change", args=[partnership_a.pk])
    data = {
        "name": partnership_a.name,
        "slug": partnership_a.slug,
        "nation": "england",
        "description": "",
        "areas": [areas["a"].pk, areas["b"].pk],
        "organisations-TOTAL_FORMS": 0,
        "organisations-INITIAL_FORMS": 0,
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    assert client.post(url, data).status_code == 302
    [line] = audit_lines("partnership.areas.changed")
    assert (line["old"], line["new"]) == (["E08000990"], ["E08000990", "E09000990"])


def test_the_proposals_page_shows_both_sets_of_areas(client, admin_user, proposal):
    client.force_login(admin_user)
    page = client.get(reverse("admin:partnership_areaproposal_changelist")).content.decode()
    assert "E08000990" in page
    assert "E09000990" in page
