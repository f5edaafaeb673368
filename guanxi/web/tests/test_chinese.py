"""The Chinese pages show no untranslated choice value: stages, statuses, kinds, roles,
attitudes, contact levels, audit record types and field names all read in Chinese."""

from __future__ import annotations

import html as htmllib
import inspect
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import translation

from guanxi.access import choices as access_choices
from guanxi.core import choices as core_choices
from guanxi.deals import choices as deal_choices
from guanxi.deals.models import Deal, DealRole
from guanxi.people import choices as people_choices
from guanxi.people.models import Organisation, Person

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}

PAGES = [
    "/",
    "/accounts/",
    "/accounts/dfb/",
    "/people/dfb-ceo/",
    "/employees/",
    "/employees/ht-kam1/",
    "/deals/",
    "/deals/tyt-d1/",
    "/deals/dfb-d1/",
    "/competitors/",
    "/competitors/hr/",
    "/handovers/",
    "/handovers/ht-zp/",
    "/audit/",
    "/search/?q=Li",
    "/new/deal/",
    "/new/person/",
    "/new/tie/",
    "/new/interaction/",
]


def english_choice_words() -> set[str]:
    """Every choice label of Guanxi's choices in English, and the usual stages."""
    words = set()
    with translation.override("en"):
        for module in (core_choices, people_choices, deal_choices, access_choices):
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, models.Choices) and cls.__module__ == module.__name__:
                    words.update(str(label) for _value, label in cls.choices)
        words.update(str(label) for label in deal_choices.STAGE_LABELS.values())
    return {w for w in words if len(w) > 2}


def data_texts() -> list[str]:
    """Names and titles as entered (data, in whatever language it was typed), longest first."""
    texts = set()
    for model, fields in (
        (Person, ("ext_id", "name", "title", "department", "personality")),
        (Organisation, ("ext_id", "name", "industry")),
        (Deal, ("ext_id", "name")),
        (DealRole, ("personality", "notes")),
        (get_user_model(), ("username",)),
    ):
        for row in model.objects.values_list(*fields):
            texts.update(t for t in row if t)
    return sorted(texts, key=len, reverse=True)


def visible_text(page: str, data: list[str]) -> str:
    """What a reader sees of the page's own words: no scripts, tags or entered data."""
    page = re.sub(r"(?s)<(script|style|datalist)\b.*?</\1>", " ", page)
    page = htmllib.unescape(re.sub(r"(?s)<[^>]+>", "\n", page))
    for text in data:
        page = page.replace(text, " ")
    return page


@pytest.mark.parametrize("url", PAGES)
def test_chinese_pages_show_no_untranslated_choice_value(as_user, url):
    client = as_user("demo")
    words = english_choice_words()

    text = visible_text(client.get(url, **ZH).content.decode(), data_texts())

    found = sorted(
        w for w in words if re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", text, re.I)
    )
    assert found == []
