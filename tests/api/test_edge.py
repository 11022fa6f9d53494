"""What every API answer has and the site's pages do not: CORS, ETags, a throttle."""

from django.urls import reverse

from tests.api.conftest import publish


def test_api_answers_carry_cors_headers_and_pages_do_not(client, partnership_a):
    publish(partnership_a)
    api = client.get(reverse("api:oruk-services", args=[partnership_a.slug]))
    assert api["Access-Control-Allow-Origin"] == "*"
    assert client.get(reverse("api:openapi-json"))["Access-Control-Allow-Origin"] == "*"
    page = client.get(reverse("home"))
    assert page.status_code == 200 and "Access-Control-Allow-Origin" not in page


def test_a_preflight_is_answered(client, partnership_a):
    publish(partnership_a, oruk="token")
    response = client.options(
        reverse("api:oruk-services", args=[partnership_a.slug]),
        HTTP_ORIGIN="https://directory.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert response.status_code == 204
    assert "Authorization" in response["Access-Control-Allow-Headers"]


def test_an_unchanged_page_is_a_304(client, partnership_a, service_a):
    publish(partnership_a)
    url = reverse("api:oruk-services", args=[partnership_a.slug])
    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    service_a.name = "Renamed stay-and-play"
    service_a.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_one_address_is_throttled_and_another_is_not(client, partnership_a, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    publish(partnership_a)
    url = reverse("api:oruk-root", args=[partnership_a.slug])
    statuses = [client.get(url, REMOTE_ADDR="10.0.0.1").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get(url, REMOTE_ADDR="10.0.0.1")
    assert refused["Retry-After"] == "60" and "Too many requests" in refused.json()["error"]
    assert client.get(url, REMOTE_ADDR="10.0.0.2").status_code == 200
    # The site's pages are not counted against anyone.
    assert client.get(reverse("home"), REMOTE_ADDR="10.0.0.1").status_code == 200


def test_the_api_refuses_every_method_but_reading(client, partnership_a):
    publish(partnership_a)
    url = reverse("api:oruk-services", args=[partnership_a.slug])
    for send in (client.post, client.put, client.delete):
        response = send(url)
        assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"


def test_head_answers_like_get_without_the_body(client, partnership_a, service_a):
    publish(partnership_a)
    url = reverse("api:oruk-services", args=[partnership_a.slug])
    got, head = client.get(url), client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == got["ETag"]
    assert head["Content-Length"] == str(len(got.content))
