from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from voice.models import Comment


class Command(BaseCommand):
    help = (
        "Deletes families' free-text comments received more than VOICE_COMMENT_RETENTION_DAYS "
        "days ago, with the citations of them. Answers are kept: they are numbers that cannot "
        "identify anyone. Run it daily."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, but delete nothing")

    def handle(self, *args, dry_run: bool, **options) -> None:
        cutoff = timezone.localdate() - timedelta(days=settings.VOICE_COMMENT_RETENTION_DAYS)
        old = Comment.objects.filter(received__lt=cutoff)
        with transaction.atomic():
            count = old.count()
            if not dry_run:
                old.delete()
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(
            f"{verb} {count} comment{'s' if count != 1 else ''} received before {cutoff}"
        )
