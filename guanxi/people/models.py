"""Organisations, people, the ties between them and the interactions that evidence ties."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from guanxi.core.changes import FULL, NOTHING, Change, of_people
from guanxi.people import derived
from guanxi.people.choices import (
    Certainty,
    HandoverStatus,
    InteractionKind,
    OrgKind,
    PersonStatus,
    TieKind,
    TieOrigin,
    Tier,
)
from guanxi.people.pinyin import COLUMNS as PINYIN_COLUMNS

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


#: the person fields the analysis engine reads (guanxi.scoring.loader)
_ENGINE_FIELDS = ("status", "power", "key", "is_sales", "name")


class Organisation(models.Model):
    """A customer, our own company (exactly one), a competitor or a partner."""

    ext_id = models.CharField(_("id"), max_length=200, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices, db_index=True)
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices, blank=True)
    industry = models.CharField(_("industry"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subsidiaries",
    )

    class Meta:
        ordering = ["name", "ext_id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="own"),
                name="one_own_organisation",
                violation_error_message=_("There is already an 'own' organisation."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OrgKind.values),
                name="organisation_kind_valid",
                violation_error_message=_("Unknown organisation kind."),
            ),
            models.CheckConstraint(
                condition=Q(tier__in=[*Tier.values, ""]),
                name="organisation_tier_valid",
                violation_error_message=_("Unknown tier."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="organisation_not_own_parent",
                violation_error_message=_("An organisation cannot be its own parent."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def analysis_change(self, **_: object) -> Change:
        """Any write of an organisation asks warm models for a fresh build (rare)."""
        return FULL

    @property
    def tier_weight(self) -> int:
        """Weight of the customer in the capability score: strategic 3, key 2, standard 1."""
        return {"strategic": 3, "key": 2}.get(self.tier, 1)


class Person(models.Model):
    """Someone at an organisation: a customer's staff, one of ours, or a competitor's."""

    ext_id = models.CharField(_("id"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    name = models.CharField(_("name"), max_length=300)
    title = models.CharField(_("title"), max_length=300, blank=True)
    department = models.CharField(_("department"), max_length=300, blank=True)
    power = models.PositiveSmallIntegerField(
        _("power"),
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Override of the power computed from the reporting tree (0–100)."),
    )
    key = models.BooleanField(_("key person"), default=False)
    is_sales = models.BooleanField(_("sales"), default=False)
    personality = models.CharField(_("personality"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PersonStatus.choices, default=PersonStatus.ACTIVE
    )
    email = models.CharField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # The name's pinyin, kept when the name is written (guanxi.people.pinyin.Spelling says
    # what each holds); a search finds each kind of match through its index, in id order.
    pinyin_key = models.CharField(max_length=600, blank=True, default="", editable=False)
    pinyin_start = models.CharField(max_length=600, blank=True, default="", editable=False)
    pinyin_family = models.CharField(max_length=600, blank=True, default="", editable=False)
    pinyin_given = models.CharField(max_length=600, blank=True, default="", editable=False)
    pinyin_initials = models.CharField(max_length=600, blank=True, default="", editable=False)
    # The name and title as a search reads them (guanxi.people.derived).
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        ordering = ["name", "ext_id"]
        indexes = [
            *(
                models.Index(fields=[column, "ext_id"], name=f"person_{column}")
                for column in PINYIN_COLUMNS
            ),
            # an id typed in full, in any case (the search box)
            models.Index(Upper("ext_id"), name="person_ext_id_upper"),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(power__isnull=True) | Q(power__gte=0, power__lte=100),
                name="person_power_0_100",
                violation_error_message=_("Power must be between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=PersonStatus.values),
                name="person_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep the name's pinyin and the search text with it (whatever writes the record: a
        form, the API, a connector; the import writes the same columns itself)."""
        values = derived.derived(self.name, self.title)
        for column, value in zip(derived.COLUMNS, values, strict=True):
            setattr(self, column, value)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = derived.with_derived(kwargs["update_fields"])
        super().save(*args, **kwargs)

    def analysis_change(
        self, *, stored: Person | None = None, deleting: bool = False, **_: object
    ) -> Change:
        """A new, deleted, renumbered or moved person asks for a fresh build; a change of the
        fields the engine reads touches this person only."""
        if stored is None or deleting:
            return FULL
        if stored.ext_id != self.ext_id or stored.organisation_id != self.organisation_id:
            return FULL
        if all(getattr(stored, f) == getattr(self, f) for f in _ENGINE_FIELDS):
            return NOTHING
        return of_people([self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == PersonStatus.ACTIVE


class Tie(models.Model):
    """A directed tie between two people: reports_to, influence, or a (symmetric) relationship.

    Relationships are stored once per pair, with the smaller primary key as `source`.
    """

    source = models.ForeignKey(
        Person, verbose_name=_("from"), on_delete=models.CASCADE, related_name="ties_out"
    )
    target = models.ForeignKey(
        Person, verbose_name=_("to"), on_delete=models.CASCADE, related_name="ties_in"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TieKind.choices)
    strength = models.PositiveSmallIntegerField(
        _("strength"), null=True, blank=True, validators=PERCENT
    )
    since = models.DateField(_("since"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    origin = models.CharField(
        _("source"), max_length=20, choices=TieOrigin.choices, default=TieOrigin.ENTERED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    last_confirmed = models.DateField(_("last confirmed"), null=True, blank=True)
    # Provenance of intelligence (a competitor's tie learned in a deal): where, from whom,
    # how sure and when; blank for ties we know first-hand.
    learned_in = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("learned in deal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intelligence",
    )
    reported_by = models.ForeignKey(
        Person,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certainty = models.CharField(
        _("how sure"),
        max_length=10,
        choices=Certainty.choices,
        blank=True,
        default="",
        db_default="",  # the import writes ties with plain INSERTs that leave it out
    )
    learned_on = models.DateField(_("learned on"), null=True, blank=True)

    class Meta:
        ordering = ["source_id", "target_id", "kind"]
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        indexes = [models.Index(fields=["target", "kind"], name="tie_target_kind")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"],
                name="one_tie_per_pair_and_kind",
                violation_error_message=_("These two people already have a tie of this kind."),
            ),
            models.UniqueConstraint(
                fields=["source"],
                condition=Q(kind="reports_to"),
                name="one_manager",
                violation_error_message=_("A person reports to at most one manager."),
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="tie_not_self",
                violation_error_message=_("A person cannot have a tie with themself."),
            ),
            models.CheckConstraint(
                condition=Q(strength__isnull=True) | Q(strength__gte=0, strength__lte=100),
                name="tie_strength_0_100",
                violation_error_message=_("Strength must be between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(kind="reports_to") | Q(strength__isnull=False),
                name="tie_strength_required",
                violation_error_message=_("Influence and relationship ties need a strength."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=TieKind.values),
                name="tie_kind_valid",
                violation_error_message=_("Unknown tie kind."),
            ),
            models.CheckConstraint(
                condition=Q(certainty="") | Q(certainty__in=Certainty.values),
                name="tie_certainty_valid",
                violation_error_message=_("Unknown certainty."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="relationship") | Q(source__lt=F("target")),
                name="relationship_stored_once",
                violation_error_message=_("A relationship is stored once per pair."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.kind})"

    def analysis_change(self, *, stored: Tie | None = None, **_: object) -> Change:
        """A tie touches its two people (before and after the write)."""
        ends = [self.source_id, self.target_id]
        if stored is not None:
            ends += [stored.source_id, stored.target_id]
        return of_people(ends)


class Interaction(models.Model):
    """A dated touchpoint (meal, meeting, call...) with participants from both sides."""

    ext_id = models.CharField(_("id"), max_length=200, unique=True)
    date = models.DateField(_("date"), db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InteractionKind.choices)
    notes = models.TextField(_("notes"), blank=True)
    participants = models.ManyToManyField(
        Person,
        verbose_name=_("participants"),
        through="Participation",
        related_name="interactions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-date", "ext_id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=InteractionKind.values),
                name="interaction_kind_valid",
                violation_error_message=_("Unknown interaction kind."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    def analysis_change(self, *, related: tuple[str, ...] = (), **_: object) -> Change:
        """An interaction touches everyone in it, before and after the write (`related`:
        the participant ids of a change of the list)."""
        keys = set(self.participants.values_list("pk", flat=True)) if self.pk else set()
        if related:
            keys |= set(Person.objects.filter(ext_id__in=related).values_list("pk", flat=True))
        return of_people(keys)


class Participation(models.Model):
    """One person's part in one interaction."""

    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["interaction_id", "position"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["interaction", "person"],
                name="one_participation",
                violation_error_message=_("This person is already a participant."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.interaction}"


class Handover(models.Model):
    """A task to keep a departed colleague's relationship alive: who takes it over, who owns
    the task, and whether it is done."""

    departed = models.ForeignKey(
        Person, verbose_name=_("departed"), on_delete=models.CASCADE, related_name="handovers_from"
    )
    contact = models.ForeignKey(
        Person, verbose_name=_("contact"), on_delete=models.CASCADE, related_name="handovers_about"
    )
    successor = models.ForeignKey(
        Person,
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handovers_to",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handover_tasks",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = _("hand-over task")
        verbose_name_plural = _("hand-over tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["departed", "contact"],
                name="one_handover_per_relationship",
                violation_error_message=_("This relationship already has a hand-over task."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("departed")),
                name="handover_successor_not_departed",
                violation_error_message=_("The successor cannot be the person who left."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=HandoverStatus.values),
                name="handover_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.departed} → {self.successor or '?'}: {self.contact}"
