"""Workspace-wide records: the data version, scoring settings, audit log and score snapshots."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guanxi.core.choices import AuditAction


class Workspace(models.Model):
    """The single workspace row: a data version bumped by every write, and scoring overrides.

    The server keeps the analysis graph in memory and rebuilds it when `data_version` moves.
    """

    data_version = models.BigIntegerField(default=0)
    scoring = models.JSONField(
        default=dict, blank=True, help_text=_("Overrides of the scoring defaults (MODEL.md).")
    )

    class Meta:
        verbose_name = _("workspace")
        verbose_name_plural = _("workspace")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="single_workspace")]

    def __str__(self) -> str:
        return f"workspace v{self.data_version}"


class AuditEvent(models.Model):
    """Who did what, when, to which record, with old and new values."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(max_length=50, blank=True, db_index=True)
    object_id = models.CharField(max_length=200, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}"


class Snapshot(models.Model):
    """One recorded score of one subject (an account, a side) on one date, for trends."""

    date = models.DateField(db_index=True)
    subject_id = models.CharField(
        max_length=200, help_text=_("Interchange id of the account or side.")
    )
    metric = models.CharField(max_length=50)
    value = models.FloatField()

    class Meta:
        ordering = ["date", "subject_id", "metric"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "subject_id", "metric"],
                name="one_snapshot_value",
                violation_error_message=_("This score is already recorded for that date."),
            )
        ]
        # a subject's history (the trend on its page): its own rows, not a scan of every
        # subject's (a year of daily scores of 2,000 accounts is three quarters of a million)
        indexes = [models.Index(fields=["subject_id", "metric", "date"], name="snapshot_history")]

    def __str__(self) -> str:
        return f"{self.date} {self.subject_id} {self.metric}={self.value:g}"


class AnalysisCache(models.Model):
    """The analysis engine's input rows in a compact columnar form, as read at one data
    version: a cold process (the CLI, a new server worker) loads one blob instead of a
    million rows. Rewritten by the first reader after a write; only the latest is kept."""

    data_version = models.BigIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    payload = models.BinaryField()

    class Meta:
        verbose_name = _("analysis cache")
        verbose_name_plural = _("analysis cache")

    def __str__(self) -> str:
        return f"analysis rows at v{self.data_version}"


class DataChange(models.Model):
    """What one data version changed, for the analysis models kept warm in memory: the
    people whose fields, ties or interactions moved, whether deals moved, or `full` when
    only a fresh build can follow (a new person or organisation, an import). Recent
    versions only: a model further behind builds afresh."""

    version = models.BigIntegerField(unique=True)
    people = models.JSONField(default=list, blank=True)
    deals = models.BooleanField(default=False)
    full = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("data change")
        verbose_name_plural = _("data changes")

    def __str__(self) -> str:
        return f"v{self.version}: {'full' if self.full else len(self.people)}"
