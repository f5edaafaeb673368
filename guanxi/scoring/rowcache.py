"""A compact columnar copy of the engine's input rows, stored in the database.

Reading a million ties row by row costs about a second of Python object creation; the same
ties as four numpy columns in one blob load in milliseconds. The copy is tagged with the data
version it was read at, so any write (which bumps the version) makes it stale, and the next
reader rebuilds it. Only numbers, UTF-8 text and JSON are stored — never pickles.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import numpy as np
from django.db import IntegrityError, transaction

from guanxi.analytics.data import PeopleColumns, TieArrays
from guanxi.core.models import AnalysisCache
from guanxi.scoring.loader import WorkspaceRows

SEP = "\x1f"  # unit separator: cannot occur in ids or names entered through the product
FORMAT = 1


def _text(values: list[str]) -> np.ndarray:
    return np.frombuffer(SEP.join(values).encode(), dtype=np.uint8)


def _untext(array: np.ndarray, count: int) -> list[str]:
    if count == 0:
        return []
    return array.tobytes().decode().split(SEP)


def encode(rows: WorkspaceRows) -> bytes:
    """The rows as one .npz blob (uncompressed: loading speed matters more than size)."""
    people = rows.people
    cols = people if isinstance(people, PeopleColumns) else PeopleColumns.from_rows(people)
    ties = rows.ties
    small = {
        "format": FORMAT,
        "orgs": rows.orgs,
        "interactions": [(k, d.isoformat(), kind) for k, d, kind in rows.interactions],
        "participants": rows.participants,
        "deals": rows.deals,
        "roles": rows.roles,
    }
    buffer = io.BytesIO()
    np.savez(
        buffer,
        tie_source=np.asarray(ties.source, dtype=np.int64),
        tie_target=np.asarray(ties.target, dtype=np.int64),
        tie_kind=np.asarray(ties.kind, dtype=np.int8),
        tie_strength=np.nan_to_num(np.asarray(ties.strength, dtype=np.float64), nan=-1).astype(
            np.int16
        ),
        person_key=np.asarray(cols.key, dtype=np.int64),
        person_org=np.asarray(cols.org, dtype=np.int64),
        person_left=np.asarray(cols.left, dtype=bool),
        person_power=np.nan_to_num(np.asarray(cols.power, dtype=np.float64), nan=-1).astype(
            np.int16
        ),
        person_is_key=np.asarray(cols.is_key, dtype=bool),
        person_is_sales=np.asarray(cols.is_sales, dtype=bool),
        person_ids=_text(list(cols.ids)),
        person_names=_text(list(cols.names)),
        small=np.frombuffer(json.dumps(small, ensure_ascii=False).encode(), dtype=np.uint8),
    )
    return buffer.getvalue()


def decode(blob: bytes) -> WorkspaceRows:
    """The rows back from a blob written by `encode`."""
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        small = json.loads(z["small"].tobytes().decode())
        if small.get("format") != FORMAT:
            raise ValueError("analysis cache of another format")
        n = len(z["person_key"])
        strength = z["tie_strength"].astype(np.float64)
        strength[strength < 0] = np.nan
        ties = TieArrays(z["tie_source"], z["tie_target"], z["tie_kind"], strength)
        power = z["person_power"].astype(np.float64)
        power[power < 0] = np.nan
        people = PeopleColumns(
            key=z["person_key"],
            ids=_untext(z["person_ids"], n),
            org=z["person_org"],
            left=z["person_left"],
            power=power,
            is_key=z["person_is_key"],
            is_sales=z["person_is_sales"],
            names=_untext(z["person_names"], n),
        )
    return WorkspaceRows(
        orgs=[tuple(r) for r in small["orgs"]],
        people=people,
        ties=ties,
        interactions=[(k, dt.date.fromisoformat(d), kind) for k, d, kind in small["interactions"]],
        participants=[tuple(r) for r in small["participants"]],
        deals=[(*r[:5], tuple(r[5]), *r[6:]) for r in small["deals"]],
        roles=[tuple(r) for r in small["roles"]],
    )


def cached_rows(version: int) -> WorkspaceRows | None:
    """The rows cached at `version`, or None when there is no (readable) copy."""
    blob = AnalysisCache.objects.filter(data_version=version).values_list("payload", flat=True)
    blob = blob.first()
    if blob is None:
        return None
    try:
        return decode(bytes(blob))
    except (ValueError, KeyError, OSError):
        return None


def store_rows(version: int, rows: WorkspaceRows) -> None:
    """Keep `rows` as the copy for `version`, replacing older copies (best effort: a
    concurrent reader may have stored the same version first)."""
    payload = encode(rows)
    try:
        with transaction.atomic():
            AnalysisCache.objects.exclude(data_version=version).delete()
            AnalysisCache.objects.get_or_create(data_version=version, defaults={"payload": payload})
    except IntegrityError:
        pass


def rows_for(version: int, load: Any) -> WorkspaceRows:
    """The rows at `version`: from the cached copy, or from `load()` (then cached)."""
    rows = cached_rows(version)
    if rows is None:
        rows = load()
        store_rows(version, rows)
    return rows
