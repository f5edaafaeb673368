"""Choices of the connectors: import formats, review kinds and outcomes, exclusion kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    INTERCHANGE = "interchange", _("Guanxi interchange (.zip of CSV files)")
    SALESFORCE = "salesforce", _("Salesforce data export (object CSV files)")
    LINKEDIN = "linkedin", _("LinkedIn Connections.csv")
    VCARD = "vcard", _("Address book (vCard 3.0 / 4.0)")
    ICS = "ics", _("Calendar (iCalendar .ics)")
    MAIL = "mail", _("Mail headers (mbox, Maildir or .eml files)")


#: formats that need the employee whose export it is (--as)
NEEDS_EMPLOYEE = frozenset({Format.LINKEDIN, Format.VCARD})


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("waiting")
    MERGED = "merged", _("merged")
    CREATED = "created", _("created")
    IGNORED = "ignored", _("ignored")


class ReviewKind(models.TextChoices):
    PERSON = "person", _("person")
    ORGANISATION = "organisation", _("organisation")


class ExclusionKind(models.TextChoices):
    CONTACT = "contact", _("contact (e-mail address)")
    DOMAIN = "domain", _("whole domain")
