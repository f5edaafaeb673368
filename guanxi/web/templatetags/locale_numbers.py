"""Amounts and times as readers of each language expect them.

`money`: grouped digits in English (58,500,000), 万 and 亿 in Chinese (5,850万); `ago`: how
long ago, with 刚刚 / "just now" for the last minute. Locale data comes from Babel (CLDR).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


def babel_locale() -> str:
    """Babel's name for the active Django language (zh-hans → zh_Hans_CN)."""
    code = (get_language() or "en").lower()
    return "zh_Hans_CN" if code.startswith("zh") else code.replace("-", "_")


@register.filter
def money(value: Any) -> str:
    """An amount for reading: 万/亿 units in Chinese from 10,000 up, grouping everywhere."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    locale = babel_locale()
    if locale.startswith("zh") and abs(number) >= 10_000:
        # CLDR's compact form drops the grouping (5850万); readers expect 5,850万.
        unit, size = ("亿", Decimal(10) ** 8) if abs(number) >= 10**8 else ("万", Decimal(10) ** 4)
        return format_decimal(number / size, locale=locale, format="#,##0.##") + unit
    return format_decimal(number.quantize(Decimal(1)), locale=locale, format="#,##0")


@register.filter
def ago(value: dt.datetime | None) -> str:
    """How long ago a moment was: "just now" within a minute, else Django's timesince."""
    if value is None:
        return ""
    if timezone.now() - value < dt.timedelta(minutes=1):
        return _("just now")
    return _("%(time)s ago") % {"time": timesince(value, depth=1)}
