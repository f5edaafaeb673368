"""Search people, customers and deals from every page (only what the user may see)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from guanxi.access import facade


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Matches by name, id, title or industry; a dropdown for htmx, a page otherwise."""
    q = request.GET.get("q", "").strip()[:100]
    found = facade.search(request.user, q)
    people, orgs, deals = found["people"], found["orgs"], found["deals"]
    context = {"search_query": q, "people": people, "orgs": orgs, "deals": deals}
    return render(request, "web/search.html", context)
