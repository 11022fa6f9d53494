"""Import fidelity: feeds we wrote that carry what real council feeds carry and an import
once lost (words run together, readable web addresses and emails dropped, organisation
websites, assured dates, audiences and attending types)."""

import datetime
import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest
from django.urls import reverse

from continuum.importers.oruk import clean_text
from continuum.importers.store import import_services
from continuum.models import Service
from partnership.models import Organisation
from tests.continuum.conftest import FEEDS, ORUK
from tests.factories import make_organisation

LIMIT = 10 * 1024 * 1024
V1, V3 = FEEDS / "v1-fidelity.json", FEEDS / "v3-fidelity.json"


def run(partnership, path):
    return import_services(
        partnership=partnership, data=path.read_bytes(), source=path.name, max_bytes=LIMIT
    )


def service(source_id: str) -> Service:
    return Service.objects.select_related("provider").get(source_id=source_id)


@pytest.fixture
def v1(partnership_a, taxonomies):
    return run(partnership_a, V1)


@pytest.fixture
def v3(partnership_a, taxonomies):
    return run(partnership_a, V3)


# 1. Words kept apart


def test_breaks_with_attributes_nested_lists_cells_and_closing_blocks_keep_words_apart(v1, v3):
    assert service("2001").description == (
        "Based in Bristol.\n"
        "Age 0 to 5.\n"
        "Offered:\n"
        "Free\n"
        "Weekly\n"
        "Monday St Paul's\n"
        "Tuesday Easton\n"
        "Updated 2024\n"
        "Who can come: anyone\n"
        "with a baby."
    )
    assert service("5b7e9a4c-2f5a-4d3b-9a51-0c2d7e1f3a10").description == (
        "Support for new dads\nOnline or in person"
    )


