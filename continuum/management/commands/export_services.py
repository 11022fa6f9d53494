import json

from django.core.management.base import BaseCommand, CommandError

from continuum.export import hsds_page
from continuum.models import Service
from partnership.models import Partnership


class Command(BaseCommand):
    help = (
        "Writes a partnership's current (not archived) services as one page of an Open "
        "Referral UK / HSDS 3 `/services` response, to standard output or --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The partnership's web address name")
        parser.add_argument("--output", help="A file to write instead of standard output")

    def handle(self, *args, slug: str, output: str | None, **options) -> None:
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            raise CommandError(f"No partnership has the web address name '{slug}'")
        text = json.dumps(
            hsds_page(Service.objects.for_partnership(partnership).current().for_export()),
            indent=2,
            ensure_ascii=False,
        )
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
        else:
            self.stdout.write(text)
