"""The demo partnerships, their partners and one person per role. Safe to run again.

Ashworth is a made-up metropolitan borough in England; Glanmor a made-up county in West Wales,
served by a real health board (Hywel Dda) and regional partnership board (West Wales). Region,
nation and Welsh health board codes are real.
"""

from dataclasses import dataclass

from partnership import wales
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


@dataclass(frozen=True)
class Demo:
    slug: str
    name: str
    nation: str
    description: str
    # (GSS code, name, parent code, ICB or Welsh health board code); the last is the
    # partnership's own
    areas: list
    organisations: list  # (name, sector, website)
    members: list  # (email, name, organisation, role)


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
    ("Ashworth Council Children's Social Care", Sector.LOCAL_AUTHORITY, ""),
    ("Ashworth and Vale NHS Trust CAMHS", Sector.NHS_TRUST, ""),
    ("Ashworth and Vale NHS Talking Therapies", Sector.NHS_TRUST, ""),
    ("Ashworth and Vale NHS Trust Speech and Language Therapy", Sector.NHS_TRUST, ""),
    ("Pennine Mother and Baby Unit", Sector.NHS_TRUST, ""),
    ("Ashworth Maternity and Neonatal Voices Partnership", Sector.PARENT_CARER, ""),
    ("Ashworth Women's Aid", Sector.VOLUNTARY, ""),
    ("Ashworth Families in Recovery", Sector.VOLUNTARY, ""),
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

ASHWORTH = Demo(
    slug="ashworth",
    name="Ashworth Best Start Partnership",
    nation="england",
    description=(
        "The council, the NHS, maternity, early years settings, the voluntary sector and "
        "parents of Ashworth working together on the mental health of babies and young "
        "children, from conception to five, and of the adults who care for them. Support is "
        "offered through four Best Start Family Hubs."
    ),
    areas=AREAS,
    organisations=ORGANISATIONS,
    members=MEMBERS,
)

GLANMOR = Demo(
    slug="glanmor",
    name="Glanmor Early Years Partnership",
    nation="wales",
    description=(
        "Glanmor County Council, Hywel Dda University Health Board, Flying Start, childcare, "
        "the voluntary sector and parents of Glanmor working together, under the West Wales "
        "Regional Partnership Board, on the mental health of babies and young children and "
        "the adults who care for them, in the way the NEST/NYTH framework asks."
    ),
    areas=[
        ("W92000004", "Wales", None, None),
        ("W06000990", "Glanmor", "W92000004", wales.HYWEL_DDA),
    ],
    organisations=[
        ("Glanmor County Council Flying Start", Sector.LOCAL_AUTHORITY, ""),
        ("Glanmor County Council Children's Services", Sector.LOCAL_AUTHORITY, ""),
        ("Hywel Dda University Health Board Health Visiting", Sector.HEALTH_VISITING, ""),
        ("Hywel Dda University Health Board Maternity", Sector.MATERNITY, ""),
        ("Hywel Dda University Health Board Perinatal Mental Health", Sector.HEALTH_BOARD, ""),
        (
            "Hywel Dda University Health Board Infant and Child Mental Health",
            Sector.HEALTH_BOARD,
            "",
        ),
        ("Glanmor Childcare and Play Network", Sector.EARLY_YEARS, ""),
        ("Glanmor Family Support Trust", Sector.VOLUNTARY, ""),
        ("Glanmor Parents' Forum", Sector.PARENT_CARER, ""),
        ("West Wales Regional Partnership Board", Sector.OTHER, ""),
    ],
    members=[
        ("lead@glanmor.example", "Carys Jenkins", "Glanmor County Council Flying Start", Role.LEAD),
        (
            "contributor@glanmor.example",
            "Rhys Davies",
            "Hywel Dda University Health Board Health Visiting",
            Role.CONTRIBUTOR,
        ),
        (
            "perinatal@glanmor.example",
            "Dr Anwen Price",
            "Hywel Dda University Health Board Perinatal Mental Health",
            Role.CONTRIBUTOR,
        ),
        (
            "childcare@glanmor.example",
            "Sian Evans",
            "Glanmor Childcare and Play Network",
            Role.CONTRIBUTOR,
        ),
        (
            "nest@glanmor.example",
            "Owain Thomas",
            "West Wales Regional Partnership Board",
            Role.CONTRIBUTOR,
        ),
        ("viewer@glanmor.example", "Ffion Morgan", "Glanmor Parents' Forum", Role.VIEWER),
    ],
)

