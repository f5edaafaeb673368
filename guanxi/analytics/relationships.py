"""Effective relationship strength: max(declared, evidence from decaying interactions).

`points = sum w(kind) * 0.5 ** (age_days / half_life)` over the interactions two people both
took part in; `evidence = 100 * (1 - exp(-points / scale))`.

>>> round(evidence(3.0), 2)            # one meeting today
25.92
>>> round(effective_strength(50, 3.0 * 0.5 + 4.0), 2)   # a 180-day-old meeting and a meal today
50.0
>>> round(evidence(20.0), 2)
86.47

Interpretations (where MODEL.md is silent):
- An interaction dated after `today` is a plan, not evidence: it adds nothing until it happens.
- A person listed twice in one interaction counts once; an interaction kind the settings do not
  weigh adds nothing.
- Every pair of active participants gets the evidence, whatever their organisations (two
  customer people at the same meal get a relationship too).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ._arrays import group_max, group_sum, unique_sorted
from .settings import ScoringSettings


def evidence(points: float, settings: ScoringSettings | None = None) -> float:
    """Strength (0-100) that interaction points amount to: 100 * (1 - exp(-points / 10))."""
    scale = (settings or ScoringSettings()).evidence_scale
    return -100.0 * math.expm1(-points / scale)


def interaction_points(
    kind: str, date: dt.date, today: dt.date, settings: ScoringSettings | None = None
) -> float:
    """Points of one interaction today: its kind's weight halved every 180 days of age."""
    settings = settings or ScoringSettings()
    age = (today - date).days
    if age < 0:
        return 0.0
    return settings.interaction_weight(kind) * 0.5 ** (age / settings.half_life_days)


def effective_strength(
    declared: float | None, points: float, settings: ScoringSettings | None = None
) -> float:
    """The strength a relationship counts with: the larger of declared and evidence."""
    return float(max(declared or 0.0, evidence(points, settings)))


def interaction_pair_points(
    interactions: Iterable[Sequence[Any]],
    participants: Iterable[Sequence[Any]],
    person_index: Any,
    active: np.ndarray,
    today: dt.date,
    settings: ScoringSettings,
) -> tuple[np.ndarray, np.ndarray]:
    """Pair keys (a * n + b, a < b) of active people and their summed interaction points."""
    n = len(active)
    inter = list(interactions)
    parts = list(participants)
    if not inter or not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    icols = list(zip(*inter, strict=False))
    ikeys = np.array(icols[0], dtype=np.int64)
    ordinal = today.toordinal()
    ages = ordinal - np.array([d.toordinal() for d in icols[1]], dtype=np.float64)
    weight_of = {kind: settings.interaction_weight(kind) for kind in set(icols[2])}
    weights = np.array([weight_of[k] for k in icols[2]], dtype=np.float64)
    pts = np.where(ages >= 0, weights * np.exp2(-np.maximum(ages, 0) / settings.half_life_days), 0)
    order = np.argsort(ikeys, kind="stable")
    sorted_ikeys = ikeys[order]
    pcols = list(zip(*parts, strict=False))
    pkeys = np.array(pcols[0], dtype=np.int64)
    people = person_index(np.array(pcols[1], dtype=np.int64))
    pos = np.minimum(np.searchsorted(sorted_ikeys, pkeys), len(sorted_ikeys) - 1)
    known = (sorted_ikeys[pos] == pkeys) & (people >= 0)
    inter_idx = order[pos[known]]
    people = people[known]
    keep = active[people] & (pts[inter_idx] > 0)
    inter_idx, people = inter_idx[keep], people[keep]
    if inter_idx.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    # One row per (interaction, person), grouped by interaction.
    rows = unique_sorted(inter_idx.astype(np.int64) * n + people)
    inter_idx, people = rows // n, rows % n
    starts = np.flatnonzero(np.r_[True, inter_idx[1:] != inter_idx[:-1]])
    sizes = np.diff(np.r_[starts, len(rows)])
    rank = np.arange(len(rows)) - np.repeat(starts, sizes)
    later = np.repeat(sizes, sizes) - rank - 1  # partners after each row in its group
    first = np.repeat(np.arange(len(rows)), later)
    total = int(later.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    step = np.arange(total) - np.repeat(np.cumsum(later) - later, later) + 1
    second = first + step
    a, b = people[first], people[second]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    return group_sum(lo * n + hi, pts[inter_idx[first]], canonical=True)


def effective_pairs(
    declared_keys: np.ndarray,
    declared_strength: np.ndarray,
    evidence_keys: np.ndarray,
    evidence_points: np.ndarray,
    settings: ScoringSettings,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Union of declared and interaction pairs: keys (unsorted), effective strength, declared
    strength and interaction points."""
    keys, declared = group_max(declared_keys, declared_strength)
    points = np.zeros(len(keys))
    if len(evidence_keys):
        pos = np.minimum(np.searchsorted(keys, evidence_keys), max(len(keys) - 1, 0))
        found = keys[pos] == evidence_keys if len(keys) else np.zeros(len(pos), dtype=bool)
        points[pos[found]] = evidence_points[found]
        fresh = ~found
        keys = np.concatenate([keys, evidence_keys[fresh]])
        declared = np.concatenate([declared, np.zeros(int(fresh.sum()))])
        points = np.concatenate([points, evidence_points[fresh]])
    strength = np.maximum(declared, -100.0 * np.expm1(-points / settings.evidence_scale))
    return keys, strength, declared, points
