"""What the connectors remember between imports: external ids, extra e-mail addresses,
employees' privacy exclusions and the queue of uncertain matches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guanxi.connectors.choices import ExclusionKind, ReviewKind, ReviewStatus


class ExternalRef(models.Model):
    """A record of a source system (a Salesforce id, a Message-ID, a vCard UID...) and the
    Guanxi record it became, so a newer export updates instead of duplicating."""

    source = models.CharField(_("source"), max_length=20)
    external_id = models.CharField(_("external id"), max_length=255)
    organisation = models.ForeignKey(
        "people.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    deal = models.ForeignKey(
        "deals.Deal", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    interaction = models.ForeignKey(
        "people.Interaction", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("external id")
        verbose_name_plural = _("external ids")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                name="one_ref_per_source_id",
                violation_error_message=_("This external id is already linked."),
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, person=None, deal=None, interaction=None)
                | Q(organisation=None, person__isnull=False, deal=None, interaction=None)
                | Q(organisation=None, person=None, deal__isnull=False, interaction=None)
                | Q(organisation=None, person=None, deal=None, interaction__isnull=False),
                name="ref_names_one_record",
                violation_error_message=_("An external id names exactly one record."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"


class PersonEmail(models.Model):
    """Another e-mail address of a person (the first one is `Person.email`), lower-cased."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    email = models.CharField(_("email"), max_length=254, unique=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")

    def __str__(self) -> str:
        return self.email


class Exclusion(models.Model):
    """A contact or a whole domain an employee keeps out of every capture (privacy)."""

    employee = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("employee")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ExclusionKind.choices)
    value = models.CharField(_("address or domain"), max_length=254)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["employee_id", "kind", "value"]
        verbose_name = _("exclusion")
        verbose_name_plural = _("exclusions")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "kind", "value"],
                name="one_exclusion",
                violation_error_message=_("This exclusion already exists."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ExclusionKind.values),
                name="exclusion_kind_valid",
                violation_error_message=_("Unknown exclusion kind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.value}"


class ReviewItem(models.Model):
    """A record of a source that matched nobody for certain: a person decides to merge it
    with a candidate, create it, or ignore it (nothing is guessed silently). A person waits
    uncreated; an organisation was created apart (`organisation`) and waits to be merged
    into a candidate or kept."""

    kind = models.CharField(
        _("kind"), max_length=12, choices=ReviewKind.choices, default=ReviewKind.PERSON
    )
    source = models.CharField(_("source"), max_length=20)
    external_id = models.CharField(_("external id"), max_length=255)
    name = models.CharField(_("name"), max_length=300)
    email = models.CharField(_("email"), max_length=254, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    reason = models.CharField(_("reason"), max_length=500)
    candidates = models.ManyToManyField(
        "people.Person", blank=True, related_name="+", verbose_name=_("candidates")
    )
    org_candidates = models.ManyToManyField(
        "people.Organisation", blank=True, related_name="+", verbose_name=_("candidates")
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation under review"),
    )
    #: what applying it needs: the employee to tie to and the strength, the phone...
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("resolved as"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["status", "-created_at", "id"]
        verbose_name = _("match to review")
        verbose_name_plural = _("matches to review")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                name="one_review_per_source_id",
                violation_error_message=_("This record is already in the review queue."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values),
                name="review_status_valid",
                violation_error_message=_("Unknown review status."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReviewKind.values),
                name="review_kind_valid",
                violation_error_message=_("Unknown review kind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id} {self.name}"
