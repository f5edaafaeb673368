"""One table of role × route × outcome for the pages and the API, on the demo workspace.

Demo users: demo (admin), liangwenbo (manager), lina (sales on dfb and jng, person ht-kam1),
chenjing (contributor, person ht-hr), guest (viewer). tyt is an account neither lina nor
chenjing may see; hr and lx are competitors.

Each case is one question a user may ask ("the graph of account dfb") with the page and the
API routes that answer it; every route of a case must give the case's status for each role.
The rule (docs/decisions.md, "What a user may not see is not there for them"): 404 for what
the user may not see, exactly as for an id that does not exist; 403 only where they may know
it exists but not open it there, or where their role has no such view at all, whatever the
id. A page that sends a role elsewhere answers 302 (REDIRECTS says where).
"""

from __future__ import annotations

from dataclasses import dataclass

A, M, S, C, V = "admin", "manager", "sales", "contributor", "viewer"
ORDER = (A, M, S, C, V)


def row(*codes: int) -> dict[str, int]:
    """Statuses in the order admin, manager, sales, contributor, viewer."""
    return dict(zip(ORDER, codes, strict=True))


ALL_200 = row(200, 200, 200, 200, 200)
ALL_404 = row(404, 404, 404, 404, 404)
EVERYTHING = row(200, 200, 403, 403, 403)  # admins and managers only
ACCOUNT_DFB = row(200, 200, 200, 403, 403)  # lina's account: not contributors or viewers
HIDDEN_TYT = row(200, 200, 404, 404, 403)  # neither lina nor chenjing may see it at all
DEAL_DFB = row(200, 200, 200, 404, 403)  # contributors see no deal; viewers no deal pages
COMPANY = row(200, 200, 403, 403, 200)  # company-wide numbers
PEOPLE_LEVEL = row(200, 200, 200, 200, 403)  # viewers see no individual person
UNKNOWN_PERSON = row(404, 404, 404, 404, 403)
WRITERS = row(200, 200, 200, 200, 403)


@dataclass(frozen=True)
class Case:
    """A question, the routes that answer it (pages and API), and the status per role."""

    what: str
    outcome: dict[str, int]
    pages: tuple[str, ...] = ()
    api: tuple[str, ...] = ()


