"""The demo partnership, its partners and one person per role. Safe to run again."""

from partnership.models import (
    Area,
    Membership,
    Organisation,
    Oversight,
    Partnership,
    Role,
    Sector,
    User,
)

DEMO_PASSWORD = "cradle-demo-2027"

# Ashworth is a made-up metropolitan borough; its region and nation codes are real.
AREAS = [
    # (GSS code, name, parent code, ICB code)
    ("E92000001", "England", None, None),
    ("E12000002", "North West", "E92000001", None),
    ("E54000990", "NHS Ashworth and Vale Integrated Care Board", None, None),
    ("E08000990", "Ashworth", "E12000002", "E54000990"),
]

ORGANISATIONS = [
    (
        "Ashworth Council Early Help",
        Sector.LOCAL_AUTHORITY,
        "https://www.ashworth.example/early-help",
    ),
    ("Ashworth Council Public Health", Sector.LOCAL_AUTHORITY, ""),
    ("Ashworth and Vale NHS Trust Health Visiting", Sector.HEALTH_VISITING, ""),
    ("Ashworth and Vale NHS Trust Perinatal Mental Health Team", Sector.NHS_TRUST, ""),
    ("Ashworth General Hospital Maternity Unit", Sector.MATERNITY, ""),
    ("NHS Ashworth and Vale ICB", Sector.ICB, ""),
    ("Millbank Medical Practice", Sector.PRIMARY_CARE, ""),
    ("Little Steps Parent-Infant Relationship Service", Sector.VOLUNTARY, ""),
    ("Ashworth Family Friends", Sector.VOLUNTARY, ""),
    ("Ashworth Early Years Alliance", Sector.EARLY_YEARS, ""),
    ("Ashworth Parents' Voice", Sector.PARENT_CARER, ""),
]

MEMBERS = [
    # (email, name, organisation, role)
    ("lead@ashworth.example", "Priya Shah", "Ashworth Council Early Help", Role.LEAD),
    ("publichealth@ashworth.example", "Tom Reilly", "Ashworth Council Public Health", Role.LEAD),
    (
        "contributor@ashworth.example",
        "Sam Okafor",
        "Ashworth and Vale NHS Trust Health Visiting",
        Role.CONTRIBUTOR,
    ),
    (
        "perinatal@ashworth.example",
        "Dr Helen Marsh",
        "Ashworth and Vale NHS Trust Perinatal Mental Health Team",
        Role.CONTRIBUTOR,
    ),
    (
        "maternity@ashworth.example",
        "Grace Adeyemi",
        "Ashworth General Hospital Maternity Unit",
        Role.CONTRIBUTOR,
    ),
    (
        "littlesteps@ashworth.example",
        "Megan Price",
        "Little Steps Parent-Infant Relationship Service",
        Role.CONTRIBUTOR,
    ),
    (
        "earlyyears@ashworth.example",
        "Ravi Patel",
        "Ashworth Early Years Alliance",
        Role.CONTRIBUTOR,
    ),
    ("viewer@ashworth.example", "Jo Bennett", "Ashworth Parents' Voice", Role.VIEWER),
]

COMMISSIONER = ("commissioner@northwest.example", "Alex Morgan", "E12000002")
ADMIN = ("admin@cradle.example", "Cradle admin")

LOGINS_SHOWN = [
    ("Partnership lead", "lead@ashworth.example"),
    ("Contributor", "contributor@ashworth.example"),
    ("Viewer", "viewer@ashworth.example"),
    ("Commissioner (North West oversight)", COMMISSIONER[0]),
    ("Admin", ADMIN[0]),
]


def seed() -> Partnership:
    """Creates what is missing of the demo partnership; returns it."""
    areas: dict[str, Area] = {}
    for code, name, parent, icb in AREAS:
        areas[code], _ = Area.objects.get_or_create(
            gss_code=code,
            defaults={"name": name, "parent": areas.get(parent), "icb": areas.get(icb)},
        )

    partnership, _ = Partnership.objects.get_or_create(
        slug="ashworth",
        defaults={
            "name": "Ashworth Best Start Partnership",
            "nation": "england",
            "description": (
                "The council, the NHS, maternity, early years settings, the voluntary "
                "sector and parents of Ashworth working together on the emotional "
                "wellbeing of babies, young children and their families. Support is "
                "offered through four family hubs."
            ),
        },
    )
    partnership.areas.add(areas["E08000990"])

    organisations = {}
    for name, sector, website in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.get_or_create(
            partnership=partnership, name=name, defaults={"sector": sector, "website": website}
        )

    for email, full_name, organisation, role in MEMBERS:
        user = demo_user(email, full_name)
        Membership.objects.get_or_create(
            user=user,
            partnership=partnership,
            defaults={"organisation": organisations[organisation], "role": role},
        )

    commissioner = demo_user(COMMISSIONER[0], COMMISSIONER[1])
    Oversight.objects.get_or_create(
        user=commissioner,
        area=areas[COMMISSIONER[2]],
        defaults={"note": "North West regional commissioning"},
    )
    demo_user(ADMIN[0], ADMIN[1], is_staff=True, is_superuser=True)
    return partnership


def demo_user(email: str, full_name: str, **flags) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, **flags}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def login_lines() -> list[str]:
    lines = ["Demo partnership: Ashworth Best Start Partnership"]
    lines.append(f"Every demo account's password: {DEMO_PASSWORD}")
    for role, email in LOGINS_SHOWN:
        lines.append(f"  {role:<38} {email}")
    return lines
