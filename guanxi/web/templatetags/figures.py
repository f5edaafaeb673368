"""One format per kind of figure, and the ⓘ explanation beside each figure a page shows.

Formats (docs/scoring.md says the same to readers):
- `score`: a 0–100 score, closeness or strength as a whole number ("62");
- `odds`: win odds as a whole percentage ("62%");
- `pct`: a share 0–1 (coverage, concentration, credit share) as a whole percentage ("37%");
- `measure`: power, influence, importance, broker and path strength, 0–1, two decimals ("0.83");
- `signed`: an edge or a push on the odds, two decimals with its sign ("+0.45", "−0.30");
- `amount`: money and resources, whole, grouped by thousands ("1,057").
A missing value is "—". `{% explain "power" %}` renders the button and popover that say in
plain words what the figure means, with a link to its section of the scoring guide.
"""

from __future__ import annotations

import math
import secrets
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guanxi.web.explain import FIGURES, anchor_of

register = template.Library()

MISSING = "—"
MINUS = "−"


def _number(value: Any) -> float | None:
    """The value as a finite float, or None when it is missing or not a number."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _whole(number: float) -> int:
    """Rounded half away from zero, as people round (62.5 → 63), not banker's rounding."""
    return int(Decimal(repr(number)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@register.filter
def score(value: Any) -> str:
    """A 0–100 score, closeness or strength: a whole number."""
    number = _number(value)
    return MISSING if number is None else str(max(0, _whole(number)))


@register.filter
def odds(value: Any) -> str:
    """Win odds (0–100) as a whole percentage."""
    number = _number(value)
    return MISSING if number is None else f"{_whole(number)}%"


@register.filter
def pct(value: Any) -> str:
    """A share 0–1 as a whole percentage."""
    number = _number(value)
    return MISSING if number is None else f"{_whole(number * 100)}%"


@register.filter
def measure(value: Any) -> str:
    """Power, influence, importance, broker, path strength: 0–1 with two decimals."""
    number = _number(value)
    if number is None:
        return MISSING
    text = f"{Decimal(repr(number)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"
    return "0.00" if text == "-0.00" else text


@register.filter
def signed(value: Any) -> str:
    """An edge or a push on the odds: two decimals, always with its sign."""
    number = _number(value)
    if number is None:
        return MISSING
    rounded = Decimal(repr(number)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if rounded == 0:
        return "0.00"
    return f"+{rounded:.2f}" if rounded > 0 else f"{MINUS}{-rounded:.2f}"


@register.filter
def amount(value: Any) -> str:
    """Money or relationship resources: whole, with the language's grouping."""
    number = _number(value)
    if number is None:
        return MISSING
    # Grouped by thousands with commas in every language (Chinese business documents write
    # 1,057 too; Django's zh-hans format would not group at all).
    return f"{_whole(number):,}"


@register.simple_tag(takes_context=True)
def explain(context: template.Context, figure: str) -> str:
    """The ⓘ button of a figure and its popover: what it means, and where the guide says how."""
    label, text, _section = FIGURES[figure]
    request = context.get("request")
    counter = (getattr(request, "_explain_counter", 0) + 1) if request is not None else 1
    if request is not None:
        request._explain_counter = counter
    # A fragment htmx swaps into a page must not reuse the page's ids; a whole page keeps
    # plain, repeatable ids.
    partial = request is not None and request.headers.get("HX-Request") == "true"
    prefix = f"explain-{secrets.token_hex(3)}" if partial else "explain"
    pop_id = f"{prefix}-{figure}-{counter}"
    href = f"{reverse('web:help_scoring')}#{anchor_of(figure, get_language() or 'en')}"
    return format_html(
        '<span class="explain" data-figure="{figure}">'
        '<button type="button" class="explain-btn" popovertarget="{pop}" '
        'popovertargetaction="show" aria-label="{aria}" data-testid="explain-{figure}">ⓘ</button>'
        '<span id="{pop}" popover class="explain-pop" role="note">'
        "<strong>{label}</strong> {text} "
        '<a href="{href}" target="_blank" rel="noopener">{more}</a></span></span>',
        figure=figure,
        pop=pop_id,
        aria=_("What is %(figure)s?") % {"figure": label},
        label=label,
        text=text,
        href=href,
        more=_("How it is worked out"),
    )


@register.inclusion_tag("web/partials/hidden.html")
def hidden() -> dict[str, Any]:
    """The words for something the user's role may not see (never a zero or "none")."""
    return {}


@register.filter
def signed_score(value: Any) -> str:
    """A gap between two 0–100 scores: a whole number with its sign."""
    number = _number(value)
    if number is None:
        return MISSING
    whole = _whole(number)
    return "0" if whole == 0 else (f"+{whole}" if whole > 0 else f"{MINUS}{-whole}")
