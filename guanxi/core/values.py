"""Checks of single values that several forms share: currency codes and date ranges.

Each check returns the reason a value is refused, or None, so a form can put the reason
beside its field and keep checking the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

from babel.numbers import list_currencies
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

#: No record in a relationship system is older than this.
EARLIEST = dt.date(1950, 1, 1)
#: Plans further ahead than this are typing mistakes.
HORIZON_YEARS = 10


@cache
def currency_codes() -> frozenset[str]:
    """The ISO 4217 currency codes (Babel's copy of the CLDR data)."""
    return frozenset(list_currencies())


def check_currency(code: str) -> str | None:
    """Why `code` is not an ISO 4217 currency code, or None when it is (or is empty)."""
    if not code or code.upper() in currency_codes():
        return None
    return _("'%(code)s' is not an ISO 4217 currency code (for example CNY, USD, EUR).") % {
        "code": code
    }


def latest_plan(today: dt.date) -> dt.date:
    """The furthest date a plan may name: HORIZON_YEARS from today."""
    try:
        return today.replace(year=today.year + HORIZON_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + HORIZON_YEARS, day=28)


def check_past_date(value: dt.date | None, *, today: dt.date) -> str | None:
    """A date of something that happened: not in the future, not before EARLIEST."""
    if value is None:
        return None
    if value > today:
        return _("The date is in the future (today is %(today)s).") % {"today": today}
    if value < EARLIEST:
        return _("The date is before %(year)s; please check the year.") % {"year": EARLIEST.year}
    return None


def check_close_date(
    value: dt.date | None, *, is_open: bool, today: dt.date, stored: dt.date | None = None
) -> str | None:
    """An expected close: ahead for an open deal (a stored past date may stay), past for a
    won or lost one, and within HORIZON_YEARS either way."""
    if value is None:
        return None
    if value < EARLIEST:
        return _("The date is before %(year)s; please check the year.") % {"year": EARLIEST.year}
    if value > latest_plan(today):
        return _("The date is more than %(n)s years ahead; please check the year.") % {
            "n": HORIZON_YEARS
        }
    if is_open and value < today and value != stored:
        return _("An open deal cannot be expected to close in the past (today is %(today)s).") % {
            "today": today
        }
    if not is_open and value > today:
        return _("A won or lost deal closed on or before today (%(today)s).") % {"today": today}
    return None


def spoken_list(items: Iterable[str]) -> str:
    """Items joined the reader's way ("A, B" in English, "A、B" in Chinese)."""
    return pgettext("list", ", ").join(items)
