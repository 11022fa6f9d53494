"""The board report PDF is drawn once per distinct report and served from the shared cache
after that; any change to what the report shows is in the next download."""

import threading
import time

import pytest

from assessments.models import Action
from dashboards import pdf
from dashboards.pdf import draw
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


def pdf_when_ready(client, url: str, seconds: float = 60):
    """Asks again, as a person would with the page's link, until the PDF is there."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = client.get(url)
        if response.status_code == 200:
            return response
        assert response.status_code == 202
        time.sleep(0.2)
    raise AssertionError(f"The report at {url} was not ready within {seconds}s")


# Drawn beside the request, the report is read through another connection: these tests commit.
@pytest.mark.django_db(transaction=True)
def test_a_slow_drawing_answers_that_the_report_is_being_prepared(
    client, settings, lead_a, dashboard_a, partnership_a, report_cache
):
    settings.REPORT_DRAW_WAIT_SECONDS = 0
    client.force_login(lead_a)
    url = page_url("report-pdf", partnership_a) + "?rows=level"
    waiting = client.get(url)
    assert waiting.status_code == 202
    page = waiting.content.decode()
    assert "Your board report is being prepared" in page
    assert f'href="{url}"' in page
    assert f'href="{page_url("report", partnership_a)}?rows=level"' in page

    ready = pdf_when_ready(client, url)
    assert ready["Content-Type"] == "application/pdf"
    assert squeezed("Ashworth Best Start") in text_of_pdf(ready)
    assert cached_reports(report_cache) == 1
    # Kept once drawn: the next download is served at once, whatever the wait.
    assert client.get(url).content == ready.content


@pytest.mark.django_db(transaction=True)
def test_a_drawing_done_within_the_wait_is_served_at_once(
    client, settings, lead_a, dashboard_a, partnership_a, report_cache
):
    settings.REPORT_DRAW_WAIT_SECONDS = 60
    client.force_login(lead_a)
    response = client.get(page_url("report-pdf", partnership_a))
    assert response.status_code == 200
    assert squeezed("Action 0") in text_of_pdf(response)
    Action.objects.filter(assessment=dashboard_a, title="Action 0").update(title="Parents' panel")
    changed = client.get(page_url("report-pdf", partnership_a))
    assert squeezed("Parents' panel") in text_of_pdf(changed)
    assert cached_reports(report_cache) == 2


@pytest.mark.django_db(transaction=True)
def test_a_report_asked_for_again_while_drawing_is_drawn_once(
    client, settings, monkeypatch, lead_a, dashboard_a, partnership_a, report_cache
):
    gate, drawings = threading.Event(), []

    def held(html: str) -> bytes:
        drawings.append(html)
        assert gate.wait(30)
        return draw(html)

    monkeypatch.setattr(pdf, "draw", held)
    settings.REPORT_DRAW_WAIT_SECONDS = 0
    client.force_login(lead_a)
    url = page_url("report-pdf", partnership_a)
    # Held until all three have asked, so none is served from a drawing already done.
    assert [client.get(url).status_code for _ in range(3)] == [202, 202, 202]
    gate.set()
    pdf_when_ready(client, url)
    assert len(drawings) == 1
    assert cached_reports(report_cache) == 1


@pytest.mark.django_db(transaction=True)
def test_a_change_while_drawing_waits_for_that_drawing_then_is_drawn(
    client, settings, monkeypatch, lead_a, dashboard_a, partnership_a, report_cache
):
    """One drawing of a report at a time: a burst of changes never queues one per change."""
    gate, drawings = threading.Event(), []

    def held(html: str) -> bytes:
        drawings.append(html)
        assert gate.wait(30)
        return draw(html)

    monkeypatch.setattr(pdf, "draw", held)
    settings.REPORT_DRAW_WAIT_SECONDS = 0
    client.force_login(lead_a)
    url = page_url("report-pdf", partnership_a)
    assert client.get(url).status_code == 202
    Action.objects.filter(assessment=dashboard_a, title="Action 0").update(title="Parents' panel")
    assert client.get(url).status_code == 202
    gate.set()
    ready = pdf_when_ready(client, url)
    assert squeezed("Parents' panel") in text_of_pdf(ready)
    assert len(drawings) == 2  # the first version's, then the changed one's
