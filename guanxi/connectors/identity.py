"""Identity resolution: which person or organisation a record of a source is.

People are matched by an external id seen before, then by any of their e-mail addresses
(case-insensitive), then by name within an organisation, with names normalised ("Last, First",
accents, full-width characters, Chinese names with or without a space). A match that is not
certain (the same name elsewhere, or several candidates) is never applied: it goes to the
review queue. Organisations are matched by e-mail domain and by name; personal mail domains
never make an organisation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop as _

#: mail domains of private people: an address there says nothing about an employer
PERSONAL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "yahoo.co.uk",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "mail.com",
        "yandex.ru",
        "mail.ru",
        "qq.com",
        "foxmail.com",
        "163.com",
        "126.com",
        "yeah.net",
        "sina.com",
        "sina.cn",
        "sohu.com",
        "aliyun.com",
        "139.com",
        "189.cn",
        "naver.com",
    }
)

_LEGAL = frozenset(
    [
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "bv",
        "nv",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "kk",
        "pte",
        "pty",
        "srl",
        "spa",
        "oy",
        "ab",
        "as",
    ]
)
#: ExternalRef sources of a reviewer's decisions: a domain's, another name's organisation
DOMAIN_REF, NAME_REF = "domain", "orgname"
_CN_LEGAL = ("股份有限公司", "有限责任公司", "有限公司")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def _fold(text: str) -> str:
    """NFKC (full-width to plain), accents removed, case-folded."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.casefold()


def name_key(name: str) -> str:
    """A person's name reduced so that spellings of the same name compare equal.

    >>> name_key("Müller, Jürgen") == name_key("JURGEN MULLER")
    True
    >>> name_key("王 伟") == name_key("王伟") == name_key("王　伟")
    True
    """
    text = unicodedata.normalize("NFKC", name or "").strip()
    if text.count(",") == 1:
        last, first = text.split(",")
        text = f"{first} {last}"
    tokens = _PUNCT.sub(" ", _fold(text)).split()
    if CJK.search(text):
        return "".join(tokens)
    return " ".join(tokens)


def id_words(key: str) -> str:
    """A normalised key as a piece of an interchange id: words joined by '-' (ids hold no
    spaces, guanxi.core.ids).

    >>> id_words("kessler  maschinenbau")
    'kessler-maschinenbau'
    """
    return "-".join(key.split())


def org_key(name: str) -> str:
    """An organisation's name without case, accents, punctuation or legal form.

    >>> org_key("ACME, Inc.") == org_key("Acme") == org_key("ＡＣＭＥ Ltd")
    True
    """
    text = _fold(name or "").replace(".", "").strip()
    for suffix in _CN_LEGAL:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    tokens = [t for t in _PUNCT.sub(" ", text).split() if t not in _LEGAL]
    if not tokens:
        tokens = _PUNCT.sub(" ", text).split()
    if CJK.search(text):
        return "".join(tokens)
    return " ".join(tokens)


def _plain(name: str) -> str:
    """A name as written, but for case and spacing (what `strict` matching compares)."""
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def email_key(address: str) -> str:
    """An e-mail address as it is compared: trimmed and lower-cased ('' when not one)."""
    address = unicodedata.normalize("NFKC", address or "").strip().strip("<>").lower()
    return address if address.count("@") == 1 and "." in address.split("@")[1] else ""


def domain_of(address: str) -> str:
    """The domain of an e-mail address ('' when none)."""
    address = email_key(address)
    return address.split("@")[1] if address else ""


@dataclass
class Match:
    """The outcome of resolving one record: an existing or new id, or a review."""

    ext: str | None  # the person's (or organisation's) interchange id; None = review
    how: str  # ref, email, name, new, review
    candidates: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class PersonInfo:
    """What the directory knows of a person to match and to fill blank cells."""

    ext: str
    name: str
    org: str
    title: str
    department: str
    email: str
    phone: str


