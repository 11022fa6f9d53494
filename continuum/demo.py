# ruff: noqa: E501  (the demo data reads best one service to a line)
"""The demo service maps, Ashworth's and Glanmor's, with routes. Safe to run again.

The map is deliberately uneven, as real ones are: little at Getting Risk Support, nothing
at continuing care for fathers, a parent-infant service nobody refers to, and a perinatal
team with no route to step families down.
"""

from continuum.models import Location, LocationKind, ReferralRoute, Service, Term
from partnership.models import Organisation, Partnership

HV = "Ashworth and Vale NHS Trust Health Visiting"
PMH = "Ashworth and Vale NHS Trust Perinatal Mental Health Team"
EH = "Ashworth Council Early Help"
PH = "Ashworth Council Public Health"
MAT = "Ashworth General Hospital Maternity Unit"
GP = "Millbank Medical Practice"
LS = "Little Steps Parent-Infant Relationship Service"
FF = "Ashworth Family Friends"
EY = "Ashworth Early Years Alliance"
CSC = "Ashworth Council Children's Social Care"
CAMHS = "Ashworth and Vale NHS Trust CAMHS"
TT = "Ashworth and Vale NHS Talking Therapies"
SLT = "Ashworth and Vale NHS Trust Speech and Language Therapy"
MBU = "Pennine Mother and Baby Unit"
MNVP = "Ashworth Maternity and Neonatal Voices Partnership"
DA = "Ashworth Women's Aid"
SU = "Ashworth Families in Recovery"

