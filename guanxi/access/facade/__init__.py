"""The one read façade: every report and every record a page, the API or the command line
shows, asked for on behalf of a user.

Visibility is decided here (and in `restrict()`, which these functions call), never in a
view, router or command. Each function takes the user first and answers what that user may
see, or raises:

- `Unseen` (HTTP 404): no such record, or one the user may not see — never told apart;
- `Refused` (HTTP 403): a role with no such view at all, whatever the id, or a record the user
  may know exists but not open there;
- `BadArgument` (HTTP 422): a well-formed request naming something unusable.

| what | functions |
|---|---|
| reports (API, CLI, pages) | `account_for`, `person_for`, `paths_for`, `company_for`, `deal_for` |
| accounts | `account_record`, `account_rows`, `subsidiaries` |
| key person | `key_person`, `path_starts` |
| employees | `employee_person`, `employee`, `employee_list`, `own_employee_id`,
  `departed`, `won_currency` |
| deals | `deal_record`, `deal_page`, `deal_rows`, `may_add_deal` |
| competitors and the company | `competitor`, `competitors`, `deal_summaries`, `dashboard` |
| lookups | `person_facts`, `deal_records`, `search_candidates`, `pinyin_matches` |
| staleness | `relationship_marks`, `marks_with`, `mark_for`, `account_marks`,
  `account_relationships`, `last_contact_of` |
"""

from guanxi.access.facade.accounts import account_rows, subsidiaries
from guanxi.access.facade.company import competitor, competitors, dashboard, deal_summaries
from guanxi.access.facade.deals import (
    competitor_intelligence,
    deal_credit,
    deal_page,
    deal_rows,
    may_add_deal,
)
from guanxi.access.facade.employees import (
    departed,
    employee,
    employee_list,
    employee_person,
    own_employee_id,
    won_currency,
)
from guanxi.access.facade.freshness import (
    account_marks,
    account_relationships,
    last_contact_of,
    mark_for,
    marks_with,
    relationship_marks,
)
from guanxi.access.facade.lookups import (
    deal_records,
    person_facts,
    pinyin_matches,
    search_candidates,
)
from guanxi.access.facade.people import key_person, path_starts
from guanxi.access.guarded import (
    BadArgument,
    Refused,
    Unseen,
    account_for,
    account_record,
    company_for,
    deal_for,
    deal_record,
    paths_for,
    person_for,
)

__all__ = [
    "BadArgument",
    "Refused",
    "Unseen",
    "account_for",
    "account_marks",
    "account_relationships",
    "account_record",
    "account_rows",
    "company_for",
    "competitor",
    "competitors",
    "dashboard",
    "competitor_intelligence",
    "deal_credit",
    "deal_for",
    "deal_record",
    "deal_records",
    "deal_summaries",
    "deal_page",
    "deal_rows",
    "departed",
    "employee",
    "employee_list",
    "employee_person",
    "key_person",
    "path_starts",
    "last_contact_of",
    "mark_for",
    "marks_with",
    "may_add_deal",
    "own_employee_id",
    "paths_for",
    "person_facts",
    "person_for",
    "pinyin_matches",
    "relationship_marks",
    "search_candidates",
    "subsidiaries",
    "won_currency",
]
