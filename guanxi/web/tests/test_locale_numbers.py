"""Amounts and times read as each language expects: grouping in English, 万 and 亿 (with
grouping) in Chinese, and 刚刚 / just now for the last minute."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from guanxi.web.templatetags.locale_numbers import ago, money


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("en", Decimal("58500000"), "58,500,000"),
        ("en", 950, "950"),
        ("zh-hans", Decimal("58500000"), "5,850万"),
        ("zh-hans", 180000, "18万"),
        ("zh-hans", 10500, "1.05万"),
        ("zh-hans", 123456789012, "1,234.57亿"),
        ("zh-hans", 9999, "9,999"),
        ("zh-hans", None, ""),
    ],
)
def test_amounts_follow_the_readers_conventions(lang, value, shown):
    with translation.override(lang):
        assert money(value) == shown


def test_a_moment_ago_is_just_now_and_later_ones_say_how_long():
    now = timezone.now()

    with translation.override("zh-hans"):
        recent, older = ago(now - dt.timedelta(seconds=20)), ago(now - dt.timedelta(minutes=5))
    with translation.override("en"):
        english = ago(now - dt.timedelta(hours=3, minutes=4))

    assert recent == "刚刚"
    assert older == "5\xa0分钟前"
    assert english == "3\xa0hours ago"
