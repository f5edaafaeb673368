"""The interchange files and their columns (INTERCHANGE.md), in the order export writes them."""

from __future__ import annotations

ORGS = "organizations.csv"
PEOPLE = "people.csv"
TIES = "ties.csv"
INTERACTIONS = "interactions.csv"
DEALS = "deals.csv"
ROLES = "deal_roles.csv"
CREDITS = "deal_credits.csv"
SNAPSHOTS = "snapshots.csv"

#: file → its columns, in the order export writes them
COLUMNS: dict[str, tuple[str, ...]] = {
    ORGS: ("id", "name", "kind", "tier", "industry", "parent_id"),
    PEOPLE: (
        "id",
        "organization_id",
        "name",
        "title",
        "department",
        "reports_to_id",
        "power",
        "key",
        "is_sales",
        "personality",
        "status",
        "email",
        "phone",
        "notes",
    ),
    TIES: ("source_id", "target_id", "kind", "strength", "since", "notes"),
    INTERACTIONS: ("id", "date", "kind", "participant_ids", "notes"),
    DEALS: (
        "id",
        "organization_id",
        "name",
        "stage",
        "status",
        "amount",
        "currency",
        "close_date",
        "competitor_ids",
        "owner",
    ),
    ROLES: (
        "deal_id",
        "person_id",
        "role",
        "attitude",
        "contact_level",
        "personality",
        "notes",
        "competitors_checked",
    ),
    CREDITS: ("deal_id", "person_id", "share"),
    SNAPSHOTS: ("date", "subject_id", "metric", "value"),
}

#: people.csv's columns stored as they are on a person (the same names on `Person`), in order:
#: all but the id and the two references (organisation, manager)
PERSON_FIELDS: tuple[str, ...] = tuple(
    c for c in COLUMNS[PEOPLE] if c not in ("id", "organization_id", "reports_to_id")
)

#: file → columns its header must have (the bold ones of INTERCHANGE.md)
REQUIRED_COLUMNS: dict[str, frozenset[str]] = {
    ORGS: frozenset({"id", "name", "kind"}),
    PEOPLE: frozenset({"id", "organization_id", "name"}),
    TIES: frozenset({"source_id", "target_id", "kind"}),
    INTERACTIONS: frozenset({"id", "date", "kind", "participant_ids"}),
    DEALS: frozenset({"id", "organization_id", "name"}),
    ROLES: frozenset({"deal_id", "person_id", "role"}),
    CREDITS: frozenset({"deal_id", "person_id", "share"}),
    SNAPSHOTS: frozenset({"date", "subject_id", "metric", "value"}),
}

FILES: tuple[str, ...] = tuple(COLUMNS)
REQUIRED_FILES = frozenset({ORGS, PEOPLE})

#: separator of lists inside a cell (participant_ids, competitor_ids)
LIST_SEPARATOR = ";"
