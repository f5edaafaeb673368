"""Search people, customers and deals from every page (only what the user may see)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guanxi.access.permissions import restrict
from guanxi.deals.models import Deal
from guanxi.people.models import Organisation, Person

LIMIT = 8


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Matches by name, id, title or industry; a dropdown for htmx, a page otherwise."""
    q = request.GET.get("q", "").strip()[:100]
    people = orgs = deals = []
    if len(q) >= 1:
        user = request.user
        people = list(
            restrict(user, Person.objects.select_related("organisation"))
            .filter(Q(name__icontains=q) | Q(ext_id__icontains=q) | Q(title__icontains=q))
            .order_by("name")[:LIMIT]
        )
        orgs = list(
            restrict(user, Organisation.objects.all())
            .filter(Q(name__icontains=q) | Q(ext_id__icontains=q) | Q(industry__icontains=q))
            .order_by("name")[:LIMIT]
        )
        deals = list(
            restrict(user, Deal.objects.select_related("organisation"))
            .filter(Q(name__icontains=q) | Q(ext_id__icontains=q))
            .order_by("name")[:LIMIT]
        )
    context = {"search_query": q, "people": people, "orgs": orgs, "deals": deals}
    return render(request, "web/search.html", context)
