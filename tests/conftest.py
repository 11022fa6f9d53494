"""Personas shared by every test: two partnerships and the people around them.

- lead_a, contributor_a, viewer_a: members of partnership A in each role;
- lead_b: the lead of partnership B, an outsider to A with a real account elsewhere;
- commissioner: read-only oversight of A (through A's region), none of B;
- outsider: signed in, no link to any partnership;
- admin: a superuser.
"""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from assessments import structure
from partnership.models import Role
from tests.factories import (
    make_area,
    make_member,
    make_organisation,
    make_oversight,
    make_partnership,
    make_user,
    pass_second_step,
)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def pages_drawn_in_another_test_are_forgotten(settings, tmp_path_factory):
    """The dashboards and board reports are kept once drawn, keyed by data versions
    (partnership.versions). A test's transaction is rolled back, and SQLite hands the same ids
    and counters out again to the next test, so each test starts with empty caches, as a fresh
    installation does: each cache in a folder of its own."""
    settings.CACHES = {
        **settings.CACHES,
        **{
            name: {**settings.CACHES[name], "LOCATION": str(tmp_path_factory.mktemp(name))}
            for name in ["pages", "reports"]
        },
    }


@pytest.fixture(autouse=True)
def structures_read_in_another_test_are_forgotten():
    """Frameworks' structures are kept per process under the library's data version
    (assessments.structure), which SQLite hands out again after a rollback, as it does ids."""
    structure.forget()
    yield
    structure.forget()


@pytest.fixture(autouse=True)
def each_test_starts_in_english():
    """A request in Welsh leaves Welsh active on the thread, as Django's LocaleMiddleware does
    between requests; each test starts, and leaves, in the site's default language."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def force_login_passes_the_second_step(request, monkeypatch):
    """`client.force_login(user)` signs in with both steps done, so that a test of a lead's or
    an admin's page need not know about two-step verification. Tests of the second step itself
    are marked `password_only`: their force_login is the first step alone."""
    if request.node.get_closest_marker("password_only"):
        return
    force_login = Client.force_login

    def force_login_both_steps(self, user, backend=None):
        force_login(self, user, backend)
        pass_second_step(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_both_steps)


@pytest.fixture
def areas(db):
    england = make_area("E92000001", "England")
    north_west = make_area("E12000002", "North West", parent=england)
    london = make_area("E12000007", "London", parent=england)
    icb = make_area("E54000990", "NHS Test ICB")
    return {
        "england": england,
        "north_west": north_west,
        "icb": icb,
        "a": make_area("E08000990", "Ashworth", parent=north_west, icb=icb),
        "b": make_area("E09000990", "Brookfield", parent=london),
    }


@pytest.fixture
def partnership_a(areas):
    partnership = make_partnership("ashworth", "Ashworth Best Start")
    partnership.areas.add(areas["a"])
    return partnership


@pytest.fixture
def partnership_b(areas):
    partnership = make_partnership("brookfield", "Brookfield Early Years")
    partnership.areas.add(areas["b"])
    return partnership


@pytest.fixture
def council_a(partnership_a):
    return make_organisation(partnership_a, "Ashworth Council", sector="local-authority")


@pytest.fixture
def lead_a(partnership_a, council_a):
    return make_member(
        partnership_a,
        Role.LEAD,
        user=make_user("lead@a.example", full_name="Alice Lead"),
        organisation=council_a,
    ).user


@pytest.fixture
def contributor_a(partnership_a):
    health = make_organisation(partnership_a, "Ashworth Health Visiting", sector="health-visiting")
    return make_member(
        partnership_a,
        Role.CONTRIBUTOR,
        user=make_user("contributor@a.example", full_name="Cara Contributor"),
        organisation=health,
    ).user


@pytest.fixture
def viewer_a(partnership_a):
    parents = make_organisation(partnership_a, "Ashworth Parents", sector="parent-carer")
    return make_member(
        partnership_a,
        Role.VIEWER,
        user=make_user("viewer@a.example", full_name="Vic Viewer"),
        organisation=parents,
    ).user


@pytest.fixture
def lead_b(partnership_b):
    return make_member(
        partnership_b, Role.LEAD, user=make_user("lead@b.example", full_name="Bob Lead")
    ).user


@pytest.fixture
def commissioner(areas):
    user = make_user("commissioner@nw.example", full_name="Nia Commissioner")
    make_oversight(user, area=areas["north_west"])
    return user


@pytest.fixture
def outsider(db):
    return make_user("outsider@example.org", full_name="Olly Outsider")


@pytest.fixture
def admin_user(db):
    return make_user("admin@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def personas(lead_a, contributor_a, viewer_a, lead_b, commissioner, outsider, admin_user):
    return {
        "lead_a": lead_a,
        "contributor_a": contributor_a,
        "viewer_a": viewer_a,
        "lead_b": lead_b,
        "commissioner": commissioner,
        "outsider": outsider,
        "admin": admin_user,
    }
