"""Stored words shown in the reader's language: a deal's stage when it is one of the usual."""

from __future__ import annotations

from django import template

from guanxi.deals.choices import STAGE_LABELS

register = template.Library()


@register.filter
def stage_label(value: str | None) -> str:
    """The usual stages translated ("solution" → 方案); any other stage as typed."""
    text = value or ""
    label = STAGE_LABELS.get(text.strip().lower())
    return str(label) if label is not None else text
