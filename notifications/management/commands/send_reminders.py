import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications import rules, sending


class Command(BaseCommand):
    help = (
        "Email the day's reminders: rounds opened, rounds closing in three days (to those who "
        "have not finished), rounds reaching their closing date (to leads), actions overdue "
        "(to their owners) and, on Mondays, a digest for leads. Run it once a day; running it "
        "again, or on several servers at once, sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="The date to run the rules for, as YYYY-MM-DD (default: today).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be sent, without sending or recording anything.",
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        day = self.parse_day(today) if today else timezone.localdate()
        emails = rules.due_emails(day)
        if dry_run:
            for email in emails:
                self.stdout.write(f"{email.kind} to {email.recipient.email} ({len(email.items)})")
            self.stdout.write(f"{len(emails)} emails due on {day.isoformat()}; none sent.")
            return
        outcome = sending.send(emails)
        self.stdout.write(
            f"{day.isoformat()}: sent {outcome.sent} emails; "
            f"{outcome.already_sent} notifications were already sent; {outcome.failed} failed."
        )
        if outcome.failed:
            raise CommandError(f"{outcome.failed} emails could not be sent; see the log.")

    @staticmethod
    def parse_day(value: str) -> datetime.date:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--today must be a date like 2027-03-31, not {value!r}") from None
