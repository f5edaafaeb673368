"""Recording competitor intelligence from a deal page (an htmx drawer, like the other forms)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from guanxi.access.permissions import CHANGE, restrict
from guanxi.deals.intelligence import record_intelligence
from guanxi.deals.intelligence_forms import IntelligenceForm
from guanxi.deals.models import Deal
from guanxi.people.choices import STRENGTH_WORDS
from guanxi.people.models import Person
from guanxi.web.views.common import refuse, require, scope
from guanxi.web.views.entry import done, render_form, show_service_errors, suggestions


@login_required
def intelligence_form(request: HttpRequest, deal_id: str) -> HttpResponse:
    """Record what a competitor's person has with a role holder (?holder= preselects one)."""
    require(scope(request).writes)
    user = request.user
    deal = restrict(user, Deal.objects.select_related("organisation"), CHANGE)
    deal = deal.filter(ext_id=deal_id).first()
    if deal is None:
        refuse(user, Deal.objects.filter(ext_id=deal_id), _("No such deal."))
    form = IntelligenceForm(request.POST or None, deal=deal, user=user, initial=_initial(request))
    if request.GET.get("suggest"):
        pool = form.candidates if request.GET["suggest"] == "competitor_person" else None
        if pool is None:
            pool = form.fields["reported_by"].queryset
        return suggestions(request, pool)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_intelligence(
                deal=deal,
                competitor_person=data["competitor_person"],
                holder=data["holder"],
                kind=data["kind"],
                strength=data["strength"],
                certainty=data["certainty"],
                reported_by=data["reported_by"],
                learned_on=data["learned_on"],
                notes=data["notes"],
                actor=user,
            )
        except ValidationError as exc:
            show_service_errors(form, exc)
        else:
            return done(request, reverse("web:deal", args=[deal.ext_id]))
    competitors = ", ".join(c.name for c in deal.competitors.order_by("name"))
    return render_form(
        request,
        form,
        title=_("Record competitor intelligence"),
        intro=_(
            "What a competitor's person has with one of the role holders, and how we know it. "
            "Competitors in play: %(competitors)s."
        )
        % {"competitors": competitors or _("none yet")},
        strength_words=STRENGTH_WORDS,
    )


def _initial(request: HttpRequest) -> dict[str, str]:
    """The role holder from ?holder=, and the user's own person as the one who reported it."""
    own = scope(request).person_id
    mine = Person.objects.filter(pk=own).values_list("ext_id", flat=True).first() if own else ""
    return {"holder": request.GET.get("holder", ""), "reported_by": mine or ""}
