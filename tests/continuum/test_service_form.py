"""The service form as a lead meets it: placement first, one "Who it is for", boxes in GOV.UK
style, the shared date pattern, and an imported service's own description beside the placement."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from continuum.models import Service
from tests.continuum.conftest import FEEDS
from tests.continuum.factories import make_service


def add_url(partnership) -> str:
    return reverse("continuum:service-add", args=[partnership.slug])


def edit_url(service) -> str:
    return reverse("continuum:service-edit", args=[service.partnership.slug, service.pk])


def field_names(page: str) -> list[str]:
    """The form's questions in the order the page asks them, each once."""
    names = re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', page)
    # The header's English / Cymraeg switch is a form of its own, not one of these questions.
    skip = {"csrfmiddlewaretoken", "next", "language"}
    return list(dict.fromkeys(n for n in names if n not in skip))


def tag_of(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*\bname="{name}"[^>]*>', page, re.S).group(0)


def test_the_placement_comes_first(client, lead_a, partnership_a, taxonomies):
    client.force_login(lead_a)
    page = client.get(add_url(partnership_a)).content.decode()
    assert field_names(page)[:4] == ["terms_level", "terms_thrive", "terms_audience", "name"]
    headings = re.findall(r'<h2 class="govuk-heading-m">([^<]+)</h2>', page)
    assert headings == [
        "Where it sits on the continuum",
        "About the service",
        "Who can use it, and how",
        "Contact and review",
    ]


def test_the_error_summary_follows_the_order_of_the_page(
    client, lead_a, partnership_a, council_a, taxonomies
):
    client.force_login(lead_a)
    data = {"provider": council_a.pk, "status": "active", "terms_level": "999999", "name": ""}
    page = client.post(add_url(partnership_a), data).content.decode()
    start = page.index("govuk-error-summary__list")
    summary = page[start : page.index("</ul>", start)]
    assert summary.index("#id_terms_level_1") < summary.index("#id_name")
    assert not Service.objects.exists()


def test_who_it_is_for_is_asked_once(client, lead_a, partnership_a, service_a):
    client.force_login(lead_a)
    for url in (add_url(partnership_a), edit_url(service_a), service_a.get_absolute_url()):
        page = client.get(url).content.decode()
        assert page.count("Who it is for") == 1, url
        assert "Eligibility" in page


def test_the_website_box_is_a_govuk_web_address_input_with_a_hint(
    client, lead_a, partnership_a, taxonomies
):
    client.force_login(lead_a)
    page = client.get(add_url(partnership_a)).content.decode()
    box = tag_of(page, "url")
    assert 'type="url"' in box
    assert "govuk-input" in box.split('class="')[1].split('"')[0].split()
    assert 'aria-describedby="id_url_hint"' in box
    assert re.search(r'id="id_url_hint"[^>]*>\s*For example, https://www.example.org/', page)


@pytest.mark.parametrize(
    "name,message",
    [
        ("url", "Enter a web address in the correct format, like https://www.example.org"),
        ("email", "Enter an email address in the correct format, like name@example.org"),
    ],
)
def test_a_bad_address_is_explained_and_marked_on_its_box(
    client, lead_a, partnership_a, council_a, taxonomies, name, message
):
    client.force_login(lead_a)
    data = {"name": "Baby café", "provider": council_a.pk, "status": "active", name: "not one"}
    page = client.post(add_url(partnership_a), data).content.decode()
    assert message in page
    assert "govuk-input--error" in tag_of(page, name)
    assert not Service.objects.exists()


def test_last_reviewed_uses_the_date_pattern_of_every_other_date(
    client, lead_a, partnership_a, council_a, taxonomies
):
    client.force_login(lead_a)
    box = tag_of(client.get(add_url(partnership_a)).content.decode(), "last_reviewed")
    assert 'type="date"' in box and "govuk-input--width-10" in box
    data = {"name": "Baby café", "provider": council_a.pk, "status": "active"}
    page = client.post(
        add_url(partnership_a), {**data, "last_reviewed": "31/03/2027"}
    ).content.decode()
    assert "Last reviewed must be a real date, like 2027-03-31" in page
    assert "govuk-input--error" in tag_of(page, "last_reviewed")
    assert not Service.objects.exists()
    client.post(add_url(partnership_a), {**data, "last_reviewed": "2026-03-31"})
    assert str(Service.objects.get().last_reviewed) == "2026-03-31"


def test_less_common_terms_wait_behind_details_open_when_chosen(
    client, lead_a, partnership_a, service_a
):
    client.force_login(lead_a)
    page = client.get(add_url(partnership_a)).content.decode()
    assert page.count('<details class="govuk-details">') == 2
    # The stay-and-play carries a NEST theme but no risk or protective factor.
    page = client.get(edit_url(service_a)).content.decode()
    nest, factors = re.findall(r'<details class="govuk-details"( open)?>', page)
    assert (nest, factors) == (" open", "")


def test_an_edit_saved_as_shown_keeps_every_term(client, lead_a, partnership_a, service_a):
    client.force_login(lead_a)
    page = client.get(edit_url(service_a)).content.decode()
    chosen = re.findall(
        r'name="(terms_\w+)"\s+class="[^"]*"\s+id="[^"]*"\s+value="(\d+)"\s+checked', page
    )
    seen = re.search(r'name="seen" value="([^"]+)"', page).group(1)
    data = {"name": service_a.name, "provider": service_a.provider_id, "status": "active"}
    data |= {"capacity": "200", "seen": seen}
    for name, value in chosen:
        data.setdefault(name, []).append(value)
    before = service_a.modified
    assert client.post(edit_url(service_a), data).status_code == 302
    service_a.refresh_from_db()
    assert service_a.modified == before
    assert len(chosen) == service_a.terms.count() == 6


# How an imported service's feed describes it


def import_feed(client, partnership, name: str) -> None:
    client.post(
        reverse("continuum:import", args=[partnership.slug]),
        {"feed": SimpleUploadedFile(name, (FEEDS / name).read_bytes())},
    )


def test_an_import_keeps_the_feeds_own_categories_and_audience(
    client, lead_a, partnership_a, taxonomies
):
    client.force_login(lead_a)
    import_feed(client, partnership_a, "v1-council.json")
    service = Service.objects.get(partnership=partnership_a, source_id="1001")
    assert service.feed_description == {
        "categories": [
            "Getting Advice and Signposting (THRIVE)",
            "Parenting support (esdServiceTypes)",
        ],
        "audiences": [],
        "attending": ["venue", "drop-in"],
        "eligibility": "Parents and carers of babies under one",
        "minimum_age": "0",
        "maximum_age": "1",
    }


def test_importing_again_updates_what_the_feed_says(client, lead_a, partnership_a, taxonomies):
    client.force_login(lead_a)
    import_feed(client, partnership_a, "v1-council.json")
    service = Service.objects.get(partnership=partnership_a, source_id="1003")
    Service.objects.filter(pk=service.pk).update(feed_description={"categories": ["Old"]})
    import_feed(client, partnership_a, "v1-council.json")
    service.refresh_from_db()
    assert service.feed_description["categories"] == ["Prevention (Continuum of support)"]
    assert service.feed_description["maximum_age"] == "2"


def test_the_form_and_page_show_the_feeds_description_beside_the_placement(
    client, lead_a, partnership_a, taxonomies
):
    client.force_login(lead_a)
    import_feed(client, partnership_a, "v1-council.json")
    service = Service.objects.get(partnership=partnership_a, source_id="1001")
    for url in (edit_url(service), service.get_absolute_url()):
        page = client.get(url).content.decode()
        inset = re.search(r'<section [^>]*id="feed-description"[^>]*>(.*?)</section>', page, re.S)
        text = " ".join(re.sub(r"<[^>]+>", " ", inset.group(1)).split())
        assert text == (
            "The feed describes this service as: Categories Getting Advice and Signposting "
            "(THRIVE), Parenting support (esdServiceTypes) Attending venue, drop-in "
            "Eligibility Parents and carers of babies under one Ages 0 to 1 years"
        )
        assert 'class="govuk-summary-list"' in inset.group(0).replace(
            " govuk-!-margin-bottom-0", ""
        )
    form = client.get(edit_url(service)).content.decode()
    assert form.index('id="feed-description"') < form.index('name="terms_level"')


def test_the_feeds_description_is_escaped(client, lead_a, partnership_a, council_a, taxonomies):
    service = make_service(
        partnership_a,
        "Imported group",
        provider=council_a,
        source="feed.json",
        source_id="x1",
        feed_description={
            "categories": ['<script>alert("term")</script> (<b>vocab</b>)'],
            "eligibility": "<img src=x onerror=alert(1)>",
            "maximum_age": "5",
        },
    )
    client.force_login(lead_a)
    for url in (edit_url(service), service.get_absolute_url()):
        page = client.get(url).content.decode()
        assert (
            "&lt;script&gt;alert(&quot;term&quot;)&lt;/script&gt; (&lt;b&gt;vocab&lt;/b&gt;)"
            in page
        )
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "<img src=x" not in page and "<b>vocab" not in page
        assert re.search(r"Ages</dt>\s*<dd[^>]*>up to 5 years</dd>", page)


def test_a_service_entered_by_hand_shows_no_feed_description(
    client, lead_a, partnership_a, service_a
):
    client.force_login(lead_a)
    for url in (edit_url(service_a), service_a.get_absolute_url()):
        assert "The feed describes this service as" not in client.get(url).content.decode()


# The service map's sub-navigation


@pytest.mark.parametrize(
    "url_name,current",
    [
        ("service-list", "Services"),
        ("matrix", "Coverage matrix"),
        ("pathway", "Pathway"),
        ("location-list", "Locations"),
        ("import", "Import a feed"),
    ],
)
def test_the_sub_navigation_marks_the_page_being_shown(
    client, lead_a, partnership_a, service_a, url_name, current
):
    client.force_login(lead_a)
    page = client.get(reverse(f"continuum:{url_name}", args=[partnership_a.slug])).content.decode()
    nav = re.search(
        r'<nav class="govuk-service-navigation[^"]*" aria-label="Service map">(.*?)</nav>',
        page,
        re.S,
    )
    marked = re.findall(r'aria-current="page">\s*<strong[^>]*>([^<]+)</strong>', nav.group(1))
    assert marked == [current]
    assert nav.group(1).count("govuk-service-navigation__item--active") == 1


def test_the_sub_navigation_offers_import_to_leads_only(client, viewer_a, partnership_a, service_a):
    client.force_login(viewer_a)
    page = client.get(reverse("continuum:service-list", args=[partnership_a.slug])).content.decode()
    assert 'aria-label="Service map"' in page
    assert "Import a feed" not in page
