"""Plain `make_*` factories: each creates one row with believable defaults."""

from itertools import count

from django.test import Client

from partnership.models import Area, Membership, Organisation, Oversight, Partnership, Role, User
from twostep.gate import mark_passed

PASSWORD = "correct-horse-battery-staple"
_serial = count(1)


def make_user(email: str | None = None, **fields) -> User:
    email = email or f"person{next(_serial)}@example.org"
    return User.objects.create_user(email=email, password=PASSWORD, **fields)


def make_area(gss_code: str, name: str = "", **fields) -> Area:
    return Area.objects.create(gss_code=gss_code, name=name or gss_code, **fields)


def make_partnership(slug: str, name: str = "", **fields) -> Partnership:
    return Partnership.objects.create(slug=slug, name=name or slug.title(), **fields)


def make_organisation(partnership: Partnership, name: str = "", **fields) -> Organisation:
    fields.setdefault("sector", "local-authority")
    name = name or f"Organisation {next(_serial)}"
    return Organisation.objects.create(partnership=partnership, name=name, **fields)


def make_member(
    partnership: Partnership,
    role: Role = Role.CONTRIBUTOR,
    user: User | None = None,
    organisation: Organisation | None = None,
) -> Membership:
    return Membership.objects.create(
        partnership=partnership,
        user=user or make_user(),
        organisation=organisation or make_organisation(partnership),
        role=role,
    )


def make_oversight(user: User, *, area: Area | None = None, partnerships=()) -> Oversight:
    oversight = Oversight.objects.create(user=user, area=area)
    oversight.partnerships.set(partnerships)
    return oversight


def pass_second_step(client: Client, user: User | None = None) -> None:
    """Marks the signed-in test client's session as past the second step of signing in (as
    whoever is signed in, unless `user` is given)."""
    session = client.session
    mark_passed(session, user or User.objects.get(pk=session["_auth_user_id"]))
    session.save()
