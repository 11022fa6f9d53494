"""Claim, then send: a notification row is inserted before its email goes, so that a second
run (on this server or another, at the same moment or later) finds it claimed and skips it.

All of a run's claims go in with one multi-row INSERT that ignores conflicts, each row marked
with the run's token; the rows that carry the token afterwards are the ones this run won. Two
runs racing on the same row: the database's unique index lets exactly one insert it.
"""

import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification
from notifications.rules import Email
from partnership.language import language_of

logger = logging.getLogger(__name__)

SUBJECTS = {
    "round-opened": _("%(name)s is open for your ratings"),
    "closing-soon": _("%(name)s closes in 3 days: finish your ratings"),
    "round-closing": _("%(name)s reaches its closing date today"),
    "actions-overdue": _("Actions in %(partnership)s are overdue"),
    "weekly-digest": _("This week in %(partnership)s"),
}


@dataclass
class Outcome:
    sent: int = 0
    already_sent: int = 0
    failed: int = 0


def link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def message(email: Email) -> EmailMultiAlternatives:
    """The email in its recipient's language, whatever the language of the run: one run writes
    to English and Welsh speakers alike."""
    with translation.override(language_of(email.recipient)):
        return compose(email)


def compose(email: Email) -> EmailMultiAlternatives:
    first = email.items[0].obj
    context = {
        **email.context,
        "email": email,
        "recipient": email.recipient,
        "partnership": email.partnership,
        "items": [item.obj for item in email.items],
        "subject": first,
        "site_url": settings.SITE_URL.rstrip("/"),
        "preferences_link": link(reverse("notifications:preferences")),
    }
    subject = SUBJECTS[email.kind] % {
        "name": getattr(first, "name", ""),
        "partnership": email.partnership.name,
    }
    subject = " ".join(subject.split())  # a header holds one line, whatever a name holds
    context["title"] = subject
    text = render_to_string(f"notifications/email/{email.kind}.txt", context)
    html = render_to_string(f"notifications/email/{email.kind}.html", context)
    mail = EmailMultiAlternatives(subject, text, to=[email.recipient.email])
    mail.attach_alternative(html, "text/html")
    return mail


def claim(emails: list[Email]) -> tuple[list[Email], str]:
    """Insert a row for every item of every email; return the emails (trimmed to the items)
    this run claimed. Two queries, however many emails."""
    token = uuid.uuid4().hex
    rows = sorted(
        (
            Notification(
                kind=email.kind,
                recipient=email.recipient,
                subject_id=item.subject_id,
                period=item.period,
                claim=token,
            )
            for email in emails
            for item in email.items
        ),
        # One order for every run, so two runs inserting the same rows never deadlock.
        key=lambda n: (n.kind, n.recipient_id, n.subject_id, n.period),
    )
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    won = set(
        Notification.objects.filter(claim=token).values_list(
            "kind", "recipient", "subject_id", "period"
        )
    )
    claimed = []
    for email in emails:
        who = (email.kind, email.recipient.pk)
        items = [i for i in email.items if (*who, i.subject_id, i.period) in won]
        if items:
            email.items = items
            claimed.append(email)
    return claimed, token


def send(emails: list[Email]) -> Outcome:
    """Claim each email's rows, send the ones claimed, and release the claims of any that
    fail so that the next run tries them again."""
    total = sum(len(e.items) for e in emails)
    claimed, token = claim(emails)
    outcome = Outcome(already_sent=total - sum(len(e.items) for e in claimed))
    if not claimed:
        return outcome
    connection = get_connection()
    try:
        connection.open()
    except Exception:  # the mail server is down or refuses us: nothing can go this run
        logger.exception("Could not reach the mail server; no reminders sent")
        Notification.objects.filter(claim=token).delete()
        outcome.failed = len(claimed)
        return outcome
    failed: list[Email] = []
    try:
        for email in claimed:
            try:
                mail = message(email)
                mail.connection = connection
                mail.send()
            except Exception:  # this email only: log it, release its claim, carry on
                logger.exception("Could not send %s to user %s", email.kind, email.recipient.pk)
                failed.append(email)
            else:
                outcome.sent += 1
    finally:
        connection.close()
    for email in failed:
        Notification.objects.filter(
            claim=token,
            kind=email.kind,
            recipient=email.recipient,
            subject_id__in=[i.subject_id for i in email.items],
        ).delete()
    outcome.failed = len(failed)
    Notification.objects.filter(claim=token).update(sent=timezone.now())
    return outcome