CASES: tuple[Case, ...] = (
    # --- analysis: the page and the API answer alike --------------------------------------
    Case(
        "account graph of lina's account",
        ACCOUNT_DFB,
        ("/accounts/dfb/",),
        ("/api/accounts/dfb/analysis",),
    ),
    Case(
        "account graph of a hidden account",
        HIDDEN_TYT,
        ("/accounts/tyt/",),
        ("/api/accounts/tyt/analysis",),
    ),
    Case(
        "account graph of an unknown id",
        ALL_404,
        ("/accounts/nope/",),
        ("/api/accounts/nope/analysis",),
    ),
    Case(
        "account graph of a competitor (no such account)",
        ALL_404,
        ("/accounts/hr/",),
        ("/api/accounts/hr/analysis",),
    ),
    Case(
        "paths to a customer person of lina's",
        PEOPLE_LEVEL,
        ("/people/dfb-ceo/",),
        ("/api/people/dfb-ceo/paths",),
    ),
    # contributors get the paths to anyone (the page then shows the paths and nothing else)
    Case(
        "paths to a hidden account's person",
        row(200, 200, 404, 200, 403),
        ("/people/tyt-ceo/",),
        ("/api/people/tyt-ceo/paths",),
    ),
    Case(
        "key person of an unknown id",
        UNKNOWN_PERSON,
        ("/people/nope/",),
        ("/api/people/nope/paths", "/api/people/nope/view"),
    ),
    # the whole key-person view of a customer's person goes with the account
    Case("key-person view, lina's account", ACCOUNT_DFB, (), ("/api/people/dfb-ceo/view",)),
    Case("key-person view, hidden account", HIDDEN_TYT, (), ("/api/people/tyt-ceo/view",)),
    Case(
        "decision chain of lina's deal",
        DEAL_DFB,
        ("/deals/dfb-d1/",),
        ("/api/deals/dfb-d1/analysis",),
    ),
    Case(
        "decision chain of a hidden deal",
        HIDDEN_TYT,
        ("/deals/tyt-d1/",),
        ("/api/deals/tyt-d1/analysis",),
    ),
    Case(
        "decision chain of an unknown id",
        UNKNOWN_PERSON,
        ("/deals/nope/",),
        ("/api/deals/nope/analysis",),
    ),
    Case("our company view", COMPANY, ("/competitors/",), ("/api/company",)),
    Case("a competitor's company view", COMPANY, ("/competitors/lx/",), ("/api/company?side=lx",)),
    Case(
        "company view of an unknown side",
        row(404, 404, 403, 403, 404),
        ("/competitors/nope/",),
        ("/api/company?side=nope",),
    ),
    # --- pages only ------------------------------------------------------------------------
    Case("start page", row(200, 200, 302, 302, 200), ("/",)),
    Case("account list", ALL_200, ("/accounts/",)),
    Case("employee list", row(200, 200, 302, 302, 200), ("/employees/",)),
    Case("lina's employee view", row(200, 200, 200, 404, 200), ("/employees/ht-kam1/",)),
    Case("chenjing's employee view", row(200, 200, 403, 200, 200), ("/employees/ht-hr/",)),
    Case("deal list", PEOPLE_LEVEL, ("/deals/",)),
    Case("import and export", EVERYTHING, ("/import/", "/export/")),
    Case("audit log", row(200, 403, 403, 403, 403), ("/audit/",)),
    Case("search", ALL_200, ("/search/?q=tyt",)),
    Case(
        "drawer forms anyone who writes may open",
        WRITERS,
        (
            "/new/tie/?target=tyt-ceo",
            "/new/tie/?target=dfb-ceo",
            "/new/interaction/?person=dfb-ceo",
        ),
    ),
    Case(
        "forms on lina's account",
        ACCOUNT_DFB,
        ("/new/person/?org=dfb", "/new/deal/?org=dfb", "/edit/person/dfb-ceo/"),
    ),
    Case(
        "a new person in a hidden account", row(200, 200, 404, 403, 403), ("/new/person/?org=tyt",)
    ),
    Case(
        "forms on a hidden account",
        HIDDEN_TYT,
        ("/edit/person/tyt-ceo/", "/edit/deal/tyt-d1/", "/edit/deal/tyt-d1/role/"),
    ),
    Case("forms on lina's deal", DEAL_DFB, ("/edit/deal/dfb-d1/", "/edit/deal/dfb-d1/role/")),
    # --- API records: a record the role's list never holds is not there (404) --------------
    Case("organisation of lina's", ALL_200, (), ("/api/organisations/dfb",)),
    Case(
        "organisation of a hidden account",
        row(200, 200, 404, 404, 200),
        (),
        ("/api/organisations/tyt",),
    ),
    Case("person of lina's account", row(200, 200, 200, 200, 404), (), ("/api/people/dfb-ceo",)),
    Case(
        "person of a hidden account",
        row(200, 200, 404, 404, 404),
        (),
        ("/api/people/tyt-region1-s0",),
    ),
    Case("deal of lina's", row(200, 200, 200, 404, 404), (), ("/api/deals/dfb-d1",)),
    Case("deal of a hidden account", row(200, 200, 404, 404, 404), (), ("/api/deals/tyt-d1",)),
    Case(
        "chenjing's tie",
        row(200, 200, 200, 200, 404),
        (),
        ("/api/ties/ht-hr/dfb-ceo/relationship",),
    ),
)

#: (role, page) → where its redirect goes
REDIRECTS = {
    (S, "/"): "/accounts/",
    (C, "/"): "/employees/",
    (S, "/employees/"): "/employees/ht-kam1/",
    (C, "/employees/"): "/employees/ht-hr/",
}

PAGES: dict[str, dict[str, int]] = {page: c.outcome for c in CASES for page in c.pages}
API: dict[str, dict[str, int]] = {url: c.outcome for c in CASES for url in c.api}

#: the demo user of each role
USERS = {A: "demo", M: "liangwenbo", S: "lina", C: "chenjing", V: "guest"}


def cli_args(url: str) -> list[str] | None:
    """The `guanxi` command asking what an analysis route of the API answers, if any."""
    path, _, query = url.partition("?")
    parts = path.strip("/").split("/")[1:]
    if parts == ["company"]:
        return ["company", *(["--side", query.split("=", 1)[1]] if query else [])]
    if len(parts) == 3 and parts[2] in ("analysis", "view", "paths"):
        command = {"accounts": "account", "deals": "deal"}.get(parts[0])
        command = command or ("person" if parts[2] == "view" else "paths")
        return [command, parts[1]]
    return None


#: the command line's questions: (argv, status per role) for every analysis route
CLI: dict[tuple[str, ...], dict[str, int]] = {
    tuple(args): outcome for url, outcome in API.items() if (args := cli_args(url))
}