class Directory:
    """The workspace's people, organisations, addresses and external ids, in memory, for one
    import; records the import adds are registered as it goes, so later rows find them."""

    def __init__(self) -> None:
        from guanxi.connectors.models import ExternalRef, PersonEmail, ReviewItem
        from guanxi.people.choices import OrgKind
        from guanxi.people.models import Organisation, Person

        self.people: dict[str, PersonInfo] = {}
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.orgs: dict[str, tuple[str, str]] = {}  # ext -> (name, kind)
        self.org_by_name: dict[str, str] = {}
        self.org_by_domain: dict[str, str] = {}
        self.own: str | None = None
        #: what a row must keep of an existing organisation: ext -> (tier, industry, parent)
        self.org_fields: dict[str, tuple[str, str, str]] = {}
        rows = Organisation.objects.values_list(
            "ext_id", "name", "kind", "tier", "industry", "parent__ext_id"
        )
        for ext, name, kind, tier, industry, parent in rows:
            self.orgs[ext] = (name, kind)
            self.org_fields[ext] = (tier, industry, parent or "")
            self.org_by_name.setdefault(org_key(name), ext)
            if kind == OrgKind.OWN:
                self.own = ext
        domains: dict[str, Counter] = defaultdict(Counter)
        rows = Person.objects.values_list(
            "ext_id", "name", "organisation__ext_id", "title", "department", "email", "phone"
        ).order_by("pk")
        for row in rows:
            info = PersonInfo(*row)
            self.people[info.ext] = info
            self.by_name[name_key(info.name)].append(info.ext)
            email = email_key(info.email)
            if email:
                self.by_email.setdefault(email, info.ext)
                domains[domain_of(email)][info.org] += 1
        for email, ext in PersonEmail.objects.values_list("email", "person__ext_id"):
            self.by_email.setdefault(email, ext)
            domains[domain_of(email)][self.people[ext].org] += 1
        for domain, counts in domains.items():
            if domain and domain not in PERSONAL_DOMAINS:
                self.org_by_domain[domain] = counts.most_common(1)[0][0]
        #: the e-mail domains seen of each organisation (a second one makes a name uncertain)
        self.org_domains: dict[str, set[str]] = defaultdict(set)
        for domain, counts in domains.items():
            for org in counts:
                if domain and domain not in PERSONAL_DOMAINS:
                    self.org_domains[org].add(domain)
        self.refs: dict[tuple[str, str], str] = {}
        for source, external_id, *exts in ExternalRef.objects.values_list(
            "source",
            "external_id",
            "person__ext_id",
            "organisation__ext_id",
            "deal__ext_id",
            "interaction__ext_id",
        ):
            self.refs[(source, external_id)] = next(e for e in exts if e)
        #: the external ids as stored before this import (to write only what changes)
        self.stored_refs = dict(self.refs)
        # what a reviewer decided: a domain is that organisation's, a name another of its own
        self.decided_domains = {e: x for (s, e), x in self.refs.items() if s == DOMAIN_REF}
        for (source, key), ext in self.refs.items():
            if source == DOMAIN_REF:
                self.org_by_domain[key] = ext
                self.org_domains[ext].add(key)
            elif source == NAME_REF:
                self.org_by_name[key] = ext
        self._resembling: dict[str, list[str]] = {}
        #: organisations created apart that wait in the review queue (not asked again)
        self.org_pending = set(
            ReviewItem.objects.filter(kind="organisation", status="open").values_list(
                "organisation__ext_id", flat=True
            )
        )
        self.reviewed: dict[tuple[str, str], str] = {
            (s, e): status
            for s, e, status in ReviewItem.objects.values_list("source", "external_id", "status")
        }
        self.new_emails: dict[str, str] = {}  # address -> person ext, to record after applying

    # organisations -------------------------------------------------------------------------
    def find_org(self, *, name: str = "", domain: str = "") -> str | None:
        """An existing (or already planned) organisation by e-mail domain, else by name."""
        if domain and domain not in PERSONAL_DOMAINS and domain in self.org_by_domain:
            return self.org_by_domain[domain]
        key = org_key(name)
        return self.org_by_name.get(key) if key else None

    def match_org(self, *, name: str = "", domain: str = "", strict: bool = False) -> Match:
        """Which organisation a company name and e-mail domain are: certain by a domain
        seen before (or decided by a reviewer), or by name when nothing contradicts it;
        a review when the name and the domain point at different organisations, the name
        matches one known by other domains, a new domain resembles a known name, or
        (`strict`) the name matches only once case, accents and legal form are set aside."""
        domain = domain if domain and domain not in PERSONAL_DOMAINS else ""
        if domain in self.decided_domains:
            return Match(self.decided_domains[domain], "ref")
        key = org_key(name)
        by_domain = self.org_by_domain.get(domain) if domain else None
        by_name = self.org_by_name.get(key) if key else None
        if by_domain and (by_domain in self.org_pending or by_name in (None, by_domain)):
            return Match(by_domain, "domain")
        if by_domain and by_name:
            return Match(None, "review", sorted({by_domain, by_name}), _(
                "its e-mail domain belongs to one organisation and its name to another"
            ))  # fmt: skip
        if by_name:
            if domain and self.org_domains.get(by_name):
                return Match(None, "review", [by_name], _(
                    "the name matches an organisation known by another e-mail domain"
                ))  # fmt: skip
            if strict and _plain(name) != _plain(self.orgs[by_name][0]):
                return Match(None, "review", [by_name], _(
                    "the name matches a known organisation only once case, accents and "
                    "legal form are set aside"
                ))  # fmt: skip
            return Match(by_name, "name")
        if domain and domain not in self._resembling:
            self._resembling[domain] = self.resembling(domain)
        similar = self._resembling.get(domain, [])
        if similar:
            return Match(None, "review", similar, _(
                "a new e-mail domain resembles the name of a known organisation"
            ))  # fmt: skip
        return Match(None, "new")

    def resembling(self, domain: str) -> list[str]:
        """Organisations (not ours) whose name the domain's first label spells, or begins
        with, or is the beginning of (at least four letters in common)."""
        labels = [x for x in domain.split(".")[:-1] if x not in ("www", "mail", "email")]
        label = re.sub(r"[^a-z0-9]", "", labels[0]) if labels else ""
        if len(label) < 3:
            return []
        found = []
        for ext, (name, kind) in self.orgs.items():
            compact = re.sub(r"[^a-z0-9]", "", org_key(name))
            if kind == "own" or len(compact) < 3:
                continue
            short = min(len(compact), len(label))
            if label == compact or (
                short >= 4 and (label.startswith(compact) or compact.startswith(label))
            ):
                found.append(ext)
        return sorted(found)[:10]

    def add_org(self, ext: str, name: str, kind: str, domain: str = "") -> None:
        """Register an organisation the import creates."""
        self.orgs[ext] = (name, kind)
        self.org_by_name.setdefault(org_key(name), ext)
        if domain and domain not in PERSONAL_DOMAINS:
            self.org_by_domain.setdefault(domain, ext)
            self.org_domains[ext].add(domain)

    # people --------------------------------------------------------------------------------
    def match_person(
        self, *, emails: list[str], name: str, org: str | None, ref: tuple[str, str] | None = None
    ) -> Match:
        """Who this record is: by external id, e-mail, or name within `org`; else new, or
        a review when only an uncertain candidate exists."""
        if ref is not None and ref in self.refs and self.refs[ref] in self.people:
            return Match(self.refs[ref], "ref")
        found = {self.by_email[e] for e in map(email_key, emails) if e in self.by_email}
        if len(found) == 1:
            return Match(found.pop(), "email")
        if len(found) > 1:
            return Match(
                None, "review", sorted(found), _("its e-mail addresses belong to different people")
            )
        same_name = self.by_name.get(name_key(name), []) if name_key(name) else []
        in_org = [ext for ext in same_name if org is not None and self.people[ext].org == org]
        if len(in_org) == 1:
            return Match(in_org[0], "name")
        if len(in_org) > 1:
            return Match(None, "review", in_org, _("several people of this name work there"))
        if same_name:
            return Match(
                None,
                "review",
                same_name[:10],
                _("someone of this name works at another organisation"),
            )
        return Match(None, "new")

    def add_person(self, info: PersonInfo) -> None:
        """Register a person the import creates (or updates), with their address."""
        known = info.ext in self.people
        self.people[info.ext] = info
        if not known:
            self.by_name[name_key(info.name)].append(info.ext)
        self.remember_email(info.email, info.ext)

    def remember_email(self, address: str, ext: str) -> None:
        """Link an address to a person (a second address is kept as an extra one)."""
        email = email_key(address)
        if not email or email in self.by_email:
            return
        self.by_email[email] = ext
        if email_key(self.people[ext].email) != email:
            self.new_emails[email] = ext
