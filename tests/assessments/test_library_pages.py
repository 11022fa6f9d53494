"""The framework library pages and the admin's upload with a dry run."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Framework

FILES = Path(__file__).parent / "framework_files"


@pytest.fixture
def library(db):
    call_command("load_taxonomies", stdout=StringIO())
    call_command("load_frameworks", stdout=StringIO())


def test_the_library_lists_the_frameworks(client, library, viewer_a):
    client.force_login(viewer_a)
    html = client.get(reverse("library:framework-list")).content.decode()
    assert "Maternity and early years system maturity" in html
    assert "THRIVE implementation" in html
    assert html.count('href="/frameworks/') == 8 + 1  # eight frameworks and the navigation link


def test_a_framework_page_shows_dimensions_elements_and_descriptors(client, library, outsider):
    framework = Framework.objects.get(code="maternity-early-years")
    element = framework.elements.first()
    client.force_login(outsider)
    response = client.get(framework.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for dimension in ["Plan", "Lead", "Deliver", "Evaluate"]:
        assert f">{dimension}</h2>" in html
    assert element.title in html
    for descriptor in element.descriptors.all():
        assert descriptor.text.replace("'", "&#x27;") in html
    assert "What good looks like" in html
    assert framework.confidence.split(".")[0].replace("'", "&#x27;") in html


def test_the_framework_page_runs_the_same_queries_whatever_its_size(
    client, library, viewer_a, django_assert_max_num_queries
):
    client.force_login(viewer_a)
    small = Framework.objects.get(code="trauma-informed")
    large = Framework.objects.get(code="perinatal-pathway")
    assert large.elements.count() > 2 * small.elements.count()
    with django_assert_max_num_queries(12):
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(12):
        client.get(large.get_absolute_url())


def test_an_unknown_framework_is_404(client, library, viewer_a):
    client.force_login(viewer_a)
    assert client.get("/frameworks/no-such/1.0/").status_code == 404


def test_the_library_needs_sign_in(client, library):
    response = client.get(reverse("library:framework-list"))
    assert response.status_code == 302


def upload(client, name):
    return client.post(
        reverse("admin:assessments_framework_upload"),
        {"file": SimpleUploadedFile(name, (FILES / name).read_bytes())},
    )


def test_admin_upload_shows_the_dry_run_then_loads_on_confirm(client, library, admin_user):
    client.force_login(admin_user)
    response = upload(client, "valid.json")
    html = response.content.decode()
    assert "Dry run: what loading this file would do" in html
    assert "added framework test-readiness 1.0 (2 elements)" in html
    assert not Framework.objects.filter(code="test-readiness").exists()

    confirm = response.context["confirm"]
    response = client.post(
        reverse("admin:assessments_framework_upload"),
        {**confirm.initial, "confirm": "1"},
    )
    assert response.status_code == 302
    assert Framework.objects.filter(code="test-readiness").exists()


def test_admin_upload_of_a_bad_file_lists_the_problems_and_offers_no_confirm(
    client, library, admin_user
):
    client.force_login(admin_user)
    response = upload(client, "missing-descriptor.json")
    html = response.content.decode()
    assert "The file was refused" in html
    path = "$.dimensions[0].elements[1].descriptors"
    assert f"missing-descriptor.json: {path}: missing a descriptor for level 2" in html
    assert "Confirm and load" not in html
    assert response.status_code == 200


def test_admin_upload_refuses_a_non_superuser(client, library, lead_a):
    lead_a.is_staff = True
    lead_a.save()
    client.force_login(lead_a)
    response = upload(client, "valid.json")
    assert response.status_code == 403
    assert not Framework.objects.filter(code="test-readiness").exists()


@pytest.mark.parametrize("depth", [100_000, 200])
def test_admin_upload_of_a_deeply_nested_file_says_so_and_loads_nothing(
    client, library, admin_user, depth
):
    frameworks = Framework.objects.count()
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:assessments_framework_upload"),
        {"file": SimpleUploadedFile("deep.json", b"[" * depth + b"]" * depth)},
    )
    assert response.status_code == 200
    assert "deep.json: $: the file is nested too deeply" in response.content.decode()
    assert "Confirm and load" not in response.content.decode()
    assert Framework.objects.count() == frameworks
