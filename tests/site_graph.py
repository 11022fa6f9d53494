"""Partnership A with a round in each state and a person in every role: the site-wide checks
(axe on every page, every page in Welsh) open every page of Cradle as each of them."""

import dataclasses

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_area, make_oversight, make_user
from tests.security.conftest import build_framework, build_round, build_world
from tests.security.routes import WORKING_URLS, all_routes, url_for

AWAITING_CODE = "awaiting_code"
ROUND_STATES = ["draft", "closed", "agreed", "published"]  # besides the world's own open round


@dataclasses.dataclass
class Site:
    rounds: list  # the partnership's `World` once for each of its rounds
    people: dict  # role → user (None: not signed in)


def build_site() -> Site:
    """Partnership A with a round in each state, its members, a commissioner and an admin."""
    england = make_area("E92000001", "England")
    region = make_area("E12000002", "North West", parent=england)
    world = build_world("alpha", make_area("E08000990", "Alpha", parent=region), build_framework())
    # Families' public summary is a page only where the lead publishes it.
    world.survey.public_summary = True
    world.survey.save()
    rounds = [world]
    for status in ROUND_STATES:
        assessment, action = build_round(world, status=status, name=f"{status.title()} round")
        rounds.append(dataclasses.replace(world, assessment=assessment, action=action))
    commissioner = make_user("commissioner@nw.example")
    make_oversight(commissioner, area=region)
    people = {
        "anonymous": None,
        "contributor": world.contributor,
        "viewer": world.viewer,
        "commissioner": commissioner,
        "admin": make_user("admin@example.org", is_staff=True, is_superuser=True),
        "lead": world.lead,
        # Signed in with a password, asked for a code from the app they set up: the second
        # step's own pages are theirs.
        AWAITING_CODE: make_user("awaiting-code@example.org"),
    }
    TOTPDevice.objects.create(user=people[AWAITING_CODE], name="Authenticator app")
    return Site(rounds, people)


def urls_by_route(rounds: list) -> dict[str, list[str]]:
    """Every URL pattern's URLs: one per round where the round is in it, once otherwise."""
    urls = {}
    for route in all_routes():
        filled = [url_for(route, world) for world in rounds]
        if route.name in WORKING_URLS:
            filled.append(WORKING_URLS[route.name](rounds[0]))
        urls[route.name] = list(dict.fromkeys(filled))
    return urls
