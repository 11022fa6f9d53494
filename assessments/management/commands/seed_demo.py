from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from assessments import demo as assessments_demo
from continuum import demo as continuum_demo
from partnership import demo as partnership_demo
from partnership.indicators import demo as need_demo
from partnership.models import Area, Partnership
from twostep import demo as twostep_demo

DEMO_SLUGS = ["ashworth", "glanmor"]


class Command(BaseCommand):
    help = (
        "Loads the framework library and the gap rules, then creates the demo partnerships "
        "with partners across sectors and one person per role: Ashworth (England), with a "
        "published "
        "baseline round and an open follow-up round of the maternity and early years "
        "framework, and Glanmor (Wales), with a published NEST review; synthetic births, "
        "under-fives and indicators for both; and prints their logins, with the demo "
        "authenticator key of the lead and the admin. Running it again "
        "changes nothing; passwords of existing demo accounts are left as they are."
    )

    def handle(self, *args, **options) -> None:
        # The library first: the demo's services and rounds refer to its terms and frameworks.
        call_command("load_taxonomies", quiet_unchanged=True, stdout=self.stdout)
        call_command("load_frameworks", quiet_unchanged=True, stdout=self.stdout)
        call_command("load_gap_rules", quiet_unchanged=True, stdout=self.stdout)
        with transaction.atomic():
            for partnership in partnership_demo.seed():
                continuum_demo.seed(partnership)
                assessments_demo.seed(partnership)
            need_demo.seed(
                Area.objects.filter(partnerships__slug__in=DEMO_SLUGS),
                partnerships=Partnership.objects.filter(slug__in=DEMO_SLUGS),
            )
            twostep_demo.seed()
        for line in partnership_demo.login_lines() + twostep_demo.login_lines():
            self.stdout.write(line)
