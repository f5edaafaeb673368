"""Choices of the operations app: plans, introductions, alerts, daily jobs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ObjectiveStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACHIEVED = "achieved", _("achieved")
    DROPPED = "dropped", _("dropped")


class IntroductionStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    DONE = "done", _("done")


class AlertKind(models.TextChoices):
    STALE = "stale", _("a key relationship going stale")
    OBJECTIVE = "objective", _("a plan objective due or off track")
    OVERTAKEN = "overtaken", _("a competitor overtaking us with a decider")
    AT_RISK = "at_risk", _("an account crossing into at-risk concentration")
    COLLEAGUE_LEAVING = "colleague_leaving", _("a colleague leaving with open hand-overs")
    KEY_PERSON_LEFT = "key_person_left", _("a key person leaving the customer")


class DailyJob(models.TextChoices):
    SNAPSHOT = "snapshot", _("daily snapshot")
    ALERTS = "alerts", _("alert evaluation")
    DIGESTS = "digests", _("daily digests")
