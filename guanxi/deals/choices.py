"""Choices for deals and decision roles (MODEL.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DealStatus(models.TextChoices):
    OPEN = "open", _("open")
    WON = "won", _("won")
    LOST = "lost", _("lost")


class Role(models.TextChoices):
    APPROVER = "approver", _("approver")
    DECISION_MAKER = "decision_maker", _("decision maker")
    EVALUATOR = "evaluator", _("evaluator")
    USER = "user", _("user")


class Attitude(models.IntegerChoices):
    CHAMPION = 2, _("champion")
    SUPPORTER = 1, _("supporter")
    NEUTRAL = 0, _("neutral")
    NON_SUPPORTER = -1, _("non-supporter")
    ENEMY = -2, _("enemy")


#: Interchange words for attitudes.
ATTITUDE_WORDS = {
    "champion": 2,
    "supporter": 1,
    "neutral": 0,
    "non_supporter": -1,
    "enemy": -2,
}


class ContactLevel(models.TextChoices):
    NONE = "none", _("none")
    INITIAL = "initial", _("initial")
    REGULAR = "regular", _("regular")
    DEEP = "deep", _("deep")


#: The usual sales stages: offered as suggestions and shown in the reader's language. A deal
#: may carry any other stage text (sales processes differ); that is shown as typed.
STAGE_LABELS = {
    "qualification": _("qualification"),
    "solution": _("solution"),
    "proposal": _("proposal"),
    "negotiation": _("negotiation"),
    "closed": _("closed"),
}
