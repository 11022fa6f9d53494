"""Random unicode, NUL bytes and very long strings into every form: never a server error."""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.routes import all_routes, url_for
from tests.security.test_permission_matrix import read_matrix

ANSWERS = {200, 302, 400, 403, 404, 409}
FORM = re.compile(r'<form([^>]*)\bmethod="post"([^>]*)>(.*?)</form>', re.S | re.I)
ACTION = re.compile(r'\baction="([^"]*)"')
FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=10).map(
        lambda s: s + "\x00"
    ),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.just("x" * 120_000),
)


def form_routes() -> list:
    """Pages a lead can open and post back to, by the permission matrix."""
    matrix = read_matrix()
    return [
        route
        for route in all_routes()
        if matrix.get((route.name, "GET"), {}).get("lead") == 200
        and matrix.get((route.name, "POST"), {}).get("lead") not in (None, 405)
    ]


@pytest.mark.parametrize("route", form_routes(), ids=lambda r: r.name)
def test_random_input_never_causes_a_server_error(worlds, route):
    a, _, _ = worlds
    client = Client()
    client.force_login(a.lead)
    url = url_for(route, a)
    page = client.get(url)
    forms = FORM.findall(page.content.decode(errors="replace")) if page.status_code == 200 else []
    # The page's own forms: POST forms with no action, or whose action is this page.
    own = []
    for before, after, body in forms:
        action = ACTION.search(before + after)
        if action is None or action.group(1) in ("", url):
            own.append(body)
    names = sorted({n for body in own for n in FIELD.findall(body)} - {"csrfmiddlewaretoken"})
    if not names:
        pytest.skip("no form posts to this page")

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries({name: TEXT for name in names}))
    def post_random(data):
        response = client.post(url, data)
        assert response.status_code in ANSWERS, (url, response.status_code)

    post_random()
