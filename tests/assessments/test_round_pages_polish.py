"""What round pages show readers: links that lead somewhere, names not codes, evidence links."""

import pytest
from django.urls import reverse

from assessments.models import AssessmentStatus
from assessments.templatetags.evidence import evidence_lines
from tests.assessments.factories import make_agreed, make_response, make_round
from tests.assessments.posting import round_url as url

LINKS = {
    "workshop": "Workshop: spread of ratings and agreement",
    "agree-all": "Agree all elements on one page",
    "results": "Agreed ratings and targets",
    "compare": "Compare with another round",
}


@pytest.fixture
def strategy(framework):
    return framework.elements.get(code="plan-strategy")


def links_on(client, assessment) -> set[str]:
    page = client.get(url("round", assessment)).content.decode()
    return {name for name, words in LINKS.items() if f'{url(name, assessment)}">{words}' in page}


def test_an_open_round_offers_no_workshop_results_or_compare(client, lead_a, open_round):
    client.force_login(lead_a)
    assert links_on(client, open_round) == set()


def test_a_closed_round_offers_the_workshop_and_results_once_something_is_agreed(
    client, lead_a, closed_round, strategy
):
    client.force_login(lead_a)
    assert links_on(client, closed_round) == {"workshop", "agree-all"}
    make_agreed(closed_round, strategy, 3)
    assert links_on(client, closed_round) == {"workshop", "agree-all", "results"}


def test_compare_appears_once_there_is_another_agreed_round(
    client, lead_a, partnership_a, framework, strategy
):
    agreed = make_round(partnership_a, framework, status=AssessmentStatus.AGREED, name="Autumn")
    make_agreed(agreed, strategy, 3)
    client.force_login(lead_a)
    assert links_on(client, agreed) == {"workshop", "results"}
    earlier = make_round(partnership_a, framework, status=AssessmentStatus.PUBLISHED, name="Spring")
    make_agreed(earlier, strategy, 2)
    assert links_on(client, agreed) == {"workshop", "results", "compare"}


def test_a_contributor_sees_results_and_compare_only_once_published(
    client, contributor_a, partnership_a, framework, strategy
):
    closed = make_round(partnership_a, framework, status=AssessmentStatus.CLOSED)
    make_agreed(closed, strategy, 3)
    client.force_login(contributor_a)
    assert links_on(client, closed) == set()
    published = make_round(partnership_a, framework, status=AssessmentStatus.PUBLISHED)
    make_agreed(published, strategy, 3)
    assert links_on(client, published) == {"results"}


def test_the_compare_page_names_elements_without_their_codes(
    client, lead_a, partnership_a, framework, strategy
):
    spring = make_round(partnership_a, framework, status=AssessmentStatus.PUBLISHED, name="Spring")
    autumn = make_round(partnership_a, framework, status=AssessmentStatus.AGREED, name="Autumn")
    make_agreed(spring, strategy, 2)
    make_agreed(autumn, strategy, 3)
    client.force_login(lead_a)
    page = client.get(url("compare", autumn) + f"?with={spring.pk}").content.decode()
    assert f"{strategy.title}</th>" in page and "up 1" in page
    codes = list(framework.elements.values_list("code", flat=True))
    assert [code for code in codes if f"({code})" in page or f">{code}<" in page] == []


def test_the_library_shows_no_code_in_element_headings(client, lead_a, framework, strategy):
    client.force_login(lead_a)
    target = reverse("library:framework-detail", args=[framework.code, framework.version])
    page = client.get(target).content.decode()
    heading = page.split(f'id="element-{strategy.code}">', 1)[1].split("</h3>", 1)[0]
    assert heading == strategy.title


def test_evidence_addresses_are_links_and_nothing_else_is(client, lead_a, closed_round, strategy):
    links = "\n".join(
        [
            "https://example.org/report?a=1&b=2",
            "javascript:alert(1)",
            "www.example.org/no-scheme",
            'https://example.org/"><script>alert(1)</script>',
            "See https://example.org/inside a sentence",
        ]
    )
    make_response(
        closed_round, strategy, lead_a, 3, evidence="http://example.org/plan", links=links
    )
    client.force_login(lead_a)
    page = client.get(url("element", closed_round, code=strategy.code)).content.decode()
    assert (
        '<a class="govuk-link" href="https://example.org/report?a=1&amp;b=2" '
        'rel="noopener noreferrer">https://example.org/report?a=1&amp;b=2</a>'
    ) in page
    assert '<a class="govuk-link" href="http://example.org/plan" rel="noopener noreferrer">' in page
    assert 'href="javascript' not in page and "javascript:alert(1)" in page
    assert 'href="www.' not in page
    assert "<script>alert(1)" not in page
    assert "See https://example.org/inside a sentence" in page


@pytest.mark.parametrize(
    "text,href",
    [
        ("https://example.org/a", "https://example.org/a"),
        ("  HTTP://Example.org/a  ", "HTTP://Example.org/a"),
        ("ftp://example.org/a", ""),
        ("https://", ""),
        ("mailto:someone@example.org", ""),
        ("https://[::1", ""),
        ("A report, https://example.org", ""),
    ],
)
def test_only_a_line_that_is_one_http_address_links(text, href):
    assert evidence_lines(text) == [{"text": text, "href": href}]


def test_every_line_is_kept():
    assert [line["text"] for line in evidence_lines("one\r\n\r\nhttps://b.example")] == [
        "one",
        "",
        "https://b.example",
    ]
