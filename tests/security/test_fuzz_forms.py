"""Random unicode, NUL bytes and very long strings into every form: never a server error.

Some forms show only in one state of a round (the scope while it is a draft, the agreed rating
while it is closed): the round is moved to the first state whose page shows the form.
"""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.models import Assessment, AssessmentStatus
from tests.security.routes import WORKING_URLS, all_routes, url_for
from tests.security.test_permission_matrix import read_matrix

# 429: wrong current passwords on the password-change page lock the account, as at sign-in.
# 413: a generated body can pass REQUEST_MAX_BYTES, which is refused unread.
ANSWERS = {200, 302, 400, 403, 404, 409, 413, 429}
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
# Fields no form has: a form must ignore what it did not ask for.
STRAY_FIELDS = st.dictionaries(st.text(min_size=1, max_size=12), TEXT, max_size=2)


def form_routes() -> list:
    """Pages a lead can open and post back to, by the permission matrix."""
    matrix = read_matrix()
    return [
        route
        for route in all_routes()
        if matrix.get((route.name, "GET"), {}).get("lead") == 200
        and matrix.get((route.name, "POST"), {}).get("lead") not in (None, 405)
    ]


def own_form_fields(client: Client, url: str) -> tuple[str, list[str] | None]:
    """The page's address after redirects, and the fields of its own POST forms (None: none).

    Its own forms are those with no action, or whose action is the page itself; the sign-out
    form in the header is not one of them.
    """
    response = client.get(url, follow=True)
    url = response.request["PATH_INFO"]
    if response.status_code != 200:
        return url, None
    own = []
    for before, after, body in FORM.findall(response.content.decode(errors="replace")):
        action = ACTION.search(before + after)
        if action is None or action.group(1) in ("", url):
            own.append(body)
    if not own:
        return url, None
    return url, sorted({n for body in own for n in FIELD.findall(body)} - {"csrfmiddlewaretoken"})


def page_with_its_form(client: Client, route, world) -> tuple[str, list[str] | None]:
    """The page to post to and its fields, moving the round to a state that shows the form."""
    url, fields = own_form_fields(client, url_for(route, world))
    if fields is not None or not route.name.startswith("assessments:"):
        return url, fields
    for status in AssessmentStatus.values:
        Assessment.objects.filter(pk=world.assessment.pk).update(status=status)
        url, fields = own_form_fields(client, url_for(route, world))
        if fields is not None:
            return url, fields
    return url, None


@pytest.mark.parametrize("route", form_routes(), ids=lambda r: r.name)
def test_random_input_never_causes_a_server_error(worlds, route):
    a, _, _ = worlds
    client = Client()
    client.force_login(a.lead)
    if route.name in WORKING_URLS:
        url, names = own_form_fields(client, WORKING_URLS[route.name](a))
    else:
        url, names = page_with_its_form(client, route, a)
    assert names is not None, f"{route.name}: no round state shows a form that posts to it"

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries({name: TEXT for name in names}), STRAY_FIELDS)
    def post_random(data, stray):
        response = client.post(url, {**stray, **data})
        assert response.status_code in ANSWERS, (url, response.status_code)

    post_random()
