"""Emails Cradle sends on its own, and what each person has chosen to receive.

A `Notification` row is claimed before its email is sent: the unique constraint on what, who,
about which row and for which date lets only one server (or one run) claim it, so two servers
running the daily command at once send each email once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ROUND_OPENED = "round-opened", _("A round you rate has opened")
    CLOSING_SOON = (
        "closing-soon",
        _("A round closes in three days and you have not finished rating"),
    )
    ROUND_CLOSING = "round-closing", _("A round you lead reaches its closing date")
    ACTIONS_OVERDUE = "actions-overdue", _("Actions your organisation owns are overdue")
    WEEKLY_DIGEST = "weekly-digest", _("A weekly summary of the partnerships you lead")


# What a person may turn off. A lead must hear that a round has reached its closing date (the
# workshop waits on it) and an owner that an action is overdue (the plan depends on it).
OPTIONAL = [Kind.ROUND_OPENED, Kind.CLOSING_SOON, Kind.WEEKLY_DIGEST]
ESSENTIAL = [Kind.ROUND_CLOSING, Kind.ACTIONS_OVERDUE]


class Notification(models.Model):
    """One email to one person about one row (a round, an action, a partnership) for one date.

    `period` is the date the event belongs to (the day a round opened, its closing date, an
    action's due date, the Monday of a digest's week), so a re-run, or a second server, finds
    the row already there. `claim` marks the run that inserted it.
    """

    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subject_id = models.PositiveBigIntegerField(help_text=_("The round, action or partnership."))
    period = models.DateField()
    claim = models.CharField(max_length=32, db_index=True)
    claimed = models.DateTimeField(auto_now_add=True)
    sent = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-claimed", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "recipient", "subject_id", "period"], name="notification_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient_id} on {self.period}"


class Preferences(models.Model):
    """The optional emails one person receives. No row: they receive all of them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    round_opened = models.BooleanField(default=True)
    closing_soon = models.BooleanField(default=True)
    weekly_digest = models.BooleanField(default=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = _("preferences")

    def __str__(self) -> str:
        return f"Email preferences of {self.user_id}"

    def receives(self, kind: str) -> bool:
        field = FIELDS.get(kind)
        return getattr(self, field) if field else True


# The preference field that turns each optional kind off.
FIELDS = {
    Kind.ROUND_OPENED: "round_opened",
    Kind.CLOSING_SOON: "closing_soon",
    Kind.WEEKLY_DIGEST: "weekly_digest",
}