class EveryTagSeparates(HTMLParser):
    """An extraction written apart from the importer's, and cruder: every tag of any kind
    separates words. Where no tag falls inside a word, it gives the words a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = []

    def handle_data(self, data):
        self.chunks.append(data)

    def handle_starttag(self, tag, attrs):
        self.chunks.append(" ")

    def handle_endtag(self, tag):
        self.chunks.append(" ")

    def words(self, html: str) -> list[str]:
        self.feed(html)
        self.close()
        return "".join(self.chunks).split()


DESCRIPTIONS = [
    json.loads(V1.read_text())[0]["description"],
    '<p>Call us on Monday<br data-x="1"/>Tuesday<br\nclass="a">Friday</p>',
    "<ol><li>One<ol><li>Two<ul><li>Three</li></ul></li></ol></li><li>Four</li></ol>After",
    "<table><thead><tr><th>Day</th><th>Place</th></tr></thead>"
    "<tbody><tr><td>Monday</td><td>St Paul&#39;s</td></tr></tbody></table>Book ahead",
    "<section><h2>Cost</h2>Free</section><aside>Bring a towel</aside><dl><dt>Who</dt>"
    "<dd>Anyone</dd></dl>&nbsp;Done&amp;dusted",
    "Plain words with no markup at all",
]


@pytest.mark.parametrize("html", DESCRIPTIONS)
def test_clean_text_gives_the_same_words_as_an_independent_extraction(html):
    assert clean_text(html).split() == EveryTagSeparates().words(html)


def test_clean_text_keeps_one_line_per_block_and_each_break():
    assert clean_text("<div><p>One</p></div>\n  <div><p>Two</p></div>") == "One\nTwo"
    assert clean_text("One<br><br>Two") == "One\n\nTwo"
    assert clean_text("Zero\u200bwidth\u00a0space") == "Zerowidth space"


# 2. Web addresses a person reads as valid


@pytest.mark.parametrize(
    "source_id,url",
    [
        ("2001", "https://www.samaritans.org/branches/bristol"),
        ("2002", "http://www.example.co.uk"),
        ("2003", "https://kateartereft.com"),
        ("5b7e9a4c-2f5a-4d3b-9a51-0c2d7e1f3a10", "https://fathers.example.org"),
    ],
)
def test_readable_web_addresses_are_repaired_and_kept(v1, v3, source_id, url):
    assert service(source_id).url == url


def test_each_repair_is_reported_naming_the_service_and_field(v1):
    assert (
        "Bristol family drop-in (2001): its web address 'www.samaritans.org/branches/bristol' "
        "was repaired to 'https://www.samaritans.org/branches/bristol'"
    ) in v1.warnings
    assert (
        "Dads' group (2002): its web address 'http:www.example.co.uk' was repaired to "
        "'http://www.example.co.uk'"
    ) in v1.warnings
    assert (
        "Dads' group (2002): the website of its provider Example Dads "
        "'https:/example.co.uk' was repaired to 'https://example.co.uk'"
    ) in v1.warnings


def test_what_is_not_an_address_is_dropped_with_a_warning(v1):
    assert service("2004").url == ""
    assert service("2004").provider.website == ""
    assert (
        "Baby massage (2004): its web address 'Not applicable' is not valid and was left out"
        in v1.warnings
    )
    assert (
        "Baby massage (2004): the website of its provider No Web Org 'n/a' is not valid and "
        "was left out"
    ) in v1.warnings


def test_an_organisation_cited_by_many_services_is_warned_about_once(v1):
    assert sum("provider Kate Arte Reft" in line for line in v1.warnings) == 1


# 3. Emails


def test_emails_with_a_trailing_dot_or_zero_width_space_are_trimmed_and_kept(v1):
    assert service("2001").email == "dropin@bristol-families.example"
    assert service("2002").email == "dads@example.co.uk"
    assert any(line.startswith("Bristol family drop-in (2001): its email") for line in v1.warnings)
    assert service("2003").email == ""
    assert "Toy library (2003): its email address 'not an email' is not valid" in " ".join(
        v1.warnings
    )


# 4. Organisation websites


def test_new_organisations_get_the_feeds_website(v1, v3):
    websites = dict(Organisation.objects.values_list("name", "website"))
    assert websites["Kate Arte Reft"] == "https://kateartereft.com"
    assert websites["Example Dads"] == "https://example.co.uk"
    assert websites["Vale Fathers Network"] == "https://www.valefathers.example"


def test_a_recorded_organisation_gets_a_website_only_where_it_had_none(partnership_a, taxonomies):
    blank = make_organisation(partnership_a, "Kate Arte Reft")
    kept = make_organisation(partnership_a, "Example Dads")
    kept.website = "https://dads.example.org"
    kept.save()
    run(partnership_a, V1)
    blank.refresh_from_db()
    kept.refresh_from_db()
    assert blank.website == "https://kateartereft.com"
    assert kept.website == "https://dads.example.org"


def test_the_export_carries_imported_websites_and_dates_and_validates(
    client, viewer_a, partnership_a, v1, v3
):
    client.force_login(viewer_a)
    page = json.loads(
        client.get(reverse("continuum:export-json", args=[partnership_a.slug])).content
    )
    schema = json.loads((ORUK / "service.schema.json").read_text())
    checker = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    for item in page["contents"]:
        assert [e.message for e in checker.iter_errors(item)] == []
    by_name = {item["name"]: item for item in page["contents"]}
    assert by_name["Bristol family drop-in"]["organization"]["website"] == (
        "https://kateartereft.com"
    )
    assert by_name["Bristol family drop-in"]["assured_date"] == "2024-03-05"
    assert by_name["Fathers' perinatal support"]["organization"]["website"] == (
        "https://www.valefathers.example"
    )
    assert "website" not in by_name["Baby massage"]["organization"]


# 5. Assured date, audiences and attending type


def test_the_assured_date_becomes_the_last_reviewed_date(v1, v3):
    assert service("2001").last_reviewed == datetime.date(2024, 3, 5)
    assert service("2002").last_reviewed == datetime.date(2025, 6, 30)  # a date and time
    assert service("5b7e9a4c-2f5a-4d3b-9a51-0c2d7e1f3a10").last_reviewed == datetime.date(
        2025, 1, 10
    )
    assert service("2003").last_reviewed is None
    assert service("2004").last_reviewed is None
    warnings = " ".join(v1.warnings)
    assert "Toy library (2003): its assured date 'last spring' is not a date" in warnings
    assert "Baby massage (2004): its assured date 2999-01-01 is in the future" in warnings


def test_a_later_review_by_the_lead_is_kept_over_the_feeds(partnership_a, v1):
    Service.objects.filter(source_id="2001").update(last_reviewed=datetime.date(2026, 1, 15))
    Service.objects.filter(source_id="2002").update(last_reviewed=datetime.date(2020, 1, 1))
    run(partnership_a, V1)
    assert service("2001").last_reviewed == datetime.date(2026, 1, 15)
    assert service("2002").last_reviewed == datetime.date(2025, 6, 30)


def test_audiences_and_attending_types_are_kept_as_the_feed_says(v1, v3):
    first = service("2001").feed_description
    assert first["audiences"] == ["Parents, carers and babies"]
    assert first["attending"] == ["Venue", "Drop-in"]
    assert service("2002").feed_description["audiences"] == ["Fathers", "Male carers"]
    v3_service = service("5b7e9a4c-2f5a-4d3b-9a51-0c2d7e1f3a10").feed_description
    assert v3_service["audiences"] == ["Fathers"]
    assert v3_service["attending"] == ["You can attend in person or by video call"]
    assert v3_service["categories"] == ["Fathers (esdAudiences)"]


def feed_list(page: str) -> dict[str, str]:
    section = re.search(r'<section [^>]*id="feed-description".*?</section>', page, re.S).group(0)
    rows = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*<dd class="govuk-summary-list__value">'
        r"(.*?)</dd>",
        section,
        re.S,
    )
    return dict(rows)


def test_the_lead_sees_them_where_the_service_is_placed(client, lead_a, v1):
    client.force_login(lead_a)
    first = service("2001")
    for url in (
        first.get_absolute_url(),
        reverse("continuum:service-edit", args=[first.partnership.slug, first.pk]),
    ):
        rows = feed_list(client.get(url).content.decode())
        assert rows["Audiences"] == "Parents, carers and babies"
        assert rows["Attending"] == "Venue, Drop-in"
    page = client.get(first.get_absolute_url()).content.decode()
    assert "5 March 2024" in page  # its last reviewed date


def test_what_the_lead_sees_is_escaped(client, lead_a, partnership_a, v1):
    massage = service("2004")
    massage.feed_description["audiences"].append('<img src=x onerror="alert(1)">')
    massage.save()
    client.force_login(lead_a)
    page = client.get(massage.get_absolute_url()).content.decode()
    rows = feed_list(page)
    assert rows["Audiences"] == (
        "alert(&#x27;audience&#x27;), &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    )
    assert rows["Attending"] == "Online"
    assert "<img src=x" not in page and "<script>alert" not in page


# Importing again changes nothing


@pytest.mark.parametrize("path", [V1, V3])
def test_importing_the_same_feed_again_changes_nothing(partnership_a, taxonomies, path):
    run(partnership_a, path)

    def state():
        services = list(Service.objects.order_by("pk").values())
        organisations = list(Organisation.objects.order_by("pk").values())
        return services, organisations

    before = state()
    report = run(partnership_a, path)
    assert report.created == [] and report.organisations == []
    assert state() == before  # not even the modified time moves


def test_the_upload_page_reports_each_repair(client, lead_a, partnership_a, taxonomies):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(lead_a)
    response = client.post(
        reverse("continuum:import", args=[partnership_a.slug]),
        {"feed": SimpleUploadedFile(V1.name, V1.read_bytes(), content_type="application/json")},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "4 services were created, 0 updated and 0 skipped" in page
    assert (
        "Dads&#x27; group (2002): its web address &#x27;http:www.example.co.uk&#x27; was "
        "repaired to &#x27;http://www.example.co.uk&#x27;"
    ) in page
    assert Service.objects.get(source_id="2002").url == "http://www.example.co.uk"
