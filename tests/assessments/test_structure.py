"""A framework's structure is read once per process and kept while the library stands still;
any change to the library shows in the very next request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.models import (
    AssessmentStatus,
    Descriptor,
    Dimension,
    Element,
    Framework,
    Scale,
    ScaleLevel,
)
from tests.assessments.factories import make_response, make_round
from tests.assessments.posting import answer, rate_url, round_url

LIBRARY_TABLES = (
    "assessments_element",
    "assessments_dimension",
    "assessments_descriptor",
    "assessments_scalelevel",
)


def library_reads(client, url) -> list[str]:
    """The queries of one GET of `url` that read the library's structure tables."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [
        q["sql"]
        for q in captured
        if q["sql"].startswith("SELECT") and any(f'FROM "{t}"' in q["sql"] for t in LIBRARY_TABLES)
    ]


def test_the_rating_page_reads_the_structure_once_then_keeps_it(client, contributor_a, open_round):
    client.force_login(contributor_a)
    url = rate_url(open_round, "plan")
    assert library_reads(client, url)
    assert library_reads(client, url) == []


def test_an_element_renamed_shows_on_the_next_rating_page(client, contributor_a, open_round):
    client.force_login(contributor_a)
    url = rate_url(open_round, "plan")
    assert "A shared local plan" not in client.get(url).content.decode()
    element = open_round.framework.elements.filter(dimension__code="plan").first()
    Element.objects.filter(pk=element.pk).update(title="A shared local plan")
    assert "A shared local plan" in client.get(url).content.decode()


def test_a_descriptor_or_level_changed_shows_on_the_next_rating_page(
    client, contributor_a, open_round
):
    client.force_login(contributor_a)
    url = rate_url(open_round, "plan")
    client.get(url)
    element = open_round.framework.elements.filter(dimension__code="plan").first()
    Descriptor.objects.filter(element=element, level__value=3).update(
        text="Every partner has signed the plan"
    )
    ScaleLevel.objects.filter(scale__framework=open_round.framework, value=5).update(
        label="Leading the way"
    )
    page = client.get(url).content.decode()
    assert "Every partner has signed the plan" in page
    assert "Leading the way" in page


def test_a_dimension_renamed_shows_on_the_task_list_and_the_workshop(
    client, lead_a, open_round, closed_round
):
    client.force_login(lead_a)
    tasks = reverse("partnership:list")
    workshop = reverse(
        "assessments:workshop", args=[closed_round.partnership.slug, closed_round.pk]
    )
    client.get(tasks)
    client.get(workshop)
    Dimension.objects.filter(framework=open_round.framework, code="plan").update(
        title="Planning together"
    )
    Element.objects.filter(framework=open_round.framework, code="plan-strategy").update(
        title="One strategy for the area"
    )
    assert "Next: Planning together" in client.get(tasks).content.decode()
    assert "One strategy for the area" in client.get(workshop).content.decode()


def test_a_save_after_an_element_moves_dimension_goes_on_by_the_new_structure(
    client, contributor_a, open_round
):
    framework = open_round.framework
    for element in framework.elements.filter(dimension__code__in=["lead", "deliver"]):
        make_response(open_round, element, contributor_a, 3)
    client.force_login(contributor_a)
    client.get(rate_url(open_round, "plan"))
    # Evaluate's only element moves into Plan: once Plan is saved, everything is rated, so
    # the save goes on to the round's page to review, not to an Evaluate with nothing in it.
    Element.objects.filter(framework=framework, dimension__code="evaluate").update(
        dimension=Dimension.objects.get(framework=framework, code="plan")
    )
    data = {}
    for element in framework.elements.filter(dimension__code="plan"):
        data.update(answer(element, "2"))
    response = client.post(rate_url(open_round, "plan"), data)
    assert response.status_code == 302
    assert response["Location"] == round_url("round", open_round)
    assert open_round.responses.filter(respondent=contributor_a).count() == 10


def reads_of(table: str, client, url) -> int:
    """How many queries of one GET of `url` read `table`."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(f'FROM "{table}"' in q["sql"] for q in captured)


def scope_reads(client, url) -> int:
    return reads_of("assessments_outofscope", client, url)


def test_the_rating_page_reads_a_rounds_scope_once_then_keeps_it(client, contributor_a, open_round):
    client.force_login(contributor_a)
    url = rate_url(open_round, "plan")
    assert scope_reads(client, url) == 1
    assert scope_reads(client, url) == 0


def test_a_scope_changed_shows_on_the_next_rating_page(client, lead_a, framework, partnership_a):
    draft = make_round(partnership_a, framework, status=AssessmentStatus.DRAFT)
    strategy = framework.elements.get(code="plan-strategy")
    client.force_login(lead_a)
    url = rate_url(draft, "plan")
    assert "Out of scope for this round" not in client.get(url).content.decode()
    services.set_out_of_scope(assessment=draft, element=strategy, reason="Led regionally")
    assert "Out of scope for this round: Led regionally" in client.get(url).content.decode()
    services.bring_into_scope(assessment=draft, element=strategy)
    assert "Out of scope for this round" not in client.get(url).content.decode()
    # Another round of the same partnership keeps a scope of its own.
    services.set_out_of_scope(assessment=draft, element=strategy, reason="Led regionally")
    other = make_round(partnership_a, framework, status=AssessmentStatus.DRAFT, name="Autumn")
    assert "Out of scope for this round" not in client.get(rate_url(other, "plan")).content.decode()
    assert "Out of scope for this round: Led regionally" in client.get(url).content.decode()


def framework_reads(client, url) -> int:
    return reads_of("assessments_framework", client, url)


def test_a_rounds_pages_read_its_framework_once_then_keep_it(client, lead_a, open_round):
    client.force_login(lead_a)
    assert framework_reads(client, rate_url(open_round, "plan")) == 1
    assert framework_reads(client, rate_url(open_round, "plan")) == 0
    assert framework_reads(client, round_url("round", open_round)) == 0
    assert framework_reads(client, rate_url(open_round, "lead")) == 0


def test_a_framework_or_its_scale_changed_shows_on_the_next_rounds_page(
    client, contributor_a, open_round
):
    client.force_login(contributor_a)
    url = rate_url(open_round, "plan")
    page = client.get(url).content.decode()
    assert "Early Years Matrix" not in page
    assert "Not applicable" not in page
    Framework.objects.filter(pk=open_round.framework_id).update(title="Early Years Matrix")
    Scale.objects.filter(framework=open_round.framework_id).update(allows_not_applicable=True)
    page = client.get(url).content.decode()
    assert "Early Years Matrix (version" in page
    assert "Not applicable" in page
    assert "Early Years Matrix" in client.get(round_url("round", open_round)).content.decode()
