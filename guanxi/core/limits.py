"""How much free text any writer stores: the longest notes (import, API, forms, admin).

The models' notes are unbounded text columns; this bound keeps one record from holding
megabytes (a pasted file, a runaway script) and every writer says so naming the field.
"""

from __future__ import annotations

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

#: The longest free text (notes) in characters: about ten printed pages.
TEXT_MAX_LENGTH = 20_000


def long_texts(record: models.Model) -> dict[str, str]:
    """{field: why} for each unbounded text field of `record` longer than TEXT_MAX_LENGTH."""
    problems: dict[str, str] = {}
    for field in record._meta.concrete_fields:
        if isinstance(field, models.TextField) and field.max_length is None:
            value = getattr(record, field.attname) or ""
            if len(value) > TEXT_MAX_LENGTH:
                values = {
                    "field": capfirst(field.verbose_name),
                    "max": TEXT_MAX_LENGTH,
                    "length": len(value),
                }
                problems[field.name] = (
                    _("%(field)s is longer than %(max)d characters (%(length)d).") % values
                )
    return problems
