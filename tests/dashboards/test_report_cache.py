"""The board report PDF is drawn once per distinct report and served from the shared cache
after that; any change to what the report shows is in the next download."""

import pytest

from assessments.models import Action
from rights.erasure import erase_person
from tests.continuum.factories import make_service
from tests.dashboards.test_exports import page_url, squeezed, text_of_pdf


@pytest.fixture(autouse=True)
def report_cache(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "reports": {**settings.CACHES["reports"], "LOCATION": str(tmp_path / "reports")},
    }
    return tmp_path / "reports"


def cached_reports(folder) -> int:
    return len(list(folder.glob("*.djcache")))


def test_a_repeat_download_is_served_from_the_cache(
    client, lead_a, dashboard_a, partnership_a, report_cache
):
    client.force_login(lead_a)
    first = client.get(page_url("report-pdf", partnership_a))
    assert cached_reports(report_cache) == 1
    again = client.get(page_url("report-pdf", partnership_a))
    assert again.content == first.content
    assert cached_reports(report_cache) == 1


def test_a_changed_action_is_in_the_next_download(
    client, lead_a, dashboard_a, partnership_a, report_cache
):
    client.force_login(lead_a)
    assert squeezed("Action 0") in text_of_pdf(client.get(page_url("report-pdf", partnership_a)))
    # Written straight to the database, as an import or a bulk fix would: no hook to forget.
    Action.objects.filter(assessment=dashboard_a, title="Action 0").update(
        title="Run the parents' panel"
    )
    text = text_of_pdf(client.get(page_url("report-pdf", partnership_a)))
    assert squeezed("Run the parents' panel") in text
    assert squeezed("Action 0") not in text
    assert cached_reports(report_cache) == 2


def test_a_new_service_is_in_the_next_download(
    client, lead_a, dashboard_a, partnership_a, report_cache
):
    client.force_login(lead_a)
    before = client.get(page_url("report-pdf", partnership_a)).content
    make_service(
        partnership_a, "Baby massage", "continuum-level/treatment", "thrive/getting-more-help"
    )
    after = client.get(page_url("report-pdf", partnership_a)).content
    assert after != before
    assert cached_reports(report_cache) == 2


def test_erasing_a_person_forgets_every_drawn_report(
    client,
    lead_a,
    contributor_a,
    dashboard_a,
    partnership_a,
    report_cache,
    django_capture_on_commit_callbacks,
):
    client.force_login(lead_a)
    client.get(page_url("report-pdf", partnership_a))
    assert cached_reports(report_cache) == 1
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(user=contributor_a)
    assert cached_reports(report_cache) == 0
