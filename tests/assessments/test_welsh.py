"""A Welsh reader's assessment pages: headings, form errors, messages, the task list, the
workbook and the round's history in Welsh; the history itself kept in English."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments.models import AssessmentStatus, Change
from tests.assessments.factories import make_agreed, make_response, make_round
from tests.assessments.posting import answer, rate_url
from tests.assessments.posting import round_url as url
from tests.downloads import rows, xlsx_download

WELSH = {"HTTP_ACCEPT_LANGUAGE": "cy"}


@pytest.fixture
def plan(framework):
    return list(framework.elements.filter(dimension__code="plan"))


def test_the_round_list_is_in_welsh(client, lead_a, partnership_a, open_round):
    client.force_login(lead_a)
    page = client.get(reverse("assessments:rounds", args=[partnership_a.slug]), **WELSH)
    text = page.content.decode()
    assert '<h1 class="govuk-heading-l">Asesiadau</h1>' in text
    assert "Dechrau rownd newydd" in text
    assert "Ar agor" in text  # the round's status tag
    assert "Start a new round" not in text


def test_a_new_round_s_errors_are_in_welsh(client, lead_a, partnership_a, frameworks):
    client.force_login(lead_a)
    response = client.post(reverse("assessments:round-new", args=[partnership_a.slug]), {}, **WELSH)
    page = response.content.decode()
    assert "Dewiswch fframwaith" in page
    assert "Rhowch enw’r rownd" in page
    assert "Dewiswch a oes enwau gyda’r sgorau neu a ydynt yn ddienw" in page


def test_the_rating_page_and_its_message_are_in_welsh(client, contributor_a, open_round, plan):
    client.force_login(contributor_a)
    page = client.get(rate_url(open_round), **WELSH).content.decode()
    assert f"Eich sgôr ar gyfer {escape(plan[0].title_cy)}" in page
    assert "Ddim yn gwybod" in page
    response = client.post(rate_url(open_round), answer(plan[0], "3"), follow=True, **WELSH)
    assert "Wedi cadw 1 ateb ar gyfer" in response.content.decode()


def test_the_history_is_kept_in_english_and_read_in_welsh(
    client, contributor_a, lead_a, open_round, plan
):
    client.force_login(contributor_a)
    client.post(rate_url(open_round), answer(plan[0], "dk"), **WELSH)
    assert Change.objects.get(field="rating").new == "Don’t know"
    open_round.status = AssessmentStatus.CLOSED
    open_round.save()
    client.force_login(lead_a)
    page = client.get(url("element", open_round, code=plan[0].code), **WELSH).content.decode()
    assert "Ymateb: sgôr" in page
    assert "Ddim yn gwybod" in page
    assert "Sgôr y cytunwyd arni a’r targed" in page


def test_a_level_in_the_history_is_read_in_welsh(client, contributor_a, lead_a, open_round, plan):
    level = open_round.framework.scale.levels.values("label", "label_cy").get(value=3)
    client.force_login(contributor_a)
    client.post(rate_url(open_round), answer(plan[0], "3"), **WELSH)
    assert Change.objects.get(field="rating").new == f"3: {level['label']}"
    open_round.status = AssessmentStatus.CLOSED
    open_round.save()
    client.force_login(lead_a)
    page = client.get(url("element", open_round, code=plan[0].code), **WELSH).content.decode()
    assert f'<td class="govuk-table__cell">3: {escape(level["label_cy"])}</td>' in page
    english = client.get(url("element", open_round, code=plan[0].code)).content.decode()
    assert f'<td class="govuk-table__cell">3: {escape(level["label"])}</td>' in english


def test_the_task_list_is_in_welsh(client, contributor_a, open_round):
    client.force_login(contributor_a)
    page = client.get(reverse("partnership:list"), **WELSH).content.decode()
    assert f"Sgorio {open_round.name}" in page
    assert "Heb ddechrau" in page


def test_the_workbook_s_sheets_and_headers_are_in_welsh(client, lead_a, partnership_a, framework):
    assessment = make_round(partnership_a, framework, status=AssessmentStatus.CLOSED, by=lead_a)
    element = framework.elements.get(code="plan-strategy")
    make_response(assessment, element, lead_a, 2)
    make_agreed(assessment, element, 3)
    client.force_login(lead_a)
    book = xlsx_download(
        client.get(
            reverse("assessments:round-xlsx", args=[partnership_a.slug, assessment.pk]), **WELSH
        )
    )
    assert book.sheetnames == ["Ymatebion", "Sgorau y cytunwyd arnynt", "Camau gweithredu"]
    assert rows(book["Ymatebion"])[0][:3] == ("Dimensiwn", "Cod yr elfen", "Elfen")


def test_english_stays_english(client, lead_a, partnership_a, open_round):
    client.force_login(lead_a)
    page = client.get(reverse("assessments:rounds", args=[partnership_a.slug])).content.decode()
    assert '<h1 class="govuk-heading-l">Assessments</h1>' in page
