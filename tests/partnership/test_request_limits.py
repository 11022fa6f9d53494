"""Request bodies over their page's limit are refused (413) before a byte of them is read."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import reverse

from assessments.models import Framework
from continuum.models import Service
from partnership.request_limits import RequestSizeMiddleware

MB = 1024 * 1024


def big_file(size: int, name: str = "big.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"[" + b" " * (size - 2) + b"]", "application/json")


def assert_refused_unread(response):
    assert response.status_code == 413
    assert "What you sent is too large" in response.content.decode()
    # Not a byte of the body was read, so none of it was held or spooled to disk.
    assert not response.wsgi_request._read_started


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


def test_a_large_body_to_the_sign_in_page_is_refused_unread(client, db, upload_dir):
    response = client.post(
        reverse("login"), {"username": "a@b.example", "password": "x", "file": big_file(3 * MB)}
    )
    assert_refused_unread(response)
    assert list(upload_dir.iterdir()) == []
    assert "_auth_user_id" not in client.session


def test_a_large_urlencoded_body_is_refused_too(client, db):
    response = client.post(
        reverse("login"),
        "username=" + "a" * (2 * MB),
        content_type="application/x-www-form-urlencoded",
    )
    assert_refused_unread(response)


def test_the_limit_is_a_setting(client, db, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post(reverse("login"), {"username": "a" * 2000, "password": "x"})
    assert response.status_code == 413
    assert "up to 1000" in response.content.decode()


class Endless:
    """A body that never ends, counting what is read of it."""

    def __init__(self):
        self.read_bytes = 0

    def read(self, size=-1):
        assert size >= 0, "an endless body was read to its end"
        self.read_bytes += size
        return b"x" * size

    def close(self):
        pass


@pytest.mark.parametrize("content_type", ["application/octet-stream", "multipart/form-data"])
def test_a_body_longer_than_it_claims_is_cut_off_at_the_limit(rf, settings, content_type):
    settings.REQUEST_MAX_BYTES = 1024
    request = rf.post("/accounts/login/", b"x" * 10, content_type=f"{content_type}; boundary=b")
    request.user = AnonymousUser()
    # A server that hands over the whole stream (chunked, or a lying Content-Length).
    request._stream = body = Endless()
    middleware = RequestSizeMiddleware(lambda r: HttpResponse())
    response = middleware.process_view(request, lambda r: HttpResponse(), (), {})
    assert response.status_code == 413
    assert body.read_bytes <= 1025  # the limit, and one byte to know it was passed


# The import page: leads may send a feed up to SERVICE_IMPORT_MAX_BYTES, nobody else


def import_url(partnership):
    return reverse("continuum:import", args=[partnership.slug])


def test_an_anonymous_upload_to_the_import_page_is_refused_unread(client, partnership_a):
    assert_refused_unread(client.post(import_url(partnership_a), {"feed": big_file(2 * MB)}))


def test_a_contributors_upload_to_the_import_page_is_refused_unread(
    client, contributor_a, partnership_a
):
    client.force_login(contributor_a)
    assert_refused_unread(client.post(import_url(partnership_a), {"feed": big_file(2 * MB)}))


def test_a_lead_imports_a_feed_larger_than_the_ordinary_limit(
    client, lead_a, partnership_a, settings
):
    settings.REQUEST_MAX_BYTES = 4096
    services = [{"id": str(i), "name": f"Service {i}", "description": "x" * 100} for i in range(80)]
    content = json.dumps(services).encode()
    assert len(content) > settings.REQUEST_MAX_BYTES
    client.force_login(lead_a)
    feed = SimpleUploadedFile("feed.json", content, "application/json")
    response = client.post(import_url(partnership_a), {"feed": feed})
    assert response.status_code == 200
    assert "80 services were created" in response.content.decode()
    assert Service.objects.count() == 80


def test_a_lead_sending_far_over_the_import_limit_gets_413(client, lead_a, partnership_a, settings):
    settings.REQUEST_MAX_BYTES = 1024
    settings.SERVICE_IMPORT_MAX_BYTES = 1024
    client.force_login(lead_a)
    assert_refused_unread(client.post(import_url(partnership_a), {"feed": big_file(4096)}))


# The admin's framework upload: superusers only


def admin_upload(client, size):
    url = reverse("admin:assessments_framework_upload")
    return client.post(url, {"file": big_file(size, "framework.json")})


def test_an_admin_uploads_a_framework_file_larger_than_the_ordinary_limit(client, admin_user):
    client.force_login(admin_user)
    response = admin_upload(client, 2 * MB)
    assert response.status_code == 200
    assert "The file was refused" in response.content.decode()  # it is not a framework
    assert not Framework.objects.exists()


def test_a_staff_member_who_is_not_a_superuser_gets_413_for_a_large_upload(client, lead_a):
    lead_a.is_staff = True
    lead_a.save()
    client.force_login(lead_a)
    assert_refused_unread(admin_upload(client, 2 * MB))


def test_an_anonymous_large_upload_to_the_admin_is_refused_unread(client, db):
    assert_refused_unread(admin_upload(client, 2 * MB))
