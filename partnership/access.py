"""The one way a view reaches a partnership.

Every partnership view starts with `partnership_access(request, slug, at_least=...)`. A user
with no link to the partnership gets a 404, exactly as if it did not exist, so slugs of other
partnerships cannot be discovered; a user whose role is too low gets a 403.

The cross-area dashboard reads many partnerships at once through `oversight_access`.

Members act with their role. Commissioners with oversight, and admins, read as viewers: they
never change a partnership's data.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy

from partnership.audit import audit
from partnership.models import ROLE_RANK, Membership, Oversight, Partnership, Role

# Why a role too low is refused, one whole sentence for each role a view may need.
NEEDS_ROLE = {
    Role.LEAD: gettext_lazy("This needs the lead role"),
    Role.CONTRIBUTOR: gettext_lazy("This needs the contributor role"),
    Role.VIEWER: gettext_lazy("This needs the viewer role"),
}


@dataclass(frozen=True)
class Access:
    partnership: Partnership
    membership: Membership | None
    role: Role

    @property
    def is_lead(self) -> bool:
        return self.role == Role.LEAD

    @property
    def can_contribute(self) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[Role.CONTRIBUTOR]

    @property
    def is_member(self) -> bool:
        return self.membership is not None


def partnership_access(request: HttpRequest, slug: str, *, at_least: Role = Role.VIEWER) -> Access:
    user = request.user
    if not user.is_authenticated:
        audit("access.denied", request, status=404, reason="no such partnership")
        raise Http404
    # A member's partnership comes with their membership, in one query: most requests are
    # members'. Anyone else costs a query more, to tell oversight from no link at all.
    membership = (
        Membership.objects.select_related("partnership", "organisation")
        .filter(partnership__slug=slug, user=user)
        .first()
    )
    if membership is not None:
        membership.user = user  # the very row the session read, not read again
        partnership, role = membership.partnership, Role(membership.role)
    else:
        partnership = Partnership.objects.filter(slug=slug).first()
        if partnership is None:
            audit("access.denied", request, status=404, reason="no such partnership")
            raise Http404
        if not (
            user.is_superuser
            or Oversight.objects.for_partnership(partnership).filter(user=user).exists()
        ):
            audit("access.denied", request, status=404, reason="not a member", partnership=slug)
            raise Http404
        role = Role.VIEWER

    if ROLE_RANK[role] < ROLE_RANK[at_least]:
        audit("access.denied", request, status=403, role=role, needs=at_least, partnership=slug)
        raise PermissionDenied(NEEDS_ROLE[at_least])
    return Access(partnership=partnership, membership=membership, role=role)


def oversight_access(request: HttpRequest) -> QuerySet[Partnership]:
    """Every partnership for admins; a commissioner's own overseen ones; a 404 for anyone else."""
    user = request.user
    if user.is_superuser:
        return Partnership.objects.all()
    if not Oversight.objects.filter(user=user).exists():
        raise Http404
    return Partnership.objects.overseen_by(user)


def admin_access(request: HttpRequest) -> None:
    """Admins only (active superusers); a 404 for anyone else, as for a partnership not theirs."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_superuser):
        audit("access.denied", request, status=404, reason="not an admin")
        raise Http404
