"""The indicator pages: an admin's national upload, a lead's local figures, key indicators."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.indicators.models import BIRTHS, Indicator, IndicatorValue, KeyIndicator
from tests.factories import make_area

FILES = Path(__file__).parent / "indicator_files"
NATIONAL = reverse("indicators:national")


def upload(name: str, content: bytes | None = None):
    return SimpleUploadedFile(name, content or (FILES / name).read_bytes(), "text/csv")


def local_url(slug: str = "ashworth") -> str:
    return reverse("partnership:indicators", args=[slug])


def test_an_admin_loads_a_fingertips_file(client, admin_user, areas):
    client.force_login(admin_user)
    response = client.post(NATIONAL, {"file": upload("fingertips_all_data.csv")})
    assert response.status_code == 200
    page = response.content.decode()
    assert "File loaded" in page
    assert "11 values stored, of which 5 for a region or nation (comparators)" in page
    assert "3 values kept for 2 areas Cradle does not know" in page
    assert "4 rows skipped: another sex or age" in page
    assert "Smoking status at time of delivery" in page
    assert IndicatorValue.objects.count() == 11


def test_an_admin_dry_run_saves_nothing(client, admin_user, areas):
    client.force_login(admin_user)
    response = client.post(
        NATIONAL, {"file": upload("births.csv"), "indicator": BIRTHS, "dry_run": "on"}
    )
    assert "Checked: nothing saved" in response.content.decode()
    assert "3 values would be stored" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_an_admin_sees_every_problem_and_nothing_is_saved(client, admin_user, areas):
    client.force_login(admin_user)
    bad = b"Area code,Period,Value\nE08000990,2023,n/a\nE08000990,2023,*\n"
    response = client.post(NATIONAL, {"file": upload("bad.csv", bad), "indicator": BIRTHS})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Row 2, column “Value”: “n/a” is not a number" in page
    assert "Row 3, column “Value”: “*” is not a number" in page
    assert not IndicatorValue.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(client, admin_user, areas, settings):
    settings.INDICATOR_UPLOAD_MAX_BYTES = 1024
    client.force_login(admin_user)
    big = b"Area code,Period,Value\n" + b"E08000990,2023,1\n" * 200
    response = client.post(NATIONAL, {"file": upload("big.csv", big), "indicator": BIRTHS})
    assert response.status_code == 200
    assert "the largest indicator file Cradle takes is 0 MB" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_body_far_over_the_limit_is_refused_unread(client, admin_user, areas, settings):
    settings.INDICATOR_UPLOAD_MAX_BYTES = 1024
    settings.REQUEST_MAX_BYTES = 1024
    client.force_login(admin_user)
    big = b"Area code,Period,Value\n" + b"E08000990,2023,1\n" * 1000
    response = client.post(NATIONAL, {"file": upload("big.csv", big), "indicator": BIRTHS})
    assert response.status_code == 413
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("who", ["lead_a", "commissioner", "outsider"])
def test_only_admins_reach_the_national_page(client, personas, who):
    client.force_login(personas[who])
    assert client.get(NATIONAL).status_code == 404
    assert client.post(NATIONAL, {"file": upload("births.csv")}).status_code == 404
    assert not IndicatorValue.objects.exists()


def test_a_lead_loads_local_figures_for_their_own_area(client, lead_a, areas):
    client.force_login(lead_a)
    data = b"Area code,Period,Value\r\nE08000990,2024,3050\r\n"
    response = client.post(local_url(), {"file": upload("ours.csv", data), "indicator": BIRTHS})
    assert response.status_code == 200
    assert "1 values stored" in response.content.decode()
    value = IndicatorValue.objects.get()
    assert (value.partnership.slug, value.value) == ("ashworth", 3050)
    # The page now shows it as the area's figure.
    page = client.get(local_url()).content.decode()
    assert "2024 (local figure)" in page


def test_a_lead_cannot_load_figures_for_another_area(client, lead_a, areas):
    client.force_login(lead_a)
    data = b"Area code,Period,Value\nE09000990,2024,3050\n"
    response = client.post(local_url(), {"file": upload("theirs.csv", data), "indicator": BIRTHS})
    assert "E09000990 is not one of this partnership&#x27;s areas" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_lead_must_name_the_indicator(client, lead_a):
    client.force_login(lead_a)
    response = client.post(local_url(), {"file": upload("births.csv")})
    assert "Select the indicator the figures are for" in response.content.decode()


def test_members_see_figures_but_only_a_lead_loads_them(client, viewer_a, contributor_a, areas):
    client.force_login(viewer_a)
    page = client.get(local_url()).content.decode()
    assert "Live births" in page and "No figure loaded" in page
    assert "Load local figures" not in page
    data = b"Area code,Period,Value\nE08000990,2024,3050\n"
    for user in (viewer_a, contributor_a):
        client.force_login(user)
        response = client.post(local_url(), {"file": upload("x.csv", data), "indicator": BIRTHS})
        assert response.status_code == 403
    assert not IndicatorValue.objects.exists()


def test_other_partnerships_get_404(client, lead_b, partnership_a):
    client.force_login(lead_b)
    assert client.get(local_url()).status_code == 404
    url = reverse("partnership:key-indicators", args=["ashworth"])
    assert client.post(url, {}).status_code == 404


def test_the_page_shows_the_latest_value_with_its_nation_and_interval(client, viewer_a, areas):
    make_area("E06000023", "Bristol, City of")
    smoking = Indicator.objects.create(code="93085", name="Smoking at delivery", source="OHID")
    for code, period, sort, value in [
        ("E08000990", "2021/22", 20210000, 12.0),
        ("E08000990", "2022/23", 20220000, 11.9),
        ("E92000001", "2022/23", 20220000, 8.8),
    ]:
        IndicatorValue.objects.create(
            indicator=smoking,
            area_code=code,
            period=period,
            period_sort=sort,
            value=value,
            lower_ci=value - 0.4,
            upper_ci=value + 0.5,
            comparator=code.startswith("E92"),
        )
    KeyIndicator.objects.create(
        partnership=viewer_a.memberships.get().partnership, indicator=smoking
    )
    page = client.get(local_url()).content.decode() if client.force_login(viewer_a) is None else ""
    assert "Smoking at delivery" in page
    assert "2022/23" in page and "11.9" in page
    assert "11.5 to 12.4" in page
    assert "8.8 (England)" in page
    assert "2021/22" not in page


def test_a_lead_chooses_key_indicators(client, lead_a):
    smoking = Indicator.objects.create(code="93085", name="Smoking at delivery", source="OHID")
    client.force_login(lead_a)
    url = reverse("partnership:key-indicators", args=["ashworth"])
    response = client.post(url, {"indicators": [smoking.pk]})
    assert response.status_code == 302
    assert list(KeyIndicator.objects.values_list("indicator__code", flat=True)) == ["93085"]
    client.post(url, {})
    assert not KeyIndicator.objects.exists()


def test_choosing_key_indicators_needs_a_lead_and_a_post(client, viewer_a, lead_a):
    url = reverse("partnership:key-indicators", args=["ashworth"])
    client.force_login(viewer_a)
    assert client.post(url, {}).status_code == 403
    client.force_login(lead_a)
    assert client.get(url).status_code == 405


def test_only_a_lead_may_send_a_file_larger_than_an_ordinary_request(
    client, lead_a, viewer_a, areas, settings
):
    settings.REQUEST_MAX_BYTES = 1024
    rows = b"".join(b"E08000990,%d,3000\n" % year for year in range(1900, 2000))
    data = b"Area code,Period,Value\n" + rows
    assert len(data) > 1024
    client.force_login(viewer_a)
    response = client.post(local_url(), {"file": upload("x.csv", data), "indicator": BIRTHS})
    assert response.status_code == 413
    client.force_login(lead_a)
    response = client.post(local_url(), {"file": upload("x.csv", data), "indicator": BIRTHS})
    assert response.status_code == 200
    assert IndicatorValue.objects.count() == 100
