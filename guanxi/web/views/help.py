"""`/help/scoring/` — the scoring guide (docs/scoring.md) in the reader's language."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guanxi.web.explain import guide


@login_required
def scoring_guide(request: HttpRequest) -> HttpResponse:
    """Every score explained with a worked example: the half of the guide in the language."""
    html, headings = guide(get_language() or "en")
    if not html:
        raise Http404(_("The scoring guide is not part of this installation."))
    # The guide is the project's own file, not user input: it is rendered as written.
    return render(request, "web/help_scoring.html", {"guide": mark_safe(html)})  # noqa: S308
