"""A small write from the deal page: "we checked" on a role holder."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guanxi.access.permissions import CHANGE, restrict
from guanxi.deals.models import Deal, DealRole
from guanxi.deals.services import save_deal_role
from guanxi.web.views.common import refuse, require, scope
from guanxi.web.views.entry import done


def _changeable_deal(request: HttpRequest, deal_id: str) -> Deal:
    """The deal, if the user may change it (403 if they may only see it, else 404)."""
    require(scope(request).writes)
    deal = restrict(request.user, Deal.objects.all(), CHANGE).filter(ext_id=deal_id).first()
    if deal is None:
        refuse(request.user, Deal.objects.filter(ext_id=deal_id), _("No such deal."))
    return deal


@login_required
@require_POST
def role_checked(request: HttpRequest, deal_id: str) -> HttpResponse:
    """Mark (or unmark) a role holder as checked: we asked about the competitors, found none."""
    deal = _changeable_deal(request, deal_id)
    role = (
        DealRole.objects.filter(
            deal=deal, person__ext_id=request.POST.get("person", ""), role=request.POST.get("role")
        )
        .select_related("person")
        .first()
    )
    if role is None:
        raise Http404(_("No such role on this deal."))
    role.competitors_checked = request.POST.get("checked") == "1"
    try:
        save_deal_role(role, actor=request.user)
    except ValidationError as exc:  # the role's rules hold already; say so rather than fail
        return HttpResponse("; ".join(exc.messages), status=400)
    return done(request, reverse("web:deal", args=[deal.ext_id]))
