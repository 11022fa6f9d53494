from django.core.management.base import BaseCommand

from voice import demo


class Command(BaseCommand):
    help = (
        "Adds a standing survey with 24 made-up responses and three comments (one not yet "
        "read) to the Ashworth demo partnership. Run seed_demo and load_statements first; "
        "running it again changes nothing."
    )

    def handle(self, *args, **options) -> None:
        survey = demo.seed()
        if survey is None:
            self.stdout.write("No Ashworth demo or no statements loaded: nothing added")
            return
        self.stdout.write(f"Demo survey: /have-your-say/{survey.token}/")
