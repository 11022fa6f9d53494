"""The history rows: one field of a response, agreed rating or action changing."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessments.models.library import Element
from assessments.models.rounds import Assessment
from partnership.models import Sector


class Change(models.Model):
    """One field of a response, agreed rating or action changing: the history leads read."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="changes")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=20)  # "response", "agreed rating", "action"
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=50)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["assessment", "element"])]

    def __str__(self) -> str:
        return f"{self.subject} {self.field}"
