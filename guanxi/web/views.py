"""Web pages. Every page requires login (LoginRequiredMiddleware)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guanxi.deals.models import Deal
from guanxi.people.choices import OrgKind, PersonStatus
from guanxi.people.models import Interaction, Organisation, Person, Tie


def home(request: HttpRequest) -> HttpResponse:
    """The workspace at a glance: what is recorded, by kind."""
    orgs = Organisation.objects.aggregate(
        customers=Count("pk", filter=Q(kind=OrgKind.CUSTOMER)),
        competitors=Count("pk", filter=Q(kind=OrgKind.COMPETITOR)),
        partners=Count("pk", filter=Q(kind=OrgKind.PARTNER)),
    )
    people = Person.objects.aggregate(
        total=Count("pk"),
        ours=Count("pk", filter=Q(organisation__kind=OrgKind.OWN, status=PersonStatus.ACTIVE)),
        left=Count("pk", filter=Q(status=PersonStatus.LEFT)),
    )
    deals = Deal.objects.values("status").annotate(n=Count("pk")).order_by("status")
    context = {
        "orgs": orgs,
        "people": people,
        "ties": Tie.objects.values("kind").annotate(n=Count("pk")).order_by("kind"),
        "interactions": Interaction.objects.count(),
        "deals": deals,
    }
    return render(request, "web/home.html", context)
