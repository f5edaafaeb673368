"""Choices for organisations, people, ties and interactions (MODEL.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    CUSTOMER = "customer", _("customer")
    OWN = "own", _("our company")
    COMPETITOR = "competitor", _("competitor")
    PARTNER = "partner", _("partner")


class Tier(models.TextChoices):
    STRATEGIC = "strategic", _("strategic")
    KEY = "key", _("key")
    STANDARD = "standard", _("standard")


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    LEFT = "left", _("left")


class TieKind(models.TextChoices):
    REPORTS_TO = "reports_to", _("reports to")
    INFLUENCE = "influence", _("influences")
    RELATIONSHIP = "relationship", _("relationship")


class TieOrigin(models.TextChoices):
    ENTERED = "entered", _("entered")
    IMPORTED = "imported", _("imported")
    INTERACTIONS = "interactions", _("from interactions")


class Certainty(models.TextChoices):
    """How sure we are of a piece of competitor intelligence."""

    SEEN = "seen", _("seen it ourselves")
    TOLD = "told", _("told by someone who knows")
    HEARSAY = "hearsay", _("hearsay")


class InteractionKind(models.TextChoices):
    MEAL = "meal", _("meal")
    MEETING = "meeting", _("meeting")
    VISIT = "visit", _("visit")
    EVENT = "event", _("event")
    CALL = "call", _("call")
    EMAIL = "email", _("email")
    MESSAGE = "message", _("message")


#: Words accepted for a strength, and the number each stands for.
STRENGTH_WORDS = {"strong": 80, "medium": 50, "weak": 20}


class HandoverStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