DEMOS = [ASHWORTH, GLANMOR]

# The commissioner's grant is the North West, the footprint of the region's perinatal mental
# health clinical network; the Welsh one's is the health board, so it covers every partnership
# of an area the board serves.
COMMISSIONER = ("commissioner@northwest.example", "Alex Morgan", "E12000002")
COMMISSIONER_NOTE = "North West perinatal mental health clinical network"
WELSH_COMMISSIONER = ("commissioner@hyweldda.example", "Gareth Lloyd", wales.HYWEL_DDA)
WELSH_COMMISSIONER_NOTE = "Hywel Dda University Health Board: children's and perinatal planning"
ADMIN = ("admin@cradle.example", "Cradle admin")

# A Welsh-speaking contributor: every page and email reaches them in Welsh.
DEMO_FLAGS = {"contributor@glanmor.example": {"language": "cy"}}

LOGINS_SHOWN = [
    ("Partnership lead", "lead@ashworth.example"),
    ("Contributor", "contributor@ashworth.example"),
    ("Viewer", "viewer@ashworth.example"),
    ("Commissioner (North West network)", COMMISSIONER[0]),
    ("Partnership lead (Wales)", "lead@glanmor.example"),
    ("Contributor (Wales, in Welsh)", "contributor@glanmor.example"),
    ("Viewer (Wales)", "viewer@glanmor.example"),
    ("Commissioner (Wales, health board)", WELSH_COMMISSIONER[0]),
    ("Admin", ADMIN[0]),
]


def seed() -> list[Partnership]:
    """Creates what is missing of the demo partnerships; returns them, Ashworth first."""
    boards = wales.health_boards()
    partnerships = [seed_one(demo, boards) for demo in DEMOS]
    commissioner = demo_user(COMMISSIONER[0], COMMISSIONER[1])
    Oversight.objects.get_or_create(
        user=commissioner,
        area=Area.objects.get(gss_code=COMMISSIONER[2]),
        defaults={"note": COMMISSIONER_NOTE},
    )
    Oversight.objects.get_or_create(
        user=demo_user(WELSH_COMMISSIONER[0], WELSH_COMMISSIONER[1]),
        area=Area.objects.get(gss_code=WELSH_COMMISSIONER[2]),
        defaults={"note": WELSH_COMMISSIONER_NOTE},
    )
    demo_user(ADMIN[0], ADMIN[1], is_staff=True, is_superuser=True)
    return partnerships


def seed_one(demo: Demo, boards: dict[str, Area]) -> Partnership:
    areas: dict[str, Area] = dict(boards)
    for code, name, parent, board in demo.areas:
        health = "health_board" if board and board in boards else "icb"
        areas[code], _ = Area.objects.get_or_create(
            gss_code=code,
            defaults={"name": name, "parent": areas.get(parent), health: areas.get(board)},
        )
        if health == "health_board" and areas[code].health_board_id is None:
            # A demo seeded before Welsh health boards were known gets its board now.
            areas[code].health_board = areas[board]
            areas[code].save(update_fields=["health_board"])
    partnership, _ = Partnership.objects.get_or_create(
        slug=demo.slug,
        defaults={"name": demo.name, "nation": demo.nation, "description": demo.description},
    )
    partnership.areas.add(areas[demo.areas[-1][0]])

    organisations = {}
    for name, sector, website in demo.organisations:
        organisations[name], _ = Organisation.objects.get_or_create(
            partnership=partnership, name=name, defaults={"sector": sector, "website": website}
        )
    for email, full_name, organisation, role in demo.members:
        user = demo_user(email, full_name, **DEMO_FLAGS.get(email, {}))
        Membership.objects.get_or_create(
            user=user,
            partnership=partnership,
            defaults={"organisation": organisations[organisation], "role": role},
        )
    return partnership


def demo_user(email: str, full_name: str, **flags) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, **flags}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    elif flags.get("language") and not user.language:
        # A demo seeded before languages were kept gets its Welsh speaker now.
        user.language = flags["language"]
        user.save(update_fields=["language"])
    return user


def login_lines() -> list[str]:
    lines = ["Demo partnerships: " + " and ".join(demo.name for demo in DEMOS)]
    lines.append(f"Every demo account's password: {DEMO_PASSWORD}")
    for role, email in LOGINS_SHOWN:
        lines.append(f"  {role:<38} {email}")
    return lines
