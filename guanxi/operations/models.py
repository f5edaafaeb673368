"""Operating relationships over time: plan objectives, introductions, alerts, daily runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from guanxi.operations.choices import AlertKind, DailyJob, IntroductionStatus, ObjectiveStatus
from guanxi.people.models import Interaction, Organisation, Person


class Objective(models.Model):
    """An account plan objective: raise our closeness with a person to a target by a date."""

    account = models.ForeignKey(
        Organisation, verbose_name=_("account"), on_delete=models.CASCADE, related_name="objectives"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="objectives"
    )
    target = models.FloatField(_("target closeness"))
    due = models.DateField(_("due"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objectives",
    )
    colleague = models.ForeignKey(
        Person,
        verbose_name=_("colleague"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objective_routes",
        help_text=_("Our person who works the relationship (the first of the route)."),
    )
    route = models.JSONField(_("route"), default=list, blank=True)
    actions = models.TextField(_("planned actions"), blank=True)
    baseline = models.FloatField(_("closeness at the start"))
    start = models.DateField(_("start"))
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectiveStatus.choices, default=ObjectiveStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("plan objective")
        verbose_name_plural = _("plan objectives")
        constraints = [
            models.CheckConstraint(
                condition=Q(target__gte=0) & Q(target__lte=100),
                name="objective_target_0_100",
                violation_error_message=_("The target closeness must be between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(due__gte=F("start")),
                name="objective_due_after_start",
                violation_error_message=_("The due date cannot be before the start."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ObjectiveStatus.values),
                name="objective_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.target:.0f} by {self.due}"


class Introduction(models.Model):
    """A request to a colleague on a best path to introduce the requester to a person."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="introductions_asked",
    )
    requester_person = models.ForeignKey(
        Person,
        verbose_name=_("colleague to introduce"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions_for",
    )
    introducer = models.ForeignKey(
        Person,
        verbose_name=_("introducer"),
        on_delete=models.CASCADE,
        related_name="introductions_to_make",
    )
    target = models.ForeignKey(
        Person, verbose_name=_("to meet"), on_delete=models.CASCADE, related_name="introductions"
    )
    route = models.JSONField(_("route"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.REQUESTED,
    )
    answer = models.TextField(_("answer"), blank=True)
    interaction = models.ForeignKey(
        Interaction,
        verbose_name=_("interaction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    done_on = models.DateField(_("introduced on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=IntroductionStatus.values),
                name="introduction_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=~Q(introducer=F("target")),
                name="introduction_not_to_self",
                violation_error_message=_("The introducer cannot be the person to meet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.introducer} introduces {self.target}"


class Alert(models.Model):
    """One alert for one user, raised on a date and open until its condition clears."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    key = models.CharField(_("condition"), max_length=300)
    params = models.JSONField(_("details"), default=dict)
    raised_on = models.DateField(_("raised on"), db_index=True)
    cleared_on = models.DateField(_("cleared on"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        indexes = [models.Index(fields=["user", "cleared_on"], name="alert_user_open")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key"],
                condition=Q(cleared_on__isnull=True),
                name="one_open_alert_per_condition",
                violation_error_message=_("This alert is already open."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AlertKind.values),
                name="alert_kind_valid",
                violation_error_message=_("Unknown alert kind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.key}"


class AlertPreference(models.Model):
    """Which alerts a user gets, in the inbox and in the daily digest (default: all)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_preferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    enabled = models.BooleanField(_("in the inbox"), default=True)
    digest = models.BooleanField(_("in the daily e-mail"), default=True)

    class Meta:
        verbose_name = _("alert preference")
        verbose_name_plural = _("alert preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="one_alert_preference_per_kind",
                violation_error_message=_("This alert kind is already set for the user."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"


class DailyRun(models.Model):
    """A daily job claimed for a date: the unique row makes it run once per day, across
    restarts and between several workers."""

    job = models.CharField(_("job"), max_length=20, choices=DailyJob.choices)
    date = models.DateField(_("date"))
    claimed_at = models.DateTimeField(_("claimed"), auto_now_add=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)

    class Meta:
        ordering = ["-date", "job"]
        verbose_name = _("daily run")
        verbose_name_plural = _("daily runs")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "date"],
                name="one_daily_run_per_job_and_date",
                violation_error_message=_("This job already ran on that date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.date}"


class Digest(models.Model):
    """A daily digest sent (or due) to one user: once per user and date."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    alerts = models.PositiveIntegerField(_("alerts"), default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "date"],
                name="one_digest_per_user_and_date",
                violation_error_message=_("This user's digest of that date exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.date}"
