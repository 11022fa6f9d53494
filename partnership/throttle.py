"""Counting requests in the database over the last hour, so every app server sees one count.

A model that counts has a unique `key`, a JSON list `times` and an `updated` stamp (see
`ResetLimit`). `allowed` takes the limit for each key and counts the request only when every
key is under its limit.
"""

from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone

WINDOW = timedelta(hours=1)


def allowed(model: type[models.Model], limits: dict[str, int]) -> bool:
    """Whether one more request fits under each key's limit for the last hour, counting it if so."""
    now = timezone.now()
    since = (now - WINDOW).timestamp()
    with transaction.atomic():
        model.objects.filter(updated__lt=now - WINDOW).delete()
        rows = [
            # In one order everywhere, so two requests never each hold the lock the other needs.
            model.objects.select_for_update().get_or_create(key=key, defaults={"updated": now})[0]
            for key in sorted(limits)
        ]
        for row in rows:
            row.times = [t for t in row.times if t > since]
        fits = all(len(row.times) < limits[row.key] for row in rows)
        for row in rows:
            if fits:
                row.times.append(now.timestamp())
            row.updated = now
            row.save(update_fields=["times", "updated"])
    return fits
