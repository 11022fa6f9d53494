"""Writes that touch several rows of the partnership app, each in one transaction."""

import logging
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from partnership.audit import audit
from partnership.language import language_of
from partnership.models import (
    Area,
    AreaProposal,
    Membership,
    Organisation,
    Partnership,
    ProposalStatus,
    Role,
    User,
)

logger = logging.getLogger(__name__)


class LastLeadError(ValidationError):
    pass


def _lock_leads(partnership: Partnership) -> int:
    """Counts the partnership's leads, locking their rows until the transaction ends.

    Two leads demoting or removing each other at the same moment then queue one behind the
    other, and the second sees that only one lead is left.
    """
    return len(
        Membership.objects.select_for_update().filter(partnership=partnership, role=Role.LEAD)
    )


@dataclass
class AddedMember:
    membership: Membership
    emailed: bool


def add_member(
    *,
    request: HttpRequest,
    partnership: Partnership,
    email: str,
    full_name: str,
    organisation: Organisation,
    role: Role,
) -> AddedMember:
    """Adds a person to the partnership and emails them that it happened.

    A new account takes the name the lead typed and has no usable password: its owner gets a
    link to set one. An existing account keeps its owner's own name, and its owner gets a link
    to sign in. Either way the lead is told the same, so adding someone does not reveal whether
    they have an account in another partnership.

    The email goes only once the rows are saved, and a failure to send it leaves the
    membership in place: the lead is told, in the same words whatever the account.
    """
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            user = User(email=email.lower(), full_name=full_name)
            user.set_unusable_password()
            user.full_clean()
            user.save()
        membership = Membership(
            user=user, partnership=partnership, organisation=organisation, role=role
        )
        membership.full_clean()
        membership.save()
    # Sent once the rows are committed: an email never invites someone to an account that a
    # failed save did not create.
    return AddedMember(membership=membership, emailed=_invite(request, membership, created))


def _invite(request: HttpRequest, membership: Membership, created: bool) -> bool:
    try:
        send_added_email(request, membership.user, membership.partnership, set_password=created)
    # Whatever stops the email (a header the mail library refuses, the mail server being
    # down), the member is saved: the lead is told instead of the page failing.
    except Exception:
        logger.exception("Invitation to user %s not sent", membership.user_id)
        return False
    return True


def send_added_email(
    request: HttpRequest, user: User, partnership: Partnership, *, set_password: bool
) -> None:
    if set_password:
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    else:
        path = reverse("login")
    context = {
        "user": user,
        "partnership": partnership,
        "link": request.build_absolute_uri(path),
        "set_password": set_password,
        "inviter": request.user,
    }
    # In the language the person chose, if they have; someone new to Cradle has not, and is
    # written to in the language the lead who added them was using.
    with override(language_of(user, get_language())):
        subject = _("You have been added to %(partnership)s on Cradle") % {
            "partnership": partnership.name
        }
        message = render_to_string("partnership/email/invitation.txt", context)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[user.email])


def change_member(*, membership: Membership, organisation: Organisation, role: Role) -> None:
    with transaction.atomic():
        demoting = membership.role == Role.LEAD and role != Role.LEAD
        if demoting and _lock_leads(membership.partnership) <= 1:
            raise LastLeadError(_("A partnership needs at least one lead"))
        membership.organisation = organisation
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["organisation", "role"])


def remove_member(*, membership: Membership) -> None:
    with transaction.atomic():
        if membership.role == Role.LEAD and _lock_leads(membership.partnership) <= 1:
            raise LastLeadError(
                _("You cannot remove the last lead. Make someone else a lead first")
            )
        membership.delete()


def codes(areas) -> list[str]:
    return sorted(area.gss_code for area in areas)


def propose_areas(
    *, request: HttpRequest, partnership: Partnership, areas: list[Area]
) -> AreaProposal | None:
    """Records a lead's wish for these areas, for an admin to confirm; returns what is waiting.

    A new proposal replaces one still waiting; proposing the areas the partnership already has
    withdraws it.
    """
    wanted = codes(areas)
    with transaction.atomic():
        pending = partnership.area_proposals.select_for_update().filter(
            status=ProposalStatus.PENDING
        )
        current = pending.first()
        if current is not None and codes(current.areas.all()) == wanted:
            return current
        pending.update(status=ProposalStatus.REPLACED)
        if codes(partnership.areas.all()) == wanted:
            return None
        proposal = AreaProposal.objects.create(partnership=partnership, proposed_by=request.user)
        proposal.areas.set(areas)
    audit(
        "partnership.areas.proposed",
        request,
        partnership=partnership.slug,
        proposal=proposal.pk,
        areas=wanted,
    )
    return proposal


def decide_area_proposal(*, request: HttpRequest, proposal: AreaProposal, confirm: bool) -> bool:
    """An admin confirms (the partnership's areas become the proposed ones) or declines.

    Returns False, changing nothing, when the proposal was no longer waiting.
    """
    with transaction.atomic():
        proposal = AreaProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PENDING:
            return False
        partnership = proposal.partnership
        old = codes(partnership.areas.all())
        if confirm:
            partnership.areas.set(proposal.areas.all())
        proposal.status = ProposalStatus.CONFIRMED if confirm else ProposalStatus.DECLINED
        proposal.decided_by = request.user
        proposal.decided = timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided"])
    if confirm:
        record_area_change(request, partnership, old, proposal=proposal.pk)
    else:
        audit(
            "partnership.areas.declined",
            request,
            partnership=partnership.slug,
            proposal=proposal.pk,
        )
    return True


def record_area_change(
    request: HttpRequest, partnership: Partnership, old: list[str], **fields
) -> None:
    """Every change to a partnership's areas, and so to who oversees it, goes in the audit log."""
    new = codes(partnership.areas.all())
    if new != old:
        audit(
            "partnership.areas.changed",
            request,
            partnership=partnership.slug,
            old=old,
            new=new,
            **fields,
        )
