"""Recovery codes and the record of wrong codes that throttles guessing.

The authenticator app's secret lives in django-otp's TOTPDevice. Recovery codes live here
rather than in django-otp's static tokens, which are kept in clear text: only a digest of each
code is stored, so a copy of the database gives nobody a way in.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

RECOVERY_CODE_COUNT = 10
# Ten characters from an alphabet without look-alikes (no 0/o, 1/l/i): about 50 bits each.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def digest(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


class RecoveryCodeQuerySet(models.QuerySet):
    def unused(self):
        return self.filter(used_at__isnull=True)


class RecoveryCode(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    digest = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    objects = RecoveryCodeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "digest"], name="twostep_code_once_per_user")
        ]

    def __str__(self) -> str:
        return f"Recovery code of user {self.user_id}"

    @classmethod
    def replace_for(cls, user) -> list[str]:
        """Ten new codes for `user`, replacing any they had; the codes are returned only here."""
        codes = []
        while len(codes) < RECOVERY_CODE_COUNT:
            raw = "".join(secrets.choice(ALPHABET) for _ in range(10))
            code = f"{raw[:5]}-{raw[5:]}"
            if code not in codes:
                codes.append(code)
        cls.objects.filter(user=user).delete()
        cls.objects.bulk_create(cls(user=user, digest=digest(code)) for code in codes)
        return codes

    @classmethod
    def use(cls, user, code: str) -> bool:
        """Spends one unused code of `user`; False if it is wrong or already spent."""
        spent = (
            cls.objects.unused()
            .filter(user=user, digest=digest(code))
            .update(used_at=timezone.now())
        )
        return spent == 1


class FailureQuerySet(models.QuerySet):
    def locked(self, *, user, ip: str) -> bool:
        """True while the person, or the address, is in a cool-off after too many wrong codes.

        The cool-off runs from the last wrong code, as django-axes does for passwords: locked
        when the newest failure is recent and the limit was reached within the cool-off before
        it.
        """
        return self._locked(self.filter(user=user)) or self._locked(self.filter(ip=ip))

    def _locked(self, failures) -> bool:
        limit = settings.TWO_STEP_FAILURE_LIMIT
        cooloff = timedelta(minutes=settings.TWO_STEP_COOLOFF_MINUTES)
        times = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
        if len(times) < limit:
            return False
        return times[0] > timezone.now() - cooloff and times[-1] > times[0] - cooloff


class Failure(models.Model):
    """One wrong code (authenticator or recovery) typed at the second step."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_step_failures"
    )
    ip = models.CharField(max_length=45, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = FailureQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Wrong code by user {self.user_id} at {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, *, user, ip: str) -> "Failure":
        """Counts one wrong code, and forgets those too old to count towards any lock."""
        cls.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()
        return cls.objects.create(user=user, ip=ip)
