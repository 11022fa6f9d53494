"""The web side of test_large_import_job.py, run in processes of its own against a database
file the import worker shares: `python large_import_web.py <action> [argument]`.

Each action uses Django's test client, so requests go through the real middleware, views and
templates, and prints what the test checks.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from partnership.models import Membership, Organisation, Partnership, Role, User  # noqa: E402
from tests.factories import pass_second_step  # noqa: E402


def lead_of(slug: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=f"lead@{slug}.example"))
    pass_second_step(client)
    return client


def setup() -> None:
    call_command("migrate", verbosity=0)
    for slug in ("ashworth", "bramley"):
        partnership = Partnership.objects.create(slug=slug, name=slug.title())
        council = Organisation.objects.create(partnership=partnership, name="Council")
        user = User.objects.create_user(email=f"lead@{slug}.example", password="unused-1234")
        Membership.objects.create(
            user=user, partnership=partnership, organisation=council, role=Role.LEAD
        )


def upload(path: str) -> None:
    with open(path, "rb") as feed:
        response = lead_of("ashworth").post(
            reverse("continuum:import", args=["ashworth"]), {"feed": feed}
        )
    print(response.status_code, response.get("Location", ""))


def save(name: str, lead: Client | None = None) -> None:
    """Another partnership's lead renames their partnership."""
    response = (lead or lead_of("bramley")).post(
        reverse("partnership:edit", args=["bramley"]),
        {"name": name, "slug": "bramley", "nation": "england", "description": "", "area_codes": ""},
    )
    print(response.status_code, Partnership.objects.get(slug="bramley").name)


def save_while_saving(name: str) -> None:
    """Started ahead, waits for the worker to begin writing services, then saves at once and
    prints the job's state just after: "running" proves the save went in during the writes,
    however fast they are. The lead is signed in before the wait, so the save goes at once."""
    from continuum.models import ImportJob

    lead = lead_of("bramley")
    while not ImportJob.objects.filter(saved__gt=0).exists():
        time.sleep(0.02)
    save(name, lead)
    print(ImportJob.objects.get().state)


def page(url: str) -> None:
    response = lead_of("ashworth").get(url)
    print(response.status_code)
    print(response.content.decode())


if __name__ == "__main__":
    setup_test_environment()
    action, *arguments = sys.argv[1:]
    actions = {"setup": setup, "upload": upload, "save": save, "page": page}
    actions["save-while-saving"] = save_while_saving
    actions[action](*arguments)
