"""An admin sets what a Fingertips file does not say: unit and what a higher value means."""

from django.urls import reverse

from partnership.indicators.models import Indicator


def test_an_admin_sets_an_indicators_unit_and_direction(client, admin_user):
    indicator = Indicator.objects.create(code="93085", name="Smoking at delivery", source="OHID")
    client.force_login(admin_user)
    url = reverse("admin:partnership_indicator_change", args=[indicator.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Smoking at delivery",
            "source": "OHID",
            "source_url": "",
            "unit": "%",
            "higher_is": "lower-better",
            "confidence": "As published",
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.unit, indicator.higher_is, indicator.code) == ("%", "lower-better", "93085")


def test_others_cannot_reach_it(client, lead_a):
    client.force_login(lead_a)
    response = client.get(reverse("admin:partnership_indicator_changelist"))
    assert response.status_code == 302