# (name, provider, "level thrive nest age audience reach risk" term codes, capacity, waiting)
# fmt: off
SERVICES = [
    ("Family hub welcome and stay-and-play", EH, "promotion thriving nurturing 0-12-months 1-2-years 2-5-years whole-family universal", 2400, 0),
    ("Maternity booking: antenatal mental health question", MAT, "prevention getting-advice safe pregnancy birthing-parent universal parental-mental-illness", 3000, 0),
    ("Universal health visiting: five mandated contacts", HV, "promotion prevention thriving getting-advice safe pregnancy 0-12-months 1-2-years 2-5-years whole-family universal healthy-child-programme responsive-care", 3100, 0),
    ("Antenatal education: Preparing for Birth and Beyond", MAT, "promotion thriving empowering pregnancy birthing-parent father-partner universal", 900, 2),
    ("Start for Life offer and family hub website", PH, "promotion thriving getting-advice trusted pregnancy 0-12-months 1-2-years 2-5-years whole-family universal start-for-life", None, 0),
    ("Baby massage and bonding groups", EH, "promotion thriving nurturing 0-12-months parent-infant-relationship universal", 300, 3),
    ("Bookstart and chatter groups", EY, "promotion thriving nurturing 1-2-years 2-5-years infant universal", 500, 0),
    ("Infant feeding peer support", HV, "prevention getting-advice empowering 0-12-months birthing-parent universal", 450, 1),
    ("Dads' group at the family hubs", FF, "prevention getting-advice empowering 0-12-months 1-2-years father-partner targeted", 60, 2),
    ("Home-Start volunteer home visiting", FF, "prevention getting-help nurturing trusted 0-12-months 1-2-years 2-5-years whole-family targeted social-isolation", 80, 6),
    ("Enhanced health visiting for perinatal mood", HV, "prevention early-intervention getting-help safe pregnancy 0-12-months birthing-parent targeted parental-mental-illness", 250, 2),
    ("Young parents' pathway", MAT, "prevention getting-help empowering pregnancy 0-12-months whole-family targeted young-parents", 70, 1),
    ("Healthy Start and money advice at the hubs", EH, "prevention getting-advice empowering pregnancy 0-12-months 1-2-years 2-5-years whole-family targeted poverty", 600, 1),
    ("Interpreting and welcome service for new arrivals", EH, "prevention getting-advice trusted pregnancy 0-12-months whole-family targeted migration-language", 120, 3),
    ("Two-year-old funded early education", EY, "prevention thriving nurturing 2-5-years infant targeted poverty", 700, 0),
    ("Speech, language and communication drop-ins", EY, "prevention early-intervention getting-advice nurturing 1-2-years 2-5-years infant targeted", 200, 4),
    ("Perinatal listening visits", HV, "early-intervention getting-help trusted pregnancy 0-12-months birthing-parent targeted parental-mental-illness", 180, 3),
    ("GP perinatal mental health reviews", GP, "early-intervention getting-advice getting-help safe pregnancy 0-12-months birthing-parent universal parental-mental-illness", None, 1),
    ("Talking Therapies perinatal offer", TT, "early-intervention getting-help empowering pregnancy 0-12-months birthing-parent targeted parental-mental-illness", 400, 8),
    ("Early Help family key work", EH, "early-intervention getting-help safe pregnancy 0-12-months 1-2-years 2-5-years whole-family targeted domestic-abuse parental-conflict", 350, 4),
    ("Reducing parental conflict programme", EH, "early-intervention getting-help nurturing 0-12-months 1-2-years 2-5-years father-partner birthing-parent targeted parental-conflict", 90, 6),
    ("Birth reflections service", MAT, "early-intervention getting-help trusted 0-12-months birthing-parent targeted birth-trauma", 150, 5),
    ("Baby loss bereavement support", MAT, "early-intervention getting-help trusted pregnancy birthing-parent father-partner targeted previous-loss", 60, 2),
    ("Video interaction guidance", LS, "early-intervention treatment getting-help nurturing 0-12-months 1-2-years parent-infant-relationship targeted", 40, 10),
    ("Parent-infant psychotherapy", LS, "treatment getting-more-help nurturing safe pregnancy 0-12-months 1-2-years parent-infant-relationship specialist parental-trauma", 35, 16),
    ("Community perinatal mental health team", PMH, "treatment getting-more-help safe pregnancy 0-12-months birthing-parent specialist parental-mental-illness", 320, 4),
    ("Maternal mental health service (birth trauma and loss)", PMH, "treatment getting-more-help trusted pregnancy 0-12-months birthing-parent specialist birth-trauma previous-loss", 110, 9),
    ("Specialist midwives for substance use", MAT, "treatment getting-risk-support safe pregnancy birthing-parent specialist parental-substance-use", 45, 1),
    ("Neonatal unit family integrated care", MAT, "early-intervention getting-help nurturing 0-12-months parent-infant-relationship specialist prematurity", 140, 0),
    ("Pre-birth assessment and child protection pathway", CSC, "continuing-care getting-risk-support safe pregnancy 0-12-months whole-family specialist social-care-involvement", 60, 2),
    ("Mother and baby unit (regional)", MBU, "treatment getting-more-help safe pregnancy 0-12-months birthing-parent parent-infant-relationship specialist parental-mental-illness", 12, 3),
    ("Maternity and Neonatal Voices Partnership listening events", MNVP, "promotion thriving empowering pregnancy 0-12-months birthing-parent father-partner universal", None, 0),
    ("Family Nurse Partnership", HV, "prevention early-intervention getting-help nurturing trusted pregnancy 0-12-months 1-2-years whole-family targeted young-parents trusted-adult", 100, 0),
    ("Speech and language therapy for under-fives", SLT, "early-intervention treatment getting-help nurturing 1-2-years 2-5-years infant specialist play-talk-learning", 260, 12),
    ("CAMHS under-fives and parent–infant clinic", CAMHS, "treatment getting-more-help nurturing safe 0-12-months 1-2-years 2-5-years infant parent-infant-relationship specialist", 50, 14),
    ("Domestic abuse support in pregnancy and early parenthood", DA, "early-intervention getting-help getting-risk-support safe pregnancy 0-12-months 1-2-years 2-5-years whole-family targeted domestic-abuse", 90, 1),
    ("Parents' drug and alcohol support", SU, "early-intervention treatment getting-help safe pregnancy 0-12-months 1-2-years 2-5-years whole-family targeted parental-substance-use", 70, 3),
]

