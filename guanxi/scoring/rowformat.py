"""The engine's input rows, and their compact columnar form (one .npz blob).

Reading a million ties row by row costs about a second of Python object creation; the same
ties as four numpy columns in one blob load in milliseconds. Only numbers, UTF-8 text and
JSON are stored — never pickles. No Django here: a cold CLI process decodes the blob without
starting Django (guanxi.scoring.coldread).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from guanxi.analytics import ScoringSettings, Workspace, build_workspace
from guanxi.analytics.data import PeopleColumns, TieArrays


@dataclass(frozen=True)
class WorkspaceRows:
    """Everything the engine needs, as plain rows and columns."""

    orgs: list[tuple[Any, ...]]
    people: list[tuple[Any, ...]] | PeopleColumns
    ties: TieArrays
    interactions: list[tuple[int, dt.date, str]]
    participants: list[tuple[int, int]]
    deals: list[tuple[Any, ...]]
    roles: list[tuple[Any, ...]]


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


def workspace_of(rows: WorkspaceRows, *, today: dt.date, settings: ScoringSettings) -> Workspace:
    """The analysis workspace of `rows` as of `today` under `settings`."""
    return build_workspace(
        rows.orgs,
        rows.people,
        rows.ties,
        rows.interactions,
        rows.participants,
        rows.deals,
        rows.roles,
        today=today,
        settings=settings,
    )
