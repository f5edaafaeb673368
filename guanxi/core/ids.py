"""The one rule for interchange ids, used by every writer (import, API, forms, admin, services).

An id must survive every place it goes: a URL path segment (no '/'), a list cell of the
interchange (no ';', the list separator), a CSV opened in a spreadsheet (no leading '=', '+',
'-' or '@', which start a formula), a PostgreSQL text column and a terminal (printable: no
control characters, no NUL), and a person reading or typing it (no spaces: 'dfb ceo' and
'dfb  ceo' would look alike).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: Characters that make a spreadsheet read a cell as a formula when they come first.
FORMULA_START = ("=", "+", "-", "@")
#: Characters that separate things an id is put inside (URL segments, list cells).
SEPARATORS = ("/", ";")


def id_problem(text: str) -> str | None:
    """Why `text` cannot be an interchange id, or None (lengths are checked per column).

    >>> id_problem("dfb-ceo") is None, id_problem("东方-1") is None
    (True, True)
    >>> id_problem("zz/p1")
    "the id 'zz/p1' contains '/'; ids cannot contain '/' or ';'"
    >>> id_problem("=HYPERLINK(1)")
    "the id '=HYPERLINK(1)' starts with '='; ids cannot start with = + - or @"
    """
    if not text.strip():
        return _("the id is empty")
    if not text.isprintable():
        shown = text.encode("unicode_escape").decode("ascii")
        return _("the id '%(id)s' contains a control or non-printing character") % {"id": shown}
    if any(ch.isspace() for ch in text):
        return _("the id '%(id)s' contains a space; ids are written without spaces") % {"id": text}
    for sep in SEPARATORS:
        if sep in text:
            return _("the id '%(id)s' contains '%(char)s'; ids cannot contain '/' or ';'") % {
                "id": text,
                "char": sep,
            }
    if text.startswith(FORMULA_START):
        return _("the id '%(id)s' starts with '%(char)s'; ids cannot start with = + - or @") % {
            "id": text,
            "char": text[0],
        }
    return None


def validate_ext_id(value: str) -> None:
    """A Django validator for an id field of a form (the rule of `id_problem`)."""
    why = id_problem(value or "")
    if why:
        raise ValidationError(why, code="invalid_id")


def check_new_id(record: object, errors: dict[str, str]) -> None:
    """Add to `errors` (under "ext_id") why a new or changed id of `record` breaks the rule;
    ids stored before the rule stay editable."""
    value = getattr(record, "ext_id", "") or ""
    pk = getattr(record, "pk", None)
    if pk is not None:
        stored = type(record)._default_manager.filter(pk=pk).values_list("ext_id", flat=True)
        if stored.first() == value:
            return
    why = id_problem(value)
    if why:
        errors["ext_id"] = why