ROUTES = [
    ("Universal health visiting: five mandated contacts", "Enhanced health visiting for perinatal mood", "step-up"),
    ("Universal health visiting: five mandated contacts", "Infant feeding peer support", "refer"),
    ("Universal health visiting: five mandated contacts", "Family hub welcome and stay-and-play", "signpost"),
    ("Family hub welcome and stay-and-play", "Home-Start volunteer home visiting", "refer"),
    ("Family hub welcome and stay-and-play", "Healthy Start and money advice at the hubs", "signpost"),
    ("Enhanced health visiting for perinatal mood", "Perinatal listening visits", "refer"),
    ("Perinatal listening visits", "Talking Therapies perinatal offer", "step-up"),
    ("Perinatal listening visits", "Family hub welcome and stay-and-play", "step-down"),
    ("GP perinatal mental health reviews", "Community perinatal mental health team", "step-up"),
    ("GP perinatal mental health reviews", "Talking Therapies perinatal offer", "refer"),
    ("Talking Therapies perinatal offer", "Community perinatal mental health team", "step-up"),
    ("Talking Therapies perinatal offer", "Perinatal listening visits", "step-down"),
    ("Community perinatal mental health team", "Mother and baby unit (regional)", "step-up"),
    ("Early Help family key work", "Pre-birth assessment and child protection pathway", "step-up"),
    ("Early Help family key work", "Family hub welcome and stay-and-play", "step-down"),
    ("Pre-birth assessment and child protection pathway", "Early Help family key work", "step-down"),
    ("Video interaction guidance", "Baby massage and bonding groups", "step-down"),
    ("Antenatal education: Preparing for Birth and Beyond", "Universal health visiting: five mandated contacts", "signpost"),
    ("Young parents' pathway", "Early Help family key work", "step-up"),
    ("Birth reflections service", "Maternal mental health service (birth trauma and loss)", "step-up"),
    ("Family hub welcome and stay-and-play", "Early Help family key work", "refer"),
    ("Home-Start volunteer home visiting", "Early Help family key work", "step-up"),
    ("Infant feeding peer support", "Enhanced health visiting for perinatal mood", "refer"),
    ("Dads' group at the family hubs", "Reducing parental conflict programme", "refer"),
    ("Baby massage and bonding groups", "Video interaction guidance", "refer"),
    ("Parent-infant psychotherapy", "Video interaction guidance", "step-down"),
    ("Maternal mental health service (birth trauma and loss)", "Birth reflections service", "step-down"),
    ("Neonatal unit family integrated care", "Universal health visiting: five mandated contacts", "step-down"),
    ("Specialist midwives for substance use", "Early Help family key work", "step-down"),
    ("Reducing parental conflict programme", "Family hub welcome and stay-and-play", "step-down"),
    ("Enhanced health visiting for perinatal mood", "Universal health visiting: five mandated contacts", "step-down"),
    ("Baby loss bereavement support", "Maternal mental health service (birth trauma and loss)", "step-up"),
    ("Universal health visiting: five mandated contacts", "Speech, language and communication drop-ins", "refer"),
    ("Speech, language and communication drop-ins", "Bookstart and chatter groups", "step-down"),
    ("Maternity booking: antenatal mental health question", "GP perinatal mental health reviews", "refer"),
    ("Antenatal education: Preparing for Birth and Beyond", "Maternity booking: antenatal mental health question", "signpost"),
    ("Young parents' pathway", "Family Nurse Partnership", "refer"),
    ("Speech, language and communication drop-ins", "Speech and language therapy for under-fives", "step-up"),
    ("Video interaction guidance", "CAMHS under-fives and parent–infant clinic", "step-up"),
    ("Early Help family key work", "Domestic abuse support in pregnancy and early parenthood", "refer"),
    ("Specialist midwives for substance use", "Parents' drug and alcohol support", "refer"),
]

# Glanmor, in West Wales: Flying Start and the Healthy Child Wales Programme carry the universal
# and targeted offer; the health board runs the specialist services.
FS = "Glanmor County Council Flying Start"
CS = "Glanmor County Council Children's Services"
WHV = "Hywel Dda University Health Board Health Visiting"
WMAT = "Hywel Dda University Health Board Maternity"
WPMH = "Hywel Dda University Health Board Perinatal Mental Health"
WIMH = "Hywel Dda University Health Board Infant and Child Mental Health"
CC = "Glanmor Childcare and Play Network"
FST = "Glanmor Family Support Trust"

