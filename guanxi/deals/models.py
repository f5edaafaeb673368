"""Deals (projects, opportunities) and the decision roles people hold on them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guanxi.core.changes import DEALS, Change
from guanxi.deals.choices import Attitude, ContactLevel, DealStatus, Role
from guanxi.people.models import Organisation, Person


class Deal(models.Model):
    """A sales opportunity at a customer, with the competitors in play."""

    ext_id = models.CharField(_("id"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="deals",
        limit_choices_to={"kind": "customer"},
    )
    name = models.CharField(_("name"), max_length=300)
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DealStatus.choices, default=DealStatus.OPEN
    )
    amount = models.DecimalField(
        _("amount"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    close_date = models.DateField(_("expected close"), null=True, blank=True)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        help_text=_("One of our people, who answers for the deal."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_deals",
    )
    competitors = models.ManyToManyField(
        Organisation,
        verbose_name=_("competitors in play"),
        blank=True,
        related_name="competing_deals",
        limit_choices_to={"kind": "competitor"},
    )
    credit_recorded_at = models.DateTimeField(
        _("credit recorded at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the credit of the won deal was recorded (its shares are kept)."),
    )
    odds_at_close = models.FloatField(
        _("win odds at close"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The relationship win odds when the deal was won or lost."),
    )

    class Meta:
        ordering = ["ext_id"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DealStatus.values),
                name="deal_status_valid",
                violation_error_message=_("Unknown deal status."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="deal_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def analysis_change(self, **_: object) -> Change:
        """Deals, roles and recorded credit are re-read whole (a few thousand rows)."""
        return DEALS


class DealRole(models.Model):
    """A person's part in a deal's decision: role, attitude toward us, depth of contact."""

    deal = models.ForeignKey(
        Deal, verbose_name=_("deal"), on_delete=models.CASCADE, related_name="roles"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="deal_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    attitude = models.SmallIntegerField(
        _("attitude"), choices=Attitude.choices, default=Attitude.NEUTRAL
    )
    contact_level = models.CharField(
        _("contact level"), max_length=10, choices=ContactLevel.choices, default=ContactLevel.NONE
    )
    personality = models.CharField(_("personality"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    competitors_checked = models.BooleanField(
        _("competitors checked"),
        default=False,
        help_text=_("We asked where the competitors stand with this person: nothing found."),
    )

    class Meta:
        ordering = ["deal_id", "role", "person_id"]
        verbose_name = _("decision role")
        verbose_name_plural = _("decision roles")
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "person", "role"],
                name="one_role_per_person_and_deal",
                violation_error_message=_("This person already holds this role on the deal."),
            ),
            models.CheckConstraint(
                condition=Q(attitude__gte=-2, attitude__lte=2),
                name="attitude_range",
                violation_error_message=_("Attitude is between -2 (enemy) and 2 (champion)."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="deal_role_valid",
                violation_error_message=_("Unknown role."),
            ),
            models.CheckConstraint(
                condition=Q(contact_level__in=ContactLevel.values),
                name="contact_level_valid",
                violation_error_message=_("Unknown contact level."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} ({self.deal})"

    def analysis_change(self, **_: object) -> Change:
        """Deals, roles and recorded credit are re-read whole (a few thousand rows)."""
        return DEALS


class DealCredit(models.Model):
    """One of our people's share of a won deal's credit, recorded when the deal was won, so
    later ties, interactions or departures do not move it."""

    deal = models.ForeignKey(
        Deal, verbose_name=_("deal"), on_delete=models.CASCADE, related_name="credits"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="deal_credits"
    )
    share = models.FloatField(_("share"))
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["deal_id", "person_id"]
        verbose_name = _("credit share")
        verbose_name_plural = _("credit shares")
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "person"],
                name="one_credit_share_per_person_and_deal",
                violation_error_message=_("This person already has a share of this deal."),
            ),
            models.CheckConstraint(
                condition=Q(share__gte=0, share__lte=1),
                name="credit_share_range",
                violation_error_message=_("A credit share is between 0 and 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.share:.2%} ({self.deal})"

    def analysis_change(self, **_: object) -> Change:
        """Deals, roles and recorded credit are re-read whole (a few thousand rows)."""
        return DEALS
