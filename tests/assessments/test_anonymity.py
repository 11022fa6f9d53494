"""Anonymous rounds: a sector of fewer than ANONYMOUS_MIN_GROUP_SIZE people is never named.

Wherever an anonymous round's ratings are broken down by sector (progress, workshop, element
page, round workbook, dashboard, its downloads, board report) small sectors are shown together
as "other sectors", and not at all when even together they are too few.
"""

import pytest
from django.urls import reverse

from assessments.models import AssessmentStatus
from partnership.models import Role
from tests.assessments.factories import make_agreed, make_response, make_round
from tests.downloads import pdf_text, rows, xlsx_download, xlsx_text
from tests.factories import make_member, make_organisation, make_user

NOTE = "Sectors with fewer than 3 people are shown together as other sectors"


def member(partnership, sector: str, name: str):
    organisation = make_organisation(partnership, f"{name} organisation", sector=sector)
    user = make_user(f"{name.lower().replace(' ', '.')}@a.example", full_name=name)
    make_member(partnership, Role.CONTRIBUTOR, user=user, organisation=organisation)
    return user


@pytest.fixture
def strategy(framework):
    return framework.elements.get(code="plan-strategy")


def rated(partnership_a, framework, strategy, contributor_a, lead_a, *, anonymous, primary=1):
    """Three health visitors rate 4; `primary` GPs, an early years and a voluntary member rate 1.

    With one GP, primary care is one person: pooled with early years and voluntary it makes
    three, "other sectors", two levels and more below health visiting.
    """
    assessment = make_round(
        partnership_a,
        framework,
        status=AssessmentStatus.PUBLISHED,
        anonymous=anonymous,
        name="Spring round",
        by=lead_a,
    )
    visitors = [contributor_a, *[member(partnership_a, "health-visiting", f"HV {i}") for i in "12"]]
    for user in visitors:
        make_response(assessment, strategy, user, 4, evidence="Visits every family")
    others = [member(partnership_a, "primary-care", f"Gina GP {i}") for i in range(primary)]
    others += [member(partnership_a, "early-years", "Ezra Early")]
    others += [member(partnership_a, "voluntary", "Val Voluntary")]
    for user in others:
        make_response(assessment, strategy, user, 1, evidence="Rarely seen")
    make_agreed(assessment, strategy, 2)
    return assessment


def everything(client, assessment, strategy) -> str:
    """Every page and download that breaks the round down by sector, as one text."""
    slug, pk = assessment.partnership.slug, assessment.pk
    pages = [
        reverse("assessments:round", args=[slug, pk]),
        reverse("assessments:workshop", args=[slug, pk]),
        reverse("assessments:element", args=[slug, pk, strategy.code]),
        reverse("dashboards:area", args=[slug]),
        reverse("dashboards:gaps-csv", args=[slug]),
        reverse("dashboards:report", args=[slug]),
    ]
    text = []
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        text.append(response.content.decode())
    for download in [
        reverse("assessments:round-xlsx", args=[slug, pk]),
        reverse("dashboards:xlsx", args=[slug]),
    ]:
        text.append(xlsx_text(client.get(download).content))
    text.append(pdf_text(client.get(reverse("dashboards:report-pdf", args=[slug])).content))
    return "\n".join(text)


def test_a_sector_of_one_is_never_named_in_an_anonymous_round(
    client, partnership_a, framework, strategy, contributor_a, lead_a
):
    assessment = rated(partnership_a, framework, strategy, contributor_a, lead_a, anonymous=True)
    client.force_login(lead_a)
    text = everything(client, assessment, strategy)
    for named in ["Primary care", "primary care", "Primarycare", "primarycare"]:
        assert named not in text
    assert "Early years and education" not in text
    assert "Health visiting and other sectors ratings of" in text  # the dashboard's gap
    assert "A respondent from other sectors" in text
    assert NOTE in text


def test_a_sector_of_three_is_named(
    client, partnership_a, framework, strategy, contributor_a, lead_a
):
    assessment = rated(
        partnership_a, framework, strategy, contributor_a, lead_a, anonymous=True, primary=3
    )
    client.force_login(lead_a)
    text = everything(client, assessment, strategy)
    assert "A respondent from primary care" in text
    assert "Health visiting and primary care ratings of" in text


def test_a_named_round_shows_every_sector_as_before(
    client, partnership_a, framework, strategy, contributor_a, lead_a
):
    assessment = rated(partnership_a, framework, strategy, contributor_a, lead_a, anonymous=False)
    client.force_login(lead_a)
    workshop = client.get(reverse("assessments:workshop", args=["ashworth", assessment.pk]))
    assert "Primary care" in workshop.content.decode()
    assert NOTE not in workshop.content.decode()


def test_the_anonymous_workbook_orders_an_elements_rows_by_level_not_by_person(
    client, partnership_a, framework, strategy, contributor_a, lead_a, settings
):
    settings.ANONYMOUS_MIN_GROUP_SIZE = 1
    assessment = make_round(
        partnership_a, framework, status=AssessmentStatus.CLOSED, anonymous=True, by=lead_a
    )
    people = [member(partnership_a, "health-visiting", f"HV {i}") for i in range(3)]
    # Respondent order (who joined first) is 3, 1, 2 by level: the workbook must not keep it.
    for user, value in zip(people, [3, 1, 2], strict=True):
        make_response(assessment, strategy, user, value, evidence=f"At level {value}")
    client.force_login(lead_a)
    book = xlsx_download(
        client.get(reverse("assessments:round-xlsx", args=["ashworth", assessment.pk]))
    )
    found = rows(book["Responses"])
    header = found[0]
    assert "Name" not in header and "Respondent" not in header
    evidence = [row[header.index("Evidence")] for row in found[1:]]
    assert evidence == ["At level 1", "At level 2", "At level 3"]