WELSH_SERVICES = [
    ("Healthy Child Wales Programme contacts", WHV, "promotion prevention thriving safe pregnancy 0-12-months 1-2-years 2-5-years whole-family universal healthy-child-wales responsive-care", 1400, 0),
    ("Flying Start enhanced health visiting", WHV, "prevention early-intervention thriving getting-help nurturing trusted pregnancy 0-12-months 1-2-years 2-5-years whole-family targeted flying-start poverty", 420, 0),
    ("Flying Start funded childcare", CC, "promotion prevention thriving nurturing 2-5-years infant targeted flying-start early-education trusted-adult", 300, 0),
    ("Flying Start parenting groups", FS, "prevention getting-advice empowering 0-12-months 1-2-years 2-5-years whole-family targeted flying-start co-parenting", 120, 2),
    ("Flying Start early language support", FS, "prevention early-intervention getting-advice nurturing 1-2-years 2-5-years infant targeted flying-start play-talk-learning", 150, 3),
    ("Welsh-medium baby and toddler groups", CC, "promotion thriving nurturing 0-12-months 1-2-years parent-infant-relationship universal belonging social-support", 200, 0),
    ("Antenatal mental health enquiry at booking", WMAT, "prevention getting-advice safe pregnancy birthing-parent universal parental-mental-illness", 1300, 0),
    ("Perinatal listening visits", WHV, "early-intervention getting-help trusted pregnancy 0-12-months birthing-parent targeted parental-mental-illness", 90, 3),
    ("Family support volunteers", FST, "prevention getting-help nurturing trusted 0-12-months 1-2-years 2-5-years whole-family targeted social-isolation social-support", 60, 5),
    ("Infant and early years mental health consultation", WIMH, "early-intervention treatment getting-help getting-more-help nurturing 0-12-months 1-2-years 2-5-years infant parent-infant-relationship specialist", 40, 10),
    ("Specialist perinatal mental health community team", WPMH, "treatment getting-more-help safe pregnancy 0-12-months birthing-parent specialist parental-mental-illness", 150, 4),
    ("Pre-birth assessment and child protection", CS, "continuing-care getting-risk-support safe pregnancy 0-12-months whole-family specialist social-care-involvement", 30, 2),
]

WELSH_ROUTES = [
    ("Healthy Child Wales Programme contacts", "Flying Start enhanced health visiting", "refer"),
    ("Healthy Child Wales Programme contacts", "Perinatal listening visits", "step-up"),
    ("Perinatal listening visits", "Specialist perinatal mental health community team", "step-up"),
    ("Specialist perinatal mental health community team", "Perinatal listening visits", "step-down"),
    ("Flying Start enhanced health visiting", "Infant and early years mental health consultation", "step-up"),
    ("Flying Start enhanced health visiting", "Flying Start parenting groups", "refer"),
    ("Flying Start early language support", "Flying Start funded childcare", "signpost"),
    ("Antenatal mental health enquiry at booking", "Perinatal listening visits", "refer"),
    ("Family support volunteers", "Pre-birth assessment and child protection", "step-up"),
    ("Welsh-medium baby and toddler groups", "Family support volunteers", "signpost"),
]

WELSH_HUBS = [
    ("Glanmor Flying Start Centre", "Heol y Castell, Glanmor", "GM1 2FS"),
]

# fmt: on

HUBS = [
    ("Northgate Family Hub", "12 Northgate Road, Ashworth", "AW1 2NG"),
    ("Millbank Family Hub", "Millbank Lane, Ashworth", "AW3 4MB"),
    ("Riverside Family Hub", "1 Quay Street, Ashworth", "AW2 8RS"),
    ("Hollins Family Hub", "Hollins Park, Ashworth", "AW5 1HP"),
]


AT_HUBS = {
    "Family hub welcome and stay-and-play",
    "Healthy Start and money advice at the hubs",
    "Dads' group at the family hubs",
    "Flying Start parenting groups",
    "Flying Start early language support",
}

MAPS = {
    "ashworth": (SERVICES, ROUTES, HUBS, "Families living in Ashworth"),
    "glanmor": (WELSH_SERVICES, WELSH_ROUTES, WELSH_HUBS, "Families living in Glanmor"),
}


def seed(partnership: Partnership) -> None:
    """Creates what is missing of a demo service map; never changes what is there."""
    SERVICES, ROUTES, HUBS, eligibility = MAPS[partnership.slug]
    providers = {o.name: o for o in Organisation.objects.filter(partnership=partnership)}
    terms = {t.code: t for t in Term.objects.filter(children__isnull=True)}
    services = {}
    for name, provider, codes, capacity, waiting in SERVICES:
        service, created = Service.objects.get_or_create(
            partnership=partnership,
            name=name,
            defaults={
                "provider": providers[provider],
                "capacity": capacity,
                "waiting_weeks": waiting,
                "eligibility_description": eligibility,
            },
        )
        if created:
            service.terms.set([terms[code] for code in codes.split()])
        services[name] = service
    for from_name, to_name, kind in ROUTES:
        ReferralRoute.objects.get_or_create(
            from_service=services[from_name], to_service=services[to_name], kind=kind
        )
    for name, address, postcode in HUBS:
        hub, created = Location.objects.get_or_create(
            partnership=partnership,
            name=name,
            defaults={"kind": LocationKind.FAMILY_HUB, "address": address, "postcode": postcode},
        )
        if created:
            hub.services.add(*[s for n, s in services.items() if n in AT_HUBS])
