"""Erasing a person or a whole partnership, each in one transaction: nothing is half-erased.

A person: their account goes, and with it their memberships, oversight grants and sign-in
records. Ratings they gave in a round that has closed (closed, agreed or published) stay, so
that the figures a workshop saw and a round published do not change: they move to a stand-in
account named "Former member", one per erased person, which cannot sign in and belongs to no
partnership. Ratings in rounds still collecting them (draft or open) go, with their history:
nobody has yet discussed them, and the person can no longer finish or change them. Their name
stays nowhere: actions they owned name "Former member", and any text column in any table that
still holds their name or email address (as a whole word) has it replaced by the same words.
That errs towards removing: a free-text mention of someone else with the same name is replaced
too, while other people's accounts keep their names.

A partnership: everything it holds goes (rounds and their ratings, history, actions, services,
locations, organisations, memberships, local figures). The people's accounts stay: an account
may belong to other partnerships, and erasing a person is its own step.
"""

import re
import secrets
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import caches
from django.db import models, transaction
from django.db.models import Q

from assessments.models import Assessment, AssessmentStatus, Change, Response
from continuum.models import Service
from partnership.models import Membership, Partnership, User

FORMER_MEMBER = "Former member"
STAND_IN_DOMAIN = "erased.invalid"
# Rounds whose ratings nobody has discussed yet: an erased person's ratings there go.
COLLECTING = [AssessmentStatus.DRAFT, AssessmentStatus.OPEN]
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


@dataclass(frozen=True)
class PersonErased:
    user_id: int
    stand_in_id: int | None
    ratings_kept: int
    ratings_removed: int
    texts_redacted: int


@dataclass(frozen=True)
class PartnershipErased:
    partnership_id: int
    rounds: int
    services: int
    members: int


def text_columns():
    """(model, field name) for every column of people's own words Cradle's database holds,
    JSON included. Identifiers are left alone: a slug, a unique code or a choice's value is
    part of an address or a rule, never a mention of a person, and rewriting one would break
    links (a slug with a space in it) or collide with another row."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS) or isinstance(field, models.SlugField):
                continue
            if field.primary_key or field.choices or (field.unique and model is not User):
                continue
            yield model, field.name


def _pattern(words: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _redact(value, pattern: re.Pattern):
    if isinstance(value, str):
        return pattern.sub(FORMER_MEMBER, value)
    if isinstance(value, list):
        return [_redact(v, pattern) for v in value]
    if isinstance(value, dict):
        return {_redact(k, pattern): _redact(v, pattern) for k, v in value.items()}
    return value


def redact_everywhere(words: list[str]) -> int:
    """Replaces each whole-word mention of `words` in every text column; returns how many
    rows changed. The database finds the candidate rows, Python decides on word boundaries."""
    words = [w.strip() for w in words if w and w.strip()]
    if not words:
        return 0
    pattern = _pattern(words)
    changed = 0
    for model, name in text_columns():
        if model is User:
            continue  # the person's own row is gone; another's name is their own, however alike
        limit = model._meta.get_field(name).max_length
        query = Q()
        for word in words:
            query |= Q(**{f"{name}__icontains": word})
        for pk, value in model._default_manager.filter(query).values_list("pk", name):
            redacted = _redact(value, pattern)
            if limit and isinstance(redacted, str):
                redacted = redacted[:limit]  # the stand-in words may be longer than a short name
            if redacted != value:
                model._default_manager.filter(pk=pk).update(**{name: redacted})
                changed += 1
    return changed


def _stand_in() -> User:
    user = User(
        email=f"former-member-{secrets.token_hex(8)}@{STAND_IN_DOMAIN}",
        full_name=FORMER_MEMBER,
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    return user


def _forget_sign_ins(email: str) -> None:
    """django-axes keeps the name typed at sign-in: the person's email address."""
    for name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", name)
        except LookupError:
            continue
        model.objects.filter(username__iexact=email).delete()


def erase_person(*, user: User) -> PersonErased:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        email, name = user.email, user.full_name
        collecting = Response.objects.filter(respondent=user, assessment__status__in=COLLECTING)
        removed_ids = list(collecting.values_list("pk", flat=True))
        Change.objects.filter(subject="response", object_id__in=removed_ids).delete()
        Response.objects.filter(pk__in=removed_ids).delete()

        kept = Response.objects.filter(respondent=user)
        stand_in = _stand_in() if kept.exists() else None
        ratings_kept = kept.update(respondent=stand_in) if stand_in else 0
        _forget_sign_ins(email)
        user_id = user.pk
        # Memberships and oversight grants go with the account; history rows, barriers and
        # agreed ratings they wrote keep their text and read "A former member". Their name
        # in any text (an action's owner, a note) becomes "Former member".
        user.delete()
        redacted = redact_everywhere([email, name])
        transaction.on_commit(forget_drawn_reports)
    return PersonErased(
        user_id=user_id,
        stand_in_id=stand_in.pk if stand_in else None,
        ratings_kept=ratings_kept,
        ratings_removed=len(removed_ids),
        texts_redacted=redacted,
    )


def erase_partnership(*, partnership: Partnership) -> PartnershipErased:
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        # Rounds first, then services and memberships: each protects the organisations the
        # partnership's own deletion removes last.
        counted = {
            "rounds": Assessment.objects.filter(partnership=partnership).count(),
            "services": Service.objects.filter(partnership=partnership).count(),
            "members": Membership.objects.filter(partnership=partnership).count(),
        }
        Assessment.objects.filter(partnership=partnership).delete()
        Service.objects.filter(partnership=partnership).delete()
        Membership.objects.filter(partnership=partnership).delete()
        partnership_id = partnership.pk
        partnership.delete()
        transaction.on_commit(forget_drawn_reports)
    return PartnershipErased(partnership_id=partnership_id, **counted)


def forget_drawn_reports() -> None:
    """Board report PDFs and dashboards already drawn may hold what was erased: the caches
    keep no copy.

    Their entries are named by a digest, not by partnership, so all go; each is drawn again at
    its next request. The erasure moved the data versions, so no key reaches an old entry in
    any case; the dashboards another app server holds in its memory expire within the hour."""
    caches["reports"].clear()
    caches["pages"].clear()
